"""The dask engine: the pipeline's phases mapped over partitions of the corpus.

``build_graph(..., engine="dask")`` and ``shabaka build --engine dask`` run this. The
phases are :mod:`shabaka.phases`', the ones the local engine runs:

1. The input files are listed in the order local ingest reads them and cut into
   consecutive partitions of about equal size in bytes (:data:`PARTITION_BYTES` at
   most, and at least four partitions per worker thread where there are files enough;
   a file is never split, so cut one huge ``.jsonl`` into several). Each partition is
   read and extracted into records, the extractors built once per partition from the
   settings. The records are persisted where they were made.
2. Document ids are made unique over the whole corpus with ingest's rule
   (:func:`~shabaka.ingest.unique_id`) in reading order, exactly as the local engine
   names them; each partition renames its records where needed and feeds them to a
   resolver of its own. The resolvers are merged in a tree, in partition order, and
   resolved once (resolution needs every form of the corpus). Duplicate documents
   (:mod:`shabaka.dedup`) are left out before, decided from the partitions' fingerprints
   in reading order, as the local engine does.
3. Each partition counts its co-mentions (evidence capped while counting); the counts
   are merged in a tree (combine before shuffle: only capped counts travel) and the
   graph is assembled where :func:`~shabaka.pipeline.build_graph` was called.

The same input gives the same graph as the local engine: nodes, edges, weights and
every attribute. Where it runs is :attr:`Settings.scheduler <shabaka.config.Settings>`:

=====================  ================================================================
``None``               the ``dask.distributed`` client already active in the process,
                       if any; otherwise a local cluster of one single-threaded worker
                       process per core, started for the build and closed after it
``"synchronous"``      in the calling thread, one task at a time (debugging, tests)
``"threads"``          Dask's thread pool (little speed-up: extraction holds the GIL)
``"processes"``        Dask's process pool, without ``distributed``
an address             the ``dask.distributed`` scheduler there (``tcp://host:8786``);
                       its workers need shabaka installed and the input files at the
                       same paths (a shared file system)
=====================  ================================================================

Examples
--------
>>> from shabaka.model import Document
>>> from shabaka.pipeline import build_graph, sample_gazetteer
>>> docs = [Document("d1", "التقى كريم الفاسي وفدا من البنك الدولي في الرباط."),
...         Document("d2", "زار كريم الفاسي الرباط.")]
>>> G = build_graph(docs, extractor="gazetteer", gazetteer=sample_gazetteer(), engine="dask", scheduler="synchronous")
>>> G.edges["كريم الفاسي", "الرباط"]["weight"], G.edges["كريم الفاسي", "الرباط"]["documents"]
(2, ['d1', 'd2'])
"""

from __future__ import annotations

import math
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx

from shabaka.config import Settings
from shabaka.dedup import Folder
from shabaka.errors import MissingComponentError
from shabaka.extract.combine import make_extractors
from shabaka.ingest import IngestReport, Skipped, find_files, given_documents, log, read_file, shown, unique_id
from shabaka.model import Document
from shabaka.phases import (
    DocumentRecord,
    GraphParts,
    Source,
    count_phase,
    extract_phase,
    feed_resolver,
    graph_phase,
    new_resolver,
    open_source,
    report_caps,
)
from shabaka.progress import Progress
from shabaka.resolve import Resolver

#: A partition holds at most about this many bytes of input (unless one file is larger).
PARTITION_BYTES = 16 * 2**20
#: Partial results merged per task in the tree reductions.
SPLIT_EVERY = 8
#: Scheduler names that are Dask's single-machine schedulers, not addresses.
LOCAL_SCHEDULERS = ("synchronous", "threads", "processes")
#: Where the scheduler of a local cluster serves HTTP (it always does): a free port, on this
#: machine only (its default, 8787 on every interface, warns when another cluster holds it).
LOCAL_HTTP = "127.0.0.1:0"

T = TypeVar("T")


def split_even(items: Sequence[T], weights: Sequence[int], parts: int) -> list[list[T]]:
    """Cut ``items`` into at most ``parts`` consecutive, non-empty runs of about equal weight.

    >>> split_even("abcdef", [1] * 6, 3)
    [['a', 'b'], ['c', 'd'], ['e', 'f']]
    >>> split_even("abc", [10, 1, 1], 2)
    [['a'], ['b', 'c']]
    """
    total = sum(weights)
    runs: list[list[T]] = []
    run: list[T] = []
    done = 0
    for item, weight in zip(items, weights, strict=True):
        run.append(item)
        done += weight
        if len(runs) < parts - 1 and done * parts >= total * (len(runs) + 1):
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def partition_count(total_bytes: int, items: int, workers: int) -> int:
    """How many partitions: four per worker thread at least, :data:`PARTITION_BYTES` each at most,
    never more than there are items.

    >>> partition_count(10_000, 5, 2), partition_count(10_000, 500, 2), partition_count(2**30, 500, 2)
    (5, 8, 64)
    """
    return max(1, min(items, max(4 * workers, math.ceil(total_bytes / PARTITION_BYTES))))


class _PartitionReport(IngestReport):
    """A partition's ingest report: skips are recorded, and logged once, by the caller."""

    __slots__ = ()

    def skip(self, path: str | os.PathLike[str], reason: str) -> None:
        self.skipped.append(Skipped(shown(path), reason))


@dataclass(frozen=True, slots=True)
class _Partition:
    """Consecutive input files, or given documents (exactly one of the two)."""

    paths: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()


@dataclass(frozen=True, slots=True)
class _Read:
    """What a partition read: its ingest report, and its documents' ids as the files gave
    them (None for given documents, whose ids are kept as they are)."""

    report: IngestReport
    ids: list[str] | None


def _extract(part: _Partition, settings: Settings) -> tuple[list[DocumentRecord], _Read]:
    """Phase 1 on one partition: the extractors are built once, here, on the worker."""
    report = _PartitionReport()
    if not part.paths:  # given documents: made safe, and counted, when partitioned
        return list(extract_phase(part.documents, make_extractors(settings), report, settings)), _Read(report, None)
    ids: list[str] = []
    records = list(extract_phase(_read(part.paths, report, settings, ids), make_extractors(settings), report, settings))
    return records, _Read(report, ids)


def _feed(
    records: list[DocumentRecord], ids: list[str] | None, drop: set[int], settings: Settings
) -> tuple[list[DocumentRecord], Resolver]:
    """Phase 2 on one partition: its records under their corpus-wide ids, less the duplicates
    at positions ``drop``, fed to a resolver of its own."""
    if ids is not None:
        records = [_renamed(r, i) for r, i in zip(records, ids, strict=True)]
    records = [r for n, r in enumerate(records) if n not in drop]
    resolver = new_resolver(settings)
    return list(feed_resolver(records, resolver)), resolver


def _read(paths: Sequence[str], report: IngestReport, settings: Settings, ids: list[str]) -> Iterator[Document]:
    """The documents of ``paths``, their ids appended to ``ids`` as read, then made unique in the partition."""
    seen: dict[str, int] = {}
    for path in paths:
        for doc in read_file(
            Path(path),
            report,
            clean=settings.clean,
            keep_boilerplate=settings.keep_boilerplate,
            cleaner=settings.cleaner,
        ):
            ids.append(doc.id)
            doc.id = unique_id(doc.id, seen)
            report.documents += 1
            yield doc


def _renamed(record: DocumentRecord, doc_id: str) -> DocumentRecord:
    if record.doc_id == doc_id:
        return record
    return replace(
        record,
        doc_id=doc_id,
        sentences=[replace(s, doc_id=doc_id) for s in record.sentences],
        mentions=[replace(m, doc_id=doc_id) for m in record.mentions],
    )


def _fingerprints(records: list[DocumentRecord]) -> list[tuple[str, tuple[str, ...]]]:
    return [(r.doc_id, r.fingerprint) for r in records]


def duplicates(
    prints: Sequence[list[tuple[str, tuple[str, ...]]]], ids: Sequence[list[str] | None], folder: Folder
) -> list[set[int]]:
    """Per partition, the positions of its duplicate documents, decided in reading order
    over the whole corpus (as the local engine does), under the corpus-wide ``ids``."""
    out = []
    for part, final in zip(prints, ids, strict=True):
        names = final if final is not None else [i for i, _ in part]
        out.append({n for n, ((_, h), i) in enumerate(zip(part, names, strict=True)) if not folder.keep(i, h)})
    return out


def _merge_resolvers(settings: Settings, *resolvers: Resolver) -> Resolver:
    merged = new_resolver(settings)
    for r in resolvers:
        merged.merge(r)
    return merged


def _merge_parts(settings: Settings, *parts: GraphParts) -> GraphParts:
    merged = GraphParts.empty(settings)
    for p in parts:
        merged.merge(p)
    return merged


def _tree(items: list[Any], combine: Callable[..., Any], settings: Settings) -> Any:
    """Reduce delayed ``items`` with ``combine(settings, *some)`` in a tree, keeping their order."""
    from dask import delayed

    while len(items) > 1:
        items = [
            delayed(combine, pure=False)(settings, *items[i : i + SPLIT_EVERY])
            for i in range(0, len(items), SPLIT_EVERY)
        ]
    return items[0]


def corpus_ids(reads: Sequence[_Read]) -> list[list[str] | None]:
    """Per partition, its documents' corpus-wide ids where some differ from those made in the partition."""
    seen: dict[str, int] = {}
    out: list[list[str] | None] = []
    for read in reads:
        if read.ids is None:
            out.append(None)
            continue
        local: dict[str, int] = {}
        final = [unique_id(i, seen) for i in read.ids]
        out.append(None if final == [unique_id(i, local) for i in read.ids] else final)
    return out


def _add_report(report: IngestReport, part: IngestReport) -> None:
    """Add a partition's report to the run's, and log its skips here, once."""
    report.merge(part)
    for s in part.skipped:
        log.warning("skipped %s: %s", s.path, s.reason)


def _partitions(source: Source, report: IngestReport, workers: int, settings: Settings) -> list[_Partition]:
    items = open_source(source)
    if isinstance(items, list):
        paths = [str(p) for p in find_files(items, report, follow_links=settings.follow_links)]
        sizes = [_size(p) for p in paths]
        runs = split_even(paths, sizes, partition_count(sum(sizes), len(paths), workers))
        return [_Partition(paths=tuple(run)) for run in runs]
    docs = list(given_documents(items, report))
    sizes = [len(d.text) * 2 + 1 for d in docs]
    runs = split_even(docs, sizes, partition_count(sum(sizes), len(docs), workers))
    return [_Partition(documents=tuple(run)) for run in runs]


def _size(path: str) -> int:
    try:
        return os.path.getsize(path) + 1
    except OSError:
        return 1  # read_file will report it


@contextmanager
def dask_scheduler(scheduler: str | None) -> Iterator[tuple[Any, int]]:
    """The scheduler to pass to ``dask.compute``/``dask.persist`` and its number of worker threads.

    See the table in this module's docstring for what ``scheduler`` means.
    """
    if scheduler in LOCAL_SCHEDULERS:
        yield scheduler, 1 if scheduler == "synchronous" else os.cpu_count() or 1
        return
    try:
        from distributed import Client, LocalCluster, default_client
    except ImportError:
        raise MissingComponentError(
            "the dask engine needs dask.distributed for this scheduler: pip install 'dask[distributed]'"
        ) from None
    if scheduler is not None:
        with Client(scheduler, set_as_default=False) as client:
            yield client, sum(client.nthreads().values())
        return
    try:
        client = default_client()
    except ValueError:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        with (
            LocalCluster(
                n_workers=cores, threads_per_worker=1, processes=True, dashboard_address=LOCAL_HTTP
            ) as cluster,
            Client(cluster, set_as_default=False) as client,
        ):
            yield client, cores
        return
    yield client, sum(client.nthreads().values())


def _wait(persisted: list[Any], scheduler: Any, bar: Any) -> None:
    """Advance ``bar`` as the partitions of ``persisted`` are done (a ``dask.distributed``
    client computes them in the background; Dask's local schedulers have already)."""
    try:
        from distributed import Client, as_completed, futures_of
    except ImportError:
        Client = None
    if Client is not None and isinstance(scheduler, Client):
        for _ in as_completed(futures_of(persisted), loop=scheduler.loop):
            bar.update()
    else:
        bar.update(len(persisted))


def build_dask(source: Source, settings: Settings, report: IngestReport, progress: Progress) -> nx.Graph:
    """Build the graph of ``source`` with Dask (see this module's docstring); ``report`` is filled as by ingest.
    ``progress`` shows a bar per phase, counting partitions (``resolve``: entities)."""
    try:
        import dask
        from dask import delayed
    except ImportError:
        raise MissingComponentError("the dask engine needs Dask: pip install 'dask[distributed]'") from None

    with dask_scheduler(settings.scheduler) as (scheduler, workers):
        with progress.bar("read", unit="file") as bar:
            partitions = _partitions(source, report, workers, settings)
            bar.update(sum(len(p.paths) for p in partitions))
        if not partitions:
            return graph_phase(_merge_parts(settings), new_resolver(settings).resolve(), settings)
        extracted = [delayed(_extract, nout=2, pure=False)(part, settings) for part in partitions]
        with progress.bar("extract", total=len(partitions), unit="part") as bar:
            records, reads = dask.persist([e[0] for e in extracted], [e[1] for e in extracted], scheduler=scheduler)
            _wait(reads, scheduler, bar)
            (reads,) = dask.compute(reads, scheduler=scheduler)
        for read in reads:
            _add_report(report, read.report)
        ids = corpus_ids(reads)
        (prints,) = dask.compute([delayed(_fingerprints)(recs) for recs in records], scheduler=scheduler)
        folder = Folder()
        drops = duplicates(prints, ids, folder)
        fed = [
            delayed(_feed, nout=2, pure=False)(recs, part_ids, drop, settings)
            for recs, part_ids, drop in zip(records, ids, drops, strict=True)
        ]
        with progress.bar("resolve", unit="entity") as bar:
            records, resolvers = dask.persist([f[0] for f in fed], [f[1] for f in fed], scheduler=scheduler)
            del extracted, fed  # records under their first ids can go
            (merged,) = dask.compute(_tree(resolvers, _merge_resolvers, settings), scheduler=scheduler)
            del resolvers
            resolution = merged.resolve()
            del merged
            bar.update(len(resolution.entities))
        shared = delayed(resolution, name=f"shabaka-resolution-{uuid.uuid4().hex}")
        counted = [delayed(count_phase, pure=False)(recs, shared, settings) for recs in records]
        with progress.bar("count", total=len(counted), unit="part") as bar:
            counted = dask.persist(*counted, scheduler=scheduler)
            _wait(list(counted), scheduler, bar)
            (parts,) = dask.compute(_tree(list(counted), _merge_parts, settings), scheduler=scheduler)
    report_caps(parts, report)
    return graph_phase(parts, resolution, settings, folder.folded)
