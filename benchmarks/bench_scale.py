"""Scale benchmark: the local and dask engines on synthetic corpora of growing size.

For each corpus size (documents drawn from a fixed vocabulary, see ``synth.py``) and each
engine, one build runs in a fresh process and reports documents/s, sentences/s and peak
RSS (the building process; for dask also the largest worker), the time spent making the
graph object from the counts (:func:`shabaka.phases.graph_phase`) and the edge count.
The dask engine runs on a local cluster of single-threaded worker processes (started
before the clock starts), with 1 and with 2 workers, for the speed-up of 2 over 1.

Usage::

    python benchmarks/bench_scale.py --sizes 1000 10000 100000 [--extractor gazetteer|embedded]
    python benchmarks/bench_scale.py --real ../shared/data/news_text --sizes 1000 10000 --extractor embedded

prints Markdown tables (README's "Scale" section comes from them) and the machine.
Corpora are generated once under ``--work`` (default: a folder in the temp directory)
and reused. Nothing here asserts on time.

``--real FOLDER`` builds real news articles instead of synthetic ones: the first
articles of the news sources of ``news_text`` (``egynews2013``, ``ant_corpus``,
``bbc_arabic_2017``; xz files of blank-line-separated articles, title first), taken in
turn from each, written as ``.jsonl`` files of 100 articles under ``--work`` (never into
the repository). "articles per CPU s" is what one core gets through.
"""

from __future__ import annotations

import argparse
import itertools
import json
import lzma
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import write_corpus  # noqa: E402

#: The news sources of ``news_text`` read by ``--real`` (Wikipedia is left out: not news).
NEWS_SOURCES = ("egynews2013", "ant_corpus", "bbc_arabic_2017")


def _articles(path: Path) -> Any:
    """(title, text) of each blank-line-separated block of an xz file, title first."""
    block: list[str] = []
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for line in itertools.chain(f, [""]):
            if line.strip():
                block.append(line.strip())
            elif block:
                yield block[0], "\n".join(block[1:]) or block[0]
                block = []


def write_real_corpus(folder: Path, n: int, news_text: Path) -> dict[str, float]:
    """The first ``n`` articles of the news sources, in turn from each, as ``.jsonl`` files of 100
    under ``folder/corpus``; their count and mean length in characters."""
    streams = [_articles(p) for name in NEWS_SOURCES for p in sorted((news_text / name).glob("*.txt.xz"))]
    corpus = folder / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    chars = written = 0
    out = None
    while written < n and streams:
        for stream in list(streams):
            item = next(stream, None)
            if item is None:
                streams.remove(stream)
                continue
            if written % 100 == 0:
                if out is not None:
                    out.close()
                out = (corpus / f"{written // 100:05}.jsonl").open("w", encoding="utf-8")
            title, text = item
            out.write(json.dumps({"id": f"a{written}", "title": title, "text": text}, ensure_ascii=False) + "\n")
            chars += len(text)
            written += 1
            if written == n:
                break
    if out is not None:
        out.close()
    stats = {"articles": written, "mean_chars": chars / max(written, 1)}
    (folder / "stats.json").write_text(json.dumps(stats))
    return stats


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _warm_up() -> None:
    """Load what every build loads once per process (modules, camel-tools' tables), off the clock."""
    import shabaka.engine  # noqa: F401
    from shabaka.text import normalize_key

    normalize_key("ا")


def run_one(corpus: Path, gazetteer: Path, extractor: str, engine: str, workers: int) -> dict[str, Any]:
    """One timed build in this process; the figures as a dict."""
    from shabaka import local, phases, pipeline

    timed: dict[str, float] = {}
    graph_phase = phases.graph_phase

    def timed_graph_phase(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        G = graph_phase(*args, **kwargs)
        timed["graph"] = time.perf_counter() - start
        return G

    local.graph_phase = timed_graph_phase  # the engines look it up at call time
    options: dict[str, Any] = {"extractor": extractor, "engine": engine}
    options["gazetteer"] = str(gazetteer) if extractor == "gazetteer" else None
    cluster = client = None
    if engine == "dask":
        import shabaka.engine

        shabaka.engine.graph_phase = timed_graph_phase
        from distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster, set_as_default=False)
        options["scheduler"] = cluster.scheduler_address
    _warm_up()
    if client is not None:
        client.run(_warm_up)
    cpu = _cpu_seconds() + (sum(client.run(_cpu_seconds).values()) if client is not None else 0)
    start = time.perf_counter()
    G = pipeline.build_graph([corpus], **options)
    seconds = time.perf_counter() - start
    cpu = _cpu_seconds() + (sum(client.run(_cpu_seconds).values()) if client is not None else 0) - cpu
    out = {
        "engine": engine,
        "workers": workers,
        "documents": len(G.graph["documents"]),
        "sentences": G.graph["sentences"],
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "graph_seconds": timed["graph"],
        "rss_mib": _peak_rss_mib(),
    }
    if client is not None and cluster is not None:
        peaks = client.run(_peak_rss_mib)
        out["worker_rss_mib"] = max(peaks.values())
        client.close()
        cluster.close()
    return out


def machine() -> str:
    """nproc, RAM, CPU model, Python and load: where the figures came from."""
    info = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in info if "model name" in line), platform.processor())
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({cpu}), {ram:.0f} GiB RAM, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; load average before the runs: {load}"
    )


def _child(args: list[str], timeout: float) -> dict[str, Any] | None:
    cmd = [sys.executable, __file__, "--child", *args]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        print(f"  timed out after {timeout:.0f} s: {' '.join(args)}", file=sys.stderr)
        return None
    except subprocess.CalledProcessError as exc:
        print(f"  failed: {' '.join(args)}\n{exc.stderr[-2000:]}", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description="Scale benchmark of the local and dask engines.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--engines", nargs="+", default=["local", "dask"], choices=("local", "dask"))
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="dask worker processes")
    parser.add_argument("--extractor", default="gazetteer", choices=("gazetteer", "embedded"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "shabaka-bench"))
    parser.add_argument("--timeout", type=float, default=1200, help="seconds allowed to one build")
    parser.add_argument("--real", metavar="NEWS_TEXT", help="build real articles from this news_text folder")
    parser.add_argument("--child", nargs=5, metavar=("CORPUS", "GAZETTEER", "EXTRACTOR", "ENGINE", "WORKERS"))
    args = parser.parse_args()
    if args.child:
        corpus, gazetteer, extractor, engine, workers = args.child
        print(json.dumps(run_one(Path(corpus), Path(gazetteer), extractor, engine, int(workers))))
        return

    print(f"machine: {machine()}\nextractor: {args.extractor}\n")
    rows = []
    for n in args.sizes:
        if args.real:
            folder = Path(args.work) / f"real-{n}"
            if not (folder / "stats.json").exists():
                write_real_corpus(folder, n, Path(args.real))
            stats = json.loads((folder / "stats.json").read_text())
            print(f"{stats['articles']} real articles, {stats['mean_chars']:.0f} characters each on average")
            (folder / "gazetteer.csv").touch()  # not used by the embedded extractor
        folder = folder if args.real else Path(args.work) / f"synth-{n}-seed{args.seed}"
        if not (folder / "gazetteer.csv").exists():
            start = time.perf_counter()
            write_corpus(folder, n, args.seed)
            print(f"generated {n} documents in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        runs = [("local", 1)] if "local" in args.engines else []
        runs += [("dask", w) for w in args.workers] if "dask" in args.engines else []
        for engine, workers in runs:
            child_args = [str(folder / "corpus"), str(folder / "gazetteer.csv"), args.extractor, engine, str(workers)]
            result = _child(child_args, args.timeout)
            if result is not None:
                rows.append(result)
                print(f"  {n} docs, {engine} x{workers}: {result['seconds']:.1f} s", file=sys.stderr)
    print(table(rows))


def table(rows: list[dict[str, Any]]) -> str:
    """The figures as Markdown: throughput and memory, speed-up of 2 dask workers over 1, graph build."""
    head = (
        "| documents | engine | workers | seconds | documents/s | sentences/s | peak RSS MiB (worker) "
        "| CPU s | documents per CPU s | edges | graph build s | speed-up |\n" + "|---" * 12 + "|"
    )
    lines = [head]
    one = {r["documents"]: r["seconds"] for r in rows if r["engine"] == "dask" and r["workers"] == 1}
    for r in rows:
        rss = f"{r['rss_mib']:.0f}" + (f" ({r['worker_rss_mib']:.0f})" if "worker_rss_mib" in r else "")
        speedup = (
            f"{one[r['documents']] / r['seconds']:.2f}"
            if r["engine"] == "dask" and r["workers"] > 1 and r["documents"] in one
            else ""
        )
        lines.append(
            f"| {r['documents']} | {r['engine']} | {r['workers']} | {r['seconds']:.1f} "
            f"| {r['documents'] / r['seconds']:.0f} | {r['sentences'] / r['seconds']:.0f} | {rss} "
            f"| {r['cpu_seconds']:.1f} | {r['documents'] / r['cpu_seconds']:.0f} | {r['edges']} "
            f"| {r['graph_seconds']:.2f} | {speedup} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
