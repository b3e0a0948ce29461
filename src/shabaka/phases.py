"""The phases of a build, written once and run by every engine (see :mod:`shabaka.pipeline`).

1. :func:`extract_phase`: each document becomes a light :class:`DocumentRecord` (a
   document with too little Arabic text is reported and becomes an empty, skipped one);
2. :func:`feed_resolver`: the records' mentions go to a :class:`~shabaka.resolve.Resolver`
   (made by :func:`new_resolver`), which resolves once every form of the corpus is known;
3. :func:`count_phase` counts co-mentions and the relations sentences state
   (:func:`shabaka.relations.document_relations`) into mergeable :class:`GraphParts`, and
   :func:`graph_phase` makes the graph of them, with the documents' days.
"""

from __future__ import annotations

import itertools
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx

from shabaka.arabic import arabic_share
from shabaka.config import MIN_ARABIC_SHARE, Settings
from shabaka.dates import document_date
from shabaka.dedup import fingerprint
from shabaka.errors import InputError
from shabaka.extract import Extractor
from shabaka.extract.combine import combined_spans, extractor_names
from shabaka.graph import MAX_WINDOW_NAMES, CoMentionCounts, graph_from_counts
from shabaka.ingest import IngestReport, find_files, given_documents, read_files
from shabaka.model import Document, Mention, Sentence
from shabaka.progress import Progress
from shabaka.relations import RelationTally, document_relations
from shabaka.resolve import Resolution, Resolver
from shabaka.text import headline, sentence_tokens

log = logging.getLogger("shabaka")

T = TypeVar("T")

#: What a build reads: a path, several paths, or documents.
Source = str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | Iterable[Document]


def new_resolver(settings: Settings) -> Resolver:
    """The resolver of a run: made here only, for both engines and every partition."""
    return Resolver(settings.aliases, gazetteer=settings.gazetteer, settings=settings.resolver)


#: Documents whose sentences the extractors take together (:meth:`~shabaka.extract.Extractor.extract_documents`:
#: the embedded model tags them in batches, faster than one document at a time).
EXTRACT_BATCH = 32


def extract_mentions(
    docs: Sequence[Document], extractors: Sequence[Extractor]
) -> list[tuple[list[Sentence], list[Mention]]]:
    """Split each document into sentences and find its entity mentions (the extractors
    take the documents together; each document's mentions are its own).

    Where several extractors are given, earlier ones win on overlapping spans.
    """
    split = [sentence_tokens(doc.text, doc.id) for doc in docs]
    sentences = [[s for s, *_ in parts] for parts in split]
    tokens = [[words for _, words, _, _ in parts] for parts in split]
    out = []
    for doc, sents, parts, doc_spans in zip(docs, sentences, split, combined_spans(extractors, tokens), strict=True):
        mentions = []
        for (s, _, starts, ends), found in zip(parts, doc_spans, strict=True):
            for span in found:
                start, end = starts[span.start], ends[span.end - 1]
                mentions.append(
                    Mention(doc.id, s.index, s.paragraph, start, end, doc.text[start:end], span.type, span.confidence)
                )
        out.append((sents, mentions))
    return out


@dataclass(slots=True)
class DocumentRecord:
    """What the graph needs of a document once extraction is done: its sentences
    (text kept only where a mention is) and its mentions. A ``skipped`` record stands
    for a document left out (too little Arabic text): it keeps its place, nothing else."""

    doc_id: str
    meta: dict[str, str]
    sentences: list[Sentence]
    mentions: list[Mention]
    fingerprint: tuple[str, ...] = ()  # hashes that find its duplicates (shabaka.dedup)
    skipped: bool = False


def record_documents(docs: Sequence[Document], extractors: Sequence[Extractor]) -> list[DocumentRecord]:
    """Extract documents (together: :func:`extract_mentions`) and keep only what the graph needs of each."""
    records = []
    for doc, (sentences, mentions) in zip(docs, extract_mentions(docs, extractors), strict=True):
        hashes = fingerprint(doc.text, sentences)
        used = {m.sentence for m in mentions}
        light = [
            s if s.index in used else Sentence(s.doc_id, s.index, s.paragraph, s.start, s.end, "", [])
            for s in sentences
        ]
        records.append(DocumentRecord(doc.id, document_meta(doc), light, mentions, hashes))
    return records


def document_meta(doc: Document) -> dict[str, str]:
    """A document's ``title`` (its own, else its text's :func:`~shabaka.text.headline`),
    ``date`` (``YYYY-MM-DD`` with its ``date_source`` where
    :func:`~shabaka.dates.document_date` can tell the day, else the field as given),
    ``source`` and ``url``, where known."""
    meta = {k: v for k in ("title", "date", "source", "url") if (v := getattr(doc, k))}
    if "title" not in meta and (title := headline(doc.text)):
        meta["title"] = title
    found = document_date(doc.text, meta=meta, url=doc.url)
    if found is not None:  # a page's day, read by ingest, keeps the source it was read from
        meta.update(date=found.iso, date_source=doc.meta.get("date_source", found.source))
    return meta


_SOURCE_HELP = "pass a file or folder path, a list of them, or shabaka.model.Document objects"


def open_source(source: Source) -> list[str | os.PathLike[str]] | Iterator[Document]:
    """The paths to read (a list), or the :class:`~shabaka.model.Document` objects given (an iterator).

    Raises :class:`~shabaka.errors.InputError` for anything else (an empty path, which
    would read the current folder; None, a number, bytes), saying what to pass.
    """
    if isinstance(source, (str, os.PathLike)):
        if not os.fspath(source):
            raise InputError(f"empty path: {_SOURCE_HELP} (use '.' for the current folder)")
        return [source]
    if isinstance(source, (bytes, bytearray)) or not isinstance(source, Iterable):
        raise InputError(f"cannot read {type(source).__name__} {source!r:.60}: {_SOURCE_HELP}")
    items = iter(source)
    empty = object()
    first = next(items, empty)
    if first is empty:
        return []
    rest = itertools.chain([first], items)
    if isinstance(first, Document):
        return rest
    paths = list(rest)
    for item in paths:
        if not isinstance(item, (str, os.PathLike)) or not os.fspath(item):
            raise InputError(f"cannot read {item!r:.60} (a {type(item).__name__}) in the list given: {_SOURCE_HELP}")
    return paths  # type: ignore[return-value]


def read_source(source: Source, report: IngestReport, settings: Settings, progress: Progress) -> Iterator[Document]:
    """The documents of ``source``, read one at a time as they are asked for: from its paths,
    or given (made safe, ids made unique). The files are counted first, for the total of
    the ``read`` bar of ``progress`` (opened here, closed when the last document has been read)."""
    items = open_source(source)
    if isinstance(items, list):
        files = list(find_files(items, report, follow_links=settings.follow_links))
        bar = progress.bar("read", total=len(files), unit="file")
        docs = read_files(
            _counted(files, bar),
            report,
            clean=settings.clean,
            keep_boilerplate=settings.keep_boilerplate,
            cleaner=settings.cleaner,
        )
    else:
        bar = progress.bar("read", unit="doc")
        docs = _counted(given_documents(items, report), bar)
    return _closing(docs, bar)


def _counted(items: Iterable[T], bar: Any) -> Iterator[T]:
    """``items``, one at a time; ``bar`` advances when the next one is asked for (so, for
    files given to ingest, once the file before it has been read)."""
    for item in items:
        yield item
        bar.update()


def _closing(items: Iterable[T], bar: Any) -> Iterator[T]:
    with bar:
        yield from items


def extract_phase(
    docs: Iterable[Document],
    extractors: Sequence[Extractor],
    report: IngestReport | None = None,
    settings: Settings | None = None,
) -> Iterator[DocumentRecord]:
    """Phase 1: the record of each document, in order. Documents are taken
    :data:`EXTRACT_BATCH` at a time (extracted together) and not kept: the records hold
    what the graph needs.

    A document with less than :data:`~shabaka.config.MIN_ARABIC_SHARE` of Arabic letters
    is reported (in ``report``, as it is read) and becomes a skipped record, unless
    ``settings.allow_non_arabic``. With a ``report``, a document that makes an extractor
    fail is reported (with the error) and becomes a skipped record too, and the run goes
    on; without one, the error is raised.
    """
    settings = settings or Settings()
    batch: list[Document | DocumentRecord] = []  # a skipped record: a document left out for little Arabic text
    for doc in docs:
        if not settings.allow_non_arabic and (share := arabic_share(doc.text)) < MIN_ARABIC_SHARE:
            if report is not None:
                report.non_arabic += 1
                where = doc.path if doc.path and Path(doc.path).stem == doc.id else f"{doc.path or 'document'} {doc.id}"
                report.skip(
                    where,
                    f"little Arabic text ({share:.0%} of its letters, less than {MIN_ARABIC_SHARE:.0%}); "
                    "left out (--allow-non-arabic keeps it)",
                )
            batch.append(DocumentRecord(doc.id, {}, [], [], skipped=True))
        else:
            batch.append(doc)
        if len(batch) == EXTRACT_BATCH:
            yield from _extract_batch(batch, extractors, report)
            batch = []
    yield from _extract_batch(batch, extractors, report)


def _extract_batch(
    batch: Sequence[Document | DocumentRecord], extractors: Sequence[Extractor], report: IngestReport | None
) -> list[DocumentRecord]:
    """The records of ``batch`` (documents, and the skipped records of documents left out), in order.

    Where extracting the documents together fails, each is extracted alone, so that only the
    one that fails is reported (or raised, without a ``report``).
    """
    docs = [d for d in batch if isinstance(d, Document)]
    try:
        done = iter(record_documents(docs, extractors))
    except Exception:
        done = iter([_record_alone(doc, extractors, report) for doc in docs])
    return [next(done) if isinstance(d, Document) else d for d in batch]


def _record_alone(doc: Document, extractors: Sequence[Extractor], report: IngestReport | None) -> DocumentRecord:
    try:
        return record_documents([doc], extractors)[0]
    except Exception as exc:
        if report is None:
            raise
        report.skip(f"document {doc.id}", f"could not be extracted ({type(exc).__name__}: {exc}); left out")
        return DocumentRecord(doc.id, {}, [], [], skipped=True)  # keeps its place (the dask engine's ids)


def feed_resolver(records: Iterable[DocumentRecord], resolver: Resolver) -> Iterator[DocumentRecord]:
    """Phase 2: add each record's mentions to ``resolver`` as it passes by."""
    for record in records:
        if not record.skipped:
            resolver.add(record.doc_id, record.mentions, record.sentences)
        yield record


@dataclass(slots=True)
class GraphParts:
    """What the graph is made of: co-mention counts, relations, the documents' metadata
    and the sentence count. Mergeable: the parts of consecutive partitions, merged in
    order, equal the parts of their documents counted in one go."""

    counts: CoMentionCounts
    relations: RelationTally
    documents: dict[str, dict[str, str]] = field(default_factory=dict)
    sentences: int = 0

    @classmethod
    def empty(cls, settings: Settings) -> GraphParts:
        """No parts yet, evidence capped as ``settings`` say."""
        return cls(CoMentionCounts(evidence_cap=settings.evidence_cap), RelationTally(settings.evidence_cap))

    def merge(self, other: GraphParts) -> GraphParts:
        """Add ``other`` (the parts of later documents) into these; return self."""
        self.counts.merge(other.counts)
        self.relations.merge(other.relations)
        self.documents.update(other.documents)
        self.sentences += other.sentences
        return self


def count_phase(records: Iterable[DocumentRecord], resolution: Resolution, settings: Settings) -> GraphParts:
    """Phase 3: count the co-mentions of resolved entities in ``records``, and the relations
    their sentences state (evidence capped as it goes)."""
    parts = GraphParts.empty(settings)
    type_of = {k: e.type for k, e in resolution.entities.items()}.__getitem__
    for record in records:
        if record.skipped:
            continue
        parts.counts.add_document(
            record.doc_id, record.sentences, record.mentions, resolution.entity_of, settings.window
        )
        for relation, evidence in document_relations(
            record.doc_id, record.sentences, record.mentions, resolution.entity_of, type_of
        ):
            parts.relations.add(relation, evidence)
        parts.documents[record.doc_id] = record.meta
        parts.sentences += len(record.sentences)
    return parts


def report_caps(parts: GraphParts, report: IngestReport) -> None:
    """Note in ``report`` each document where a window named too many entities (see
    :data:`~shabaka.graph.MAX_WINDOW_NAMES`)."""
    for doc_id, windows in sorted(parts.counts.capped_windows.items()):
        report.note(
            f"document {doc_id}",
            f"{windows} window(s) name more than {MAX_WINDOW_NAMES} entities: "
            f"co-mentions counted among the first {MAX_WINDOW_NAMES} of each",
            warn=True,
        )


def graph_phase(
    parts: GraphParts, resolution: Resolution, settings: Settings, duplicates: dict[str, str] | None = None
) -> nx.Graph:
    """The graph of counted ``parts``, with the run's settings as graph attributes and the
    ``duplicates`` left out (folded document → the one kept, :mod:`shabaka.dedup`).

    A warning says so when ``settings.min_weight`` leaves out every link, naming the
    weight of the strongest one.
    """
    strongest = max(parts.counts.weight.values(), default=0)
    if strongest and settings.min_weight > strongest:
        log.warning(
            "min_weight (--min-weight) %d is above the weight of the strongest link, %d: no link is kept; "
            "use %d or less",
            settings.min_weight,
            strongest,
            strongest,
        )
    days = {d: date.fromisoformat(m["date"]) for d, m in parts.documents.items() if m.get("date_source")}
    return graph_from_counts(
        parts.counts,
        resolution.entities,
        min_weight=settings.min_weight,
        relations=parts.relations.links(),
        dates=days,
        graph_attrs={
            "window": settings.window,
            "evidence_cap": settings.evidence_cap,
            "extractor": "+".join(extractor_names(settings)),
            "sentences": parts.sentences,
            "documents": parts.documents,
            "duplicates": dict(sorted((duplicates or {}).items())),
        },
    )
