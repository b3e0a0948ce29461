"""Relations and the timeline in the page, in headless Chromium (see test_browser.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from chromium import CHROMIUM
from test_browser import _offline, browser  # noqa: F401 (the browser fixture)

from shabaka import build_graph
from shabaka.model import Document
from shabaka.render import write_html

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium; .ci/run installs it)"
)

#: The five articles of the shared corpus (../shared from the repository): read, never copied.
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

GAZETTEER = """name,type,aliases
نادية الفاسي,PER,
بيتر لارسن,PER,
سلمى حداد,PER,
يوهان كرامر,PER,
كريم بناني,PER,
ليلى منصور,PER,
"""


def open_page(browser, path):  # noqa: F811
    context, page = _offline(browser)
    p = page.open(path)
    return context, page, p


def visible_nodes(p) -> int:
    return p.evaluate("() => shabaka.nodeView.length")


@pytest.fixture
def dated_page(tmp_path):
    gaz = tmp_path / "names.csv"
    gaz.write_text(GAZETTEER, encoding="utf-8")
    docs = [
        Document("jan", "استقبلت نادية الفاسي أمس بيتر لارسن في مكتبها.", date="2024-01-10", title="لقاء يناير"),
        Document("mar", "التقت سلمى حداد يوهان كرامر في المعرض.", date="2024-03-02"),
        Document("jun", "زار كريم بناني ليلى منصور في بيتها.", date="2024-06-20"),
        Document("undated", "تحدثت نادية الفاسي مع سلمى حداد."),
    ]
    G = build_graph(docs, extractor="gazetteer", gazetteer=gaz)
    path = tmp_path / "dated.html"
    write_html(G, path)
    return path


def test_the_timeline_slider_filters_the_graph(browser, dated_page):  # noqa: F811
    context, page, p = open_page(browser, dated_page)
    try:
        assert p.evaluate("() => shabakaTimeline.periods.length") == 6  # 2024-01 .. 2024-06, by month
        assert p.evaluate("() => shabakaTimeline.counts") == [1, 0, 1, 0, 0, 1]
        everyone = visible_nodes(p)
        assert everyone == 6
        p.locator("#time-to").fill("2")  # January to March
        assert visible_nodes(p) == 4  # the June pair is out
        assert "2024-01 \u2013 2024-03 \u00b7 2 of 3 dated documents" in p.locator("#time-range").text_content()
        p.locator("#time-from").fill("2")  # March only
        assert visible_nodes(p) == 2
        p.locator("#time-reset").click()
        assert visible_nodes(p) == everyone
        p.evaluate("(l) => shabaka.select(shabaka.data.nodes.find((n) => n.label === l).id)", "كريم بناني")
        assert "Mentioned 2024-06, in 1 dated document" in p.locator("#panel .when").text_content()
        p.evaluate("() => shabaka.showEdge(shabaka.data.edges.findIndex((e) => e.relation === 'meeting'))")
        assert p.evaluate("() => shabakaTimeline.selected()") == [0]  # the January meeting
        assert page.errors == []
    finally:
        context.close()


def test_links_show_their_relation_and_can_be_filtered_by_it(browser, dated_page):  # noqa: F811
    context, page, p = open_page(browser, dated_page)
    try:
        labels = p.evaluate("() => shabaka.edgeSet.get().map((e) => e.label || '')")
        assert sorted(labels) == ["", "meeting", "meeting", "visit"]
        links = p.evaluate("() => shabaka.edgeView.length")
        p.locator("#relation-filter input[data-relation='meeting']").uncheck()
        assert p.evaluate("() => shabaka.edgeView.length") == links - 2
        title = p.evaluate("() => shabaka.data.documents.jan.title")
        assert title == "لقاء يناير"
        i = p.evaluate("() => shabaka.data.edges.findIndex((e) => e.relation === 'visit')")
        p.evaluate("(i) => shabaka.showEdge(i)", i)
        assert p.locator("#panel .relation[data-relation='visit']").count() == 1
        assert p.locator("#panel .evidence mark.trigger").first.text_content() == "زار"
        assert page.errors == []
    finally:
        context.close()


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent (the shared corpus of the project)")
def test_the_corpus_shows_the_ambassador_role_and_the_meeting(browser, tmp_path):  # noqa: F811
    G = build_graph(CORPUS)
    path = tmp_path / "corpus.html"
    write_html(G, path)
    context, page, p = open_page(browser, path)
    try:

        def panel_of(kind: str, name: str) -> str:
            i = p.evaluate(
                """([kind, name]) => shabaka.data.edges.findIndex((e) => e.relations.some((r) => r.type === kind) &&
                     [e.from, e.to].some((j) => shabaka.nodeById.get(j).label.includes(name)))""",
                [kind, name],
            )
            assert i >= 0, f"no {kind} link of {name}"
            p.evaluate("(i) => shabaka.showEdge(i)", i)
            block = p.locator(f"#panel .relation[data-relation='{kind}']")
            assert block.count() == 1
            sentence = p.locator(f"#panel .relation[data-relation='{kind}'] + .evidence")
            return block.text_content() + " " + sentence.text_content()

        role = panel_of("role", "فيشر")
        assert "ambassador" in role and "سفير" in role  # the title, and the sentence that gives it
        meeting = panel_of("meeting", "حموشي")
        assert "met" in meeting or "received" in meeting
        assert page.errors == []
    finally:
        context.close()
