"""The article of a page: its prose clusters, the headline above and the signature below."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from shabaka.clean import rules as _rules
from shabaka.clean.lines import DEFAULT_SETTINGS, Block, classify_lines
from shabaka.config import CleanSettings
from shabaka.lexicon import form_key, given_names, place_keys


@dataclass(slots=True)
class CleanResult:
    """The kept text of a page and a record of what was removed.

    ``kept_chars`` is ``len(text)``; ``removed_chars`` counts the characters of the
    removed lines (stripped). ``removed[i]`` was removed for ``reasons[i]``.
    """

    text: str
    kept_chars: int
    removed_chars: int
    removed: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def _clusters(blocks: list[Block], settings: CleanSettings) -> list[list[int]]:
    """Indices of prose blocks, grouped into clusters of nearby paragraphs."""
    prose = [b.index for b in blocks if b.kind == "prose"]
    clusters: list[list[int]] = []
    for i in prose:
        if clusters:
            gap = blocks[clusters[-1][-1] + 1 : i]
            chrome = sum(g.kind == "chrome" for g in gap)
            hard = any(g.end_marker for g in gap)
            if not hard and chrome < settings.gap_max_chrome and len(gap) <= settings.gap_max_lines:
                clusters[-1].append(i)
                continue
        clusters.append([i])
    return clusters


def _prose_chars(blocks: list[Block], cluster: list[int]) -> int:
    return sum(len(blocks[i].text) for i in cluster)


def _select(
    blocks: list[Block], clusters: list[list[int]], settings: CleanSettings, anchor: set[str] | None = None
) -> list[list[int]]:
    """The article's clusters: the largest, and those of comparable size in its page section.

    With ``anchor`` (lines known to belong to the article), the main cluster is the one
    with most prose characters among those lines, when any cluster has some.
    """
    sizes = [_prose_chars(blocks, c) for c in clusters]
    votes = [sum(len(blocks[i].text) for i in c if blocks[i].text in anchor) for c in clusters] if anchor else []
    if any(votes):
        main = max(range(len(clusters)), key=lambda k: (votes[k], -k))
    else:
        # the article comes before its comments and the footer: prose after them is comments or teasers
        on = _rules.active(settings)
        enders = {"comment form", "copyright"} if "comments after article" in on else set()
        enders |= {"related header"} if "teasers after article" in on else set()
        ends = [b.index for b in blocks[clusters[0][-1] :] if b.reason in enders]
        candidates = [k for k, c in enumerate(clusters) if not ends or c[-1] < ends[0]]
        main = max(candidates, key=lambda k: (sizes[k], -k))
    chosen = [main]
    for direction in (-1, 1):
        k = main + direction
        while 0 <= k < len(clusters):
            first, last = sorted((clusters[k - direction], clusters[k]))
            between = blocks[first[-1] + 1 : last[0]]
            if any(b.end_marker for b in between):
                break
            if (
                "second article part" in _rules.active(settings)
                and sizes[k] >= settings.secondary_min_share * sizes[main]
            ):
                chosen.append(k)
            k += direction
    return [clusters[k] for k in sorted(chosen)]


#: A dateline on a line of its own: a place (one or two words), maybe a dash and a source, maybe
#: "exclusive" (خاص) and a closing bar or colon (مسقط – وجهات|); the dash may be an underscore or a
#: slash (رام الله _ مصدر، المكلا/ خاص:).
_WORD = r"[^\W\d_]+"
_DASH = r" ?[-–—_/] ?"
_SOURCE = rf"(?P<source>(?!خاص\b){_WORD}(?: {_WORD}){{0,2}})"
_END = rf"(?:{_DASH}خاص)? ?[|:/]?"
DATELINE = re.compile(rf"(?P<place>[^\W\d_]{{2,}}(?: {_WORD})?)(?:{_DASH}{_SOURCE})?{_END}")
#: The same, the source first (أخبار الساعة - بغداد، مرصد الخليج – البحرين، صوت الجنوب/ المكلا/ خاص:).
SOURCE_FIRST = re.compile(rf"{_SOURCE}{_DASH}(?P<place>{_WORD}(?: {_WORD})?){_END}")


def dateline(text: str) -> tuple[str, str] | None:
    """The place and source ("" if none) of a line that is a dateline: the shape of
    :data:`DATELINE`, and a known place first (not a byline's author, سعيد خطفي); or the
    shape of :data:`SOURCE_FIRST`, a known place last and a source that is no known place and
    opens with no given name (not a writer: سلمى الخطيب - الرباط).

    >>> dateline("دمشق"), dateline("الدوحة - قنا"), dateline("سعيد خطفي"), dateline("اقتصاد")
    (('دمشق', ''), ('الدوحة', 'قنا'), None, None)
    >>> dateline("الرباط الآن - الرباط"), dateline("سلمى الخطيب - الرباط"), dateline("عمان _ صدى البلد |")
    (('الرباط', 'الرباط الآن'), None, ('عمان', 'صدى البلد'))
    >>> dateline("مرصد اليمن/ المكلا/ خاص:"), dateline("المكلا/ خاص")
    (('المكلا', 'مرصد اليمن'), ('المكلا', ''))
    """
    line = " ".join(text.split())
    found = DATELINE.fullmatch(line)
    if found is not None and form_key(found["place"]) in place_keys():
        return found["place"], found["source"] or ""
    found = SOURCE_FIRST.fullmatch(line)
    if found is None or form_key(found["place"]) not in place_keys() or form_key(found["source"]) in place_keys():
        return None
    if form_key(found["source"].split()[0]) in given_names(more=True):
        return None
    return found["place"], found["source"]


def _keep_head(blocks: list[Block], start: int, settings: CleanSettings, anchor: set[str] | None = None) -> None:
    """Keep the dateline, headline, subtitle and byline above the article's first paragraph.

    Walking up from the first paragraph: a dateline right above it is kept (:func:`dateline`);
    dates, menus, captions and other chrome are
    passed over until the headline is met; bylines are kept; at most ``head_max_text``
    lines of headline and subtitle are kept, next to each other; above them only a
    byline (maybe behind a date line) is still taken. A ticker, a link list or a
    page-end marker stops the walk. A line repeating an earlier title-like
    line (the headline repeated with the site's name) keeps that earlier line: it is
    the page's title.
    """
    texts = 0
    closed = False  # headline found and a gap met above it: only a byline may still come
    if "list above article" in _rules.active(settings) and _title_run(blocks, start) > settings.head_max_text + 2:
        if start > 0 and dateline(blocks[start - 1].text):
            blocks[start - 1].keep = True
        return  # a list of other stories' titles right above the article: no headline of its own
    for j in range(start - 1, max(-1, start - 1 - settings.head_window), -1):
        b = blocks[j]
        if b.kind == "prose" or b.end_marker or b.reason in ("ticker", "related link"):
            return
        if j == start - 1 and dateline(b.text):
            b.keep = True  # دمشق / الدوحة - قنا: the dateline right above the first paragraph
            continue
        if closed:
            if b.byline:
                b.keep = True
            elif b.reason != "date":
                return
            continue
        title = blocks[b.repeat_of] if b.reason == "repeat" else None
        if title and title.kind == "text" and title.words >= settings.repeat_min_words and not title.keep:
            title.keep = True
            texts += 1
        elif b.byline:
            b.keep = True
            continue
        elif b.kind == "chrome" or (
            _real_words(b.text) < settings.head_min_words and not (anchor and b.text in anchor)
        ):
            closed = texts > 0  # headline and subtitle sit together: a gap above them ends the head
            continue
        else:
            b.keep = True
            texts += 1
        if texts >= settings.head_max_text:
            closed = True


def _title_run(blocks: list[Block], start: int) -> int:
    """How many title-like lines (text, no byline) stand in a row right above block ``start``
    (a dateline right above it aside)."""
    run = 0
    for j in range(start - 1, -1, -1):
        b = blocks[j]
        if j == start - 1 and dateline(b.text):
            continue
        if b.kind != "text" or b.byline or b.reason:
            break
        run += 1
    return run


def _real_words(text: str) -> int:
    """Words of two letters or more (initials like "أ ف ب" do not make a headline).

    >>> _real_words("أ ف ب"), _real_words("زيارة رسمية للوزير")
    (0, 3)
    """
    return sum(len(w) > 1 for w in re.findall(r"\w+", text))


def _keep_tail(blocks: list[Block], end: int, settings: CleanSettings) -> None:
    """Keep a signature line (author's name, source) right after the article."""
    if end + 1 < len(blocks):
        b = blocks[end + 1]
        name_like = 2 <= b.words <= settings.tail_max_words and not re.search(r"\d", b.text)
        if b.kind == "text" and (name_like or b.byline):
            b.keep = True


def clean_text(text: str, *, settings: CleanSettings = DEFAULT_SETTINGS, anchor: str | None = None) -> CleanResult:
    """Keep the article body of a scraped plain-text page.

    Parameters
    ----------
    text : the page, one paragraph or page element per line
    settings : thresholds (see :class:`CleanSettings`)
    anchor : optional text known to be the article's (e.g. what trafilatura found in the
        HTML page): the prose cluster sharing most lines with it is the article, rather
        than the largest one, and a short headline found in it is kept

    Returns
    -------
    A :class:`CleanResult`: the kept lines joined by newlines, character counts, and
    the removed lines with their reasons.

    Examples
    --------
    >>> page = '''الرئيسية | سياسة | اقتصاد
    ... وزير الخارجية يستقبل نظيره الموريتاني
    ... نواكشوط - سعيد ولد أحمد
    ... استقبل وزير الخارجية، صباح اليوم، نظيره الموريتاني، وبحث الجانبان سبل تعزيز التعاون الثنائي.
    ... اترك تعليقاً
    ... جميع الحقوق محفوظة © 2024'''
    >>> result = clean_text(page)
    >>> print(result.text)
    وزير الخارجية يستقبل نظيره الموريتاني
    نواكشوط - سعيد ولد أحمد
    استقبل وزير الخارجية، صباح اليوم، نظيره الموريتاني، وبحث الجانبان سبل تعزيز التعاون الثنائي.
    >>> result.reasons
    ['menu', 'comment form', 'copyright']

    A page with a single short paragraph is never emptied:

    >>> clean_text("زار الوزير الرباط").text
    'زار الوزير الرباط'
    """
    blocks = classify_lines(text, settings)
    if not blocks:
        return CleanResult("", 0, 0)
    on = _rules.active(settings)
    clusters = _clusters(blocks, settings)
    if clusters:
        anchor_lines = {" ".join(line.split()) for line in anchor.splitlines()} if anchor else None
        chosen = _select(blocks, clusters, settings, anchor_lines)
        for n, cluster in enumerate(chosen):
            for i in range(cluster[0], cluster[-1] + 1):
                b = blocks[i]
                b.keep = b.kind != "chrome"
            if n + 1 < len(chosen) and "between article parts" in on:  # between two kept clusters: only prose stays
                for i in range(cluster[-1] + 1, chosen[n + 1][0]):
                    if blocks[i].kind == "text":
                        blocks[i].reason = "between article parts"
        if "headline" in on:
            _keep_head(blocks, chosen[0][0], settings, anchor_lines)
        if "signature" in on:
            _keep_tail(blocks, chosen[-1][-1], settings)
    else:  # no paragraph of prose: keep every line that is not chrome
        for b in blocks:
            b.keep = b.kind != "chrome"
    if "never empty" in on and not any(b.keep for b in blocks):
        max(blocks, key=lambda b: len(b.text)).keep = True
    for b in blocks:
        if not b.keep and not b.reason:
            b.reason = "outside article" if b.kind != "prose" else "other prose cluster"
    kept = "\n".join(b.text for b in blocks if b.keep)
    removed = [b for b in blocks if not b.keep]
    return CleanResult(
        kept,
        len(kept),
        sum(len(b.text) for b in removed),
        [b.text for b in removed],
        [b.reason for b in removed],
    )


def write_removed(result: CleanResult, path: str | os.PathLike[str]) -> Path:
    """Write what cleaning removed from a page, one ``[reason] line`` per line.

    Used by the ``--keep-boilerplate`` debug option: the file sits next to the
    document so a reader can check that nothing of the article was lost.

    Parameters
    ----------
    result : the cleaning result of one document
    path : the file to write (its folder is created)

    Returns
    -------
    The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "doc.removed.txt"
    >>> r = clean_text("الرئيسية | رياضة\\nزار الوزير الرباط أمس، والتقى عددا من المسؤولين لبحث مشاريع التنمية.")
    >>> print(write_removed(r, out).read_text(encoding="utf-8"), end="")
    # kept 68 chars, removed 16 chars
    [menu] الرئيسية | رياضة
    """
    from shabaka.export import atomic_write

    out = Path(path)
    lines = [f"# kept {result.kept_chars} chars, removed {result.removed_chars} chars"]
    reasons = result.reasons or ["removed"] * len(result.removed)
    lines += [f"[{reason}] {line}" for reason, line in zip(reasons, result.removed, strict=False)]
    with atomic_write(out, encoding="utf-8") as f:  # a symbolic link planted at ``out`` is replaced, not followed
        f.write("\n".join(lines) + "\n")
    return out
