"""Entity resolution: from mentions to one entity per real-world referent.

Mentions are grouped by *form*: the :func:`~shabaka.text.normalize_key` of their text
with surrounding quotes and brackets removed. Forms are then merged by rules, each
recorded by name in the entity's ``resolution`` attribute:

``clitic``
    a form with a proclitic (و ف ب ل ك, لل) is the same as the form without it when
    that bare form is itself seen in the corpus (بالرباط → الرباط; بركان stays whole).

An entity's type is the majority type of its mentions; its label is its most
frequent surface form; its key (the graph node id) is the normalized label.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from shabaka.model import Mention
from shabaka.text import normalize_key

_QUOTES = "\"'«»“”„‘’`()[]{}<>"
_PROCLITICS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")


def form_key(text: str) -> str:
    """The form of a mention: its matching key without surrounding quotes or brackets.

    >>> form_key("«داعش»") == form_key('"داعش"') == form_key("داعش")
    True
    """
    return normalize_key(text.strip().strip(_QUOTES).strip())


def clitic_candidates(key: str) -> list[str]:
    """Forms that ``key`` may be with its proclitics removed, longest removal last.

    >>> clitic_candidates("وبالرباط")
    ['بالرباط', 'الرباط']
    >>> clitic_candidates("للامن الوطني")
    ['الامن الوطني']
    """
    head, sep, rest = key.partition(" ")
    out: list[str] = []
    word = head
    if word[:1] in _PROCLITICS and len(word) > 3:
        word = word[1:]
        out.append(word)
    if word.startswith("لل") and len(word) > 4:
        out.append("ال" + word[2:])
    elif word[:1] in _PREPOSITIONS and len(word) > 3:
        out.append(word[1:])
    return [c + sep + rest for c in out]


@dataclass(slots=True)
class Entity:
    """A resolved entity: one graph node."""

    key: str
    label: str
    type: str
    aliases: list[str]
    roles: list[str] = field(default_factory=list)
    resolution: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Resolution:
    """The outcome of resolution: entities by key, and the entity of every form."""

    entities: dict[str, Entity]
    form_entity: dict[str, str]

    def entity_of(self, mention: Mention) -> str | None:
        """The key of the entity a mention belongs to (None if it was dropped)."""
        return self.form_entity.get(form_key(mention.text))


class Resolver:
    """Collects mentions document by document, then resolves them into entities.

    Examples
    --------
    >>> from shabaka.model import Mention
    >>> r = Resolver()
    >>> r.add("d1", [Mention("d1", 0, 0, 0, 6, "الرباط", "LOC"), Mention("d1", 1, 0, 9, 16, "بالرباط", "LOC")])
    >>> res = r.resolve()
    >>> [(e.label, e.aliases, e.resolution) for e in res.entities.values()]
    [('الرباط', ['الرباط', 'بالرباط'], ['clitic'])]
    """

    def __init__(self) -> None:
        self._surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        self._types: dict[str, Counter[str]] = defaultdict(Counter)

    def add(self, doc_id: str, mentions: Sequence[Mention]) -> None:
        """Record the mentions of one document."""
        for m in mentions:
            key = form_key(m.text)
            if key:
                self._surfaces[key][m.text.strip().strip(_QUOTES).strip()] += 1
                self._types[key][m.type] += 1

    def resolve(self) -> Resolution:
        """Merge forms into entities and return the :class:`Resolution`."""
        parent = {k: k for k in self._surfaces}
        rules: dict[str, set[str]] = defaultdict(set)

        def find(k: str) -> str:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for key in self._surfaces:
            for bare in clitic_candidates(key):
                if bare in parent:
                    a, b = find(key), find(bare)
                    if a != b:
                        parent[a] = b
                    rules[find(bare)].add("clitic")
        groups: dict[str, list[str]] = defaultdict(list)
        for key in self._surfaces:
            groups[find(key)].append(key)
        return self._entities(groups, rules)

    def _entities(self, groups: dict[str, list[str]], rules: dict[str, set[str]]) -> Resolution:
        entities: dict[str, Entity] = {}
        form_entity: dict[str, str] = {}
        for root, keys in groups.items():
            surfaces: Counter[str] = Counter()
            types: Counter[str] = Counter()
            for k in keys:
                surfaces.update(self._surfaces[k])
                types.update(self._types[k])
            # bare forms (no clitic) make the label; among them the most frequent, then shortest
            bare = [s for s in surfaces if form_key(s) not in _clitic_forms(keys)] or list(surfaces)
            label = min(bare, key=lambda s: (-surfaces[s], len(s), s))
            key = form_key(label)
            entity = Entity(
                key=key,
                label=label,
                type=_majority(types),
                aliases=sorted(surfaces),
                resolution=sorted(rules.get(root, ())),
            )
            entities[key] = entity
            form_entity.update(dict.fromkeys(keys, key))
        return Resolution(entities, form_entity)


def _clitic_forms(keys: Iterable[str]) -> set[str]:
    keyset = set(keys)
    return {k for k in keyset if any(c in keyset for c in clitic_candidates(k))}


def _majority(types: Counter[str]) -> str:
    """The most frequent type; ties go to PER, ORG, LOC, MISC in that order."""
    order = {"PER": 0, "ORG": 1, "LOC": 2, "MISC": 3}
    return min(types, key=lambda t: (-types[t], order.get(t, 9)))
