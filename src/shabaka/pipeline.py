"""The pipeline: documents → clean text → sentences → mentions → entities → graph.

The CLI and the Python API both call :func:`build_graph`.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import networkx as nx

from shabaka.config import Settings
from shabaka.extract import Extractor, Span, make_extractor
from shabaka.graph import CoMentionCounts, graph_from_counts
from shabaka.ingest import IngestReport, read_documents
from shabaka.model import Document, Mention, Sentence
from shabaka.resolve import Resolver
from shabaka.text import split_sentences

Source = str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | Iterable[Document]


def make_extractors(settings: Settings) -> list[Extractor]:
    """The extractor of ``settings``, and the gazetteer's too when one is given with another backend."""
    if settings.extractor == "gazetteer":
        return [make_extractor("gazetteer", path=settings.gazetteer)]
    extractors = [make_extractor(settings.extractor)]
    if settings.gazetteer is not None:
        extractors.insert(0, make_extractor("gazetteer", path=settings.gazetteer))
    return extractors


def _merge_spans(first: list[Span], second: list[Span]) -> list[Span]:
    """Spans of ``first``, plus those of ``second`` that overlap none of them."""
    taken = [(s.start, s.end) for s in first]
    extra = [s for s in second if all(s.end <= a or s.start >= b for a, b in taken)]
    return sorted([*first, *extra], key=lambda s: s.start)


def extract_mentions(doc: Document, extractors: Sequence[Extractor]) -> tuple[list[Sentence], list[Mention]]:
    """Split a document into sentences and find its entity mentions.

    Where several extractors are given, earlier ones win on overlapping spans.
    """
    sentences = split_sentences(doc.text, doc.id)
    tokens = [[t.text for t in s.tokens] for s in sentences]
    spans: list[list[Span]] = [[] for _ in sentences]
    for extractor in extractors:
        for i, found in enumerate(extractor.extract(tokens)):
            spans[i] = _merge_spans(spans[i], found)
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


def _documents(source: Source, report: IngestReport, clean: bool) -> Iterator[Document]:
    if isinstance(source, (str, os.PathLike)):
        source = [source]
    items = iter(source)
    first = next(items, None)
    if first is None:
        return
    rest = itertools.chain([first], items)
    if isinstance(first, Document):
        for doc in rest:
            report.documents += 1
            yield doc  # type: ignore[misc]
    else:
        yield from read_documents(rest, report, clean=clean)  # type: ignore[arg-type]


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
        ``evidence_cap``, ``clean``)
    report : filled with what ingest read and skipped
    progress : show a progress bar

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
    extractors = make_extractors(settings)
    resolver = Resolver()
    records: list[DocumentRecord] = []
    docs = _documents(source, report, settings.clean)
    if progress:
        from tqdm import tqdm

        docs = tqdm(docs, unit="doc", desc="extracting", leave=False)
    for doc in docs:
        record = record_document(doc, extractors)
        resolver.add(record.doc_id, record.mentions)
        records.append(record)
    resolution = resolver.resolve()
    counts = CoMentionCounts(evidence_cap=settings.evidence_cap)
    for record in records:
        counts.add_document(record.doc_id, record.sentences, record.mentions, resolution.entity_of, settings.window)
    return graph_from_counts(
        counts,
        resolution.entities,
        min_weight=settings.min_weight,
        graph_attrs={
            "window": settings.window,
            "evidence_cap": settings.evidence_cap,
            "extractor": "+".join(e.name for e in extractors),
            "sentences": sum(len(r.sentences) for r in records),
            "documents": {r.doc_id: r.meta for r in records},
        },
    )


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
