"""A journalist's session in the page, in headless Chromium (Playwright, /usr/bin/chromium):
search in Latin letters → select → neighbourhood → path to a second entity → top N → merge
two entities → download the corrections → rebuild with them → the merged entity is one node.

Played on the graph of the five real articles (``../shared/corpus``) and on a synthetic
graph of 5,000 entities; each step asserts what the page shows.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from chromium import CHROMIUM, launch
from test_browser import Page, _offline

from shabaka import build_graph, find
from shabaka.cli import main
from shabaka.lexicon import form_key, load_aliases
from shabaka.model import Document
from shabaka.render import ViewSettings, write_html

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium)")


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_render", ROOT / "benchmarks" / "bench_render.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


@pytest.fixture
def offline(browser) -> Iterator[Page]:
    context, page = _offline(browser)
    yield page
    context.close()


def visible(page: Any) -> set[int]:
    return set(page.evaluate("shabaka.network.body.data.nodes.getIds()"))


def node_ids(page: Any, G: nx.Graph) -> dict[Any, int]:
    """Graph node → page node id (labels are unique in these graphs)."""
    by_label = {label: i for i, label in enumerate(page.evaluate("shabaka.data.nodes.map((n) => n.label)"))}
    return {v: by_label[G.nodes[v]["label"]] for v in G}


def search_and_select(page: Any, query: str, label: str) -> None:
    page.fill("#search", query)
    first = page.locator("#results li[data-id]").first
    first.wait_for()
    assert first.inner_text().strip() == label
    first.click()
    assert page.locator("#panel h2").inner_text() == label


def play(offline: Page, G: nx.Graph, path: Path, second: Any, merge: tuple[Any, Any], top: int, tmp: Path) -> Path:
    """The session's page steps; returns the downloaded corrections file."""
    write_html(G, path, settings=ViewSettings(max_nodes=None))
    page = offline.open(path)
    ids = node_ids(page, G)
    hammouchi = find(G, "hammouchi")

    # search in Latin letters, select
    search_and_select(page, "hammouchi", G.nodes[hammouchi]["label"])
    assert "Hammouchi" in page.locator("#panel .english").inner_text()
    assert "Hammouchi" in page.evaluate("(id) => shabaka.nodeSet.get(id).title", ids[hammouchi])  # the tooltip
    assert page.locator("#panel h3").first.text_content() == "Evidence"  # evidence first

    # neighbourhood, one step: the entity and its neighbours, nothing else
    page.click("#panel [data-action=hood1]")
    assert visible(page) == {ids[v] for v in [hammouchi, *G[hammouchi]]}
    assert G.nodes[hammouchi]["label"] in page.inner_text("#focus-text")

    # path to a second entity, chosen by search: the shortest path, with evidence link by link
    page.click("#panel [data-action=path]")
    search_and_select_path = G.nodes[second]["label"]
    page.fill("#search", search_and_select_path)
    page.press("#search", "Enter")
    assert page.evaluate("document.getElementById('panel').dataset.kind") == "path"
    hops = nx.shortest_path_length(G, hammouchi, second)
    shown = visible(page)
    assert len(shown) == hops + 1 and {ids[hammouchi], ids[second]} <= shown
    assert page.locator("#panel .link-step").count() == hops
    on_path = page.evaluate("shabaka.shown().edges.size")
    assert on_path == hops and page.locator("#panel .evidence").count() >= hops

    # back to all, then the top N by mentions
    page.click("#back")
    page.fill("#top-n", str(top))
    shown = visible(page)
    assert page.input_value("#top-by") == "pagerank"  # the default: the most central
    pagerank = nx.pagerank(G, weight="weight")
    ranked = sorted(G, key=lambda v: (-pagerank[v], -G.nodes[v]["mentions"], ids[v]))
    assert 0 < len(shown) <= top and shown <= {ids[v] for v in ranked[: top + 1]}  # (rounding ties)
    assert len(shown) >= top / 2  # central entities are linked to one another: few are hidden as unlinked
    assert page.inner_text("#counts").startswith(f"{len(shown):,} of {G.number_of_nodes():,} entities")

    # merge two entities: the first leaves the picture, the correction is listed
    a, b = merge
    page.evaluate("(id) => shabaka.select(id)", ids[a])
    page.click("#panel [data-action=merge-from]")
    page.evaluate("(id) => shabaka.select(id)", ids[b])
    page.click("#panel [data-action=merge]")
    assert ids[a] not in visible(page) and ids[b] in visible(page)
    assert page.locator("#correction-list li").count() == 1
    assert G.nodes[a]["label"] in page.inner_text("#correction-list")

    # download the corrections
    with page.expect_download() as download:
        page.click("#download-corrections")
    target = tmp / "corrections.csv"
    download.value.save_as(target)
    assert offline.errors == [] and offline.requests == []
    return target


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent")
def test_session_on_the_five_articles(offline, tmp_path, capsys):
    G = build_graph(CORPUS)
    hammouchi = find(G, "hammouchi")
    second = max(nx.single_source_shortest_path_length(G, hammouchi).items(), key=lambda x: (x[1], str(x[0])))[0]
    merge = find(G, "إفريقيا"), find(G, "شمال إفريقيا")
    csv = play(offline, G, tmp_path / "five.html", second, merge, 10, tmp_path)
    code = main(["build", str(CORPUS), "--aliases", str(csv), "--json", str(tmp_path / "g.json"), "--quiet"])
    assert code == 0
    H = build_graph(CORPUS, aliases=csv)
    assert find(H, "إفريقيا") == find(H, "شمال إفريقيا")  # one node now
    assert H.number_of_nodes() == G.number_of_nodes() - 1
    assert G.nodes[merge[0]]["label"] in H.nodes[find(H, "شمال إفريقيا")]["aliases"]


def test_session_on_5000_entities(offline, tmp_path):
    G = _bench().synthetic_graph(5000)
    quiet = min(G, key=lambda v: (G.nodes[v]["mentions"], str(v)))  # far outside the top 100
    G.nodes[quiet].update(label="عبد اللطيف الحموشي", type="PER", aliases=["عبد اللطيف الحموشي", "الحموشي"])
    second = max(nx.single_source_shortest_path_length(G, quiet).items(), key=lambda x: (x[1], str(x[0])))[0]
    top = sorted(G, key=lambda v: -G.nodes[v]["mentions"])
    a, b = top[0], top[1]
    csv = play(offline, G, tmp_path / "big.html", second, (a, b), 100, tmp_path)
    table = load_aliases(csv)
    assert (form_key(G.nodes[a]["label"]), form_key(G.nodes[b]["label"]), "alias") in table.merges
    # rebuild: documents that name both entities, read with the corrections, give one node
    docs = [Document(f"d{i}", f"قال {G.nodes[v]['label']} إن الاجتماع انتهى.") for i, v in enumerate((a, b))]
    gazetteer = tmp_path / "names.csv"
    gazetteer.write_text(
        "name,type\n" + "".join(f"{G.nodes[v]['label']},{G.nodes[v]['type']}\n" for v in (a, b)), "utf-8"
    )
    before = build_graph(docs, extractor="gazetteer", gazetteer=gazetteer)
    after = build_graph(docs, extractor="gazetteer", gazetteer=gazetteer, aliases=csv)
    assert before.number_of_nodes() == 2 and after.number_of_nodes() == 1
    assert set(next(iter(after.nodes(data="aliases")))[1]) >= {G.nodes[a]["label"], G.nodes[b]["label"]}


def label_layout(page: Any) -> list[dict[str, Any]]:
    """Each shown node's dot (canvas coordinates) and, where its label is drawn, the label's box."""
    return page.evaluate(
        """() => shabaka.network.body.data.nodes.getIds().map((id) => {
          const n = shabaka.network.body.nodes[id], box = shabaka.labelBox(id);
          return {id, x: n.x, y: n.y, r: n.shape.radius || n.options.size,
                  box: shabaka.hiddenLabels.has(id) ? null : box};
        })"""
    )


def overlaps(nodes: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Pairs (label's node, other node) where a drawn label box covers another node's dot or label."""
    found = []
    for a in nodes:
        box = a["box"]
        if box is None:
            continue
        for b in nodes:
            if b["id"] == a["id"]:
                continue
            dx = max(box["left"] - b["x"], 0, b["x"] - box["right"])
            dy = max(box["top"] - b["y"], 0, b["y"] - box["bottom"])
            other = b["box"]
            crosses = other is not None and (
                box["left"] < other["right"]
                and other["left"] < box["right"]
                and box["top"] < other["bottom"]
                and other["top"] < box["bottom"]
            )
            if dx * dx + dy * dy < b["r"] ** 2 or crosses:
                found.append((a["id"], b["id"]))
    return found


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent")
def test_no_label_sits_on_another_node(offline, tmp_path):
    G = build_graph(CORPUS)
    write_html(G, tmp_path / "five.html")
    page = offline.open(tmp_path / "five.html")
    page.wait_for_function("shabaka.hiddenLabels !== undefined && document.body.dataset.labels === '1'")
    nodes = label_layout(page)
    assert overlaps(nodes) == []
    assert sum(n["box"] is not None for n in nodes) >= len(nodes) / 2  # most labels are drawn
    # a selected entity's label is placed first, still over no other node
    chosen = node_ids(page, G)[find(G, "hammouchi")]
    width = page.evaluate("(id) => shabaka.labelBox(id).right - shabaka.labelBox(id).left", chosen)
    page.evaluate("(id) => { shabaka.network.selectNodes([id]); shabaka.placeLabels(); }", chosen)
    # measured as drawn, after the next frame: a selected label keeps its width (not bold)
    page.evaluate("() => new Promise((done) => { shabaka.network.redraw(); requestAnimationFrame(() => done()); })")
    nodes = label_layout(page)
    assert page.evaluate("(id) => shabaka.labelBox(id).right - shabaka.labelBox(id).left", chosen) == width
    assert overlaps(nodes) == [] and next(n for n in nodes if n["id"] == chosen)["box"] is not None
    # the legends are strips above the graph, even at 1024 px: they cover no part of it
    page.set_viewport_size({"width": 1024, "height": 700})
    graph = page.locator("#graph").bounding_box()
    for legend in ("#legend", "#relation-filter"):
        if page.locator(legend).count():
            box = page.locator(legend).bounding_box()
            assert box["y"] + box["height"] <= graph["y"] or box["x"] >= graph["x"] + graph["width"]
    # without the placement, labels do sit on other nodes in this graph (the check can fail)
    page.evaluate("() => { shabaka.hiddenLabels.clear(); shabaka.labelShift.clear(); }")
    assert overlaps(label_layout(page)) != []


@pytest.fixture(scope="module")
def samples_page(tmp_path_factory) -> tuple[nx.Graph, Path]:
    from test_render import sample_graph

    G = sample_graph()
    path = tmp_path_factory.mktemp("samples") / "samples.html"
    write_html(G, path)
    return G, path


def test_rename_and_split_off_flow_back_into_the_build(offline, samples_page, tmp_path):
    from shabaka.pipeline import sample_gazetteer

    G, path = samples_page
    page = offline.open(path)
    ids = node_ids(page, G)
    miller, rabat = find(G, "دانيال ميللر"), find(G, "الرباط")
    page.evaluate("(id) => shabaka.select(id)", ids[miller])
    page.locator("#panel li", has_text="ميلر").filter(has_not_text="دانيال").locator("[data-action=split]").click()
    page.evaluate("(id) => shabaka.select(id)", ids[rabat])
    page.fill("#panel [data-action=rename-text]", "Rabat")
    page.click("#panel [data-action=rename]")
    assert page.evaluate("(id) => shabaka.nodeSet.get(id).label", ids[rabat]) == "Rabat"
    listed = page.locator("#correction-list li").all_inner_texts()
    assert len(listed) == 2 and "ميلر" in listed[0] and "Rabat" in listed[1]
    with page.expect_download() as download:
        page.click("#download-corrections")
    csv = tmp_path / "corrections.csv"
    download.value.save_as(csv)
    rows = csv.read_text("utf-8").splitlines()
    assert rows[1] == "alias,canonical,type" and rows[2:] == ['"ميلر","!=دانيال ميللر",""', '"الرباط",":=Rabat",""']
    samples = Path(sample_gazetteer()).parent / "samples"
    H = build_graph(samples, extractor="gazetteer", gazetteer=sample_gazetteer(), aliases=csv)
    assert "rabat" in H and "الرباط" not in H and H.nodes["rabat"]["label"] == "Rabat"
    assert "ميلر" not in H.nodes[find(H, "دانيال ميللر")]["aliases"]  # split off: not one entity any more
    assert offline.errors == []


def test_arabic_interface_right_to_left(offline, samples_page):
    G, path = samples_page
    page = offline.open(path)
    page.select_option("#lang", "ar")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert page.inner_text("#explore label:has(#top-n)").startswith("أهم")
    assert " من " in page.inner_text("#counts") and "entities" not in page.inner_text("#counts")
    assert "شخص (PER)" in page.inner_text("#legend")
    page.evaluate("(id) => shabaka.select(id)", node_ids(page, G)[find(G, "الرباط")])
    assert page.locator("#panel h3").first.inner_text() == "الشواهد"
    assert page.locator("#panel [data-action=hood1]").inner_text().startswith("الجوار")
    graph, panel = page.locator("#graph").bounding_box(), page.locator("#panel").bounding_box()
    assert panel["x"] < graph["x"]  # the side panel moves to the left, as Arabic reads
    page.select_option("#lang", "en")
    assert page.locator("#panel h3").first.text_content() == "Evidence"
    assert "person (PER)" in page.inner_text("#legend")
    assert offline.errors == []


def test_search_in_latin_letters_and_js_skeleton_agrees(offline, samples_page):
    from shabaka.latin import latin_skeleton

    page = offline.open(samples_page[1])
    labels = "(q) => shabaka.search(q).map((n) => n.label)"
    assert page.evaluate(labels, "rabat")[0] == "الرباط"
    assert page.evaluate(labels, "rabbat")[0] == "الرباط"  # the skeleton
    assert "FRMF" in page.evaluate(labels, "frmf")
    samples = ["Hammouchi", "Abdellatif El-Hammouchi", "Bourrita", "Ünïcode façade", "  FBI  "]
    assert page.evaluate("(xs) => xs.map(shabaka.latinSkeleton)", samples) == [latin_skeleton(s) for s in samples]


def test_export_the_current_view(offline, samples_page, tmp_path):
    import json

    G, path = samples_page
    page = offline.open(path)
    rabat = node_ids(page, G)[find(G, "الرباط")]
    page.evaluate("(id) => { shabaka.select(id); }", rabat)
    page.click("#panel [data-action=hood1]")
    shown = visible(page)
    saved = {}
    for kind in ("json", "csv", "png"):
        with page.expect_download() as download:
            page.click(f"#export-{kind}")
        saved[kind] = tmp_path / download.value.suggested_filename
        download.value.save_as(saved[kind])
    view = json.loads(saved["json"].read_text("utf-8"))
    assert {n["id"] for n in view["nodes"]} == shown and len(view["edges"]) == page.evaluate(
        "shabaka.shown().edges.size"
    )
    lines = saved["csv"].read_text("utf-8").splitlines()
    assert lines[0].startswith("kind,label") and sum(x.startswith('"node"') for x in lines) == len(shown)
    assert saved["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert offline.errors == [] and offline.requests == []


def test_the_notebook_view_downloads_corrections(offline, tmp_path):
    from test_render import sample_graph

    from shabaka.render import show

    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><meta charset=utf-8><body>{show(sample_graph())._repr_html_()}</body>", "utf-8")
    offline.page.goto(host.as_uri())
    frame = offline.page.frame_locator("iframe")
    frame.locator("body[data-ready='1']").wait_for(timeout=30_000)
    frame.locator("#search").fill("rabat")
    frame.locator("#results li[data-id]").first.click()
    frame.locator("#panel [data-action=rename-text]").fill("Rabat")
    frame.locator("#panel [data-action=rename]").click()
    with offline.page.expect_download() as download:
        frame.locator("#download-corrections").click()
    download.value.save_as(tmp_path / "c.csv")
    assert (tmp_path / "c.csv").read_text("utf-8").splitlines()[-1] == '"الرباط",":=Rabat",""'


def test_communities_colour_and_filter(offline, samples_page):
    page = offline.open(samples_page[1])
    data = page.evaluate("({nodes: shabaka.data.nodes, communities: shabaka.data.communities})")
    palette = {c["id"]: c["color"] for c in data["communities"]}
    page.select_option("#color-by", "community")
    colours = page.evaluate("shabaka.nodeSet.get().map((v) => [v.id, v.color.background])")
    assert {i: c for i, c in colours} == {n["id"]: palette[n["community"]] for n in data["nodes"]}
    page.select_option("#community", "0")
    members = {n["id"] for n in data["nodes"] if n["community"] == 0}
    shown = visible(page)
    assert shown and shown <= members and len(shown) >= len(members) / 2
    page.select_option("#community", "")
    assert len(visible(page)) > len(shown)


def test_panel_puts_evidence_first_and_folds_documents_beyond_ten(offline, tmp_path):
    from test_render import schema_graph

    G = schema_graph(4)
    docs = [f"doc-{i:02d}" for i in range(15)]
    G.graph["documents"] = {d: {"title": f"عنوان الخبر {i}", "date": "2024-05-01"} for i, d in enumerate(docs)}
    G.nodes["e0"]["documents"] = docs
    write_html(G, tmp_path / "g.html")
    page = offline.open(tmp_path / "g.html")
    page.evaluate("(id) => shabaka.select(id)", node_ids(page, G)["e0"])
    headings = page.locator("#panel h3").all_text_contents()
    assert headings.index("Evidence") < headings.index("Strongest neighbours") < headings.index("Documents")
    documents = page.locator("#panel h3", has_text="Documents").locator("xpath=following-sibling::ul[1]/li")
    assert documents.count() == 10 and "عنوان الخبر 0" in documents.first.inner_text()  # titles, not file names
    more = page.locator("#panel button.more")
    assert more.inner_text() == "show all 15 (5 more)"
    more.click()
    assert documents.count() == 15 and page.locator("#panel button.more").count() == 0
