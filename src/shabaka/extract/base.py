"""What every extractor backend returns, and the BIO-to-span conversion they share.

An extractor receives sentences as lists of token strings (the tokens of
:func:`shabaka.text.tokenize`) and returns, per sentence, a list of :class:`Span`
over token indices. The pipeline turns spans into :class:`shabaka.model.Mention`
objects with document offsets, so a backend never deals with documents.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from shabaka.model import normalize_type

__all__ = ["Extractor", "Memo", "Span", "bio_to_spans", "normalize_type"]  # normalize_type: see shabaka.model

V = TypeVar("V")


class Memo(dict[str, V], Generic[V]):
    """The values of a pure function of a word form, computed once per form: ``memo[form]``.
    At most ``size`` forms are kept (all are dropped when it is full). Picklable, unlike a
    ``functools`` cache of a method.

    >>> lengths = Memo(len, size=2)
    >>> lengths["ab"], lengths["abc"], len(lengths), lengths["d"], len(lengths)
    (2, 3, 2, 1, 1)
    """

    def __init__(self, function: Callable[[str], V], size: int):
        super().__init__()
        self.function = function
        self.size = size

    def __missing__(self, form: str) -> V:
        if len(self) >= self.size:
            self.clear()
        value = self[form] = self.function(form)
        return value


@dataclass(frozen=True, slots=True)
class Span:
    """An entity over tokens ``start`` (inclusive) to ``end`` (exclusive) of one sentence."""

    start: int
    end: int
    type: str
    confidence: float = 1.0


def bio_to_spans(tags: Sequence[str], confidences: Sequence[float] | None = None) -> list[Span]:
    """Turn one sentence's BIO (or IOB1) tags into spans.

    An ``I-X`` that does not continue an ``X`` starts a new span (as seqeval does);
    unknown types are dropped. A span's confidence is the lowest token confidence in it.

    Examples
    --------
    >>> [(s.start, s.end, s.type) for s in bio_to_spans(["B-PERS", "I-PERS", "O", "I-LOC", "B-ORG"])]
    [(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'ORG')]
    """
    spans: list[Span] = []
    start: int | None = None
    current: str | None = None

    def close(end: int) -> None:
        if start is not None and current is not None:
            conf = min(confidences[start:end]) if confidences is not None else 1.0
            spans.append(Span(start, end, current, float(conf)))

    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        kind = normalize_type(label) if label else None
        if prefix == "I" and kind is not None and kind == current:
            continue
        close(i)
        start, current = (i, kind) if prefix in ("B", "I") and kind is not None else (None, None)
    close(len(tags))
    return spans


class Extractor(ABC):
    """An entity extractor backend, registered by name in :mod:`shabaka.extract`."""

    name: ClassVar[str]

    @abstractmethod
    def extract(self, sentences: Sequence[Sequence[str]]) -> list[list[Span]]:
        """Return the entity spans of each tokenized sentence, in order."""

    def extract_documents(self, documents: Sequence[Sequence[Sequence[str]]]) -> list[list[list[Span]]]:
        """:meth:`extract` of each document (its tokenized sentences), in order.

        The same spans as one call per document; a backend may override it to do the work
        of several documents at once (the embedded model tags their sentences in batches).
        """
        return [self.extract(sentences) for sentences in documents]
