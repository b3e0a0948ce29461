"""The relation gold sets parse as bench_relations reads them, and stay well formed: offsets
match the text, mentions do not overlap, every entity pair is listed once, and every relation
has a known type and a source that is one of its pair (a role always goes from a person)."""

import itertools
import json
from pathlib import Path

import pytest

from shabaka.relations import trigger_table

DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "data"
SPLITS = {
    "relations_gold.jsonl": {"dev", "test"},
    "relations_gold_fresh.jsonl": {"fresh"},
    "relations_gold_fresh2.jsonl": {"fresh2"},
    "relations_gold_fresh3.jsonl": {"fresh3"},
    "relations_gold_fresh4.jsonl": {"fresh4"},
    "relations_gold_fresh5.jsonl": {"fresh5"},
    "relations_gold_fresh6.jsonl": {"fresh6"},
    "relations_gold_fresh7.jsonl": {"fresh7"},
}
KEYS = {"id", "split", "url", "outlet", "text", "mentions", "pairs"}


def _records(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.mark.parametrize("name", sorted(SPLITS))
def test_gold_file_is_well_formed(name):
    types = {row.type for row in trigger_table()} | {"role"}
    records = _records(name)
    assert records
    for r in records:
        assert set(r) == KEYS, r["id"]
        assert r["split"] in SPLITS[name], r["id"]
        spans = sorted((m["start"], m["end"]) for m in r["mentions"])
        for m in r["mentions"]:
            assert r["text"][m["start"] : m["end"]] == m["text"], (r["id"], m)
            assert m["type"] in {"PER", "ORG", "LOC"}, (r["id"], m)
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start, (r["id"], "overlapping mentions")
        kinds = {m["entity"]: m["type"] for m in r["mentions"]}
        listed = [frozenset((p["a"], p["b"])) for p in r["pairs"]]
        assert sorted(map(sorted, listed)) == sorted(map(sorted, map(frozenset, itertools.combinations(kinds, 2))))
        for p in r["pairs"]:
            seen = [(rel["type"], rel["source"]) for rel in p["relations"]]
            assert len(seen) == len(set(seen)), r["id"]
            for kind, source in seen:
                assert kind in types, (r["id"], kind)
                assert source is None or source in (p["a"], p["b"]), (r["id"], p)
                if kind == "role":
                    assert source is not None and kinds[source] == "PER", (r["id"], p)


def test_sentence_ids_are_unique_across_the_gold_files():
    ids = [r["id"] for name in SPLITS for r in _records(name)]
    assert len(ids) == len(set(ids))
