"""Scale benchmark: the local and dask engines on synthetic corpora of growing size.

For each corpus size (documents drawn from a fixed vocabulary, see ``synth.py``) and each
engine, one build runs in a fresh process and reports documents/s, sentences/s and peak
RSS (the building process; for dask also the largest worker), the time spent making the
graph object from the counts (:func:`shabaka.phases.graph_phase`) and the edge count.
The dask engine runs on a local cluster of single-threaded worker processes (started
before the clock starts), with 1 and with 2 workers, for the speed-up of 2 over 1.

Usage::

    python benchmarks/bench_scale.py --sizes 1000 10000 100000 [--extractor gazetteer|embedded]

prints Markdown tables (README's "Scale" section comes from them) and the machine.
Corpora are generated once under ``--work`` (default: a folder in the temp directory)
and reused. Nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import json
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
    parser.add_argument("--child", nargs=5, metavar=("CORPUS", "GAZETTEER", "EXTRACTOR", "ENGINE", "WORKERS"))
    args = parser.parse_args()
    if args.child:
        corpus, gazetteer, extractor, engine, workers = args.child
        print(json.dumps(run_one(Path(corpus), Path(gazetteer), extractor, engine, int(workers))))
        return

    print(f"machine: {machine()}\nextractor: {args.extractor}\n")
    rows = []
    for n in args.sizes:
        folder = Path(args.work) / f"synth-{n}-seed{args.seed}"
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
        "| CPU s | edges | graph build s | speed-up |\n|---|---|---|---|---|---|---|---|---|---|---|"
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
            f"| {r['cpu_seconds']:.1f} | {r['edges']} | {r['graph_seconds']:.2f} | {speedup} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
