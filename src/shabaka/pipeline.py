"""The pipeline: documents → clean text → sentences → mentions → entities → graph.

The CLI and the Python API both call :func:`build_graph`. A build has three phases,
written once in :mod:`shabaka.phases` and run by every engine:

1. :func:`~shabaka.phases.extract_phase`: each document becomes a light record;
2. :func:`~shabaka.phases.feed_resolver`: the records' mentions go to a
   :class:`~shabaka.resolve.Resolver`, which resolves once every form of the corpus is known;
3. :func:`~shabaka.phases.count_phase` counts co-mentions into mergeable parts, and
   :func:`~shabaka.phases.graph_phase` makes the graph of them.

The engines that drive them are registered in :data:`ENGINE_DRIVERS`, by import path
(so that the dask engine is imported only when chosen):

========== ===================================================================
``local``  :func:`shabaka.local.build_local`: one process, streaming; records wait
           on disk for phase 3, so memory grows with the graph, not the corpus
``dask``   :func:`shabaka.engine.build_dask`: the same phases mapped over partitions
========== ===================================================================
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from importlib import import_module
from typing import Any

import networkx as nx

from shabaka.config import Settings
from shabaka.ingest import IngestReport
from shabaka.model import ENTITY_TYPES
from shabaka.phases import Source
from shabaka.progress import Progress

__all__ = ["ENGINE_DRIVERS", "build_graph", "counted", "sample_gazetteer", "summary"]

#: engine name (:data:`shabaka.config.ENGINES`) -> "module:function" that builds the graph,
#: called as ``function(source, settings, report, progress)`` (``progress``: a
#: :class:`~shabaka.progress.Progress`).
ENGINE_DRIVERS: dict[str, str] = {
    "local": "shabaka.local:build_local",
    "dask": "shabaka.engine:build_dask",
}


def build_graph(
    source: Source,
    settings: Settings | None = None,
    *,
    report: IngestReport | None = None,
    progress: bool | Progress = False,
    **options: Any,
) -> nx.Graph:
    """Build the entity co-mention graph of a corpus.

    Parameters
    ----------
    source : a file or folder, several of them, or :class:`~shabaka.model.Document` objects
    settings : a :class:`~shabaka.config.Settings`; keyword ``options`` override its fields
        (``extractor``, ``gazetteer``, ``aliases``, ``window``, ``min_weight``,
        ``evidence_cap``, ``known_names``, ``clean``, ``keep_boilerplate``, ``engine``, ``scheduler``)
    report : filled with what ingest read and skipped
    progress : show a progress bar per phase on standard error (True), or the bars of
        this :class:`~shabaka.progress.Progress`

    Returns
    -------
    networkx.Graph
        nodes are entities, edges co-mentions; the attributes are listed in :mod:`shabaka.graph`.

    Examples
    --------
    >>> from shabaka.model import Document
    >>> docs = [Document("d1", "التقى كريم الفاسي مع سلمى بنجلون في الرباط.")]
    >>> G = build_graph(docs, extractor="gazetteer", gazetteer=sample_gazetteer())
    >>> sorted(label for _, label in G.nodes(data="label"))
    ['الرباط', 'سلمى بنجلون', 'كريم الفاسي']
    >>> G.edges["الرباط", "كريم الفاسي"]["weight"]
    1
    """
    settings = replace(settings or Settings(), **options)
    report = report if report is not None else IngestReport()
    bars = progress if isinstance(progress, Progress) else Progress(progress)
    module, _, name = ENGINE_DRIVERS[settings.engine].partition(":")
    with rare_collections():
        return getattr(import_module(module), name)(source, settings, report, bars)


#: The thresholds of Python's cyclic garbage collector during a build (its defaults: 700, 10, 10).
BUILD_GC_THRESHOLDS = (100_000, 50, 100)


@contextmanager
def rare_collections() -> Iterator[None]:
    """Run Python's cyclic garbage collector rarely (:data:`BUILD_GC_THRESHOLDS`) inside the block,
    and restore the thresholds in force before it after.

    A build keeps hundreds of thousands of objects alive (the per-word caches, the counts,
    the resolver's forms, the graph) and makes almost no cyclic garbage (its objects are
    freed by reference counting); with the defaults, the collector walked all of them some
    40 times in a build of 1,000 articles: a quarter of its CPU time (31.1 -> 22.9 CPU-s).
    """
    before = gc.get_threshold()
    gc.set_threshold(*BUILD_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def sample_gazetteer() -> str:
    """Path of the gazetteer of the bundled sample articles."""
    from importlib.resources import files

    return str(files("shabaka") / "data" / "sample_gazetteer.csv")


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun``, in the plural unless ``n`` is 1.

    >>> counted(1, "document"), counted(2, "document"), counted(0, "entity", "entities")
    ('1 document', '2 documents', '0 entities')
    """
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def summary(G: nx.Graph, report: IngestReport | None = None) -> str:
    """One line saying what was built (and, with ``report``, what was left out).

    >>> summary(nx.Graph(documents={"a": {}}, sentences=3))
    '1 document, 3 sentences, 0 entities, 0 edges'
    >>> summary(nx.Graph(documents={"a": {}}, duplicates={"b": "a"}))
    '1 document, 0 sentences, 0 entities, 0 edges, 1 duplicate document folded'
    >>> from shabaka.ingest import Skipped
    >>> r = IngestReport(skipped=[Skipped("a.bin", "binary"), Skipped("en.txt", "little Arabic")], non_arabic=1)
    >>> summary(nx.Graph(documents={}, sentences=0), r).split(", ")  # doctest: +NORMALIZE_WHITESPACE
    ['0 documents', '0 sentences', '0 entities', '0 edges', '1 skipped (see warnings)',
     '1 document left out for little Arabic text (--allow-non-arabic keeps them)']
    """
    types: dict[str, int] = {}
    for _, kind in G.nodes(data="type"):
        types[kind] = types.get(kind, 0) + 1
    by_type = ", ".join(f"{k} {types[k]}" for k in ENTITY_TYPES if k in types)
    line = ", ".join(
        (
            counted(len(G.graph.get("documents", {})), "document"),
            counted(G.graph.get("sentences", 0), "sentence"),
            counted(G.number_of_nodes(), "entity", "entities") + (f" ({by_type})" if by_type else ""),
            counted(G.number_of_edges(), "edge"),
        )
    )
    folded = len(G.graph.get("duplicates") or {})
    if folded:
        line += f", {counted(folded, 'duplicate document')} folded"
    if report is not None and len(report.skipped) > report.non_arabic:
        line += f", {len(report.skipped) - report.non_arabic:,} skipped (see warnings)"
    if report is not None and report.non_arabic:
        line += (
            f", {counted(report.non_arabic, 'document')} left out for little Arabic text"
            " (--allow-non-arabic keeps them)"
        )
    return line
