"""The cleaner's rules by name (:data:`RULES`) and the ones a run applies (:func:`active`)."""

from __future__ import annotations

from functools import lru_cache

from shabaka.config import CleanSettings, check_choice

#: The rules of the cleaner, by name, in the order they are tried; :attr:`CleanSettings.rules`
#: chooses those applied (all by default). The reason a line is removed for is recorded in
#: :attr:`CleanResult.reasons` (several rules may give the same reason, e.g. ``menu``).
RULES: dict[str, str] = {
    # every line
    "ticker": "a long line without punctuation, or headlines set apart by wide gaps: a ticker (reason: ticker)",
    "menu list": "a line with several menu separators | » › • · (reason: menu)",
    "glued ticker": "headlines joined by ' ... ', ' * ' or ' + ' (reason: ticker)",
    "repeated paragraph": "a paragraph repeating an earlier line (reason: repeat)",
    # short lines: chrome by their form
    "copyright": "a copyright line; ends the article",
    "tags": "a tags line; ends the article",
    "comment form": "a comment form label; ends the article",
    "related header": 'a "related articles" header; ends the article',
    "read also": 'a "read also" line',
    "latin line": "a short or unpunctuated Latin line in an Arabic page",
    "date": "a date or time stamp",
    "page ui": "page interface words (print, font size, ...)",
    "caption": "the caption of an archive photo (X - أرشيفية)",
    "share": "share and follow buttons",
    "address": "a postal or contact address",
    "dated byline": "a byline with a date between separators is not a menu",
    "menu": "menu separators or a breadcrumb",
    "nav words": "a line made only of menu words",
    "repeat": "a short line repeating an earlier title (the headline with the site's name)",
    "site-prefixed title": 'a line starting with an earlier "Site name -" label',
    "byline": "a short line naming the author or agency",
    "short paragraph": "a short line ending like a sentence is prose",
    # the article
    "teaser": 'a title followed by an excerpt cut with "..." (both lines), unless it is the first prose (a lede)',
    "related link": 'the short lines under a "related articles" or "read also" header, or one line of '
    "headlines set apart by two dots under it",
    "cut last paragraph": "the page's last line, long and unpunctuated like a ticker, right after the article's "
    'prose (or a line ending with ":" that opens a quote) is a paragraph cut short, not a ticker',
    "comments after article": "prose after the first comment form or copyright line is not the article",
    "teasers after article": 'prose after a "related articles" header is not the article, when prose comes before it',
    "second article part": "a prose cluster of comparable size in the same page section is kept too",
    "between article parts": "between two kept clusters only prose stays",
    "headline": "the headline, subtitle and byline above the article are kept",
    "list above article": "more than two lines beyond the headline and subtitle, all title-like, in a row right "
    "above the article are a list of other stories: none of them is its headline",
    "signature": "a signature line right after the article is kept",
    "never empty": "a page is never emptied: at worst its longest line is kept",
}


@lru_cache(maxsize=64)
def active(settings: CleanSettings) -> frozenset[str]:
    """The names of the rules ``settings`` applies (checked against :data:`RULES`)."""
    for name in settings.rules or ():
        check_choice("rule", name, RULES)
    return frozenset(RULES if settings.rules is None else settings.rules)
