"""The local engine: one process, streaming (see :mod:`shabaka.pipeline`).

A document is read, extracted and dropped; its record waits on disk (a
:class:`RecordSpool`) for the counting phase, so memory grows with the graph, not with
the corpus.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from types import TracebackType

import networkx as nx

from shabaka.config import Settings
from shabaka.dedup import Folder
from shabaka.extract.combine import make_extractors
from shabaka.ingest import IngestReport
from shabaka.phases import (
    DocumentRecord,
    Source,
    count_phase,
    extract_phase,
    feed_resolver,
    graph_phase,
    new_resolver,
    read_source,
    report_caps,
)
from shabaka.progress import Progress


class RecordSpool:
    """Records written to a temporary file as they come, read back in the same order:
    the local engine holds none of them in memory between phases 1 and 3.

    >>> with RecordSpool() as spool:
    ...     spool.extend(DocumentRecord(i, {}, [], []) for i in ("d1", "d2"))
    ...     [r.doc_id for r in spool]
    ['d1', 'd2']
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="shabaka-records-")  # noqa: SIM115 (closed by __exit__)
        self._count = 0

    def extend(self, records: Iterable[DocumentRecord]) -> None:
        """Append ``records`` to the spool."""
        for record in records:
            pickle.dump(record, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[DocumentRecord]:
        self._file.flush()
        self._file.seek(0)
        for _ in range(self._count):
            yield pickle.load(self._file)

    def __enter__(self) -> RecordSpool:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._file.close()


def build_local(source: Source, settings: Settings, report: IngestReport, progress: Progress) -> nx.Graph:
    """Build the graph of ``source`` in this process; ``report`` is filled by ingest.

    ``progress`` shows a bar per phase: ``read`` (files, counted first) and ``extract``
    (documents) as they stream, then ``resolve`` (entities) and ``count`` (documents).
    """
    extractors = make_extractors(settings)
    resolver = new_resolver(settings)
    folder = Folder()
    with RecordSpool() as spool:
        docs = read_source(source, report, settings, progress)
        records = feed_resolver(folder.filter(extract_phase(docs, extractors, report, settings)), resolver)
        with progress.bar("extract", records, unit="doc") as bar:
            spool.extend(bar)
        with progress.bar("resolve", unit="entity") as bar:
            resolution = resolver.resolve()
            bar.update(len(resolution.entities))
        with progress.bar("count", spool, unit="doc") as bar:
            parts = count_phase(bar, resolution, settings)
    report_caps(parts, report)
    return graph_phase(parts, resolution, settings, folder.folded)
