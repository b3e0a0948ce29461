"""The records that flow through the pipeline: documents, sentences, tokens, mentions,
entities, and the one list of entity types.

Offsets are character offsets into :attr:`Document.text` (the cleaned text), so every
mention can be traced back to its document, sentence and characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The entity types of shabaka, in the order tables list them.
ENTITY_TYPES: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")

#: Tag names used by Arabic NER corpora and models, mapped to :data:`ENTITY_TYPES`.
TYPE_ALIASES: dict[str, str] = {
    "PER": "PER",
    "PERS": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "LOC": "LOC",
    "GPE": "LOC",
    "LOCATION": "LOC",
    "FAC": "LOC",
    "MISC": "MISC",
    "MIS": "MISC",
}


def normalize_type(label: str) -> str | None:
    """Map a corpus or model type name (``PERS``, ``GPE`` ...) to shabaka's, or None if unknown.

    >>> normalize_type("gpe"), normalize_type("CITY")
    ('LOC', None)
    """
    return TYPE_ALIASES.get(label.upper())


@dataclass(slots=True)
class Document:
    """One article. ``meta`` holds what ingest and cleaning learned (encoding, chars kept...)."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Token:
    """A token and its ``[start, end)`` character offsets in the document text."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Sentence:
    """A sentence of a document: its index in the document, its paragraph, offsets and tokens."""

    doc_id: str
    index: int
    paragraph: int
    start: int
    end: int
    text: str
    tokens: list[Token]


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention found by an extractor, located in its document.

    ``text`` is the surface form exactly as in the document (``doc.text[start:end]``).
    """

    doc_id: str
    sentence: int
    paragraph: int
    start: int
    end: int
    text: str
    type: str
    confidence: float = 1.0


@dataclass(slots=True)
class Entity:
    """A resolved entity: one graph node (see :mod:`shabaka.resolve`)."""

    key: str
    label: str
    type: str
    aliases: list[str]
    roles: list[str] = field(default_factory=list)
    resolution: list[str] = field(default_factory=list)
