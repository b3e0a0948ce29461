"""What every extractor backend returns, and the BIO-to-span conversion they share.

An extractor receives sentences as lists of token strings (the tokens of
:func:`shabaka.text.tokenize`) and returns, per sentence, a list of :class:`Span`
over token indices. The pipeline turns spans into :class:`shabaka.model.Mention`
objects with document offsets, so a backend never deals with documents.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from shabaka.model import normalize_type

__all__ = ["Extractor", "Span", "bio_to_spans", "normalize_type"]  # normalize_type: see shabaka.model


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
