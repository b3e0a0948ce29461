"""The pipeline: documents → clean text → sentences → mentions → entities → graph.

The CLI and the Python API both call :func:`build_graph`. A build has three phases,
written once here and called by both engines:

1. :func:`extract_phase`: each document becomes a light :class:`DocumentRecord`;
2. :func:`feed_resolver`: the records' mentions go to a :class:`~shabaka.resolve.Resolver`,
   which resolves once every form of the corpus is known;
3. :func:`count_phase` counts co-mentions into mergeable :class:`GraphParts`, and
   :func:`graph_phase` makes the graph of them.

The local engine streams: a document is read, extracted and dropped; its record waits
on disk (a :class:`RecordSpool`) for phase 3, so memory grows with the graph, not
with the corpus. The dask engine (:mod:`shabaka.engine`) maps the same phases over
partitions.
"""

from __future__ import annotations

import itertools
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import Any

import networkx as nx

from shabaka.config import Settings
from shabaka.extract import Extractor, Span, make_extractor
from shabaka.graph import CoMentionCounts, graph_from_counts
from shabaka.ingest import IngestReport, read_documents
from shabaka.model import Document, Mention, Sentence
from shabaka.resolve import Resolution, Resolver
from shabaka.text import split_sentences

Source = str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | Iterable[Document]


def extractor_names(settings: Settings) -> list[str]:
    """The extractors a run uses, in order (earlier ones win on overlapping spans): the
    one of ``settings``, after the known names (``settings.known_names``) and after the
    gazetteer when one is given with another backend.

    >>> extractor_names(Settings(extractor="embedded", gazetteer="names.csv"))
    ['gazetteer', 'known-names', 'embedded']
    >>> extractor_names(Settings(extractor="embedded", known_names=False))
    ['embedded']
    """
    names = [settings.extractor]
    if settings.known_names and settings.extractor in ("embedded", "camel"):
        names.insert(0, "known-names")
    if settings.gazetteer is not None and settings.extractor != "gazetteer":
        names.insert(0, "gazetteer")
    return names


def make_extractors(settings: Settings) -> list[Extractor]:
    """Build the extractors of :func:`extractor_names`."""
    return [make_extractor(name, **extractor_options(name, settings)) for name in extractor_names(settings)]


def extractor_options(name: str, settings: Settings) -> dict[str, Any]:
    """The keyword options of extractor ``name`` in a run with ``settings``."""
    if name == "gazetteer":
        return {"path": settings.gazetteer}
    if name == "known-names":
        return {"aliases": settings.aliases}
    return {}


def new_resolver(settings: Settings) -> Resolver:
    """The resolver of a run: made here only, for both engines and every partition."""
    return Resolver(settings.aliases, gazetteer=settings.gazetteer)


def _merge_spans(first: list[Span], second: list[Span], tokens: Sequence[str] | None = None) -> list[Span]:
    """The spans of both lists, where two overlap the longer kept (on a tie, ``first``'s).

    ``first`` holds exact matches (known names), so a span of ``second`` is dropped where
    its boundary cuts through one of them (الشرق الأوسط وشمال | وشمال إفريقيا), or where it
    is exactly covered by two or more of them joined by the conjunction و (the next
    piece's first token starts with it): a coordination, not one name.

    >>> a, b = Span(2, 4, "ORG"), Span(2, 6, "ORG")  # مجلس الأمن | مجلس الأمن القومي الأمريكي
    >>> _merge_spans([a, Span(8, 9, "LOC")], [b, Span(9, 10, "PER")]) == [b, Span(8, 9, "LOC"), Span(9, 10, "PER")]
    True
    >>> words = "في الشرق الأوسط وشمال إفريقيا".split()
    >>> pieces = [Span(1, 3, "LOC"), Span(3, 5, "LOC")]
    >>> _merge_spans(pieces, [Span(1, 5, "LOC")], words) == pieces
    True
    >>> _merge_spans(pieces, [Span(1, 4, "LOC"), Span(4, 5, "LOC")], words) == pieces
    True
    """
    second = [s for s in second if not any(_crossing(s, k) for k in first)]
    if tokens is not None:
        second = [s for s in second if not _coordination(s, first, tokens)]
    kept: list[Span] = []
    for s in sorted([*first, *second], key=lambda s: -(s.end - s.start)):  # stable: ties keep first's order
        if all(s.end <= k.start or s.start >= k.end for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s.start)


def _crossing(a: Span, b: Span) -> bool:
    """Whether the two spans overlap with neither inside the other."""
    return (
        a.start < b.end
        and b.start < a.end
        and not ((a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end))
    )


def _coordination(span: Span, pieces: list[Span], tokens: Sequence[str]) -> bool:
    """Whether ``span`` is exactly tiled by two or more of ``pieces`` joined by و."""
    inside = sorted((p for p in pieces if span.start <= p.start and p.end <= span.end), key=lambda p: p.start)
    if len(inside) < 2 or inside[0].start != span.start or inside[-1].end != span.end:
        return False
    return all(prev.end == nxt.start and tokens[nxt.start].startswith("و") for prev, nxt in itertools.pairwise(inside))


def extract_mentions(doc: Document, extractors: Sequence[Extractor]) -> tuple[list[Sentence], list[Mention]]:
    """Split a document into sentences and find its entity mentions.

    Where several extractors are given, earlier ones win on overlapping spans.
    """
    sentences = split_sentences(doc.text, doc.id)
    tokens = [[t.text for t in s.tokens] for s in sentences]
    spans: list[list[Span]] = [[] for _ in sentences]
    for extractor in extractors:
        for i, found in enumerate(extractor.extract(tokens)):
            spans[i] = _merge_spans(spans[i], found, tokens[i])
    mentions = []
    for s, found in zip(sentences, spans, strict=True):
        for span in found:
            start, end = s.tokens[span.start].start, s.tokens[span.end - 1].end
            mentions.append(
                Mention(doc.id, s.index, s.paragraph, start, end, doc.text[start:end], span.type, span.confidence)
            )
    return sentences, mentions


@dataclass(slots=True)
class DocumentRecord:
    """What the graph needs of a document once extraction is done: its sentences
    (text kept only where a mention is) and its mentions."""

    doc_id: str
    meta: dict[str, str]
    sentences: list[Sentence]
    mentions: list[Mention]


def record_document(doc: Document, extractors: Sequence[Extractor]) -> DocumentRecord:
    """Extract a document and keep only what the graph needs of it."""
    sentences, mentions = extract_mentions(doc, extractors)
    used = {m.sentence for m in mentions}
    light = [
        s if s.index in used else Sentence(s.doc_id, s.index, s.paragraph, s.start, s.end, "", []) for s in sentences
    ]
    for s in light:
        s.tokens = []
    meta = {k: v for k in ("title", "date", "source", "url") if (v := getattr(doc, k))}
    return DocumentRecord(doc.id, meta, light, mentions)


def open_source(source: Source) -> list[str | os.PathLike[str]] | Iterator[Document]:
    """The paths to read (a list), or the :class:`~shabaka.model.Document` objects given (an iterator)."""
    if isinstance(source, (str, os.PathLike)):
        return [source]
    items = iter(source)
    first = next(items, None)
    if first is None:
        return []
    rest = itertools.chain([first], items)
    return rest if isinstance(first, Document) else list(rest)  # type: ignore[return-value,arg-type]


def _documents(source: Source, report: IngestReport, settings: Settings) -> Iterator[Document]:
    items = open_source(source)
    if isinstance(items, list):
        yield from read_documents(items, report, clean=settings.clean, keep_boilerplate=settings.keep_boilerplate)
        return
    for doc in items:
        report.documents += 1
        yield doc


def extract_phase(docs: Iterable[Document], extractors: Sequence[Extractor]) -> Iterator[DocumentRecord]:
    """Phase 1: the record of each document. Documents are taken one at a time and not
    kept: the records hold what the graph needs."""
    for doc in docs:
        yield record_document(doc, extractors)


def feed_resolver(records: Iterable[DocumentRecord], resolver: Resolver) -> Iterator[DocumentRecord]:
    """Phase 2: add each record's mentions to ``resolver`` as it passes by."""
    for record in records:
        resolver.add(record.doc_id, record.mentions, record.sentences)
        yield record


@dataclass(slots=True)
class GraphParts:
    """What the graph is made of: co-mention counts, the documents' metadata and the
    sentence count. Mergeable: the parts of consecutive partitions, merged in order,
    equal the parts of their documents counted in one go."""

    counts: CoMentionCounts
    documents: dict[str, dict[str, str]] = field(default_factory=dict)
    sentences: int = 0

    def merge(self, other: GraphParts) -> GraphParts:
        """Add ``other`` (the parts of later documents) into these; return self."""
        self.counts.merge(other.counts)
        self.documents.update(other.documents)
        self.sentences += other.sentences
        return self


def count_phase(records: Iterable[DocumentRecord], resolution: Resolution, settings: Settings) -> GraphParts:
    """Phase 3: count the co-mentions of resolved entities in ``records`` (evidence capped as it goes)."""
    parts = GraphParts(CoMentionCounts(evidence_cap=settings.evidence_cap))
    for record in records:
        parts.counts.add_document(
            record.doc_id, record.sentences, record.mentions, resolution.entity_of, settings.window
        )
        parts.documents[record.doc_id] = record.meta
        parts.sentences += len(record.sentences)
    return parts


def graph_phase(parts: GraphParts, resolution: Resolution, settings: Settings) -> nx.Graph:
    """The graph of counted ``parts``, with the run's settings as graph attributes."""
    return graph_from_counts(
        parts.counts,
        resolution.entities,
        min_weight=settings.min_weight,
        graph_attrs={
            "window": settings.window,
            "evidence_cap": settings.evidence_cap,
            "extractor": "+".join(extractor_names(settings)),
            "sentences": parts.sentences,
            "documents": parts.documents,
        },
    )


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

    def __iter__(self) -> Iterator[DocumentRecord]:
        self._file.flush()
        self._file.seek(0)
        for _ in range(self._count):
            yield pickle.load(self._file)

    def __enter__(self) -> RecordSpool:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._file.close()


def build_graph(
    source: Source,
    settings: Settings | None = None,
    *,
    report: IngestReport | None = None,
    progress: bool = False,
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
    progress : show a progress bar (local engine)

    Returns
    -------
    networkx.Graph
        nodes are entities, edges co-mentions; the attributes are listed in :mod:`shabaka.graph`.

    Examples
    --------
    >>> docs = [Document("d1", "التقى كريم الفاسي مع سلمى بنجلون في الرباط.")]
    >>> G = build_graph(docs, extractor="gazetteer", gazetteer=sample_gazetteer())
    >>> sorted(label for _, label in G.nodes(data="label"))
    ['الرباط', 'سلمى بنجلون', 'كريم الفاسي']
    >>> G.edges["الرباط", "كريم الفاسي"]["weight"]
    1
    """
    settings = replace(settings or Settings(), **options)
    report = report if report is not None else IngestReport()
    if settings.engine == "dask":
        from shabaka.engine import build_dask

        return build_dask(source, settings, report)
    extractors = make_extractors(settings)
    resolver = new_resolver(settings)
    docs = _documents(source, report, settings)
    if progress:
        from tqdm import tqdm

        docs = tqdm(docs, unit="doc", desc="extracting", leave=False)
    with RecordSpool() as spool:
        spool.extend(feed_resolver(extract_phase(docs, extractors), resolver))
        resolution = resolver.resolve()
        parts = count_phase(spool, resolution, settings)
    return graph_phase(parts, resolution, settings)


def sample_gazetteer() -> str:
    """Path of the gazetteer of the bundled sample articles."""
    from importlib.resources import files

    return str(files("shabaka") / "data" / "sample_gazetteer.csv")


def summary(G: nx.Graph, report: IngestReport | None = None) -> str:
    """One line saying what was built.

    >>> summary(nx.Graph(documents={"a": {}}, sentences=3))
    '1 documents, 3 sentences, 0 entities, 0 edges'
    """
    types: dict[str, int] = {}
    for _, kind in G.nodes(data="type"):
        types[kind] = types.get(kind, 0) + 1
    by_type = ", ".join(f"{k} {types[k]}" for k in ("PER", "ORG", "LOC", "MISC") if k in types)
    line = (
        f"{len(G.graph.get('documents', {}))} documents, {G.graph.get('sentences', 0)} sentences, "
        f"{G.number_of_nodes()} entities{f' ({by_type})' if by_type else ''}, {G.number_of_edges()} edges"
    )
    if report is not None and report.skipped:
        line += f", {len(report.skipped)} skipped (see warnings)"
    return line
