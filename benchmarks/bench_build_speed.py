"""`shabaka build` with the embedded extractor: a base commit's code and the current code, side by side.

Both builds read the same real news articles (``--articles``, default 2,000, taken from
``news_text/`` in a fixed order: documents of at least ``--min-tokens`` whitespace tokens,
alternately from the ANT corpus and EgyNews; written as text files to a temporary
folder, never to the repository). The base commit's ``src/`` is exported with
``git archive`` into a temporary folder; each build runs in a fresh process with
``PYTHONPATH`` pointing at one ``src/``, one BLAS thread, and reports its CPU seconds
(model load included), the CPU seconds spent inside the embedded extractor and inside
relation finding (:func:`shabaka.relations.document_relations`, over the same sentences
and mentions when the extractor is the same), wall seconds and peak RSS. The ratio of
CPU seconds is the speed-up (of the whole build, of the model alone and of relation
finding alone); the node and edge counts and the node ids agree only if nothing else in
the pipeline changed between the two commits, and the digest of the edges' relations
only if relation finding gives the same output.

Usage, from the repository root::

    python benchmarks/bench_build_speed.py [--base 7403d8f] [--articles 2000] [--data ../shared/data]
    python benchmarks/bench_build_speed.py --base main --articles 200   # relation finding: a branch vs main
"""

from __future__ import annotations

import argparse
import hashlib
import json
import lzma
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCES = ("ant_corpus/ant_corpus.txt.xz", "egynews2013/egynews2013.txt.xz")


def documents(path: Path, min_tokens: int):
    """(title, text) of the blank-line-separated documents of one xz file with enough tokens."""
    block: list[str] = []
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                block.append(line.rstrip("\n"))
                continue
            if len(block) > 1 and sum(len(x.split()) for x in block[1:]) >= min_tokens:
                yield block[0], "\n".join(block[1:])
            block = []


def write_articles(data: Path, folder: Path, count: int, min_tokens: int) -> int:
    """Write ``count`` articles as ``NNNN.txt`` (title line, blank line, text); returns their tokens."""
    folder.mkdir(parents=True, exist_ok=True)
    streams = [documents(data / "news_text" / rel, min_tokens) for rel in SOURCES]
    tokens = 0
    for k in range(count):
        title, text = next(streams[k % len(streams)])
        (folder / f"{k:04d}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
        tokens += len(text.split())
    return tokens


def child(corpus: Path) -> dict:
    """One build in this process (run with PYTHONPATH at the ``src/`` to measure)."""
    import shabaka
    from shabaka import phases, pipeline
    from shabaka.extract.embedded import EmbeddedExtractor

    ner = [0.0]
    # the method the pipeline calls: several documents at once where the code has it, else one
    method = "extract_documents" if "extract_documents" in vars(EmbeddedExtractor) else "extract"
    extract = getattr(EmbeddedExtractor, method)

    def timed_extract(self, sentences):
        start = time.process_time()
        try:
            return extract(self, sentences)
        finally:
            ner[0] += time.process_time() - start

    setattr(EmbeddedExtractor, method, timed_extract)  # the time inside the embedded model, model load included
    rel = [0.0]
    relations = getattr(phases, "document_relations", None)  # absent before relation finding was written

    def timed_relations(*args):
        start = time.process_time()
        found = list(relations(*args))  # a generator: the work happens as it is read
        rel[0] += time.process_time() - start
        return iter(found)

    if relations is not None:
        phases.document_relations = timed_relations
    t_cpu, t_wall = time.process_time(), time.perf_counter()
    G = pipeline.build_graph([corpus], extractor="embedded")
    return {
        "ner_cpu_seconds": ner[0],
        "rel_cpu_seconds": rel[0],
        "src": str(Path(shabaka.__file__).parents[1]),
        "cpu_seconds": time.process_time() - t_cpu,
        "wall_seconds": time.perf_counter() - t_wall,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "documents": len(G.graph["documents"]),
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "node_digest": hashlib.sha256("\n".join(sorted(map(str, G.nodes))).encode()).hexdigest()[:16],
        "relation_digest": hashlib.sha256(
            json.dumps(
                sorted((sorted(map(str, e[:2])), e[2].get("relations")) for e in G.edges(data=True)), default=str
            ).encode()
        ).hexdigest()[:16],
    }


def run(src: Path, corpus: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(src), OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(corpus)], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"build with {src} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", default="7403d8f", help="the commit to compare with")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--min-tokens", type=int, default=300)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child)))
        return 0
    with tempfile.TemporaryDirectory(prefix="shabaka-build-speed-") as tmp:
        work = Path(tmp)
        tokens = write_articles(args.data, work / "articles", args.articles, args.min_tokens)
        print(f"{args.articles} articles, {tokens:,} whitespace tokens ({tokens / args.articles:.0f} per article)")
        base_src = work / "base"
        base_src.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.base, "src"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(base_src)], input=archive.stdout, check=True)
        rows = {
            f"base {args.base}": run(base_src / "src", work / "articles"),
            "current": run(REPO / "src", work / "articles"),
        }
    head = ("CPU s", "NER CPU s", "rel CPU s", "wall s", "articles/CPU-s", "peak RSS MiB", "nodes", "edges")
    print(f"\n{'code':<16} " + " ".join(f"{name:>14}" for name in head))
    for name, r in rows.items():
        values = (
            f"{r['cpu_seconds']:.1f}", f"{r['ner_cpu_seconds']:.1f}", f"{r['rel_cpu_seconds']:.2f}",
            f"{r['wall_seconds']:.1f}",
            f"{r['documents'] / r['cpu_seconds']:.1f}", f"{r['peak_rss_mib']:.0f}", str(r["nodes"]), str(r["edges"]),
        )  # fmt: skip
        print(f"{name:<16} " + " ".join(f"{v:>14}" for v in values))
    base, cur = rows.values()
    print(f"\nspeed-up (CPU seconds, base / current): {base['cpu_seconds'] / cur['cpu_seconds']:.2f}x")
    print(f"speed-up of the embedded model alone: {base['ner_cpu_seconds'] / cur['ner_cpu_seconds']:.2f}x")
    if base["rel_cpu_seconds"] and cur["rel_cpu_seconds"]:
        print(f"speed-up of relation finding alone: {base['rel_cpu_seconds'] / cur['rel_cpu_seconds']:.2f}x")
    same = all(base[k] == cur[k] for k in ("documents", "nodes", "edges", "node_digest"))
    print("same graph (documents, node ids, edge count):", "yes" if same else "NO")
    print("same relations on the edges:", "yes" if base["relation_digest"] == cur["relation_digest"] else "NO")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
