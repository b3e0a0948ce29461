"""Duplicate documents: the same article saved twice, or syndicated under another header,
is counted once.

Each document gets a :func:`fingerprint` when it is extracted: hashes of

* its whole text after :func:`~shabaka.text.normalize_key` with punctuation removed
  (identical copies, whatever their spacing, diacritics or hamza spelling);
* its *body*: its sentences of at least :data:`BODY_WORDS` words, from the first, the
  second and the third on, where three such sentences remain at least. A header line
  (title, date, agency, byline) is short or is one of the first sentences, so two copies
  of an article under different headers share a body hash.

A document one of whose hashes was seen before, in reading order, is a duplicate of that
earlier document and is left out of the graph (:class:`Folder`). Both engines fold in
reading order, so they give the same graph; the graph attribute ``duplicates`` maps each
folded document to the one kept, and :func:`shabaka.pipeline.summary` says how many.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, TypeVar

from shabaka.model import Sentence
from shabaka.text import normalize_key


class Fingerprinted(Protocol):
    """A document's record, as :class:`shabaka.phases.DocumentRecord`."""

    doc_id: str
    fingerprint: tuple[str, ...]


R = TypeVar("R", bound=Fingerprinted)

#: A body sentence has at least this many words.
BODY_WORDS = 6
#: Body hashes start at each of the first this many body sentences.
HEADER_SENTENCES = 3
#: A body hash needs at least this many body sentences.
MIN_BODY = 3
_NOT_WORD = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", normalize_key(text)).split())


def _hash(kind: str, text: str) -> str:
    return kind + hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def fingerprint(text: str, sentences: Sequence[Sentence]) -> tuple[str, ...]:
    """The hashes of a document (see the module docstring): its text, then its body.

    >>> from shabaka.text import split_sentences
    >>> body = "زار الوزير مدينة طنجة صباح اليوم رفقة الوفد. " * 3 + "وقال إن المشروع سينطلق في شهر يونيو المقبل."
    >>> a, b = "خبر أول\\n\\n" + body, "المصدر: وكالة\\n\\n" + body
    >>> fa, fb = fingerprint(a, split_sentences(a)), fingerprint(b, split_sentences(b))
    >>> fa[0] == fb[0], bool(set(fa[1:]) & set(fb[1:]))
    (False, True)
    """
    keys = [_key(s.text) for s in sentences]
    body = [k for k in keys if k.count(" ") + 1 >= BODY_WORDS]
    out = [_hash("t", _key(text))]
    out += [_hash("b", "\n".join(body[i:])) for i in range(HEADER_SENTENCES) if len(body) - i >= MIN_BODY]
    return tuple(out)


class Folder:
    """Decides, in reading order, which documents are duplicates of earlier ones.

    >>> f = Folder()
    >>> f.keep("a", ("t1", "b1")), f.keep("b", ("t2", "b1")), f.keep("c", ("t3",))
    (True, False, True)
    >>> f.folded
    {'b': 'a'}
    """

    def __init__(self) -> None:
        self._first: dict[str, str] = {}
        self.folded: dict[str, str] = {}

    def keep(self, doc_id: str, hashes: Iterable[str]) -> bool:
        """True if the document is new; else it is recorded in :attr:`folded`."""
        hashes = list(hashes)
        for h in hashes:
            if h in self._first:
                self.folded[doc_id] = self._first[h]
                return False
        for h in hashes:
            self._first[h] = doc_id
        return True

    def filter(self, records: Iterable[R]) -> Iterator[R]:
        """The records that are not duplicates, in order (the local engine's pass)."""
        for record in records:
            if self.keep(record.doc_id, record.fingerprint):
                yield record
