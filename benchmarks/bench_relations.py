"""Benchmark of :mod:`shabaka.relations` on sentences from real news.

Data: ``benchmarks/data/relations_gold.jsonl`` (see ``SOURCES_relations_dates.md``): each
sentence with its entity mentions (given: this measures relation finding only), every
pair of its entities and the relations the sentence states between them, or none.
The ``test`` part was frozen before the trigger table was written; its first held-out run
(rules v1) is recorded in the git history, after which it was opened for tuning.
``relations_gold_fresh.jsonl`` (split ``fresh``) was frozen then, from other pages, and
``relations_gold_fresh2.jsonl`` (split ``fresh2``) later, from still other pages, before the
relation rules were widened for recall; both were held out until the third round of rules
(issue 14), when they were opened for tuning. ``relations_gold_fresh3.jsonl`` (split
``fresh3``) was frozen before that round from still other pages: it is the held-out figure,
scored by its totals only (its errors are never printed). ``relations_gold_fresh4.jsonl`` (split
``fresh4``) was frozen later still, from other pages, before a trained pair classifier was
tried (``training/train_relations.py``): held out the same way. ``relations_gold_fresh5.jsonl``
(split ``fresh5``) was frozen before the fourth round of rules, from still other pages; from then
on ``fresh3`` and ``fresh4`` are open (their errors are read and printed). ``relations_gold_fresh6.jsonl``
(split ``fresh6``) was frozen before the fifth round of rules, from still other pages; from then
on ``fresh5`` is open too and ``fresh6`` alone was held out, scored by its totals only, until the
sixth round of rules, when it was opened for tuning. ``relations_gold_fresh7.jsonl`` (split
``fresh7``) was frozen before the sixth round of rules, from still other pages: it is the held-out
set now, scored by its totals only (its errors are never printed).
``training/train_relations.py`` prints the cross-validated figures of the rules and of the
classifier variants on the open splits (the classifier is not used by shabaka: README,
"Relations and time").

A predicted relation is a (sentence, pair, type, direction) tuple; ``role`` links come from
:func:`~shabaka.relations.find_roles`, the others from
:func:`~shabaka.relations.find_relations`. Scores, per type and overall:

* strict: the type and the direction must both be right (a symmetric gold relation wants
  no direction);
* typed: the type on the pair must be right, whatever the direction.

"overall" counts the event relations (all types but ``role``); "with roles" adds them.

Usage::

    python benchmarks/bench_relations.py              # the open splits, and fresh+fresh2 together
    python benchmarks/bench_relations.py --split all  # ... and the held-out ones (scored only when named)
    python benchmarks/bench_relations.py -v           # ... and every error of the open splits
    python benchmarks/bench_relations.py --split dev -v   # dev alone, and its errors (for tuning)
    python benchmarks/bench_relations.py --split fresh+fresh2   # the two earlier held-out sets
    python benchmarks/bench_relations.py --split fresh5 -v  # an open set and its errors
    python benchmarks/bench_relations.py --split held-out   # the held-out set, fresh7 (totals only)
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from shabaka.relations import find_relations, find_roles

DATA = Path(__file__).parent / "data"
SUFFIXES = ("", "_fresh", "_fresh2", "_fresh3", "_fresh4", "_fresh5", "_fresh6", "_fresh7")
GOLD = [DATA / f"relations_gold{suffix}.jsonl" for suffix in SUFFIXES]
# tuned on: their errors may be printed
OPEN = ("dev", "test", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6")
HELD_OUT: tuple[str, ...] = ("fresh7",)  # scored by totals only, never its errors
GROUPS = {"all": None, "held-out": HELD_OUT, "fresh+fresh2": ("fresh", "fresh2")}

Item = tuple[str, tuple[str, str], str, tuple[str, str] | None]  # sentence id, pair, type, direction


def load(split: str) -> list[dict]:
    """The gold records of one split (``dev``, ``test``, ``fresh``, ``fresh2``, ``fresh3``,
    ``fresh4``, ``fresh5``, ``fresh6``, ``fresh7``), of ``held-out`` (the held-out ones), of ``fresh+fresh2``
    or of ``all``."""
    records = []
    for path in GOLD:
        with path.open(encoding="utf-8") as f:
            records += [json.loads(line) for line in f if line.strip()]
    wanted = GROUPS.get(split, (split,))
    return [r for r in records if wanted is None or r["split"] in wanted]


def gold_items(record: dict) -> set[Item]:
    """The gold relations of a sentence."""
    first = {}
    for m in record["mentions"]:
        first.setdefault(m["entity"], m["start"])
    out = set()
    for p in record["pairs"]:
        pair = tuple(sorted((p["a"], p["b"]), key=first.__getitem__))
        for rel in p["relations"]:
            src = rel["source"]
            direction = None if src is None else (src, p["b"] if src == p["a"] else p["a"])
            out.add((record["id"], pair, rel["type"], direction))
    return out


def predicted_items(record: dict) -> set[Item]:
    """What :mod:`shabaka.relations` finds in a sentence, as gold-comparable items."""
    mentions = [(m["start"], m["end"], m["entity"], m["type"]) for m in record["mentions"]]
    first = {}
    for m in record["mentions"]:
        first.setdefault(m["entity"], m["start"])
    out = {  # the pair in the gold's order (first mentions), whichever mentions stated it
        (record["id"], tuple(sorted(r.entities, key=first.__getitem__)), r.type, r.direction)
        for r in find_relations(record["text"], mentions)
    }
    for role in find_roles(record["text"], mentions):
        pair = tuple(sorted((role.person, role.target), key=first.__getitem__))
        out.add((record["id"], pair, "role", (role.person, role.target)))
    return out


def _untyped(items: set[Item]) -> set[tuple]:
    return {(s, p, t) for s, p, t, _ in items}


def score(records: list[dict]) -> dict[str, dict[str, Counter]]:
    """Counts per type (and ``overall``, ``with roles``) for the strict and typed scores."""
    gold = set().union(*map(gold_items, records))
    pred = set().union(*map(predicted_items, records))
    out: dict[str, dict[str, Counter]] = {}
    for mode, g, p in (("strict", gold, pred), ("typed", _untyped(gold), _untyped(pred))):
        counts: dict[str, Counter] = {}
        for name, keep in [
            *[(t, lambda x, t=t: x[2] == t) for t in sorted({x[2] for x in gold | pred})],
            ("overall", lambda x: x[2] != "role"),
            ("with roles", lambda x: True),
        ]:
            gs = {x for x in g if keep(x)}
            ps = {x for x in p if keep(x)}
            counts[name] = Counter(gold=len(gs), pred=len(ps), right=len(gs & ps))
        out[mode] = counts
    return out


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def report(split: str, records: list[dict]) -> None:
    """Print the table of one split."""
    scores = score(records)
    pairs = sum(len(r["pairs"]) for r in records)
    print(f"\n== {split}: {len(records)} sentences, {pairs} entity pairs")
    print(f"{'type':<12} {'gold':>5} {'pred':>5} | {'strict P':>8} {'R':>6} | {'typed P':>8} {'R':>6}")
    for name, c in scores["strict"].items():
        t = scores["typed"][name]
        strict = f"{_ratio(c['right'], c['pred']):>8} {_ratio(c['right'], c['gold']):>6}"
        typed = f"{_ratio(t['right'], t['pred']):>8} {_ratio(t['right'], t['gold']):>6}"
        print(f"{name:<12} {c['gold']:>5} {c['pred']:>5} | {strict} | {typed}")


def errors(records: list[dict]) -> None:
    """Print each sentence whose predictions differ from the gold."""
    for r in records:
        g, p = gold_items(r), predicted_items(r)
        if g != p:
            names = {m["entity"]: m["text"] for m in r["mentions"]}
            print(f"\n{r['id']} {r['text']}")
            for tag, items in (("missed", g - p), ("wrong ", p - g)):
                for _, pair, kind, direction in sorted(items, key=str):
                    arrow = (
                        f"{names[direction[0]]} → {names[direction[1]]}"
                        if direction
                        else " — ".join(map(names.get, pair))
                    )
                    print(f"  {tag} {kind}: {arrow}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--split",
        choices=["open", *OPEN, *HELD_OUT, *GROUPS],
        default="open",
        help="default: the open splits; a held-out one is scored only when named (or with all)",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="print the errors of the open splits asked for; the held-out ones stay closed",
    )
    args = parser.parse_args()
    named = {"open": (*OPEN, "fresh+fresh2"), "all": (*OPEN, "fresh+fresh2", *HELD_OUT)}
    splits = named.get(args.split, (args.split,))
    for split in splits:
        report(split, load(split))
    if args.verbose:  # the errors of the open splits asked for, never held-out's
        errors([r for split in splits if split in OPEN for r in load(split)])


if __name__ == "__main__":
    main()
