"""The co-mention graph: a plain :class:`networkx.Graph` of resolved entities.

Schema (a promise to users and their scripts: extended, never renamed)
----------------------------------------------------------------------
Node id: the entity key, a stable normalized form of its label (see
:func:`shabaka.resolve.form_key`).

Node attributes

=============  ==============================================================
``label``      most frequent full surface form (what the view shows)
``type``       ``PER``, ``ORG``, ``LOC`` or ``MISC`` (majority over mentions)
``aliases``    every surface form seen, sorted
``documents``  ids of the documents it appears in, sorted
``mentions``   number of mentions
``roles``      titles and roles seen with it (السفير، المدير العام ...), sorted
``resolution`` rules that merged non-identical forms into it, sorted
``evidence``   up to ``evidence_cap`` sentences mentioning it: dicts with
               ``doc``, ``sentence`` (index in the document), ``text`` and
               ``highlights`` (``[start, end]`` character offsets in ``text``)
``months``     ``{"YYYY-MM": n}``: how many of its dated documents fall in each
               month, months in order (``{}`` when none is dated)
``first_date`` ``YYYY-MM-DD`` of its first and last dated document; absent
``last_date``  when none is dated
=============  ==============================================================

Edges join entities mentioned in the same window (``sentence`` by default,
``paragraph`` or ``document``).

Edge attributes

=============  ==============================================================
``weight``     number of windows in which both are mentioned
``documents``  ids of the documents where that happens, sorted
``npmi``       normalized pointwise mutual information over windows, in
               [-1, 1]: ``log(p(a,b) / (p(a) p(b))) / -log p(a,b)`` with
               probabilities counted over all windows of the corpus
``evidence``   up to ``evidence_cap`` sentences where both appear (same dicts
               as for nodes), the first by document id and sentence index
``relations``  what the sentences say links them, by type (``meeting``,
               ``call``, ``visit``, ``agreement``, ``support``, ``conflict``,
               ``statement``... see ``shabaka/data/relations.csv``; ``role``
               for a title: person → organization or country):
               ``{type: {"count", "direction", "gloss", "cypher",
               "evidence"}}``. ``direction`` is ``[source, target]`` where
               every sentence agrees, ``"both"`` where they disagree, ``None``
               for a symmetric type (met, signed with); ``gloss`` the English
               label (``received``, ``ambassador to``); ``cypher`` the Neo4j
               relationship type (``MET``, ``SIGNED_WITH``, ``ROLE``);
               ``evidence`` up to ``evidence_cap`` sentences, the node dicts
               plus ``trigger`` (``[start, end]`` of the verb, noun or title).
               ``{}`` when no sentence states a relation: the co-mention is
               the link, a relation is evidence on it
``relation``   the type with the most sentences (first in type order on a
               tie), ``"co-mention"`` when ``relations`` is empty
``months``,    as for nodes, over the documents where both are mentioned
``first_date``,
``last_date``
=============  ==============================================================

Graph attributes: ``window``, ``windows`` (count), ``evidence_cap``,
``min_weight``, ``extractor``, ``documents`` (document id → its ``title``,
``date``, ``date_source``, ``source``, ``url`` where known) and ``capped_windows``
(how many windows named more than :data:`MAX_WINDOW_NAMES` entities: only the pairs
of their first :data:`MAX_WINDOW_NAMES` were counted). ``title`` is the
record's or page's title, else the headline of a text (its first line when that
reads as one: :func:`shabaka.text.headline`); ``date`` is ``YYYY-MM-DD`` with
``date_source`` (``meta``, ``html``, ``text`` or ``url``) where
:func:`shabaka.dates.document_date` could tell the day, else the record's own
field as given, without ``date_source``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from shabaka.dates import date_summary
from shabaka.model import Entity, Mention, Sentence

Evidence = dict[str, Any]
Pair = tuple[str, str]

#: Co-mentions are counted among at most this many entities per window (by first
#: mention): a window naming more (a list of names, a paragraph-less dump) would make
#: pairs without meaning, in a number growing as the square of its names.
MAX_WINDOW_NAMES = 100


def _evidence_order(item: Evidence) -> tuple[str, int]:
    return (item["doc"], item["sentence"])


def _add_capped(target: list[Evidence], items: Iterable[Evidence], cap: int) -> list[Evidence]:
    """Keep the ``cap`` first evidence items by (document, sentence): the same result
    whatever order partial counts are merged in."""
    merged = {(e["doc"], e["sentence"]): e for e in [*target, *items]}
    return sorted(merged.values(), key=_evidence_order)[:cap]


@dataclass(slots=True)
class CoMentionCounts:
    """Counts of entities and co-mentions over windows; mergeable across partitions."""

    evidence_cap: int = 5
    windows: int = 0
    mentions: Counter[str] = field(default_factory=Counter)
    node_windows: Counter[str] = field(default_factory=Counter)
    node_documents: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    node_evidence: defaultdict[str, list[Evidence]] = field(default_factory=lambda: defaultdict(list))
    weight: Counter[Pair] = field(default_factory=Counter)
    edge_documents: defaultdict[Pair, set[str]] = field(default_factory=lambda: defaultdict(set))
    edge_evidence: defaultdict[Pair, list[Evidence]] = field(default_factory=lambda: defaultdict(list))
    capped_windows: Counter[str] = field(default_factory=Counter)

    def add_document(
        self,
        doc_id: str,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention],
        entity_of: Callable[[Mention], str | None],
        window: str = "sentence",
    ) -> None:
        """Count one document's mentions and co-mentions.

        ``sentences`` must hold every sentence of the document (they define the windows);
        ``entity_of`` maps a mention to its entity key, or None to drop it; ``window`` is one
        of :data:`~shabaka.config.WINDOWS` (checked once, by :class:`~shabaka.config.Settings`).
        A window naming more than :data:`MAX_WINDOW_NAMES` entities has its pairs counted
        among the first of them only, and is counted in ``capped_windows[doc_id]``.
        Time: linear in the mentions, plus the pairs counted.
        """
        by_sentence: dict[int, list[tuple[str, Mention]]] = defaultdict(list)
        for m in mentions:
            key = entity_of(m)
            if key is not None:
                by_sentence[m.sentence].append((key, m))
                self.mentions[key] += 1
                self.node_documents[key].add(doc_id)
        text_of = {s.index: s for s in sentences}

        def evidence(index: int, keys: set[str]) -> Evidence:
            s = text_of[index]
            marks = sorted({(m.start - s.start, m.end - s.start) for k, m in by_sentence[index] if k in keys})
            return {"doc": doc_id, "sentence": index, "text": s.text, "highlights": [list(x) for x in marks]}

        for index, found in by_sentence.items():
            for key in {k for k, _ in found}:
                self.node_evidence[key] = _add_capped(
                    self.node_evidence[key], [evidence(index, {key})], self.evidence_cap
                )

        window_of = {
            "sentence": lambda s: s.index,
            "paragraph": lambda s: s.paragraph,
            "document": lambda s: 0,
        }[window]
        groups: dict[int, list[int]] = defaultdict(list)
        for s in sentences:
            groups[window_of(s)].append(s.index)
        self.windows += len(groups)
        for indices in groups.values():
            where: dict[str, list[int]] = {}  # entity -> the sentences of the window naming it, in order
            for i in indices:
                for k in dict.fromkeys(k for k, _ in by_sentence.get(i, ())):
                    where.setdefault(k, []).append(i)
            self.node_windows.update(where.keys())
            keys = list(where)
            if len(keys) > MAX_WINDOW_NAMES:
                self.capped_windows[doc_id] += 1
                keys = keys[:MAX_WINDOW_NAMES]
            for a, b in _pairs(set(keys)):
                self.weight[a, b] += 1
                self.edge_documents[a, b].add(doc_id)
                if window == "sentence":
                    found = [i for i in where[a] if i in where[b]]
                else:  # a sentence naming either, the first ones only: evidence stays capped
                    found = sorted(set(where[a][: self.evidence_cap]) | set(where[b][: self.evidence_cap]))
                items = [evidence(i, {a, b}) for i in found[: self.evidence_cap]]
                self.edge_evidence[a, b] = _add_capped(self.edge_evidence[a, b], items, self.evidence_cap)

    def merge(self, other: CoMentionCounts) -> CoMentionCounts:
        """Add ``other``'s counts into these (evidence stays capped); return self."""
        self.windows += other.windows
        self.capped_windows.update(other.capped_windows)
        self.mentions.update(other.mentions)
        self.node_windows.update(other.node_windows)
        self.weight.update(other.weight)
        for k, docs in other.node_documents.items():
            self.node_documents[k] |= docs
        for p, docs in other.edge_documents.items():
            self.edge_documents[p] |= docs
        for k, ev in other.node_evidence.items():
            self.node_evidence[k] = _add_capped(self.node_evidence[k], ev, self.evidence_cap)
        for p, ev in other.edge_evidence.items():
            self.edge_evidence[p] = _add_capped(self.edge_evidence[p], ev, self.evidence_cap)
        return self


def _pairs(keys: set[str]) -> Iterable[Pair]:
    ordered = sorted(keys)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            yield a, b


def npmi(joint: int, count_a: int, count_b: int, total: int) -> float:
    """Normalized PMI of two entities from window counts, in [-1, 1].

    >>> npmi(2, 2, 2, 10)  # always together
    1.0
    >>> npmi(25, 50, 50, 100)  # together only as often as chance makes them
    0.0
    """
    if joint <= 0 or total <= 0:
        return -1.0
    p_ab = joint / total
    if p_ab >= 1.0:
        return 1.0
    pmi = math.log(p_ab / ((count_a / total) * (count_b / total)))
    return pmi / -math.log(p_ab)


def graph_from_counts(
    counts: CoMentionCounts,
    entities: Mapping[str, Entity],
    *,
    min_weight: int = 1,
    graph_attrs: Mapping[str, Any] | None = None,
    relations: Mapping[Pair, Mapping[str, Any]] | None = None,
    dates: Mapping[str, date] | None = None,
) -> nx.Graph:
    """Build the graph: one node per counted entity, one edge per pair with ``weight >= min_weight``.

    Node and edge attributes are listed in this module's docstring. ``relations`` are the
    links' typed relations (:meth:`shabaka.relations.RelationTally.links`), ``dates`` the
    known day of each document.
    """
    relations, dates = relations or {}, dates or {}

    def when(docs: Iterable[str]) -> dict[str, Any]:
        summary = date_summary(dates.get(d) for d in docs)
        if summary is None:
            return {"months": {}}
        return {"months": summary["months"], "first_date": summary["first"], "last_date": summary["last"]}

    G = nx.Graph(
        **dict(graph_attrs or {}),
        windows=counts.windows,
        min_weight=min_weight,
        capped_windows=sum(counts.capped_windows.values()),
    )
    for key in sorted(counts.mentions):
        e = entities[key]
        G.add_node(
            key,
            label=e.label,
            type=e.type,
            aliases=list(e.aliases),
            documents=sorted(counts.node_documents[key]),
            mentions=counts.mentions[key],
            roles=list(e.roles),
            resolution=list(e.resolution),
            evidence=counts.node_evidence[key],
            **when(counts.node_documents[key]),
        )
    for (a, b), w in sorted(counts.weight.items()):
        if w >= min_weight:
            typed = relations.get((a, b), {})
            G.add_edge(
                a,
                b,
                weight=w,
                documents=sorted(counts.edge_documents[a, b]),
                npmi=round(npmi(w, counts.node_windows[a], counts.node_windows[b], counts.windows), 6),
                evidence=counts.edge_evidence[a, b],
                relations=dict(typed),
                relation=max(typed, key=lambda t: typed[t]["count"]) if typed else "co-mention",
                **when(counts.edge_documents[a, b]),
            )
    return G
