"""Finding an entity of a graph by any of its names, in Arabic or Latin letters.

A node's id is the key of its label (``عبد اللطيف الحموشي``), so ``G.nodes["حموشي"]``
fails; :func:`find` takes any name an entity was written with, with or without the
article, with any spelling of hamza, ى/ي or ة/ه, or its English label ("Hammouchi").
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Iterator
from typing import Any

import networkx as nx

from shabaka.arabic import drop_article
from shabaka.errors import ShabakaError
from shabaka.latin import english_label, is_latin, latin_keys
from shabaka.lexicon import form_key
from shabaka.render.html import _as_list


class EntityNotFoundError(ShabakaError, KeyError):
    """No entity of the graph has the name asked for; the message lists close names."""

    def __str__(self) -> str:  # KeyError would show the message quoted
        return str(self.args[0])


def _bare(key: str) -> str:
    return " ".join(drop_article(w) for w in key.split(" "))


def _names(G: nx.Graph, v: Hashable) -> Iterator[str]:
    d = G.nodes[v]
    yield str(v)
    yield str(d.get("label", v))
    yield from map(str, _as_list(d.get("aliases")))


def _latin(G: nx.Graph, v: Hashable) -> list[str]:
    d = G.nodes[v]
    names = list(_names(G, v))[1:]  # not the node id: a key, not a name
    english = english_label(str(d.get("label", v)), str(d.get("type", "")), names)
    return latin_keys([n for n in [english, *names] if n and is_latin(n)])


def _word_runs(key: str) -> set[str]:
    """The runs of consecutive words of ``key``.

    >>> sorted(_word_runs("a b c"))
    ['a', 'a b', 'a b c', 'b', 'b c', 'c']
    """
    words = key.split(" ")
    return {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}


def find(G: nx.Graph, name: str) -> Hashable:
    """The node id of the entity called ``name`` (its label, an alias or its English label).

    Matches, best first: the same key (:func:`~shabaka.lexicon.form_key`: spelling
    variants and diacritics ignored), then the same key without ال, then Latin names and
    their skeletons (:func:`~shabaka.latin.latin_keys`), as whole words ("Hammouchi" finds
    Abdellatif Hammouchi); within one level the entity with the most mentions wins.

    Raises
    ------
    EntityNotFoundError
        when no entity has that name; the message lists the closest names.

    >>> G = nx.Graph()
    >>> G.add_node("عبد اللطيف الحموشي", label="عبد اللطيف الحموشي", type="PER",
    ...            aliases=["عبد اللطيف الحموشي", "الحموشي"], mentions=4)
    >>> find(G, "حموشي") == find(G, "Hammouchi") == "عبد اللطيف الحموشي"
    True
    """
    if name in G:
        return name
    key = form_key(name)
    levels: list[tuple[str, Any]] = [
        (key, lambda v: {form_key(n) for n in _names(G, v)}),
        (_bare(key), lambda v: {_bare(form_key(n)) for n in _names(G, v)}),
    ]
    if is_latin(name):  # whole words of a Latin name: "Hammouchi" in "Abdellatif Hammouchi"
        levels += [(q, lambda v: {w for k in _latin(G, v) for w in _word_runs(k)}) for q in latin_keys([name])]
    for target, keys_of in levels:
        found = [v for v in G if target and target in keys_of(v)]
        if found:
            return max(found, key=lambda v: (G.nodes[v].get("mentions", 0), str(v)))
    names = sorted({n for v in G for n in _names(G, v)} | {k for v in G for k in _latin(G, v)[:1]})
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.5) or difflib.get_close_matches(
        key, [form_key(n) for n in names], n=5, cutoff=0.5
    )
    hint = f"; close names: {', '.join(close)}" if close else ""
    raise EntityNotFoundError(
        f"no entity of the graph ({G.number_of_nodes()} entities) is called {name!r}{hint}. "
        "Try another spelling, or list the labels with G.nodes(data='label')"
    )
