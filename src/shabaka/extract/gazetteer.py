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

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from shabaka.extract.base import Extractor, Span, normalize_type
from shabaka.resolve import AliasTable, builtin_aliases, load_aliases, proclitic_variants
from shabaka.text import normalize_key, tokenize


class GazetteerError(ValueError):
    """The gazetteer file cannot be used; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One named entity of the list."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()


def _csv_entries(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"name", "type"} - set(reader.fieldnames or [])
        if missing:
            raise GazetteerError(
                f"{path}: missing column(s) {', '.join(sorted(missing))}; expected name,type[,aliases]"
            )
        for row in reader:
            aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
            yield reader.line_num, {"name": row["name"], "type": row["type"], "aliases": aliases}


def _yaml_entries(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise GazetteerError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, list):
        raise GazetteerError(f"{path}: expected a list of {{name, type, aliases}} entries")
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise GazetteerError(f"{path}: entry {i} is not a mapping with name and type")
        yield i, item


def load_gazetteer(path: str | Path) -> list[GazetteerEntry]:
    """Read a gazetteer file (CSV or YAML).

    Raises
    ------
    GazetteerError
        naming the file and line (CSV) or entry (YAML) that is wrong.
    """
    path = Path(path)
    if not path.is_file():
        raise GazetteerError(f"{path}: gazetteer file not found")
    reader = _yaml_entries if path.suffix.lower() in (".yaml", ".yml") else _csv_entries
    entries = []
    for where, item in reader(path):
        name = str(item.get("name") or "").strip()
        kind = normalize_type(str(item.get("type") or ""))
        if not name or kind is None:
            raise GazetteerError(
                f"{path}:{where}: needs a name and a type among PER, ORG, LOC, MISC "
                f"(got name={item.get('name')!r}, type={item.get('type')!r})"
            )
        aliases = item.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [a.strip() for a in aliases.split("|")]
        entries.append(GazetteerEntry(name, kind, tuple(str(a) for a in aliases if str(a).strip())))
    return entries


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

    def extract(self, sentences: Sequence[Sequence[str]]) -> list[list[Span]]:
        """Longest-first, left-to-right matches of the list's names."""
        return [self._match([normalize_key(t) for t in tokens]) for tokens in sentences]

    def _match(self, keys: list[str]) -> list[Span]:
        spans: list[Span] = []
        i = 0
        while i < len(keys):
            variants = [v for v in proclitic_variants(keys[i]) if v in self._first_words]  # once per token
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


#: One-word names that are also everyday words (فتح "opened", القاعدة "the base", حماس
#: "enthusiasm"): the known-names matcher leaves them to the model, which sees the context.
AMBIGUOUS_NAMES = frozenset(normalize_key(w) for w in ("فتح", "القاعدة", "حماس", "الأمل", "النهضة", "الكاف"))


def alias_entries(table: AliasTable) -> list[GazetteerEntry]:
    """The names of an alias table that have a type, as gazetteer entries (keys, normalized),
    without the one-word :data:`AMBIGUOUS_NAMES`."""
    names: dict[str, set[str]] = {}
    for alias, canonical, _ in table.merges:
        if canonical in table.types and alias not in AMBIGUOUS_NAMES and canonical not in AMBIGUOUS_NAMES:
            names.setdefault(canonical, set()).add(alias)
    return [GazetteerEntry(c, table.types[c], tuple(sorted(a - {c}))) for c, a in sorted(names.items())]


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
