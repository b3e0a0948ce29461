"""What resolution knows of a name form, and the union-find that merges forms into entities."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from shabaka.model import ENTITY_TYPES


@dataclass(slots=True)
class Form:
    """What the corpus says about one name form."""

    surfaces: Counter[str] = field(default_factory=Counter)  # surface → count (titles cut)
    labels: Counter[str] = field(default_factory=Counter)  # same, clitics cut too
    types: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    docs: set[str] = field(default_factory=set)
    rules: set[str] = field(default_factory=set)

    def add(self, other: Form) -> None:
        self.surfaces.update(other.surfaces)
        self.labels.update(other.labels)
        self.types.update(other.types)
        self.roles.update(other.roles)
        self.docs |= other.docs
        self.rules |= other.rules

    @property
    def person(self) -> bool:
        """Is it a person's name, by its mentions' types and roles?"""
        votes = self.types["PER"] + self.roles.total()  # ties go to PER, as in majority_type
        return votes > 0 and all(n <= votes for t, n in self.types.items() if t != "PER")


class Groups:
    """Union-find over forms that refuses merges joining a forced split."""

    def __init__(self, keys: Iterable[str], splits: set[frozenset[str]], observed: Iterable[str]) -> None:
        self.parent = {k: k for k in sorted(keys)}
        self.observed = set(observed)
        self.members = {k: {k} for k in self.parent}
        self.rules: dict[str, set[str]] = defaultdict(set)
        self.apart: dict[str, set[str]] = defaultdict(set)
        for a, b in (sorted(pair) for pair in splits if len(pair) == 2):
            self.apart[a].add(b)
            self.apart[b].add(a)

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def conflict(self, a: str, b: str) -> bool:
        """Would merging the groups of ``a`` and ``b`` join a forced split?"""
        ma, mb = self.members[self.find(a)], self.members[self.find(b)]
        return any(self.apart[k] & mb for k in ma if k in self.apart)

    def union(self, a: str, b: str, rule: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or self.conflict(a, b):
            return
        ra, rb = min(ra, rb), max(ra, rb)
        seen = any(self.members[r] & self.observed for r in (ra, rb))
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        self.rules[ra] |= {rule, *self.rules.pop(rb, ())} if seen else self.rules.pop(rb, set())

    def rules_of(self, root: str) -> set[str]:
        """The rules that merged the group, if it holds several forms seen in the corpus."""
        return self.rules.get(root, set()) if len(self.members[root] & self.observed) > 1 else set()

    def groups(self) -> dict[str, set[str]]:
        return {r: m for r, m in self.members.items() if self.parent[r] == r}


def label_of(g: Form) -> str:
    """The most frequent surface form (ties to the longer); for a person, of the full names.

    >>> label_of(Form(labels=Counter({"ميلر": 3, "دانيال ميلر": 2}), types=Counter(PER=5)))
    'دانيال ميلر'
    """
    full = [s for s in g.labels if len(s.split()) > 1] if g.person else []
    return min(full or g.labels, key=lambda s: (-g.labels[s], -len(s), s))


def majority_type(types: Counter[str]) -> str:
    """The most frequent type; ties go in the order of :data:`~shabaka.model.ENTITY_TYPES` (PER, ORG, LOC, MISC)."""
    order = {t: i for i, t in enumerate(ENTITY_TYPES)}
    return min((t for t in types if types[t] > 0), key=lambda t: (-types[t], order.get(t, 9)))
