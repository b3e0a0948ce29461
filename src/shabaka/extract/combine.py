"""Which extractors a run uses, with which options, and how their spans are combined.

The policy of a run (:func:`extractor_names`): the gazetteer's names and the alias
tables' known names come before the chosen backend, and earlier extractors win where
spans overlap (:func:`merge_spans`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from shabaka.config import Settings
from shabaka.extract import Extractor, Span, make_extractor
from shabaka.extract.patterns import ARABIC, LATIN_ACRONYM, byline_author, implausible
from shabaka.text import normalize_key


def extractor_names(settings: Settings) -> list[str]:
    """The extractors a run uses, in order (earlier ones win on overlapping spans): the
    one of ``settings``, after the known names and the names found by their shape
    (``settings.known_names``) and after the gazetteer when one is given with another backend.

    >>> extractor_names(Settings(extractor="embedded", gazetteer="names.csv"))
    ['gazetteer', 'known-names', 'name-patterns', 'embedded']
    >>> extractor_names(Settings(extractor="embedded", known_names=False))
    ['embedded']
    """
    names = [settings.extractor]
    if settings.known_names and settings.extractor in ("embedded", "camel"):
        names[:0] = ["known-names", "name-patterns"]
    if settings.gazetteer is not None and settings.extractor != "gazetteer":
        names.insert(0, "gazetteer")
    return names


def make_extractors(settings: Settings) -> list[Extractor]:
    """Build the extractors of :func:`extractor_names`."""
    return [make_extractor(name, **extractor_options(name, settings)) for name in extractor_names(settings)]


def extractor_options(name: str, settings: Settings) -> dict[str, Any]:
    """The keyword options of extractor ``name`` in a run with ``settings``."""
    if name == "gazetteer":
        return {"path": settings.gazetteer}
    if name == "known-names":
        return {"aliases": settings.aliases}
    return {}


def combined_spans(extractors: Sequence[Extractor], tokens: list[list[str]]) -> list[list[Span]]:
    """The spans of a document's tokenized sentences as a run finds them: each extractor's in
    turn, merged (:func:`merge_spans`: earlier extractors win), without the bylines' authors."""
    spans: list[list[Span]] = [[] for _ in tokens]
    for extractor in extractors:
        for i, found in enumerate(extractor.extract(tokens)):
            spans[i] = merge_spans(spans[i], found, tokens[i])
    return drop_bylines(tokens, spans)


def merge_spans(first: list[Span], second: list[Span], tokens: Sequence[str] | None = None) -> list[Span]:
    """The spans of both lists, where two overlap the longer kept (on a tie, ``first``'s).

    ``first`` holds exact matches (known names), so a span of ``second`` is dropped where
    its boundary cuts through one of them (الشرق الأوسط وشمال | وشمال إفريقيا), or where it
    is exactly covered by two or more of them joined by the conjunction و (the next
    piece's first token starts with it): a coordination, not one name. With ``tokens``,
    a span of ``second`` that is no entity (:func:`~shabaka.extract.patterns.implausible`:
    a byline's author, a currency, a common word read as a place) is dropped too, and a
    person's span that begins or ends with a known name of another type is cut to the rest
    (:func:`_outside_known`), and a Latin acronym ending an Arabic name is cut apart
    (:func:`_acronym_apart`).

    >>> a, b = Span(2, 4, "ORG"), Span(2, 6, "ORG")  # مجلس الأمن | مجلس الأمن القومي الأمريكي
    >>> merge_spans([a, Span(8, 9, "LOC")], [b, Span(9, 10, "PER")]) == [b, Span(8, 9, "LOC"), Span(9, 10, "PER")]
    True
    >>> words = "في الشرق الأوسط وشمال إفريقيا".split()
    >>> pieces = [Span(1, 3, "LOC"), Span(3, 5, "LOC")]
    >>> merge_spans(pieces, [Span(1, 5, "LOC")], words) == pieces
    True
    >>> merge_spans(pieces, [Span(1, 4, "LOC"), Span(4, 5, "LOC")], words) == pieces
    True
    """
    second = [_outside_known(s, first) for s in second if not any(_crossing(s, k) for k in first)]
    if tokens is not None:
        second = [p for s in second for p in _acronym_apart(s, tokens)]
        second = [s for s in second if not _coordination(s, first, tokens) and not implausible(s, tokens)]
    kept: list[Span] = []
    for s in sorted([*first, *second], key=lambda s: -(s.end - s.start)):  # stable: ties keep first's order
        if all(s.end <= k.start or s.start >= k.end for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s.start)


def drop_bylines(sentences: Sequence[Sequence[str]], spans: list[list[Span]]) -> list[list[Span]]:
    """The spans of a document's sentences without the authors of its bylines: a person
    named right after كتب / بقلم ... and punctuation, in the same sentence or at the start
    of the next one (a byline "كتب.." is cut into a sentence of its own).

    >>> sents = [["كتب", ".", "."], ["سامي", "الورتاني"], ["وقال", "سامي", "الورتاني"]]
    >>> drop_bylines(sents, [[], [Span(0, 2, "PER")], [Span(1, 3, "PER")]])
    [[], [], [Span(start=1, end=3, type='PER', confidence=1.0)]]
    """
    out = []
    for i, (tokens, found) in enumerate(zip(sentences, spans, strict=True)):
        keys = [normalize_key(t) for t in tokens]
        previous = [normalize_key(t) for t in sentences[i - 1]] if i else []
        out.append(
            [
                s
                for s in found
                if not (
                    s.type == "PER" and (byline_author(keys[: s.start]) or (s.start == 0 and byline_author(previous)))
                )
            ]
        )
    return out


def _acronym_apart(span: Span, tokens: Sequence[str]) -> list[Span]:
    """A span that ends with a Latin acronym after Arabic words is the name, then its
    acronym (two spans of its type; the resolver reads the acronym as the name's).

    >>> _acronym_apart(Span(0, 3, "ORG"), "الوكالة الوطنية ANP".split())
    [Span(start=0, end=2, type='ORG', confidence=1.0), Span(start=2, end=3, type='ORG', confidence=1.0)]
    """
    last = span.end - 1
    if last > span.start and LATIN_ACRONYM.fullmatch(tokens[last]) and ARABIC.search(tokens[last - 1]):
        return [Span(span.start, last, span.type, span.confidence), Span(last, span.end, span.type, span.confidence)]
    return [span]


def _outside_known(span: Span, known: list[Span]) -> Span:
    """A person's span that begins or ends with a known name of another type is cut to the
    rest (رئيس السنغال ماكي سال: the country, then the person; الفيصل بجدة: the person, then
    the town); any other span is kept.

    >>> _outside_known(Span(1, 4, "PER"), [Span(1, 2, "LOC")])
    Span(start=2, end=4, type='PER', confidence=1.0)
    >>> _outside_known(Span(0, 3, "ORG"), [Span(2, 3, "LOC")])  # جامعة القاهرة stays whole
    Span(start=0, end=3, type='ORG', confidence=1.0)
    """
    if span.type != "PER":
        return span
    for k in known:
        if k.type == "PER" or k == span or not (span.start <= k.start and k.end <= span.end):
            continue
        if k.start == span.start:
            return Span(k.end, span.end, span.type, span.confidence)
        if k.end == span.end:
            return Span(span.start, k.start, span.type, span.confidence)
    return span


def _crossing(a: Span, b: Span) -> bool:
    """Whether the two spans overlap with neither inside the other."""
    return (
        a.start < b.end
        and b.start < a.end
        and not ((a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end))
    )


def _coordination(span: Span, pieces: list[Span], tokens: Sequence[str]) -> bool:
    """Whether ``span`` is exactly tiled by two or more of ``pieces`` joined by و."""
    inside = sorted((p for p in pieces if span.start <= p.start and p.end <= span.end), key=lambda p: p.start)
    if len(inside) < 2 or inside[0].start != span.start or inside[-1].end != span.end:
        return False
    return all(prev.end == nxt.start and tokens[nxt.start].startswith("و") for prev, nxt in itertools.pairwise(inside))
