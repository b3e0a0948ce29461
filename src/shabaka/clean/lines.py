"""Lines of a page and their kinds: prose, text or chrome (with the reason)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from shabaka.clean import rules as _rules
from shabaka.clean.patterns import (
    _ARABIC_RX,
    _DATE_WORDS_RX,
    _LATIN_RX,
    _PUNCT_RX,
    _SOCIAL_START_RX,
    ADDRESS_RX,
    BREADCRUMB_RX,
    BYLINE_RX,
    CAPTION_RX,
    COPYRIGHT_RX,
    DATE_RX,
    ELLIPSIS_END_RX,
    FOLLOW_NEWS_RX,
    FORM_RX,
    GLUE_RX,
    LABEL_END_RX,
    LATIN_SENTENCE_END_RX,
    MENU_SEPARATORS_RX,
    NAV_WORD_RX,
    READ_ALSO_RX,
    RELATED_HEADER_RX,
    SENTENCE_END_RX,
    SOCIAL_RX,
    TAGS_RX,
    TWO_DOTS_RX,
    UI_RX,
    _menu_separators,
    fold,
)
from shabaka.config import CleanSettings

DEFAULT_SETTINGS = CleanSettings()


@dataclass(slots=True)
class Block:
    """One non-empty line of the page and the verdict on it.

    ``kind`` is ``prose``, ``text`` or ``chrome``; ``reason`` says why a line is
    chrome (or, in the end, why it was removed); ``end_marker`` marks chrome that ends
    an article (comment form, copyright, tags, related-articles header).
    """

    index: int
    text: str
    folded: str
    words: int
    kind: str = "text"
    reason: str = ""
    end_marker: bool = False
    byline: bool = False
    keep: bool = False
    repeat_of: int = -1
    gaps: int = 0  # runs of three spaces or more between words: headlines laid side by side


_GAPS_RX = re.compile(r"(?<=\S)[ \t\u00a0]{3,}(?=\S)")


def _longest_unpunctuated_run(text: str) -> int:
    """Largest number of words between two punctuation marks.

    >>> _longest_unpunctuated_run("واحد اثنان، ثلاثة أربعة خمسة.")
    3
    """
    return max(len(part.split()) for part in _PUNCT_RX.split(text))


def _is_ticker(block: Block, punct: bool, settings: CleanSettings) -> bool:
    """Headlines glued into one line: many words and (almost) no punctuation, or three or
    more headlines set apart by wide gaps of spaces."""
    if SENTENCE_END_RX.search(block.text):
        return False
    if block.gaps >= 2:
        return True
    if not punct and block.words >= settings.ticker_min_words:
        return True
    return _longest_unpunctuated_run(block.text) > settings.ticker_run_words


def _is_date_line(folded: str, words: int, settings: CleanSettings) -> bool:
    if not DATE_RX.search(folded):
        return False
    rest = _DATE_WORDS_RX.sub(" ", folded)
    rest_words = [w for w in re.split(r"[\W_]+", rest) if w]
    return len(rest_words) <= settings.date_max_other_words


def _is_nav_line(folded: str) -> bool:
    """A line made only of menu/section words and separators."""
    parts = [p.strip() for p in re.split(r"\s*[|»›>•·/\-–—]\s*", folded) if p.strip()]
    if not parts:
        return True
    for part in parts:
        if NAV_WORD_RX.match(part):
            continue
        words = part.split()
        # a part may be a few nav words side by side ("سياسة اقتصاد رياضة")
        i = 0
        while i < len(words):
            two = " ".join(words[i : i + 2])
            if i + 1 < len(words) and NAV_WORD_RX.match(two):
                i += 2
            elif NAV_WORD_RX.match(words[i]):
                i += 1
            else:
                return False
    return True


def _byline_with_date(folded: str, settings: CleanSettings) -> bool:
    """A byline and a date joined by a separator: "عمان - رنا العبادي | 08-04-2025"."""
    parts = [p for p in MENU_SEPARATORS_RX.split(folded) if p.strip()]
    return (
        len(parts) == 2
        and bool(BYLINE_RX.search(parts[0].strip()))
        and _is_date_line(parts[1], len(parts[1].split()), settings)
    )


def _social_line(folded: str) -> bool:
    if _SOCIAL_START_RX.search(folded):
        return True
    tokens = [w for w in re.split(r"[\W_]+", folded) if w]
    hits = len(SOCIAL_RX.findall(folded))
    return bool(tokens) and hits * 2 >= len(tokens)


def _latin_label(block: Block, settings: CleanSettings) -> bool:
    """A Latin line in an Arabic page that is short or does not end like a sentence (a Latin
    sentence or quotation may belong to the article)."""
    latin = not _ARABIC_RX.search(block.folded) and _LATIN_RX.search(block.folded)
    return bool(latin) and (block.words < settings.sentence_min_words or not LATIN_SENTENCE_END_RX.search(block.text))


def _related_header(block: Block, settings: CleanSettings) -> bool:
    """A short header of related articles, or a line asking to follow the site's news (تابعوا
    آخر أخبارنا عبر Google news): the article ends there, other stories' teasers follow."""
    return (bool(RELATED_HEADER_RX.search(block.folded)) and block.words <= 8) or bool(
        FOLLOW_NEWS_RX.search(block.folded)
    )


ChromeTest = Callable[[Block, CleanSettings], bool]

#: The form rules of short lines, tried in order: (rule, reason recorded, whether the line
#: ends the article, test). A rule with reason ``""`` says the line is *not* chrome and
#: stops the search.
CHROME_TESTS: tuple[tuple[str, str, bool, ChromeTest], ...] = (
    ("copyright", "copyright", True, lambda b, s: bool(COPYRIGHT_RX.search(b.folded))),
    ("tags", "tags", True, lambda b, s: bool(TAGS_RX.search(b.folded))),
    ("comment form", "comment form", True, lambda b, s: bool(FORM_RX.search(b.folded))),
    ("related header", "related header", True, _related_header),
    ("read also", "read also", False, lambda b, s: bool(READ_ALSO_RX.search(b.folded))),
    ("latin line", "latin line", False, _latin_label),
    ("date", "date", False, lambda b, s: _is_date_line(b.folded, b.words, s)),
    ("page ui", "page ui", False, lambda b, s: bool(UI_RX.search(b.folded))),
    ("caption", "caption", False, lambda b, s: bool(CAPTION_RX.search(b.folded))),
    ("share", "share", False, lambda b, s: _social_line(b.folded)),
    ("address", "address", False, lambda b, s: bool(ADDRESS_RX.search(b.folded))),
    ("dated byline", "", False, lambda b, s: bool(_menu_separators(b.text)) and _byline_with_date(b.folded, s)),
    ("menu", "menu", False, lambda b, s: bool(_menu_separators(b.text) or BREADCRUMB_RX.search(b.folded))),
    ("nav words", "menu", False, lambda b, s: _is_nav_line(b.folded)),
)


def _chrome_reason(block: Block, settings: CleanSettings) -> tuple[str, bool]:
    """Why a short line is page chrome (``""`` if it is not), and whether it ends an article
    (the first rule of :data:`CHROME_TESTS` that applies)."""
    on = _rules.active(settings)
    for rule, reason, ends, test in CHROME_TESTS:
        if rule in on and test(block, settings):
            return reason, ends
    return "", False


def classify_lines(text: str, settings: CleanSettings = DEFAULT_SETTINGS) -> list[Block]:
    """Split ``text`` into non-empty lines and give each its kind (prose, text or chrome).

    Parameters
    ----------
    text : a scraped page as plain text, one paragraph or page element per line
    settings : thresholds

    Returns
    -------
    One :class:`Block` per non-empty line, in order.

    Examples
    --------
    >>> page = "الرئيسية | سياسة | رياضة\\nجميع الحقوق محفوظة © 2024"
    >>> [(b.kind, b.reason) for b in classify_lines(page)]
    [('chrome', 'menu'), ('chrome', 'copyright')]
    """
    blocks: list[Block] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if line:
            folded = fold(line)
            blocks.append(Block(len(blocks), line, folded, len(line.split()), gaps=len(_GAPS_RX.findall(raw))))
    first_seen: dict[str, int] = {}  # line key -> index of its first occurrence
    titles: dict[str, int] = {}  # earlier short lines long enough to be a repeated title
    labels: list[str] = []  # earlier "Site name -" lines: a line starting with one is the page <title>
    on = _rules.active(settings)
    for b in blocks:
        key = re.sub(r"[\W_]+", " ", b.folded).strip().lower()
        punct = bool(_PUNCT_RX.search(b.text))
        if "ticker" in on and _is_ticker(b, punct, settings):
            b.kind, b.reason = "chrome", "ticker"
        elif "menu list" in on and _menu_separators(b.text) >= settings.list_min_separators:
            b.kind, b.reason = "chrome", "menu"
        elif (
            "glued ticker" in on
            and len(GLUE_RX.findall(b.text)) >= settings.list_min_separators
            and not SENTENCE_END_RX.search(b.text)
        ):
            b.kind, b.reason = "chrome", "ticker"
        elif (b.words >= settings.prose_min_words and punct) or b.words >= settings.prose_long_words:
            b.kind = "prose"
            if "repeated paragraph" in on and key in first_seen:
                b.kind, b.reason, b.repeat_of = "chrome", "repeat", first_seen[key]
        else:
            if b.words <= settings.short_max_words:
                b.reason, b.end_marker = _chrome_reason(b, settings)
            if not b.reason:
                b.repeat_of = (
                    _repeated(key, first_seen, titles, settings.repeat_min_words, settings.short_max_words)
                    if "repeat" in on
                    else -1
                )
                if b.repeat_of >= 0:
                    b.reason = "repeat"
                elif "site-prefixed title" in on and any(key.startswith(label) for label in labels):
                    b.reason = "site-prefixed title"
            if b.reason:
                b.kind = "chrome"
            elif "byline" in on and b.words <= 8 and BYLINE_RX.search(b.folded):
                b.byline = True
            elif "short paragraph" in on and b.words >= settings.sentence_min_words and SENTENCE_END_RX.search(b.text):
                b.kind = "prose"  # a short paragraph: it ends like a sentence
        if key and key not in first_seen:
            first_seen[key] = b.index
            if b.kind != "prose" and len(key.split()) >= settings.repeat_min_words:
                titles.setdefault(key, b.index)
            if b.kind != "prose" and b.words <= settings.label_max_words and LABEL_END_RX.search(b.text):
                labels.append(f"{key} ")
    if "teaser" in on:
        _mark_teasers(blocks, settings)
    if "related link" in on:
        _mark_link_lists(blocks, settings)
    if "cut last paragraph" in on:
        _mark_cut_paragraph(blocks, settings)
    return blocks


def _mark_cut_paragraph(blocks: list[Block], settings: CleanSettings) -> None:
    """The page's last line, read as a ticker for its length without punctuation (no gaps, no
    glue), is a paragraph cut short when it comes right after the article's prose or after a
    line ending with ":" that opens a quote (the excerpt or the page stops mid-sentence), and
    reads like one: Arabic words, no more than twice :attr:`CleanSettings.ticker_run_words`."""
    if len(blocks) < 2:
        return
    last, before = blocks[-1], blocks[-2]
    opens_quote = before.kind == "text" and before.text.rstrip().endswith(":")
    letters = sum(c.isalpha() for c in last.text)
    arabic = 2 * len(_ARABIC_RX.findall(last.text)) >= letters and last.words <= 2 * settings.ticker_run_words
    ticker = last.reason == "ticker" and not last.gaps and not GLUE_RX.search(last.text)
    if ticker and arabic and (before.kind == "prose" or opens_quote):
        last.kind, last.reason = "prose", ""
        if opens_quote:
            before.kind = "prose"


def _mark_teasers(blocks: list[Block], settings: CleanSettings) -> None:
    """A title line followed by a paragraph cut short with "..." is a teaser of another
    article, unless that paragraph is the page's first paragraph of prose (longer than a
    short line): a lede cut short by its site (the rest "in the print edition") under the
    article's own headline."""
    first_prose = next((b.index for b in blocks if b.kind == "prose" and b.words > settings.short_max_words), -1)
    for title, excerpt in itertools.pairwise(blocks):
        if excerpt.index == first_prose:
            continue
        if title.kind == "text" and excerpt.kind == "prose" and ELLIPSIS_END_RX.search(excerpt.text):
            title.kind = excerpt.kind = "chrome"
            title.reason = excerpt.reason = "teaser"


def _repeated(key: str, first_seen: dict[str, int], titles: dict[str, int], min_words: int, max_words: int) -> int:
    """Index of the earlier line that a short line repeats or contains, else -1.

    ``titles`` maps the keys of earlier short lines of at least ``min_words`` words to
    their index; every run of ``min_words`` to ``max_words`` words of the line is looked
    up. (A line short in spaces can hold many words of its key, split at punctuation:
    ``ب.ب.ب.`` ...; the bound keeps the time linear in its length.)
    """
    if not key:
        return -1
    if key in first_seen:
        return first_seen[key]
    words = key.split()
    for size in range(min(len(words) - 1, max_words), min_words - 1, -1):
        for start in range(len(words) - size + 1):
            index = titles.get(" ".join(words[start : start + size]), -1)
            if index >= 0:
                return index
    return -1


def _mark_link_lists(blocks: list[Block], settings: CleanSettings) -> None:
    """Short lines listed under a "related articles"/"read also" header are chrome."""
    i = 0
    while i < len(blocks):
        b = blocks[i]
        header = b.reason == "related header" or (b.reason == "read also" and b.folded.rstrip().endswith(":"))
        header = header or (b.reason == "read also" and len(b.folded.split()) <= 3)
        if not header:
            i += 1
            continue
        taken = 0
        j = i + 1
        while j < len(blocks) and taken < settings.related_max_items:
            nxt = blocks[j]
            if nxt.kind == "prose" and _headlines_run_together(nxt):
                nxt.kind, nxt.reason = "chrome", "related link"  # the list as one line: headline.. headline..
                j += 1
                break
            if nxt.kind == "prose" or nxt.byline or (nxt.kind == "chrome" and nxt.reason != "date"):
                break  # a list holds titles, maybe dated; anything else ends it
            if nxt.kind == "text":
                if _opens_article(blocks, j):
                    break  # the line right above the first paragraph is the headline
                nxt.kind, nxt.reason = "chrome", "related link"
                taken += 1
            j += 1
        i = j


def _headlines_run_together(block: Block) -> bool:
    """Whether a line is headlines run together: two or more of them set apart by two dots
    ("استقالة الوزير.. ظريف في أول تصريح.. كشف رد إيران") and no sentence end."""
    return len(TWO_DOTS_RX.findall(block.text)) >= 2 and not SENTENCE_END_RX.search(block.text)


def _opens_article(blocks: list[Block], j: int) -> bool:
    """Whether block ``j`` is followed by prose, with only bylines and dates in between."""
    for nxt in blocks[j + 1 :]:
        if nxt.kind == "prose":
            return True
        if not (nxt.byline or nxt.reason == "date"):
            return False
    return False
