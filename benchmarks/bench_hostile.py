"""Time and peak memory of ``shabaka build`` on the hostile corpus at full size.

Cases (each runs in a fresh process, so that its peak RSS is its own):

========== ==================================================================
case       input
========== ==================================================================
big        one 50 MB UTF-8 text file (lines of 10-30 words, names among them)
big-read   the same file, ingest only (no extraction, no graph)
line       one 5 MB line with no punctuation at all
tiny       100,000 tiny files (one sentence each)
========== ==================================================================

The text is generated from an invented vocabulary and the names of the bundled sample
gazetteer (no corpus text). Usage::

    python benchmarks/bench_hostile.py                     # every case, gazetteer extractor
    python benchmarks/bench_hostile.py big line            # some cases
    python benchmarks/bench_hostile.py --extractor embedded --scale 0.1   # smaller files, another extractor
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from shabaka.pipeline import sample_gazetteer

CASES = ("big", "big-read", "line", "tiny")
SYLLABLES = ("با", "تي", "سو", "مر", "كا", "لي", "دو", "نا", "ري", "فه", "جم", "قو", "عل", "حس", "ير", "وت")


def _names() -> list[str]:
    with open(sample_gazetteer(), encoding="utf-8", newline="") as f:
        return [row["name"] for row in csv.DictReader(f)]


def _words(rng: random.Random) -> Iterator[str]:
    names = _names()
    vocabulary = ["".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) for _ in range(5000)]
    while True:
        yield rng.choice(names) if rng.random() < 0.03 else rng.choice(vocabulary)


def write_big(path: Path, size: int, rng: random.Random) -> None:
    """Lines of 10 to 30 words ending with a period, until ``size`` bytes."""
    words = _words(rng)
    written = 0
    with path.open("w", encoding="utf-8") as f:
        while written < size:
            line = " ".join(next(words) for _ in range(rng.randint(10, 30))) + ".\n"
            written += f.write(line) * 2  # Arabic letters take 2 bytes in UTF-8


def write_line(path: Path, size: int, rng: random.Random) -> None:
    """One line of words, no punctuation, no line break."""
    words = _words(rng)
    with path.open("w", encoding="utf-8") as f:
        written = 0
        while written < size:
            written += f.write(" ".join(next(words) for _ in range(1000)) + " ") * 2


def write_tiny(folder: Path, count: int, rng: random.Random) -> None:
    names = _names()
    folder.mkdir()
    for i in range(count):
        (folder / f"{i:06}.txt").write_text(f"زار {rng.choice(names)} {rng.choice(names)} يوم {i}.", encoding="utf-8")


def run_case(case: str, data: Path, extractor: str) -> None:
    """In the child process: run one case and print its figures."""
    from shabaka.ingest import IngestReport, read_documents

    report = IngestReport()
    started = time.perf_counter()
    if case == "big-read":
        chars = sum(len(d.text) for d in read_documents([data], report))
        what = f"{report.documents} documents, {chars:,} characters"
    else:
        from shabaka.export import write_json
        from shabaka.pipeline import build_graph, summary

        G = build_graph([data], extractor=extractor, gazetteer=sample_gazetteer(), report=report)
        write_json(G, data.parent / f"{case}.json")
        what = summary(G, report)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{case:<9} {seconds:8.1f} s {peak:8.0f} MB peak RSS   {what}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", default=list(CASES), help=f"among {', '.join(CASES)} (default: all)")
    parser.add_argument("--extractor", default="gazetteer", choices=("gazetteer", "embedded", "camel"))
    parser.add_argument("--scale", type=float, default=1.0, help="size factor (default 1: 50 MB, 5 MB, 100k files)")
    parser.add_argument("--run", nargs=2, metavar=("CASE", "DATA"), help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if unknown := set(args.cases) - set(CASES):
        parser.error(f"unknown case(s): {', '.join(sorted(unknown))}")
    if args.run:
        run_case(args.run[0], Path(args.run[1]), args.extractor)
        return
    rng = random.Random(8)
    with tempfile.TemporaryDirectory(prefix="shabaka-bench-") as tmp:
        folder = Path(tmp)
        inputs = {"big": folder / "big.txt", "line": folder / "line.txt", "tiny": folder / "tiny"}
        inputs["big-read"] = inputs["big"]
        started = time.perf_counter()
        if {"big", "big-read"} & set(args.cases):
            write_big(inputs["big"], int(50e6 * args.scale), rng)
        if "line" in args.cases:
            write_line(inputs["line"], int(5e6 * args.scale), rng)
        if "tiny" in args.cases:
            write_tiny(inputs["tiny"], int(100_000 * args.scale), rng)
        print(f"inputs written in {time.perf_counter() - started:.1f} s; extractor: {args.extractor}")
        for case in args.cases:
            cmd = [sys.executable, __file__, "--extractor", args.extractor, "--run", case, str(inputs[case])]
            subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
