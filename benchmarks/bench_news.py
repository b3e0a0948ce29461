"""Benchmark of the whole graph on real Arabic news that no rule or model was tuned on.

Data: ``benchmarks/data/news_gold/`` (see its ``SOURCES.md``): short excerpts of real news
pages from outlets in several countries, each with gold entities (canonical name, type,
every surface form in the excerpt, failure classes), the names that appear only in page
chrome (``not_entities``) and names that may or may not be produced (``optional``). The
articles are split once into ``dev`` (looked at while fixing) and ``test`` (closed: scored,
never inspected); ``dev2``, ``dev3``, ``dev4``, ``dev5`` and ``dev6`` are later sets of fresh
articles looked at while fixing, ``test2`` and ``test3`` later closed sets (each frozen before any
fix of its round: a baseline run and a final run, totals only).

The graph of a split is built once with the public API and default settings
(``shabaka.build_graph`` on the excerpt files), and its nodes are matched to the gold of each
article they appear in (a node's ``documents``).

Matching rule (simple and strict): a surface's keys are its :func:`shabaka.text.normalize_key`
and the same key with the proclitics of its first word dropped once
(:func:`shabaka.resolve.proclitic_variants`: و ف, then ب ل ك; لل for ل + ال). A node matches a
gold entity when a key of its label or of one of its aliases is a key of one of the entity's
forms. Nothing else is forgiven: no partial overlap, no article dropped, no spelling variant.

In each article, a node that matches a gold entity is correct; one that matches a chrome name
(and no gold entity) is a chrome node; one that matches only an optional name is ignored; any
other node is a false positive. A gold entity that no node matches is a false negative.

Scores (micro over the articles of a split):

* node precision, recall, F1: correct nodes / scored nodes, gold entities found / gold entities
* entity–document F1: over (entity, article) pairs, a node standing for the gold entity it
  matches (several nodes for one entity count once) or for itself when it matches none
* splits: nodes beyond the first that match the same gold entity (same canonical name, or
  a canonical name that is a form of another article's entity of the same type:
  :func:`identities`), across the whole split; wrong merges: nodes that match two or more
  gold entities
* chrome nodes: (node, article) pairs that match a chrome name
* per type: gold recall by gold type, node precision by node type, and the share of matched
  nodes whose type is the gold type; recall per failure class

Usage::

    python benchmarks/bench_news.py                 # the open splits that have articles, side by side
    python benchmarks/bench_news.py --split test    # one split (a closed split is scored only when named)
    python benchmarks/bench_news.py --json out.json
    python benchmarks/bench_news.py --split dev4 --model-dir /tmp/model   # another embedded model
    python benchmarks/bench_news.py --split dev4 --no-known-names         # the model without the rules before it
    python benchmarks/bench_news.py --split dev --show-errors   # errors, on an open split only (dev ... dev6)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

import shabaka
from shabaka.arabic import proclitic_variants
from shabaka.text import normalize_key

GOLD_DIR = Path(__file__).resolve().parent / "data" / "news_gold"
SPLITS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "test", "test2", "test3")
OPEN_SPLITS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6")  # the splits whose errors may be looked at
TYPES = ("PER", "ORG", "LOC", "MISC")
CLASSES = ("lede", "known_in_span", "club", "state_body", "acronym", "nasab", "partial")


def keys(surface: str) -> set[str]:
    """The matching keys of a surface: its normalized key, and that key with the proclitics
    of its first word dropped once.

    >>> sorted(keys("والمغرب"))
    ['المغرب', 'والمغرب']
    >>> sorted(keys("للمكتب الشريف"))
    ['المكتب الشريف', 'للمكتب الشريف', 'لمكتب الشريف']
    """
    key = normalize_key(surface)
    first, _, rest = key.partition(" ")
    return {f"{v} {rest}".strip() for v in proclitic_variants(first)} if first else set()


def all_keys(surfaces: Iterable[str]) -> set[str]:
    """The union of the :func:`keys` of ``surfaces``."""
    return set().union(*(keys(s) for s in surfaces))


@dataclass
class Article:
    """One gold article: its id (the file's stem), split and gold names."""

    id: str
    path: Path
    split: str
    entities: list[dict[str, Any]]
    chrome: set[str]
    optional: set[str]
    entity_keys: list[set[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.entity_keys = [all_keys(e["forms"]) for e in self.entities]


def load_gold(gold_dir: Path = GOLD_DIR) -> list[Article]:
    """Read ``gold.jsonl``; a record that lacks a field or names a missing file is an error."""
    path = gold_dir / "gold.jsonl"
    articles = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                file = gold_dir / rec["file"]
                article = Article(
                    id=file.stem,
                    path=file,
                    split=rec["split"],
                    entities=rec["entities"],
                    chrome=all_keys(rec.get("not_entities", [])),
                    optional=all_keys(rec.get("optional", [])),
                )
            except (ValueError, KeyError, TypeError) as err:
                raise SystemExit(f"{path}:{lineno}: bad gold record ({err!r}); fix the line") from err
            if not file.is_file():
                raise SystemExit(f"{path}:{lineno}: {file.name} does not exist; fix the 'file' field")
            if article.split not in SPLITS:
                raise SystemExit(f"{path}:{lineno}: split {article.split!r} is not one of {SPLITS}")
            articles.append(article)
    return articles


def identities(articles: Sequence[Article]) -> dict[str, str]:
    """One name per real entity across articles: each article names its entities freely
    (``الترجي`` in one, ``الترجي الرياضي التونسي`` in another), so a canonical name that is
    one of the forms of another article's entity of the same type is that entity.

    Returns canonical name -> identity (the longest canonical name of its group).
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for art in articles:
        for e, ek in zip(art.entities, art.entity_keys, strict=True):
            for other in articles:
                for o in other.entities:
                    if o["type"] == e["type"] and keys(o["name"]) & ek:
                        a, b = sorted((find(e["name"]), find(o["name"])), key=lambda n: (-len(n), n))
                        parent[b] = a
    return {name: find(name) for name in parent}


def _prf(right: int, predicted: int, found: int, gold: int) -> dict[str, float]:
    """Precision ``right / predicted``, recall ``found / gold`` and their F1: the right
    predictions and the gold items found are counted apart, so that two nodes of one entity
    are two right nodes but one entity found."""
    p = right / predicted if predicted else 0.0
    r = found / gold if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(graph: nx.Graph, articles: Sequence[Article]) -> dict[str, Any]:
    """Match the nodes of ``graph`` to the gold of ``articles`` and count.

    Returns a dict of scores (see the module docstring) and an ``errors`` list per article.
    """
    node_keys = {n: all_keys([d.get("label", n), *d.get("aliases", [])]) for n, d in graph.nodes(data=True)}
    by_doc: dict[str, list[str]] = defaultdict(list)
    for n, docs in graph.nodes(data="documents"):
        for doc in docs or ():
            by_doc[doc].append(n)
    counts: Counter[str] = Counter()
    gold_type: Counter[str] = Counter()
    found_type: Counter[str] = Counter()
    node_type: Counter[str] = Counter()
    correct_type: Counter[str] = Counter()
    type_agree = 0
    class_gold: Counter[str] = Counter()
    class_found: Counter[str] = Counter()
    identity = identities(articles)
    nodes_of: dict[str, set[str]] = defaultdict(set)  # canonical name -> nodes matching it
    names_of: dict[str, set[str]] = defaultdict(set)  # node -> canonical names it matches
    errors = []
    for art in articles:
        nodes = by_doc.get(art.id, [])
        matched: dict[int, list[str]] = defaultdict(list)
        fp, chrome = [], []
        pairs: set[tuple[str, str]] = set()
        for n in nodes:
            hits = [i for i, ek in enumerate(art.entity_keys) if node_keys[n] & ek]
            ntype = graph.nodes[n].get("type", "")
            if hits:
                counts["correct"] += 1
                node_type[ntype] += 1
                correct_type[ntype] += 1
                for i in hits:
                    matched[i].append(n)
                    name = identity.get(art.entities[i]["name"], art.entities[i]["name"])
                    nodes_of[name].add(n)
                    names_of[n].add(name)
                    pairs.add(("gold", name))
                    type_agree += ntype == art.entities[i]["type"]
                    counts["matched_pairs"] += 1
            elif node_keys[n] & art.chrome:
                chrome.append(n)
            elif node_keys[n] & art.optional:
                counts["optional"] += 1
            else:
                fp.append(n)
                node_type[ntype] += 1
                pairs.add(("node", n))
        counts["fp"] += len(fp)
        counts["chrome"] += len(chrome)
        counts["pred_pairs"] += len(pairs)
        fn = []
        for i, ent in enumerate(art.entities):
            gold_type[ent["type"]] += 1
            for c in ent.get("classes", []):
                class_gold[c] += 1
            if matched.get(i):
                counts["found"] += 1
                found_type[ent["type"]] += 1
                for c in ent.get("classes", []):
                    class_found[c] += 1
            else:
                fn.append(ent)
        counts["gold"] += len(art.entities)
        errors.append(
            {
                "article": art.id,
                "false_positives": [_node_view(graph, n) for n in fp],
                "false_negatives": [
                    {"name": e["name"], "type": e["type"], "forms": e["forms"], "classes": e.get("classes", [])}
                    for e in fn
                ],
                "chrome_nodes": [_node_view(graph, n) for n in chrome],
                "split_in_article": {
                    art.entities[i]["name"]: [_node_view(graph, n) for n in ns]
                    for i, ns in matched.items()
                    if len(ns) > 1
                },
            }
        )
    scored = counts["correct"] + counts["fp"]
    merges = {n: sorted(names) for n, names in names_of.items() if len(names) > 1}
    result = {
        "articles": len(articles),
        "gold_entities": counts["gold"],
        "nodes_scored": scored,
        "node": _prf(counts["correct"], scored, counts["found"], counts["gold"]),
        "entity_document": _prf(counts["found"], counts["pred_pairs"], counts["found"], counts["gold"]),
        "splits": sum(len(ns) - 1 for ns in nodes_of.values()),
        "wrong_merges": len(merges),
        "chrome_nodes": counts["chrome"],
        "false_positives": counts["fp"],
        "false_negatives": counts["gold"] - counts["found"],
        "optional_nodes": counts["optional"],
        "type_agreement": type_agree / counts["matched_pairs"] if counts["matched_pairs"] else 0.0,
        "per_type": {
            t: {
                "gold": gold_type[t],
                "recall": found_type[t] / gold_type[t] if gold_type[t] else 0.0,
                "nodes": node_type[t],
                "precision": correct_type[t] / node_type[t] if node_type[t] else 0.0,
            }
            for t in TYPES
        },
        "per_class": {
            c: {"gold": class_gold[c], "recall": class_found[c] / class_gold[c] if class_gold[c] else 0.0}
            for c in CLASSES
        },
        "split_entities": {
            name: sorted(graph.nodes[n].get("label", n) for n in ns) for name, ns in nodes_of.items() if len(ns) > 1
        },
        "merged_nodes": {graph.nodes[n].get("label", n): names for n, names in merges.items()},
        "errors": errors,
    }
    return result


def _node_view(graph: nx.Graph, n: str) -> dict[str, Any]:
    d = graph.nodes[n]
    return {"label": d.get("label", n), "type": d.get("type", ""), "aliases": list(d.get("aliases", []))}


def run_split(articles: Sequence[Article], **options: Any) -> dict[str, Any]:
    """Build the graph of ``articles`` once (default settings, ``options`` overriding) and score it."""
    start, cpu = time.perf_counter(), time.process_time()
    graph = shabaka.build_graph([a.path for a in articles], **options)
    left_out = sorted({a.id for a in articles} - set(graph.graph["documents"]))
    if left_out:  # a document the build skipped would be scored as all misses, silently
        raise SystemExit(f"bench_news: the build left out {', '.join(left_out)} (see the warning above); fix it first")
    result = score(graph, articles)
    result["build_seconds"] = round(time.perf_counter() - start, 2)
    result["build_cpu_seconds"] = round(time.process_time() - cpu, 2)
    return result


def _type_cell(t: dict[str, Any]) -> str:
    return f"{t['recall']:.2f} / {t['precision']:.2f} ({t['gold']} / {t['nodes']})"


ROWS = (
    ("articles", lambda r: f"{r['articles']}"),
    ("gold entities", lambda r: f"{r['gold_entities']}"),
    ("nodes scored", lambda r: f"{r['nodes_scored']}"),
    ("node precision", lambda r: f"{r['node']['precision']:.3f}"),
    ("node recall", lambda r: f"{r['node']['recall']:.3f}"),
    ("node F1", lambda r: f"{r['node']['f1']:.3f}"),
    ("entity-document F1", lambda r: f"{r['entity_document']['f1']:.3f}"),
    ("false positives", lambda r: f"{r['false_positives']}"),
    ("false negatives", lambda r: f"{r['false_negatives']}"),
    ("splits", lambda r: f"{r['splits']}"),
    ("wrong merges", lambda r: f"{r['wrong_merges']}"),
    ("chrome nodes", lambda r: f"{r['chrome_nodes']}"),
    ("type agreement", lambda r: f"{r['type_agreement']:.3f}"),
    *((f"{t} recall / precision (gold / nodes)", lambda r, t=t: _type_cell(r["per_type"][t])) for t in TYPES),
    *(
        (f"recall: {c}", lambda r, c=c: f"{r['per_class'][c]['recall']:.2f} ({r['per_class'][c]['gold']})")
        for c in CLASSES
    ),
    ("build seconds (CPU)", lambda r: f"{r['build_seconds']} ({r['build_cpu_seconds']})"),
)


def table(results: dict[str, dict[str, Any]]) -> str:
    """A Markdown table: one row per figure, one column per split."""
    names = list(results)
    lines = ["| | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    lines += [f"| {label} | " + " | ".join(fmt(results[s]) for s in names) + " |" for label, fmt in ROWS]
    return "\n".join(lines)


def show_errors(result: dict[str, Any]) -> str:
    """The false positives, false negatives, chrome nodes and splits of each article."""
    out = []
    for e in result["errors"]:
        out.append(f"== {e['article']}")
        out += [f"  FP  {n['label']} [{n['type']}] {n['aliases']}" for n in e["false_positives"]]
        out += [f"  FN  {g['name']} [{g['type']}] {g['forms']} {g['classes']}" for g in e["false_negatives"]]
        out += [f"  CHROME  {n['label']} [{n['type']}]" for n in e["chrome_nodes"]]
        out += [f"  SPLIT  {name}: {[n['label'] for n in ns]}" for name, ns in e["split_in_article"].items()]
    out += [f"SPLIT (across articles) {k}: {v}" for k, v in result["split_entities"].items()]
    out += [f"MERGE {k}: {v}" for k, v in result["merged_nodes"].items()]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), help="one split (default: the open splits side by side)")
    parser.add_argument("--json", metavar="OUT", type=Path, help="write the results (errors included) as JSON")
    parser.add_argument("--show-errors", action="store_true", help="list the errors of each article (open splits only)")
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="gold folder (default: %(default)s)")
    parser.add_argument(
        "--model-dir",
        type=Path,
        help="another embedded NER model folder (training/train_ner.py --out; default: shipped)",
    )
    parser.add_argument(
        "--no-known-names",
        dest="known_names",
        action="store_false",
        help="the model alone: no known names nor name patterns before it (a model's own share of the graph)",
    )
    args = parser.parse_args(argv)
    if args.show_errors and args.split not in OPEN_SPLITS:
        parser.error(
            f"--show-errors lists the errors of an open split only: add --split with one of {', '.join(OPEN_SPLITS)}"
            " (test, test2 and test3 stay closed)"
        )
    articles = load_gold(args.gold)
    present = {a.split for a in articles}
    splits = [s for s in OPEN_SPLITS if s in present] if args.split is None else [args.split]
    results = {}
    for split in splits:
        chosen = [a for a in articles if split in ("all", a.split)]
        if not chosen:
            raise SystemExit(f"bench_news: split {split!r} has no articles in {args.gold / 'gold.jsonl'}")
        results[split] = run_split(chosen, model_dir=args.model_dir, known_names=args.known_names)
    print(table(results))
    if args.show_errors:
        print(show_errors(results[args.split]))
    if args.json:
        for split, result in results.items():
            if split not in OPEN_SPLITS:  # the closed split's errors stay closed
                for name in ("errors", "split_entities", "merged_nodes"):
                    result.pop(name)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
