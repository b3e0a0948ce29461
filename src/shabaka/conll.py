"""CoNLL-style files: one ``token [tag ...]`` per line, a blank line between sentences.

:func:`read_conll` groups lines into sentences of columns, :func:`to_bio2` cleans a
corpus' tags (``PERS`` -> ``PER``, IOB1 -> IOB2), and :func:`tag_conll` (behind
``shabaka tag FILE``) appends an extractor's predicted BIO tag to every token line;
:func:`read_gold`, :func:`predict_bio`, :func:`span_scores` and :func:`format_scores`
(behind ``shabaka evaluate-ner FILE``) score an extractor against a gold-tagged file.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from shabaka.errors import DataFileError, SettingsError
from shabaka.extract.base import Extractor, Span
from shabaka.model import ENTITY_TYPES, normalize_type
from shabaka.text import MAX_SENTENCE_TOKENS

log = logging.getLogger("shabaka")

__all__ = [
    "aqmar_type",
    "format_scores",
    "predict_bio",
    "read_conll",
    "read_gold",
    "span_scores",
    "spans_to_bio",
    "tag_conll",
    "to_bio2",
]

#: The entity types scored (:data:`shabaka.model.ENTITY_TYPES`).
TYPES = ENTITY_TYPES


def _is_break(line: str) -> bool:
    return not line.strip()


def _too_long(line: int, limit: int) -> None:
    log.warning(
        "line %d: a sentence of more than %d tokens (no blank line between sentences?) is read in pieces of %d",
        line,
        limit,
        limit,
    )


def read_conll(lines: Iterable[str], max_tokens: int = MAX_SENTENCE_TOKENS) -> Iterator[list[list[str]]]:
    """Yield each sentence as a list of rows, a row being the whitespace-split columns of a line.

    Blank lines separate sentences; several blank lines in a row are one break. A
    sentence longer than ``max_tokens`` is yielded in pieces of that many tokens (a
    warning names its line), as documents' sentences are cut
    (:data:`~shabaka.text.MAX_SENTENCE_TOKENS`): extractors' time and memory stay bounded.

    >>> list(read_conll(["زار B-PER", "الرباط B-LOC", "", "نعم O"]))
    [[['زار', 'B-PER'], ['الرباط', 'B-LOC']], [['نعم', 'O']]]
    >>> [len(s) for s in read_conll(["و O"] * 5, max_tokens=2)]
    [2, 2, 1]
    """
    sentence: list[list[str]] = []
    cut = False
    for number, line in enumerate(lines, 1):
        if _is_break(line):
            if sentence:
                yield sentence
                sentence, cut = [], False
            continue
        if len(sentence) == max_tokens:
            if not cut:
                _too_long(number, max_tokens)
            yield sentence
            sentence, cut = [], True
        sentence.append(line.split())
    if sentence:
        yield sentence


def to_bio2(tags: Sequence[str], map_type: Callable[[str], str | None] = normalize_type) -> list[str]:
    """Clean one sentence's tags to IOB2 with shabaka's types; unknown types become ``O``.

    An ``I-X`` that does not continue an ``X`` becomes ``B-X`` (seqeval's reading).

    >>> to_bio2(["I-PERS", "I-PERS", "O", "I-LOC", "B-GPE", "I-GPE", "B-DATE"])
    ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-LOC', 'O']
    """
    out: list[str] = []
    previous: str | None = None
    for tag in tags:
        prefix, _, label = tag.partition("-")
        kind = map_type(label) if label and prefix in ("B", "I") else None
        if kind is None:
            out.append("O")
        elif prefix == "I" and kind == previous:
            out.append(f"I-{kind}")
        else:
            out.append(f"B-{kind}")
        previous = kind
    return out


def aqmar_type(label: str) -> str | None:
    """shabaka's type of an AQMAR tag label: ``MIS0``-``MIS3`` and its typos, ENGLISH, SPANISH -> MISC.

    >>> [aqmar_type(x) for x in ["PER", "MIS2", "MIS1`", "-ORG", "SPANISH", "X"]]
    ['PER', 'MISC', 'MISC', 'ORG', 'MISC', None]
    """
    label = label.strip("-`").upper()
    if "MIS" in label or label in ("ENGLISH", "SPANISH"):
        return "MISC"
    return normalize_type(label)


def spans_to_bio(spans: Iterable[Span], length: int) -> list[str]:
    """The IOB2 tags of a sentence of ``length`` tokens holding ``spans``.

    >>> spans_to_bio([Span(1, 3, "PER")], 4)
    ['O', 'B-PER', 'I-PER', 'O']
    """
    tags = ["O"] * length
    for span in spans:
        tags[span.start] = f"B-{span.type}"
        for i in range(span.start + 1, span.end):
            tags[i] = f"I-{span.type}"
    return tags


def tag_conll(
    lines: Iterable[str], extractor: Extractor, batch_size: int = 64, max_tokens: int = MAX_SENTENCE_TOKENS
) -> Iterator[str]:
    """Yield ``lines`` with the predicted tag of each token appended as the last column.

    ``lines`` is a CoNLL file (``token [gold-tag ...]`` per line, blank line between
    sentences), with or without trailing newlines. Token lines come back with the
    predicted tag (``B-``/``I-`` with ``PER``, ``ORG``, ``LOC``, ``MISC``, or ``O``)
    appended after the line's own separator (a tab if the line uses tabs, else a space);
    blank lines come back as empty strings. Yielded strings have no newline.
    Sentences are sent to ``extractor`` ``batch_size`` at a time, so a batch is the
    "document" that the extractor sees; a sentence longer than ``max_tokens`` is sent
    in pieces (as :func:`read_conll` cuts it), every line still tagged.
    """
    pending: list[list[str]] = []  # token lines of the sentences in the batch
    breaks: list[list[str]] = []  # blank lines that followed each of them
    current: list[str] = []
    cut = False

    def flush() -> Iterator[str]:
        sentences = [[line.split()[0] for line in sent] for sent in pending]
        spans = extractor.extract(sentences)
        for sent, tokens, found, after in zip(pending, sentences, spans, breaks, strict=True):
            for line, tag in zip(sent, spans_to_bio(found, len(tokens)), strict=True):
                sep = "\t" if "\t" in line else " "
                yield f"{line}{sep}{tag}"
            yield from after
        pending.clear()
        breaks.clear()

    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if _is_break(line):
            cut = False
            if current:
                pending.append(current)
                breaks.append([""])
                current = []
                if len(pending) >= batch_size:
                    yield from flush()
            elif breaks:
                breaks[-1].append("")
            else:  # blank lines before the first sentence of a batch
                yield ""
            continue
        if len(current) == max_tokens:  # a piece of a long sentence: no blank line after it
            if not cut:
                _too_long(number, max_tokens)
            pending.append(current)
            breaks.append([])
            current, cut = [], True
            if len(pending) >= batch_size:
                yield from flush()
        current.append(line.rstrip())
    if current:
        pending.append(current)
        breaks.append([])
    if pending:
        yield from flush()


def span_scores(
    gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]], types: Iterable[str] | None = None
) -> dict[str, dict[str, float]]:
    """Entity-level precision, recall and F1 (exact span and type, seqeval-style).

    ``gold`` and ``predicted`` are per-sentence tag sequences (any IOB flavour, corpus
    type names allowed: they are read with :func:`~shabaka.extract.base.bio_to_spans`).
    Returns ``{type: {"p", "r", "f", "support", "predicted", "correct"}}`` plus ``"micro"``
    over ``types`` (default: every type seen).

    >>> s = span_scores([["B-PERS", "I-PERS", "O", "B-LOC"]], [["B-PER", "I-PER", "O", "B-ORG"]])
    >>> s["micro"]["f"], s["PER"]["f"], s["LOC"]["r"]
    (0.5, 1.0, 0.0)
    """
    from shabaka.extract.base import bio_to_spans

    gold_sets: dict[str, set[tuple[int, int, int]]] = {}
    pred_sets: dict[str, set[tuple[int, int, int]]] = {}
    for k, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        for target, tags in ((gold_sets, g), (pred_sets, p)):
            for span in bio_to_spans(list(tags)):
                target.setdefault(span.type, set()).add((k, span.start, span.end))
    kinds = list(types) if types is not None else sorted(set(gold_sets) | set(pred_sets))

    def prf(gs: int, ps: int, ok: int) -> dict[str, float]:
        p = ok / ps if ps else 0.0
        r = ok / gs if gs else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": p, "r": r, "f": f, "support": gs, "predicted": ps, "correct": ok}

    out: dict[str, dict[str, float]] = {}
    tg = tp = tc = 0
    for kind in kinds:
        g_, p_ = gold_sets.get(kind, set()), pred_sets.get(kind, set())
        ok = len(g_ & p_)
        out[kind] = prf(len(g_), len(p_), ok)
        tg, tp, tc = tg + len(g_), tp + len(p_), tc + ok
    out["micro"] = prf(tg, tp, tc)
    return out


#: What a tag column holds: ``O``, or a ``B-``, ``I-``, ``E-``, ``S-`` (or ``L-``, ``U-``) prefix and a type.
_TAG = re.compile(r"O|[BIESLU]-\S+")
#: A gold file is refused when more than this share of its lines have no tag in the tag column.
MAX_NOT_TAGS = 0.1


def read_gold(
    lines: Iterable[str], column: int = 1, map_type: Callable[[str], str | None] = normalize_type
) -> list[tuple[list[str], list[str]]]:
    """Sentences of (tokens, IOB2 gold tags) from a CoNLL file's tag ``column``.

    Column 0 is the token; a line without that column is tagged ``O``. Corpus type
    names are mapped with ``map_type`` (``PERS`` -> ``PER``, ``GPE`` -> ``LOC``; others
    are dropped, as :func:`to_bio2` does).

    >>> read_gold(["بوش B-PERS", "في O", "بغداد B-LOC"])
    [(['بوش', 'في', 'بغداد'], ['B-PER', 'O', 'B-LOC'])]

    Raises :class:`~shabaka.errors.DataFileError` when the column holds something else than
    tags (a plain article, or the wrong column) on more than :data:`MAX_NOT_TAGS` of the
    lines, naming the first such line (a few typos, like AQMAR's ``OO``, are read as ``O``):

    >>> read_gold(["فاس B-LOC", "", "زار الوزير الرباط يوم الاثنين"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    shabaka.errors.DataFileError: 1 of 2 lines have no tag in column 1 (the first: line 3, 'الوزير'); expected...
    """
    if column < 1:
        raise SettingsError(f"the gold column must be 1 or more (column 0 is the token), not {column}")
    lines = list(lines)
    tagged, bad = 0, []
    for number, line in enumerate(lines, 1):
        row = line.split()
        if len(row) > column:
            tagged += 1
            if not _TAG.fullmatch(row[column]):
                bad.append((number, row))
    if len(bad) > tagged * MAX_NOT_TAGS:
        number, row = bad[0]
        elsewhere = any(_TAG.fullmatch(cell) for cell in row[1:])
        raise DataFileError(
            f"{len(bad)} of {tagged} lines have no tag in column {column} (the first: line {number}, "
            f"{row[column]!r}); expected one token per line with its tag (`الرباط B-LOC`, `زار O`: O, B-TYPE or "
            "I-TYPE), a blank line between sentences"
            + ("; the tags seem to be in another column: say which with --column" if elsewhere else "")
        )
    sentences = list(read_conll(lines))
    if sentences and not any(len(row) > column for sent in sentences for row in sent):
        raise DataFileError(f"no line has a column {column} (column 0 is the token, 1 the first tag)")
    return [
        ([row[0] for row in sent], to_bio2([row[column] if len(row) > column else "O" for row in sent], map_type))
        for sent in sentences
    ]


def predict_bio(extractor: Extractor, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """An extractor's IOB2 tags for tokenized ``sentences``, sent as one document."""
    spans = extractor.extract([list(s) for s in sentences])
    return [spans_to_bio(found, len(tokens)) for found, tokens in zip(spans, sentences, strict=True)]


def format_scores(scores: dict[str, dict[str, float]], title: str = "") -> str:
    """A plain-text table of :func:`span_scores` output: P, R, F1, gold and predicted counts per type.

    >>> print(format_scores(span_scores([["B-PER", "O"]], [["B-PER", "B-LOC"]], ["PER", "LOC"])))
    type        P      R     F1   gold   pred
    PER     1.000  1.000  1.000      1      1
    LOC     0.000  0.000  0.000      0      1
    micro   0.500  1.000  0.667      1      2
    """
    lines = [title] if title else []
    lines.append(f"{'type':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
    for kind, s in scores.items():
        lines.append(f"{kind:<6} {s['p']:6.3f} {s['r']:6.3f} {s['f']:6.3f} {s['support']:6d} {s['predicted']:6d}")
    return "\n".join(lines)
