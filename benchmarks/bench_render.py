"""Benchmark of the HTML view: time until the page is interactive, for 100 to 5,000 nodes.

Synthetic graphs with the full graph schema (:mod:`shabaka.graph`: labels, aliases,
documents, mentions, evidence with highlights; edge weights, NPMI and evidence) are
made directly, without a corpus: a preferential-attachment graph with two or three
edges per node, and mentions, weights and names drawn with a fixed seed.

For each size the script prints:

* ``build``: seconds to make the page in Python (PageRank, pruning, the Python
  layout above ``layout_threshold`` nodes, JSON, assembly);
* ``size``: the HTML file's size;
* ``interactive``: milliseconds from navigation start until the page is interactive,
  as the page reports it: the first ``afterDrawing`` of vis-network after the data
  is loaded and every control is wired (with physics, after stabilization);
* ``search``: milliseconds for the search box to answer a query (matching every
  node's keys, listing the results, selecting the matches), measured in the page
  right after ``interactive``;
* ``hood``: milliseconds to focus on the one-step neighbourhood of the most central
  entity (the filter run over every node and link, the view redrawn), and ``hood n``
  the entities in it;
* ``path``: milliseconds to find and show the strongest shortest path between the most
  central entity and the entity farthest from it (Dijkstra, the panel of evidence, the
  view redrawn);
* ``shown``: entities drawn when the page opens: the top ``--top-n`` by PageRank (the
  page's default, 100) less those left without a link among them.

Pages open from ``file://`` in Debian's headless Chromium (``/usr/bin/chromium``, driven
by Playwright) with requests to anything else refused. Nothing is pruned
(``max_nodes=None``) unless ``--max-nodes`` is given, so 5,000 nodes are 5,000 nodes
in the page (``--top-n 0`` draws them all).

Usage::

    python benchmarks/bench_render.py                   # 100, 1000, 5000 nodes
    python benchmarks/bench_render.py --sizes 300 2000 --max-nodes 2000
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

from shabaka.render import ViewSettings, write_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from chromium import launch

FIRST = ["كريم", "أحمد", "يوسف", "سلمى", "هند", "مصطفى", "حمزة", "ليلى", "عمر", "نادية", "إلياس", "رشيد"]
FAMILY = ["الفاسي", "العلوي", "المرابط", "بنجلون", "الموساوي", "بنعلي", "التازي", "الإدريسي", "الشرقاوي"]
ORGS = ["وزارة", "بنك", "شركة", "جمعية", "وكالة", "مجلس", "نادي", "اتحاد"]
PLACES = ["مدينة", "جزيرة", "قرية", "ولاية", "منطقة", "إقليم"]


def _name(kind: str, i: int, rng: random.Random) -> str:
    if kind == "PER":
        return f"{rng.choice(FIRST)} {rng.choice(FAMILY)} {i}"
    return f"{rng.choice(ORGS if kind == 'ORG' else PLACES)} {rng.choice(FAMILY)} {i}"


def _evidence(doc: str, sentence: int, names: list[str]) -> dict[str, Any]:
    text, marks = "قالت مصادر إن", []
    for name in names:
        text += " "
        marks.append([len(text), len(text) + len(name)])
        text += name
    return {"doc": doc, "sentence": sentence, "text": text + " اجتمعا أمس.", "highlights": marks}


def synthetic_graph(n: int, seed: int = 0) -> nx.Graph:
    """A graph of ``n`` entities with every attribute of the graph schema."""
    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(n, 2 + n % 2, seed=seed)
    G = nx.Graph(window="sentence", windows=n * 4, evidence_cap=5, min_weight=1, extractor="synthetic")
    docs = [f"doc-{i:05d}" for i in range(max(n // 4, 1))]
    G.graph["documents"] = {d: {"title": f"خبر رقم {i}", "date": "2024-05-01"} for i, d in enumerate(docs)}
    for v in skeleton:
        kind = rng.choice(["PER", "PER", "ORG", "LOC"])
        label = _name(kind, v, rng)
        seen = sorted(rng.sample(docs, min(len(docs), rng.randint(1, 4))))
        G.add_node(
            f"e{v}",
            label=label,
            type=kind,
            aliases=sorted({label, label.replace("أ", "ا")}),
            documents=seen,
            mentions=int(rng.paretovariate(1.5)) + len(seen),
            roles=["المدير العام"] if kind == "PER" and rng.random() < 0.2 else [],
            resolution=[],
            evidence=[_evidence(d, 1, [label]) for d in seen[:5]],
        )
    for a, b in skeleton.edges():
        a, b = f"e{a}", f"e{b}"
        shared = sorted(set(G.nodes[a]["documents"]) | set(G.nodes[b]["documents"]))[:3]
        names = [G.nodes[a]["label"], G.nodes[b]["label"]]
        G.add_edge(
            a,
            b,
            weight=1 + int(rng.expovariate(0.7)),
            documents=shared,
            npmi=round(rng.uniform(-0.2, 1.0), 6),
            evidence=[_evidence(d, 2, names) for d in shared],
        )
    return G


def measure(page: Any, path: Path) -> tuple[float, float, float, int, float, int]:
    """(ms until interactive, ms for a search to show its results, ms to focus on a
    neighbourhood, its entities, ms to show a path, entities shown at first) of the page at ``path``."""
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=600_000)
    ready = page.evaluate("window.shabakaReady")
    search = page.evaluate(
        """() => {
          const box = document.getElementById("search");
          const start = performance.now();
          box.value = shabaka.data.nodes[0].label.split(" ")[1];
          box.dispatchEvent(new Event("input"));
          document.getElementById("results").getBoundingClientRect();  // layout included
          return performance.now() - start;
        }"""
    )
    assert page.locator("#results li[data-id]").count() > 0
    shown = page.evaluate("shabaka.network.body.data.nodes.length")
    hood, hood_size, path = page.evaluate(
        """() => {
          const nodes = shabaka.data.nodes, top = nodes.reduce((a, b) => (b.pagerank > a.pagerank ? b : a)).id;
          let start = performance.now();
          shabaka.showNeighbourhood(top, 1);
          shabaka.network.redraw();
          const hood = performance.now() - start, size = shabaka.shown().nodes.size;
          shabaka.back();
          const far = [...shabaka.neighbourhood(top, 99)].pop();
          start = performance.now();
          const p = shabaka.showPath(top, far);
          shabaka.network.redraw();
          if (!p || p.nodes.length < 2) throw new Error("no path");
          return [hood, size, performance.now() - start];
        }"""
    )
    return ready, search, hood, hood_size, path, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000], metavar="N")
    parser.add_argument("--max-nodes", type=int, default=None, help="prune beyond this many nodes (default: never)")
    parser.add_argument("--top-n", type=int, default=100, help="entities drawn at first (default 100; 0: all)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    settings = ViewSettings(max_nodes=args.max_nodes, top_n=args.top_n)
    print(
        f"{'nodes':>6} {'edges':>6} {'build s':>8} {'size MB':>8} {'interactive ms':>15} {'shown':>6} "
        f"{'search ms':>10} {'hood ms':>8} {'hood n':>7} {'path ms':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = launch(p)
        for n in args.sizes:
            G = synthetic_graph(n)
            path = Path(tmp) / f"graph-{n}.html"
            start = time.perf_counter()
            write_html(G, path, title=f"{n} nodes", settings=settings)
            build = time.perf_counter() - start
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            context.route(
                "**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort()
            )
            ready, search, hood, hood_size, way, shown = measure(context.new_page(), path)
            context.close()
            size = path.stat().st_size / 1e6
            print(
                f"{n:>6} {G.number_of_edges():>6} {build:>8.2f} {size:>8.2f} {ready:>15.0f} {shown:>6} "
                f"{search:>10.0f} {hood:>8.0f} {hood_size:>7} {way:>8.0f}",
                flush=True,
            )
        browser.close()


if __name__ == "__main__":
    main()
