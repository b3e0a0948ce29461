"""Build the same corpora with two source trees and compare the graphs byte for byte.

A restructuring must not change what shabaka finds. This script builds a fixed set of
corpora (the five real articles of ``../shared/corpus``, the bundled sample articles, and a
synthetic corpus from ``benchmarks/synth.py`` and the labelled HTML pages of
``benchmarks/data/clean/html``, under several settings) with the ``src/``
of a git commit or of a folder, writes each graph's JSON export, and compares the files.

Usage::

    python scripts/compare_graphs.py save --commit 148221a --out REFERENCE_DIR
    python scripts/compare_graphs.py save --tree . --out OUT_DIR
    python scripts/compare_graphs.py compare --commit 148221a --tree .   # both, then compare
    python scripts/compare_graphs.py compare --reference REFERENCE_DIR --tree .

The inputs are written once from the working tree this script runs in (the same bytes for
both sides). Each build runs ``python -m shabaka.cli build ... --json`` in a fresh process
with ``PYTHONPATH`` set to the tree's ``src``; the model files are the tree's own.
Exit status 0 when every graph is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SYNTH_DOCS = 300
SYNTH_SEED = 7

#: name -> (input folder name, extra build flags)
BUILDS: dict[str, tuple[str, list[str]]] = {
    "corpus": ("corpus", []),
    "corpus-paragraph": ("corpus", ["--window", "paragraph", "--evidence-cap", "3"]),
    "corpus-no-known-names": ("corpus", ["--no-known-names"]),
    "corpus-no-clean": ("corpus", ["--no-clean"]),
    "samples": ("samples", []),
    "samples-document": ("samples", ["--window", "document", "--min-weight", "2"]),
    "samples-gazetteer": ("samples", ["--extractor", "gazetteer", "--gazetteer", "@samples_gazetteer"]),
    "synth": ("synth", []),
    "synth-gazetteer": ("synth", ["--extractor", "gazetteer", "--gazetteer", "@synth_gazetteer"]),
    "synth-dask": ("synth", ["--engine", "dask", "--scheduler", "synchronous"]),
    "pages-html": ("pages_html", []),
}


def write_inputs(folder: Path) -> dict[str, Path]:
    """Write every input corpus under ``folder``; return the named paths used by :data:`BUILDS`."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth  # benchmarks/synth.py: deterministic for a seed

    samples = ROOT / "src" / "shabaka" / "data" / "samples"
    paths = {
        "corpus": folder / "corpus",
        "samples": folder / "samples",
        "synth": folder / "synth" / "corpus",
        "pages_html": folder / "pages_html",
        "samples_gazetteer": folder / "sample_gazetteer.csv",
        "synth_gazetteer": folder / "synth" / "gazetteer.csv",
    }
    if not CORPUS.is_dir():
        raise SystemExit(f"the real corpus is missing: {CORPUS}")
    shutil.copytree(CORPUS, paths["corpus"])
    paths["samples"].mkdir()
    for f in sorted(samples.glob("*.txt")):
        shutil.copy(f, paths["samples"] / f.name)
    shutil.copy(ROOT / "src" / "shabaka" / "data" / "sample_gazetteer.csv", paths["samples_gazetteer"])
    shutil.copytree(
        ROOT / "benchmarks" / "data" / "clean" / "html", paths["pages_html"], ignore=shutil.ignore_patterns("*.txt")
    )
    synth.write_corpus(folder / "synth", SYNTH_DOCS, seed=SYNTH_SEED, per_file=100)
    return paths


def source_tree(commit: str | None, tree: str | None, scratch: Path) -> Path:
    """The ``src`` folder of a commit (extracted with ``git archive``) or of a working tree."""
    if tree is not None:
        return Path(tree).resolve() / "src"
    assert commit is not None
    out = scratch / f"src-{commit}"
    archive = scratch / f"{commit}.tar"
    with archive.open("wb") as f:
        subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], stdout=f, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(out, filter="data")
    return out / "src"


def build_all(src: Path, inputs: dict[str, Path], out: Path) -> None:
    """Build every graph of :data:`BUILDS` with the code under ``src``, writing ``out/NAME.json``."""
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"}
    for name, (folder, flags) in BUILDS.items():
        flags = [str(inputs[f[1:]]) if f.startswith("@") else f for f in flags]
        cmd = [sys.executable, "-m", "shabaka.cli", "build", str(inputs[folder]), "--json", str(out / f"{name}.json")]
        cmd += [*flags, "-q"]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=out)
        if result.returncode != 0:
            raise SystemExit(f"{name}: the build failed with {src}:\n{result.stderr}")
        print(f"  built {name}", flush=True)


def compare(a: Path, b: Path) -> bool:
    """Print one line per graph; True when all are byte-identical."""
    same = True
    for name in BUILDS:
        fa, fb = a / f"{name}.json", b / f"{name}.json"
        if not fa.exists() or not fb.exists():
            print(f"{name:24s} MISSING ({fa if not fa.exists() else fb})")
            same = False
            continue
        equal = filecmp.cmp(fa, fb, shallow=False)
        same &= equal
        print(f"{name:24s} {'identical' if equal else 'DIFFERENT'}  ({fa.stat().st_size:,} bytes)")
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("--out", help="with save: the folder the JSON graphs go to")
    parser.add_argument("--commit", help="build with the src/ of this git commit")
    parser.add_argument("--tree", help="build with the src/ of this folder (a checkout)")
    parser.add_argument("--reference", help="with compare: a folder written by save, instead of --commit")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shabaka-compare-") as tmp:
        scratch = Path(tmp)
        inputs = write_inputs(scratch / "inputs")
        if args.action == "save":
            if args.out is None or (args.commit is None) == (args.tree is None):
                parser.error("save needs --out and exactly one of --commit, --tree")
            build_all(source_tree(args.commit, args.tree, scratch), inputs, Path(args.out).resolve())
            return 0
        if args.tree is None or (args.commit is None) == (args.reference is None):
            parser.error("compare needs --tree and exactly one of --commit, --reference")
        if args.reference is not None:
            before = Path(args.reference).resolve()
        else:
            before = scratch / "before"
            print(f"building with {args.commit}")
            build_all(source_tree(args.commit, None, scratch), inputs, before)
        after = scratch / "after"
        print(f"building with {args.tree}")
        build_all(source_tree(None, args.tree, scratch), inputs, after)
        return 0 if compare(before, after) else 1


if __name__ == "__main__":
    sys.exit(main())
