"""The HTML view in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright),
with every request other than the page's own file refused and the context offline.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import CHROMIUM, launch
from test_render import HOSTILE, hostile_graph, sample_graph, schema_graph

from shabaka import build_graph
from shabaka.render import ViewSettings, render_html, show, write_html
from shabaka.text import normalize_key

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium; .ci/run installs it)"
)


class Page:
    """A page opened offline, with what it logged, requested and popped up."""

    def __init__(self, context: Any) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = context.new_page()
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, path: Path) -> Any:
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=30_000)
        return self.page

    def node_id(self, label: str) -> int:
        return self.page.evaluate("(l) => shabaka.data.nodes.find((n) => n.label === l).id", label)

    def click_canvas(self, point: dict[str, float]) -> None:
        box = self.page.locator("#graph").bounding_box()
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def click_node(self, label: str) -> None:
        node = self.node_id(label)
        self.page.evaluate("(id) => shabaka.network.focus(id, {scale: 1.5, animation: false})", node)
        self.click_canvas(
            self.page.evaluate("(id) => shabaka.network.canvasToDOM(shabaka.network.getPosition(id))", node)
        )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)  # a fresh profile each launch
        yield browser
        browser.close()


def _offline(browser: Any, bypass_csp: bool = False) -> tuple[Any, Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=bypass_csp)
    page = Page(context)

    def refuse(route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            page.requests.append(route.request.url)
            route.abort()

    context.route("**/*", refuse)
    context.set_offline(True)
    return context, page


@pytest.fixture
def offline(browser) -> Iterator[Page]:
    context, page = _offline(browser)
    yield page
    context.close()


@pytest.fixture
def offline_without_csp(browser) -> Iterator[Page]:
    """The page with its Content-Security-Policy ignored: escaping alone must hold."""
    context, page = _offline(browser, bypass_csp=True)
    yield page
    context.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.html"
    write_html(sample_graph(), path, title="shabaka demo")
    return path


def test_demo_opens_offline_without_errors(offline, demo):
    page = offline.open(demo)
    assert offline.errors == [] and offline.requests == []
    assert page.title() == "shabaka demo"
    assert page.locator("#legend input[type=checkbox]").count() >= 3
    assert page.locator("#physics").is_checked()  # a small graph: physics on, after stabilization
    assert "entities" in page.inner_text("#counts")


def test_click_node_shows_its_evidence_right_to_left(offline, demo):
    page = offline.open(demo)
    offline.click_node("الرباط")
    panel = page.locator("#panel")
    panel.locator("h2", has_text="الرباط").wait_for()
    assert page.evaluate("document.getElementById('panel').dataset.kind") == "node"
    evidence = panel.locator(".evidence")
    assert evidence.count() >= 1 and evidence.first.get_attribute("dir") == "rtl"
    assert "الرباط" in evidence.first.locator("mark").first.inner_text()
    for heading in ("Aliases", "Roles", "Strongest neighbours", "Documents"):
        assert panel.locator("h3", has_text=heading).count() == 1
    assert offline.errors == []


def test_click_edge_shows_shared_sentences(offline, demo):
    page = offline.open(demo)
    page.uncheck("#physics")
    point = page.evaluate(
        """() => {
          const net = shabaka.network;
          for (const id of net.body.edgeIndices) {
            const e = net.body.edges[id];
            const a = net.getPosition(e.fromId), b = net.getPosition(e.toId);
            const mid = net.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
            if (net.getNodeAt(mid) === undefined && net.getEdgeAt(mid) === id) return {id, ...mid};
          }
        }"""
    )
    offline.click_canvas(point)
    panel = page.locator("#panel")
    panel.locator("h3", has_text="Sentences where both appear").wait_for()
    edge = page.evaluate("(i) => shabaka.data.edges[i]", point["id"])
    assert panel.locator(".evidence").count() == len(edge["evidence"]) >= 1
    assert panel.locator(".evidence").first.locator("mark").count() >= 2  # both entities highlighted
    assert edge["evidence"][0]["doc"] in panel.locator(".evidence .source").first.inner_text()


def test_search_finds_an_alias_spelled_differently(offline, demo):
    page = offline.open(demo)
    query = "الأميركي"  # the sample gazetteer and most articles spell it الأمريكي
    page.fill("#search", query)
    page.locator("#results li[data-id]").first.wait_for()
    shown = page.locator("#results li[data-id]").all_inner_texts()
    found = page.evaluate("(q) => shabaka.search(q).map((n) => [n.label, ...n.aliases])", query)
    assert [names[0] for names in found][: len(shown)] == [s.strip() for s in shown]
    other_spelling = [names for names in found if all(normalize_key(query) not in normalize_key(x) for x in names)]
    assert other_spelling and any("الأمريكي" in x for names in other_spelling for x in names)
    page.press("#search", "Enter")
    assert page.locator("#panel h2").inner_text() == found[0][0]
    page.fill("#search", "أمريكا")
    assert page.locator("#results li[data-id]").count() >= 1


def test_search_ignores_the_article_both_ways(offline, tmp_path):
    G = schema_graph(3)
    G.nodes["e0"]["label"] = G.nodes["e0"]["aliases"][0] = "عبد اللطيف الحموشي"
    G.nodes["e1"]["label"] = G.nodes["e1"]["aliases"][0] = "حموشي"
    write_html(G, tmp_path / "g.html")
    page = offline.open(tmp_path / "g.html")
    labels = "(q) => shabaka.search(q).map((n) => n.label)"
    assert "عبد اللطيف الحموشي" in page.evaluate(labels, "حموشي")
    assert "حموشي" in page.evaluate(labels, "الحموشي")
    assert page.evaluate(labels, "حَمُّوشي") == ["حموشي", "عبد اللطيف الحموشي"]  # diacritics ignored, exact first


def test_js_normalization_agrees_with_python(offline, demo):
    page = offline.open(demo)
    samples = [
        "أَمْرِيكِيَّة",
        "إلى الأمـــم المتحدة",
        "مستشفى ١٢٣ ۴۵",
        "ﻻ  FBI\u200c  ٱلقدس",
        "آمنة\u202e یوسف کریم",
        "  Ünïcode Mixed  ",
    ]
    assert page.evaluate("(xs) => xs.map(shabaka.normalizeKey)", samples) == [normalize_key(s) for s in samples]


def test_filters_hide_types_and_light_nodes(offline, demo):
    page = offline.open(demo)
    total = page.evaluate("shabaka.network.body.data.nodes.length")
    page.check("#keep-unlinked")
    page.locator("#legend input[data-type=PER]").uncheck()
    shown = page.evaluate("shabaka.network.body.data.nodes.length")
    per = page.evaluate("shabaka.data.nodes.filter((n) => n.type === 'PER').length")
    assert shown == total - per
    page.uncheck("#keep-unlinked")  # the default: entities left without a visible link go too
    linked = page.evaluate(
        """() => {
          const ok = (id) => shabaka.data.nodes[id].type !== "PER", ends = new Set();
          for (const e of shabaka.data.edges) if (ok(e.from) && ok(e.to)) { ends.add(e.from); ends.add(e.to); }
          return ends.size;
        }"""
    )
    assert page.evaluate("shabaka.network.body.data.nodes.length") == linked < total - per
    assert page.inner_text("#counts").startswith(f"{linked} of {total} entities")
    page.fill("#min-mentions", "3")
    assert page.evaluate("shabaka.network.body.data.nodes.get().every((v) => shabaka.data.nodes[v.id].mentions >= 3)")
    page.fill("#min-weight", "2")
    assert page.evaluate("shabaka.network.body.data.edges.get().every((v) => shabaka.data.edges[v.id].weight >= 2)")
    page.select_option("#size-by", "pagerank")
    assert offline.errors == []


def _assert_no_script_ran(offline: Page, page: Any) -> None:
    assert page.evaluate("window.__pwned") is None
    assert offline.dialogs == [] and offline.requests == [] and offline.errors == []


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "escaping-alone"])
def test_hostile_corpus_runs_no_script(csp, request, tmp_path):
    offline = request.getfixturevalue("offline" if csp else "offline_without_csp")
    G = build_graph(HOSTILE / "articles.jsonl", extractor="gazetteer", gazetteer=HOSTILE / "gazetteer.csv", clean=False)
    assert any("<script" in ev["text"] for _, ev in G.nodes(data="evidence") for ev in ev)
    for name, graph in (("corpus", G), ("crafted", hostile_graph())):
        write_html(graph, tmp_path / f"{name}.html", title="<script>window.__pwned='title'</script>")
        page = offline.open(tmp_path / f"{name}.html")
        ids = page.evaluate("shabaka.data.nodes.map((n) => n.id)")
        for i in ids:  # every panel, every neighbour link, every evidence sentence
            page.evaluate("(id) => shabaka.select(id)", i)
            assert page.locator("#panel img, #panel svg, #panel script, #panel iframe").count() == 0
        for i in range(page.evaluate("shabaka.data.edges.length")):
            page.evaluate("(i) => shabaka.showEdge(i)", i)
            assert page.locator("#panel img, #panel svg, #panel script").count() == 0
        page.fill("#search", "script")
        offline.click_node(page.evaluate("shabaka.data.nodes[0].label"))
        page.mouse.move(1, 1)
        _assert_no_script_ran(offline, page)
    # the crafted page shows the payloads as text, with no bidi override left
    panel = page.locator("#panel")
    page.evaluate("(id) => shabaka.select(id)", offline.node_id("<script>window.__pwned='label';alert(1)</script>"))
    assert "<script>window.__pwned='label';alert(1)</script>" in panel.inner_text()
    assert "\u202e" not in page.inner_text("body")
    links = page.locator("#panel a")
    assert all(links.nth(i).get_attribute("href").startswith("https://") for i in range(links.count()))
    assert page.title() == "<script>window.__pwned='title'</script>"


def test_tooltips_show_markup_as_text(offline, tmp_path):
    write_html(hostile_graph(), tmp_path / "h.html")
    page = offline.open(tmp_path / "h.html")
    page.uncheck("#physics")
    node = offline.node_id("<script>window.__pwned='label';alert(1)</script>")
    page.evaluate("(id) => shabaka.network.focus(id, {scale: 1.5, animation: false})", node)
    point = page.evaluate("(id) => shabaka.network.canvasToDOM(shabaka.network.getPosition(id))", node)
    box = page.locator("#graph").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible")
    assert "<script>window.__pwned" in tip.inner_text()
    assert tip.evaluate("(e) => [...e.querySelectorAll('*')].map((c) => c.tagName)") == ["BR"]  # innerText's line break
    _assert_no_script_ran(offline, page)


def test_notebook_view_renders_in_a_srcdoc_iframe(offline, tmp_path):
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><meta charset=utf-8><body>{show(hostile_graph())._repr_html_()}</body>", "utf-8")
    page = offline.page
    page.goto(host.as_uri())
    frame = page.frame_locator("iframe")
    frame.locator("body[data-ready='1']").wait_for(timeout=30_000)
    frame.locator("#search").fill("كريم")
    frame.locator("#results li[data-id]").first.click()
    assert "كريم الفاسي" in frame.locator("#panel h2").inner_text()
    _assert_no_script_ran(offline, page)
    inner = page.frames[1]
    assert inner.evaluate("window.__pwned") is None


def test_large_graph_opens_still_and_says_it_was_pruned(offline, tmp_path):
    write_html(schema_graph(700), tmp_path / "big.html", settings=ViewSettings(max_nodes=500))
    page = offline.open(tmp_path / "big.html")
    assert not page.locator("#physics").is_checked()
    assert page.evaluate("shabaka.network.physics.options.enabled") is False
    shown = page.evaluate("shabaka.network.body.data.nodes.getIds()")
    assert 0 < len(shown) <= 100  # the top 100 by PageRank (ViewSettings.top_n), less the unlinked
    first = page.evaluate("(id) => shabaka.network.getPosition(id)", shown[0])
    page.wait_for_timeout(300)
    assert page.evaluate("(id) => shabaka.network.getPosition(id)", shown[0]) == first  # nothing moves
    notice = page.locator("#pruned")
    assert notice.is_visible() and "700" in notice.inner_text() and "500" in notice.inner_text()
    assert offline.errors == []


def test_the_policy_blocks_scripts_that_escaping_would_have_missed(offline, tmp_path):
    page_html = render_html(schema_graph(3))
    injected = "<script>window.__pwned='inline'</script><img src=x onerror=\"window.__pwned='handler'\">"
    (tmp_path / "p.html").write_text(page_html.replace("</body>", injected + "</body>"), encoding="utf-8")
    page = offline.open(tmp_path / "p.html")
    assert page.evaluate("window.__pwned") is None
    assert any("Content Security Policy" in e for e in offline.errors)
    assert offline.requests == []  # not even the broken image was requested


def test_panel_shows_document_title_date_and_link(offline, tmp_path):
    G = schema_graph(4)
    G.graph["documents"] = {"d": {"title": "زيارة رسمية", "date": "2024-05-01", "url": "https://example.org/a"}}
    write_html(G, tmp_path / "g.html")
    page = offline.open(tmp_path / "g.html")
    page.evaluate("() => shabaka.showEdge(0)")
    page.evaluate("() => shabaka.select(0)")
    source = page.locator("#panel .evidence .source").first
    assert "زيارة رسمية" in source.inner_text() and "2024-05-01" in source.inner_text()
    assert source.locator("a").get_attribute("href") == "https://example.org/a"
    assert source.locator("a").get_attribute("rel") == "noopener noreferrer"
