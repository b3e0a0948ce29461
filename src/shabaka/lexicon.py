"""The name lists shabaka reads: alias tables and gazetteers, and the key of a name form.

Below both extraction and resolution: the gazetteer extractor and the known-names
extractor match these lists, the resolver merges by them.

Alias table
-----------
A CSV file with a header ``alias,canonical[,type]``; blank lines and lines starting
with ``#`` are skipped::

    alias,canonical,type
    FBI,مكتب التحقيقات الفيدرالي,ORG      # force a merge (type optional)
    إف بي آي,مكتب التحقيقات الفيدرالي,
    جدة,!=وجدة,                             # force a split: never one entity
    حموشي,:=عبد اللطيف حموشي,               # rename: the entity with this form gets this label

A ``!=`` row between two single words also stops a clitic being cut from one to make
the other (وجدة is not و + جدة). The built-in table (``shabaka/data/aliases.csv``)
is read first, the user's on top: the user's merge of a pair lifts a built-in split. A ``:=`` row
names the entity: its label (and so its node id, the label's key) is the text after
``:=`` instead of its most frequent form. The page's corrections
(:mod:`shabaka.render`) are downloaded in this format.

Gazetteer
---------
A CSV file with columns ``name,type[,aliases]`` (aliases separated by ``|``) or a YAML
file holding a list of ``{name, type, aliases}`` mappings. Types are PER, ORG, LOC or
MISC (PERS, GPE ... are accepted).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

from shabaka.errors import DataFileError
from shabaka.model import normalize_type
from shabaka.text import normalize_key

#: Quotation marks, read as spaces in a name form.
QUOTE_TABLE = str.maketrans(dict.fromkeys('"«»“”„‟', " "))
#: Characters stripped from both ends of a name form.
EDGE_CHARS = " '‘’`()[]{}<>-"
_INITIAL = re.compile(r"(?<!\w)(\w)\.")  # U.S. → US, F.B.I. → FBI
_INNER_DOT = re.compile(r"(?<=\w)[.·](?=\w)")  # اف.بي.اي → اف بي اي


@lru_cache(maxsize=1 << 18)
def form_key(text: str) -> str:
    """The form of a mention: its matching key without quotes, outer brackets or initials' dots.

    >>> form_key("«داعش»") == form_key('"داعش"') == form_key("“داعش”") == form_key("داعش")
    True
    >>> form_key("U.S."), form_key("F.B.I"), form_key("إف.بي.آي")
    ('us', 'fbi', 'اف بي اي')
    """
    text = text.translate(QUOTE_TABLE).strip(EDGE_CHARS + "\t\n\r\u00a0")
    key = _INNER_DOT.sub(" ", _INITIAL.sub(r"\1", normalize_key(text)))
    return " ".join(key.strip(EDGE_CHARS).split())


class AliasError(DataFileError):
    """The alias table cannot be used; the message names the file and line."""


@dataclass(slots=True)
class AliasTable:
    """Forced merges (alias key → canonical key, source rule), forced types, forced splits,
    forced labels (a form's key → the label of its entity) and the canonical names as
    written (key → name: the label of an entity named only by a short form, see
    :mod:`shabaka.resolve`)."""

    merges: list[tuple[str, str, str]] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)
    splits: set[frozenset[str]] = field(default_factory=set)
    labels: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def update(self, other: AliasTable) -> AliasTable:
        """Put ``other`` on top of this table: its merges lift this table's splits of the same pair."""
        for a, b, _ in other.merges:
            self.splits.discard(frozenset((a, b)))
        self.merges.extend(other.merges)
        self.types.update(other.types)
        self.splits |= other.splits
        self.labels.update(other.labels)
        self.names.update(other.names)
        return self


def load_aliases(path: str | Path, rule: str = "alias") -> AliasTable:
    """Read an alias table (see the module docstring for the format).

    Raises
    ------
    AliasError
        naming the file and line that is wrong.
    """
    path = Path(path)
    if not path.is_file():
        raise AliasError(f"{path}: alias file not found")
    table = AliasTable()
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = ((n, row) for n, row in enumerate(csv.reader(f), 1) if row and not row[0].lstrip().startswith("#"))
        header = next(rows, (0, []))[1]
        if [c.strip().lower() for c in header[:2]] != ["alias", "canonical"]:
            raise AliasError(f"{path}:1: expected the header alias,canonical[,type]")
        for line, row in rows:
            alias, canonical, kind = (*[c.split("#")[0].strip() for c in row], "", "")[:3]
            split, rename = canonical.startswith("!="), canonical.startswith(":=")
            a, b = form_key(alias), form_key(canonical[2:] if split or rename else canonical)
            if not a or not b or (kind and normalize_type(kind) is None):
                raise AliasError(f"{path}:{line}: needs an alias, a canonical name and an optional type, got {row}")
            if split:
                table.splits.add(frozenset((a, b)))
                continue
            if rename:
                table.labels[a] = " ".join(canonical[2:].split())
                if kind:
                    table.types[a] = normalize_type(kind) or kind
                continue
            table.merges.append((a, b, rule))
            table.names.setdefault(b, " ".join(canonical.split()))
            if kind:
                table.types[b] = normalize_type(kind) or kind
    return table


@cache
def builtin_aliases() -> AliasTable:
    """The alias table shipped with shabaka (``shabaka/data/aliases.csv``), with the clubs'
    short names (:func:`club_aliases`) and the known towns (:func:`place_aliases`)."""
    table = load_aliases(str(files("shabaka") / "data" / "aliases.csv"))
    return table.update(club_aliases()).update(place_aliases())


@cache
def place_keys() -> frozenset[str]:
    """The keys of the known places of the built-in alias tables: countries, regions, towns,
    and their other names."""
    table = builtin_aliases()
    return frozenset(k for a, c, _ in table.merges if table.types.get(c) == "LOC" for k in (a, c))


@cache
def place_aliases() -> AliasTable:
    """The towns and provinces of ``shabaka/data/places.txt`` (one a line, written by
    ``scripts/make_places.py``) as known places: typed LOC, each its own entity."""
    table = AliasTable()
    text = (files("shabaka") / "data" / "places.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            key = form_key(line)
            table.merges.append((key, key, "place"))
            table.types[key] = "LOC"
    return table


@cache
def club_aliases() -> AliasTable:
    """The clubs' full and short names (``shabaka/data/clubs.csv``), untyped: merged by the
    resolver, found only in sports texts (:mod:`shabaka.extract.patterns`)."""
    return load_aliases(str(files("shabaka") / "data" / "clubs.csv"))


def gazetteer_aliases(path: str | Path) -> AliasTable:
    """A gazetteer's names and aliases as forced merges (rule ``gazetteer``), with their types."""
    table = AliasTable()
    for entry in load_gazetteer(path):
        name = form_key(entry.name)
        table.types[name] = entry.type
        table.merges.append((name, name, "gazetteer"))  # a known name, for the clitic rule
        table.merges.extend((form_key(a), name, "gazetteer") for a in entry.aliases if form_key(a))
    return table


@cache
def given_names(more: bool = False) -> frozenset[str]:
    """The common Arabic given names of ``shabaka/data/given_names.txt`` (normalized keys);
    with ``more``, also those of ``given_names_more.txt``."""
    words: set[str] = set()
    for name in ("given_names.txt", "given_names_more.txt") if more else ("given_names.txt",):
        text = (files("shabaka") / "data" / name).read_text(encoding="utf-8")
        words.update(normalize_key(w.strip()) for w in text.splitlines() if w.strip() and not w.startswith("#"))
    return frozenset(words)


#: The categories of the embedded model's name list that hold persons' names and name words.
PERSON_CATEGORIES = frozenset(("XPER", "XGIVEN", "XSUR", "PFIRST", "PLAST"))


@cache
def person_words() -> frozenset[str]:
    """The words of listed persons' names (normalized keys): the given names of
    :func:`given_names` (with ``more``) and every word of the persons, given names and
    surnames in the name list the embedded model ships (``extract/models/gazetteer.tsv``,
    derived from ``names_xlit``: كريستوفر of كريستوفر نولان)."""
    words = set(given_names(more=True))
    for entry in _model_names(PERSON_CATEGORIES):
        words.update(entry.split())
    return frozenset(words)


@cache
def country_keys() -> frozenset[str]:
    """The keys of the one-word country names of the embedded model's name list (مصر، العراق، سوريه)."""
    return frozenset(normalize_key(e) for e in _model_names(frozenset(("COUNTRY",))) if " " not in e)


@cache
def world_place_keys() -> frozenset[str]:
    """The keys of :func:`place_keys` and of the countries, regions and towns of the embedded
    model's name list (برلين، كيب تاون)."""
    return place_keys() | {normalize_key(e) for e in _model_names(frozenset(("COUNTRY", "REGION", "CITY")))}


@cache
def vocabulary() -> frozenset[str]:
    """The words of the embedded model's vocabulary (``extract/models/wordinfo.tsv``, normalized
    keys): the words of a large news corpus, common nouns and frequent names; a word it lacks is rare."""
    text = (files("shabaka") / "extract" / "models" / "wordinfo.tsv").read_text(encoding="utf-8")
    return frozenset(line.partition("\t")[0] for line in text.splitlines())


def _model_names(categories: frozenset[str]) -> Iterator[str]:
    """The entries of the given categories in the embedded model's name list (``extract/models/gazetteer.tsv``)."""
    text = (files("shabaka") / "extract" / "models" / "gazetteer.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        category, _, entry = line.partition("\t")
        if category in categories:
            yield entry


class GazetteerError(DataFileError):
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


def _yaml_loader() -> type:
    """A safe YAML loader that refuses an alias (``*name``) to a list or mapping: repeated
    nested aliases ("billion laughs") make a few hundred bytes stand for gigabytes. An
    alias to a single value is kept."""
    import yaml

    class Loader(yaml.SafeLoader):
        def compose_node(self, parent: object, index: object) -> object:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                node = self.anchors.get(event.anchor)
                if node is not None and not isinstance(node, yaml.ScalarNode):
                    raise GazetteerError(
                        f"line {event.start_mark.line + 1}: alias *{event.anchor} repeats a list or mapping; "
                        "write the entries out (aliases of lists and mappings are not read)"
                    )
            return super().compose_node(parent, index)

    return Loader


def _yaml_entries(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    import yaml

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_yaml_loader())  # a SafeLoader
    except yaml.YAMLError as exc:
        raise GazetteerError(f"{path}: not valid YAML ({exc})") from None
    except GazetteerError as exc:
        raise GazetteerError(f"{path}: {exc}") from None
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
        if not isinstance(aliases, list) or any(isinstance(a, (list, dict)) for a in aliases):
            raise GazetteerError(f"{path}:{where}: aliases must be a list of names (or names separated by |)")
        entries.append(GazetteerEntry(name, kind, tuple(str(a) for a in aliases if str(a).strip())))
    return entries


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
