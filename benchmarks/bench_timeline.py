"""Benchmark of the page's timeline: the time to redraw when its range slider moves.

A synthetic graph (:func:`bench_render.synthetic_graph`, every attribute of the graph
schema) whose documents (1,000 by default) are dated over two years, and whose links
carry typed relations, is written as a page and opened in headless Chromium
(``/usr/bin/chromium`` driven by Playwright, every request but the page's own file
refused). In the page, for each of ``--moves`` slider positions, the script times

* the strip's redraw (histogram and caption), what each step of a drag redraws: the
  graph follows once the slider rests (``REST_MS`` in ``timeline.js``);
* the graph's: nodes and links filtered to the period and the network redrawn
  (``network.redraw()``), as one synchronous step.

For scale, it times the same way a change of the page's minimum link weight, a filter
every page had before the timeline: the ratio of the two is the cost of filtering by time.

Usage::

    python benchmarks/bench_timeline.py                 # 1,000 documents, 2,000 entities, all shown
    python benchmarks/bench_timeline.py --top-n 100     # ... as the page opens: the top 100 shown
    python benchmarks/bench_timeline.py --documents 5000 --nodes 8000
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import networkx as nx
from bench_render import synthetic_graph

from shabaka.render import ViewSettings, write_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from chromium import launch

KINDS = [("meeting", "MET", "met"), ("visit", "VISITED", "visited"), ("role", "ROLE", "director of")]


def dated_graph(nodes: int, documents: int, seed: int = 0) -> nx.Graph:
    """``synthetic_graph(nodes)`` with ``documents`` documents, one a day or so over two years."""
    rng = random.Random(seed)
    G = synthetic_graph(nodes, seed)
    start = date(2023, 1, 1)
    docs = [f"doc-{i:05d}" for i in range(documents)]
    G.graph["documents"] = {
        d: {"title": f"خبر رقم {i}", "date": (start + timedelta(days=rng.randrange(730))).isoformat()}
        for i, d in enumerate(docs)
    }
    for v in G:
        G.nodes[v]["documents"] = sorted(rng.sample(docs, rng.randint(1, 4)))
    for a, b, d in G.edges(data=True):
        d["documents"] = sorted(set(G.nodes[a]["documents"]) & set(G.nodes[b]["documents"])) or G.nodes[a]["documents"]
        if rng.random() < 0.2:
            kind, cypher, gloss = rng.choice(KINDS)
            d["relations"] = {
                kind: {"count": 1, "direction": [a, b], "gloss": gloss, "cypher": cypher, "evidence": d["evidence"][:1]}
            }
    return G


TIME = """(moves) => {
  const T = window.shabakaTimeline, n = T.periods.length, strip = [], graph = [];
  for (let k = 0; k < moves; k++) {
    const lo = Math.floor((k * 7919) % n), hi = Math.min(n - 1, lo + 1 + ((k * 104729) % n));
    let t0 = performance.now();
    T.setRange(lo, hi, false);  // what a drag redraws at each step: histogram and caption
    strip.push(performance.now() - t0);
    t0 = performance.now();
    T.setRange(lo, hi);  // the slider at rest: the graph filtered to the period and redrawn
    shabaka.network.redraw();
    graph.push(performance.now() - t0);
  }
  T.setRange(0, n - 1);
  return [strip, graph, shabaka.nodeView.length];
}"""

WEIGHT = """(moves) => {
  const box = document.getElementById("min-weight"), out = [];
  for (let k = 0; k < moves; k++) {
    const t0 = performance.now();
    box.value = String(1 + (k % 3));
    box.dispatchEvent(new Event("input"));
    shabaka.network.redraw();
    out.push(performance.now() - t0);
  }
  return out;
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--moves", type=int, default=30)
    parser.add_argument("--top-n", type=int, default=None, help="show only the top N entities (default: all)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    G = dated_graph(args.nodes, args.documents)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "timeline.html"
        write_html(G, path, settings=ViewSettings(max_nodes=None, top_n=args.top_n))
        browser = launch(p)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=600_000)
        periods = page.evaluate("shabakaTimeline.periods.length")
        strip, timeline, shown = page.evaluate(TIME, args.moves)
        weight = page.evaluate(WEIGHT, args.moves)
        browser.close()
    t, w = statistics.median(timeline), statistics.median(weight)
    n, m = G.number_of_nodes(), G.number_of_edges()
    print(f"{args.documents} dated documents in {periods} periods, {n} entities, {m} links")
    s = statistics.median(strip)
    print(f"timeline strip redraw ms (each step of a drag): median {s:.2f}, max {max(strip):.2f}")
    print(f"timeline graph redraw ms (slider at rest): median {t:.1f}, max {max(timeline):.1f} ({args.moves} moves)")
    print(f"min-weight redraw ms: median {w:.1f} (the same graph, for scale)")
    print(f"ratio timeline / min-weight: {t / w:.2f}; {shown} entities shown once the whole range is back")


if __name__ == "__main__":
    main()
