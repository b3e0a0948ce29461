"""Page boilerplate removal: only the article reaches the extractor.

Scraped news pages carry, above and below the article, text that is not the article:
tickers of unrelated headlines, menus, share buttons, comment forms, "related articles"
lists, dated teasers, copyright and address footers. Names in that text must not become
nodes of the graph, so :func:`clean_text` keeps the article body and drops the rest.
:func:`extract_html` does the same for HTML pages: every block of the page on its own
line, cleaned by the same rules, with trafilatura's main-content extraction casting
the deciding vote on which prose is the article (comments and teasers are not);
title, date, author, url and site name are kept as metadata.

How plain text is judged
------------------------
Every non-empty line is a *block*. Each block gets one of three kinds:

``prose``
    a paragraph of running text: at least :attr:`CleanSettings.prose_min_words` words
    with punctuation, or :attr:`CleanSettings.prose_long_words` words at all, or a
    shorter line that ends like a sentence (and passed every chrome rule).
``chrome``
    page furniture, recognised by its *form*, with a reason: a long line of headlines
    glued together without punctuation or joined by " | ", " ... " (a ticker or menu),
    a short line that is a date/time stamp, a form label (ends with ``*``, "البريد
    الإلكتروني"), a share or menu line, a copyright or address footer, a "related
    articles" header (and the list of titles under it), a Latin-only label in an
    Arabic page, a line repeating an earlier one ("site name - headline"), or a
    teaser (a title followed by an excerpt cut short with "...").
    Keyword rules only ever judge *short* lines: a prose paragraph that mentions
    "البريد الإلكتروني" is never dropped for it.
``text``
    any other short line: a headline, byline, subheading, quote, bullet point.

The article is then found by *position*. Prose blocks close to each other form
clusters; a cluster ends at a page-end marker (comment form, copyright, tags, a
"related articles" header) or at a gap holding several chrome lines. The article is
the cluster with the most prose characters, looking only before the first comment form
or copyright line when there is prose before it (what follows is comments and
teasers); a cluster of comparable size in the same page section is kept too (an
article cut in two by an ad box). Inside the article span, ``text`` lines are kept
(short paragraphs, quotes, bullet facts) and chrome lines dropped. Above it, the
headline, subtitle and byline are kept (walking up over dates, captions and repeated
lines, stopping at a ticker, a link list or a page-end marker); below it, a signature
line (the author's name, the agency) is kept. If no prose is found at all, every
``text`` line is kept, and a page is never emptied: at worst its longest line is kept.

Everything is deterministic, and every removed line comes with its reason
(:attr:`CleanResult.reasons`); :func:`write_removed` writes them for inspection.
"""

from __future__ import annotations

from shabaka.clean.article import CleanResult, clean_text, write_removed
from shabaka.clean.html import HTML_METHODS, clean_html, extract_html, html_lines
from shabaka.clean.lines import DEFAULT_SETTINGS, Block, classify_lines
from shabaka.clean.patterns import fold
from shabaka.clean.rules import RULES
from shabaka.config import CleanSettings

__all__ = [
    "DEFAULT_SETTINGS",
    "HTML_METHODS",
    "RULES",
    "Block",
    "CleanResult",
    "CleanSettings",
    "classify_lines",
    "clean_html",
    "clean_text",
    "extract_html",
    "fold",
    "html_lines",
    "write_removed",
]
