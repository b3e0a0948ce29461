"""Benchmark of :mod:`shabaka.resolve` on labelled pairs of mentions.

Data (in ``tests/data``, shared with ``tests/test_resolve.py``):

* ``resolution_docs.txt``: short news documents written for the tests. A document starts
  with ``## id``; a mention is marked ``[[surface|TYPE|gold]]`` (lines starting with
  ``#`` are comments). The markup is removed and the mentions are given to a
  :class:`~shabaka.resolve.Resolver` with the documents' sentences.
* ``resolution_pairs.csv``: ``case,doc_a,mention_a,doc_b,mention_b,same``: two mentions
  (a document and a surface marked in it) that must be one entity (``same=1``) or
  must stay apart (``same=0``); ``case`` says what the pair tests.

A pair is predicted merged when both mentions resolve to the same entity (a dropped
mention merges with nothing). Scores are pairwise, over the labelled pairs:

* precision = merged pairs that must merge / merged pairs
* recall = merged pairs that must merge / pairs that must merge

``--heldout`` scores ``resolution_heldout.txt`` instead: documents written after the
rules were built and never used to change them, so its figure is the honest one. Its
pairs are all pairs of gold-labelled mentions with different surfaces (same gold: must
merge; different gold: must stay apart).

Usage::

    python benchmarks/bench_resolve.py            # scores, by case
    python benchmarks/bench_resolve.py -v         # ... and every misjudged pair
    python benchmarks/bench_resolve.py --heldout  # the held-out documents
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from shabaka.model import Document, Mention
from shabaka.resolve import Resolution, Resolver
from shabaka.text import split_sentences

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
_MARK = re.compile(r"\[\[([^|\]]+)\|([A-Z]+)(?:\|([^\]]+))?\]\]")


@dataclass(frozen=True, slots=True)
class Pair:
    """A labelled pair of mentions, each named by its document and surface."""

    case: str
    a: tuple[str, str]
    b: tuple[str, str]
    same: bool


def parse_documents(text: str) -> list[tuple[Document, list[Mention], list[str]]]:
    """Marked documents (see the module docstring): each as (document, its mentions, the gold
    entity of each mention, "" where not given).

    >>> [(m.text, m.type, gold) for m, gold in zip(*parse_documents("## d1\\nزار [[بالرباط|LOC|rabat]] أمس.")[0][1:])]
    [('بالرباط', 'LOC', 'rabat')]
    """
    out = []
    chunks = re.split(r"^## (\S+)\n", text, flags=re.MULTILINE)
    for doc_id, body in zip(chunks[1::2], chunks[2::2], strict=True):
        body = "\n".join(line for line in body.splitlines() if not line.startswith("#")).strip()
        parts, spans, gold, last = [], [], [], 0
        for m in _MARK.finditer(body):
            parts.append(body[last : m.start()])
            start = sum(map(len, parts))
            spans.append((start, start + len(m.group(1)), m.group(1), m.group(2)))
            gold.append(m.group(3) or "")
            parts.append(m.group(1))
            last = m.end()
        parts.append(body[last:])
        doc = Document(doc_id, "".join(parts))
        sentences = split_sentences(doc.text, doc_id)
        mentions = []
        for start, end, surface, kind in spans:
            s = next(s for s in sentences if s.start <= start < s.end)
            mentions.append(Mention(doc_id, s.index, s.paragraph, start, end, surface, kind))
        out.append((doc, mentions, gold))
    return out


def load_documents(path: Path = DATA / "resolution_docs.txt") -> list[tuple[Document, list[Mention], list[str]]]:
    """The marked documents of a file."""
    return parse_documents(path.read_text(encoding="utf-8"))


def load_pairs(path: Path = DATA / "resolution_pairs.csv") -> list[Pair]:
    """The labelled pairs."""
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Pair(r["case"], (r["doc_a"], r["mention_a"]), (r["doc_b"], r["mention_b"]), r["same"] == "1")
            for r in csv.DictReader(f)
        ]


def gold_pairs(docs: list[tuple[Document, list[Mention], list[str]]]) -> list[Pair]:
    """Every pair of gold-labelled mentions with different surfaces (``case``: the gold
    entities, or "apart")."""
    marked = [(m, gold) for _, mentions, golds in docs for m, gold in zip(mentions, golds, strict=True) if gold]
    pairs = []
    for i, (a, ga) in enumerate(marked):
        for b, gb in marked[i + 1 :]:
            if a.text != b.text:
                case = ga if ga == gb else "apart"
                pairs.append(Pair(case, (a.doc_id, a.text), (b.doc_id, b.text), ga == gb))
    return pairs


def resolve_documents(docs: list[tuple[Document, list[Mention], list[str]]], resolver: Resolver) -> Resolution:
    """Feed the documents to ``resolver`` (with their sentences) and resolve."""
    for doc, mentions, _ in docs:
        resolver.add(doc.id, mentions, split_sentences(doc.text, doc.id))
    return resolver.resolve()


def predictions(
    docs: list[tuple[Document, list[Mention], list[str]]], resolution: Resolution, pairs: list[Pair]
) -> list[bool]:
    """For each pair, whether the resolution merges its two mentions."""
    mention_of = {(m.doc_id, m.text): m for _, mentions, _ in docs for m in mentions}
    out = []
    for p in pairs:
        missing = [x for x in (p.a, p.b) if x not in mention_of]
        if missing:
            raise KeyError(f"pair {p}: no mention {missing} in the documents")
        ka, kb = (resolution.entity_of(mention_of[x]) for x in (p.a, p.b))
        out.append(ka is not None and ka == kb)
    return out


def scores(pairs: list[Pair], merged: list[bool]) -> tuple[float, float]:
    """Pairwise (precision, recall) of merging."""
    tp = sum(m and p.same for p, m in zip(pairs, merged, strict=True))
    predicted = sum(merged)
    gold = sum(p.same for p in pairs)
    return (tp / predicted if predicted else 1.0), (tp / gold if gold else 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every misjudged pair")
    parser.add_argument("--heldout", action="store_true", help="score the held-out documents (all gold pairs)")
    args = parser.parse_args()
    if args.heldout:
        docs = load_documents(DATA / "resolution_heldout.txt")
        pairs = gold_pairs(docs)
    else:
        docs, pairs = load_documents(), load_pairs()
    merged = predictions(docs, resolve_documents(docs, Resolver()), pairs)
    precision, recall = scores(pairs, merged)
    print(f"{len(pairs)} pairs ({sum(p.same for p in pairs)} must merge), {len(docs)} documents")
    print(f"precision {precision:.3f}  recall {recall:.3f}")
    counts = Counter((p.case, p.same) for p in pairs)
    wrong = Counter(p.case for p, m in zip(pairs, merged, strict=True) if m != p.same)
    for case in sorted({p.case for p in pairs}):
        print(f"  {case:<12} merge {counts[case, True]:>3}  apart {counts[case, False]:>3}  wrong {wrong[case]}")
    if args.verbose:
        for p, m in zip(pairs, merged, strict=True):
            if m != p.same:
                print(f"  {'merged' if m else 'apart'} but should {'merge' if p.same else 'stay apart'}: {p}")


if __name__ == "__main__":
    main()
