"""Benchmark of :func:`shabaka.dates.document_date` on real news pages.

Data: ``benchmarks/data/dates_gold.jsonl`` (see ``SOURCES_relations_dates.md``): the start
of each stored page, its metadata date where it had one, its URL, and the publication day
a reader sees. The ``test`` part was frozen before :mod:`shabaka.dates` was written.

For each split: the share of pages given the right day, the share left unknown (``None``:
allowed) and the count given a wrong day (the goal is none).

Usage::

    python benchmarks/bench_dates.py          # dev and test
    python benchmarks/bench_dates.py -v       # ... and each dev page's answer
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from shabaka.dates import document_date

GOLD = Path(__file__).parent / "data" / "dates_gold.jsonl"


def load(split: str) -> list[dict]:
    """The gold pages of one split (``dev`` or ``test``)."""
    with GOLD.open(encoding="utf-8") as f:
        return [r for r in map(json.loads, filter(str.strip, f)) if r["split"] == split]


def judge(record: dict) -> tuple[str, str]:
    """``("right" | "unknown" | "wrong", what was found)`` for one page."""
    found = document_date(record["text"], meta=record["meta"], html=record["html"], url=record["url"])
    if found is None:
        return "unknown", "-"
    verdict = "right" if found.iso == record["gold"] else "wrong"
    return (
        verdict,
        f"{found.iso} from {found.source} ({found.evidence!r}{', approximate' if found.approximate else ''})",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print each dev page (the test part stays closed)")
    args = parser.parse_args()
    for split in ("dev", "test"):
        records = load(split)
        verdicts = Counter()
        sources = Counter()
        for r in records:
            verdict, what = judge(r)
            verdicts[verdict] += 1
            if verdict != "unknown":
                sources[what.split(" from ")[1].split(" ")[0]] += 1
            if args.verbose and split == "dev":
                print(f"{r['id']} {verdict:<7} gold {r['gold']}  found {what}")
        n = len(records)
        print(
            f"{split}: {n} pages | right day {verdicts['right'] / n:.1%} | unknown {verdicts['unknown'] / n:.1%} "
            f"| wrong {verdicts['wrong']} | sources {dict(sources)}"
        )


if __name__ == "__main__":
    main()
