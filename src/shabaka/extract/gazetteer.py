"""A user's list of names as an extractor: exact matching on normalized tokens.

The list is a CSV file with columns ``name,type[,aliases]`` (aliases separated by
``|``) or a YAML file holding a list of ``{name, type, aliases}`` mappings. Types are
PER, ORG, LOC or MISC (PERS, GPE ... are accepted).

Names match on :func:`~shabaka.text.normalize_key` of each token, so spelling
variants of alef, ya, teh marbuta and diacritics match; a name's first token also
matches with Arabic proclitics in front (و ف, then ب ل ك; لل for ال), and the
longest name wins where names overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from shabaka.arabic import proclitic_variants
from shabaka.extract.base import Extractor, Memo, Span
from shabaka.lexicon import (
    AliasTable,
    GazetteerEntry,
    GazetteerError,
    alias_entries,
    builtin_aliases,
    load_aliases,
    load_gazetteer,
)
from shabaka.text import normalize_key, tokenize

__all__ = ["GazetteerEntry", "GazetteerError", "GazetteerExtractor", "KnownNamesExtractor", "load_gazetteer"]


class GazetteerExtractor(Extractor):
    """Find the names of a gazetteer in tokenized sentences.

    Parameters
    ----------
    path : the gazetteer file (CSV or YAML)
    entries : entries given directly instead of a file

    Examples
    --------
    >>> g = GazetteerExtractor(entries=[GazetteerEntry("المغرب", "LOC"), GazetteerEntry("الأمن الوطني", "ORG")])
    >>> g.extract([["زار", "وللمغرب", "مدير", "الامن", "الوطني"]])
    [[Span(start=1, end=2, type='LOC', confidence=1.0), Span(start=3, end=5, type='ORG', confidence=1.0)]]
    """

    name = "gazetteer"

    def __init__(self, path: str | Path | None = None, entries: Sequence[GazetteerEntry] | None = None):
        if entries is None:
            if path is None:
                raise GazetteerError("the gazetteer extractor needs a file: --gazetteer FILE")
            entries = load_gazetteer(path)
        self._names: dict[tuple[str, ...], str] = {}
        for entry in entries:
            for form in (entry.name, *entry.aliases):
                key = tuple(normalize_key(t.text) for t in tokenize(form))
                if key:
                    self._names.setdefault(key, entry.type)
        self._longest = max((len(k) for k in self._names), default=0)
        self._first_words = {k[0] for k in self._names}
        self._openings = Memo(self._variants_opening, 2**16)

    def _variants_opening(self, key: str) -> tuple[str, ...]:
        """The forms of ``key`` without its proclitics (:func:`proclitic_variants`) that open a
        name (cached per extractor as :attr:`_openings`: most words open none)."""
        return tuple(v for v in proclitic_variants(key) if v in self._first_words)

    def extract(self, sentences: Sequence[Sequence[str]]) -> list[list[Span]]:
        """Longest-first, left-to-right matches of the list's names."""
        return [self._match([normalize_key(t) for t in tokens]) for tokens in sentences]

    def _match(self, keys: list[str]) -> list[Span]:
        spans: list[Span] = []
        i = 0
        while i < len(keys):
            variants = self._openings[keys[i]]
            for length in range(min(self._longest, len(keys) - i) if variants else 0, 0, -1):
                rest = tuple(keys[i + 1 : i + length])
                kind = next((self._names[(v, *rest)] for v in variants if (v, *rest) in self._names), None)
                if kind is not None:
                    spans.append(Span(i, i + length, kind))
                    i += length
                    break
            else:
                i += 1
        return spans


class KnownNamesExtractor(GazetteerExtractor):
    """The typed names of the alias tables: shabaka's own (agencies, countries, international
    bodies, their acronyms) and the user's ``--aliases`` file, found like a gazetteer's.

    Added before the model by default (``Settings.known_names``), so that well-known names
    the model misses, or cuts short, are still found whole.

    Examples
    --------
    >>> k = KnownNamesExtractor()
    >>> sentence = ["قالت", "وكالة", "الاستخبارات", "المركزية", "إن", "FBI", "يحقق"]
    >>> [(s.start, s.end, s.type) for s in k.extract([sentence])[0]]
    [(1, 4, 'ORG'), (5, 6, 'ORG')]
    """

    name = "known-names"

    def __init__(self, aliases: str | Path | None = None):
        table = AliasTable().update(builtin_aliases())  # a copy: the built-in table is cached
        if aliases is not None:
            table.update(load_aliases(aliases))
        super().__init__(entries=alias_entries(table))
