"""The HTML view without a browser: self-contained, escaped, pruned, searchable.

The graphs made here (:func:`hostile_graph`, :func:`schema_graph`) are also used by
test_browser.py.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from shabaka import build_graph
from shabaka.arabic import drop_article, search_skeleton
from shabaka.render import GraphView, ViewSettings, render_html, show, write_html
from shabaka.render.html import _segments, edge_width, script_json, search_keys, view_data
from shabaka.render.layout import force_layout
from shabaka.text import normalize_key

HOSTILE = Path(__file__).parent / "data" / "hostile"
#: Payloads that would set window.__pwned (or open a dialog) if they ever ran.
PAYLOADS = [
    "<script>window.__pwned='label';alert(1)</script>",
    "<img src=x onerror=\"window.__pwned='alias'\">",
    "</script><script>window.__pwned='close'</script>",
    "<!--<script>window.__pwned='comment'</script>",
    "<svg onload=\"window.__pwned='svg'\">",
]


def _evidence(doc: str, text: str, name: str) -> dict:
    start = text.index(name)
    return {"doc": doc, "sentence": 0, "text": text, "highlights": [[start, start + len(name)]]}


def hostile_graph() -> nx.Graph:
    """Markup, quotes, bidi overrides and line separators in every displayed field."""
    bad_doc = 'd1"><img src=x onerror="window.__pwned=\'doc\'">'
    names = {
        "a": PAYLOADS[0],
        "b": "جمعية \"الأمل\" & 'شركاه'",
        "c": "\u202eكريم الفاسي\u202c",
        "d": PAYLOADS[2] + "\u2028" + PAYLOADS[3],
    }
    G = nx.Graph(
        documents={
            bad_doc: {"title": PAYLOADS[4], "date": "<b>2024</b>", "url": "javascript:window.__pwned='url'"},
            "d2": {"title": "خبر", "url": "https://example.org/?a=1&b=<x>"},
        }
    )
    for key, label in names.items():
        sentence = f"قال {label} إن {PAYLOADS[1]} وصل </script> أمس."
        G.add_node(
            key,
            label=label,
            type="PER" if key != "b" else "<ORG>",
            aliases=[label, PAYLOADS[1]],
            documents=[bad_doc, "d2"],
            mentions=3,
            roles=[PAYLOADS[4]],
            resolution=[],
            evidence=[_evidence(bad_doc, sentence, label), _evidence("d2", sentence, label)],
        )
    for a, b in [("a", "b"), ("b", "c"), ("c", "d"), ("a", "d")]:
        text = f"{names[a]} و{names[b]} {PAYLOADS[1]}"
        ev = _evidence(bad_doc, text, names[a])
        ev["highlights"].append([text.index(names[b]), text.index(names[b]) + len(names[b])])
        G.add_edge(a, b, weight=2, documents=[bad_doc], npmi=0.5, evidence=[ev])
    return G


def schema_graph(n: int, seed: int = 0) -> nx.Graph:
    """A graph of ``n`` entities with the graph schema's attributes (no corpus needed)."""
    skeleton = nx.barabasi_albert_graph(n, 2, seed=seed)
    G = nx.Graph(documents={"d": {"title": "t"}})
    for v in skeleton:
        label = f"كيان {v}"
        G.add_node(
            f"e{v}",
            label=label,
            type=("PER", "ORG", "LOC")[v % 3],
            aliases=[label],
            documents=["d"],
            mentions=1 + (v % 7),
            roles=[],
            resolution=[],
            evidence=[_evidence("d", f"ذكر {label} هنا", label)],
        )
    for a, b in skeleton.edges():
        G.add_edge(f"e{a}", f"e{b}", weight=1 + (a + b) % 4, documents=["d"], npmi=0.1, evidence=[])
    return G


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="shabaka-data">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


def sample_graph() -> nx.Graph:
    """The graph of the bundled sample articles (gazetteer extractor: fast, deterministic)."""
    from shabaka.pipeline import sample_gazetteer

    return build_graph(Path(sample_gazetteer()).parent / "samples", extractor="gazetteer", gazetteer=sample_gazetteer())


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[nx.Graph, str]:
    G = sample_graph()
    path = tmp_path_factory.mktemp("page") / "g.html"
    write_html(G, path, title="demo")
    return G, path.read_text(encoding="utf-8")


@pytest.fixture
def sample_page(sample) -> str:
    return sample[1]


def test_page_loads_nothing_from_anywhere(sample_page):
    tags = _tags(sample_page)
    assert [t for t, a in tags if t in ("link", "img", "iframe", "object", "embed", "base")] == []
    assert all("src" not in a for t, a in tags if t == "script")
    assert not re.search(r"(@import|url\(\s*['\"]?(https?:)?//)", sample_page)
    assert "cdn" not in sample_page.lower().replace("cdnjs", "")  # no CDN reference at all
    csp = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert csp.count("'sha256-") == 2  # vis-network and the view; the JSON data is not a script


def test_page_inlines_vis_network_and_the_graph(sample):
    G, page = sample
    assert "vis-network" in page and "new vis.Network" in page
    data = _data(page)
    assert data["title"] == "demo" and len(data["nodes"]) == G.number_of_nodes() > 20
    rabat = next(n for n in data["nodes"] if n["label"] == "الرباط")
    assert rabat["type"] == "LOC" and rabat["evidence"] and rabat["evidence"][0]["dir"] == "rtl"
    assert any(hl for ev in rabat["evidence"] for _, hl in ev["segments"])


def test_hostile_text_stays_data():
    page = render_html(hostile_graph(), title=PAYLOADS[0])
    tags = _tags(page)
    # three scripts: the data, vis-network, the view; no element came from the corpus
    assert [a.get("type") for t, a in tags if t == "script"] == ["application/json", None, None]
    assert not {"img", "svg", "b", "x"} & {t for t, _ in tags}
    assert "<title>&lt;script&gt;" in page
    raw = re.search(r'id="shabaka-data">(.*?)</script>', page, re.S).group(1)
    assert not set("<>&\u2028\u2029") & set(raw)
    data = json.loads(raw)
    labels = {n["label"] for n in data["nodes"]}
    assert PAYLOADS[0] in labels and "جمعية \"الأمل\" & 'شركاه'" in labels  # shown as text, unchanged
    assert "كريم الفاسي" in labels  # bidi override stripped
    assert "\u202e" not in json.dumps(data, ensure_ascii=False)


def test_only_http_urls_become_links():
    docs = view_data(hostile_graph())["documents"]
    bad, good = (next(d for k, d in docs.items() if k != "d2"), docs["d2"])
    assert "link" not in bad and bad["url"].startswith("javascript:")
    assert good["link"] == "https://example.org/?a=1&b=<x>"


def test_script_json_cannot_close_its_element():
    text = script_json({"s": "</script><!-- \u2028 & >"})
    assert "</" not in text and "<!--" not in text and "\u2028" not in text
    assert json.loads(text) == {"s": "</script><!-- \u2028 & >"}


def test_segments_keep_highlights_when_invisible_characters_go():
    text = "\u202eقال\u200f كريم الفاسي أمس"
    start = text.index("كريم")
    pieces = _segments(text, [[start, start + len("كريم الفاسي")]])
    assert pieces == [["قال ", 0], ["كريم الفاسي", 1], [" أمس", 0]]
    assert _segments("abc", [[5, 9], [1, 2]]) == [["a", 0], ["b", 1], ["c", 0]]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("أمريكا", "أميركا"),
        ("أميركا", "الولايات المتحدة الأمريكية"),
        ("حموشي", "عبد اللطيف الحموشي"),
        ("الحموشي", "حموشي"),
    ],
)
def test_search_keys_match_spelling_and_article_variants(query, name):
    keys = search_keys([name])
    q = normalize_key(query)
    bare = " ".join(drop_article(w) for w in q.split(" "))
    tiers = [q, bare, search_skeleton(bare)]  # what view.js does to a query, with the helpers it ports
    assert any(t in k for t in tiers for k in keys)


def test_search_keys_start_with_normalize_key():
    assert search_keys(["أَمْرِيكِيَّة", "امريكيه"])[0] == normalize_key("امريكيه")


def test_large_graphs_are_pruned_to_the_most_central_nodes():
    G = schema_graph(60)
    data = view_data(G, ViewSettings(max_nodes=10))
    assert len(data["nodes"]) == 10
    assert data["pruned"] == {
        "shown": 10,
        "total": 60,
        "edges_shown": len(data["edges"]),
        "edges_total": G.number_of_edges(),
    }
    rank = nx.pagerank(G, weight="weight")
    top = sorted(rank, key=rank.get, reverse=True)[:10]
    assert {n["label"] for n in data["nodes"]} == {G.nodes[v]["label"] for v in top}
    assert view_data(G, ViewSettings(max_nodes=None))["pruned"] is None


def test_layout_is_computed_in_python_above_the_threshold():
    G = schema_graph(40)
    small = view_data(G, ViewSettings(layout_threshold=100))
    assert not small["settings"]["positioned"] and "x" not in small["nodes"][0]
    big = view_data(G, ViewSettings(layout_threshold=20))
    assert big["settings"]["positioned"] and all("x" in n and "y" in n for n in big["nodes"])


def test_force_layout_keeps_components_close_and_is_deterministic():
    G = nx.disjoint_union(nx.cycle_graph(30), nx.path_graph(2))
    G.add_node("alone")
    pos = force_layout(G)
    assert pos == force_layout(G) and set(pos) == set(G)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    assert max(xs) - min(xs) < 30 * 90 and max(ys) - min(ys) < 30 * 90


def test_view_settings_are_checked():
    with pytest.raises(ValueError, match="size_by"):
        ViewSettings(size_by="betweenness")
    with pytest.raises(ValueError, match="max_nodes"):
        ViewSettings(max_nodes=0)
    assert view_data(schema_graph(5), ViewSettings(size_by="pagerank"))["settings"]["size_by"] == "pagerank"


def test_edge_width_grows_with_weight():
    assert edge_width(1, 1) == 1.0 and edge_width(1, 9) < edge_width(3, 9) < edge_width(9, 9) == 8.0


def test_show_is_an_escaped_srcdoc_iframe(tmp_path):
    view = show(hostile_graph(), height=400)
    assert isinstance(view, GraphView)
    html = view._repr_html_()
    assert html.startswith("<iframe srcdoc=") and "height: 400px" in html
    assert "<script" not in html and 'sandbox="allow-scripts' in html
    view.save(tmp_path / "v.html")
    assert (tmp_path / "v.html").read_text(encoding="utf-8") == view.html


def test_shabaka_show_is_exported():
    import shabaka

    assert shabaka.show is show


def test_empty_graph_renders():
    data = _data(render_html(nx.Graph()))
    assert data["nodes"] == [] and data["edges"] == [] and data["types"] == []


def test_cli_writes_the_page(tmp_path, monkeypatch):
    from shabaka.cli import main

    monkeypatch.chdir(tmp_path)
    gazetteer = HOSTILE / "gazetteer.csv"
    args = ["build", str(HOSTILE / "articles.jsonl"), "--extractor", "gazetteer", "--gazetteer", str(gazetteer)]
    assert main([*args, "--no-clean", "-q", "-o", "h.html"]) == 0
    data = _data((tmp_path / "h.html").read_text(encoding="utf-8"))
    assert any("window.__pwned" in n["label"] for n in data["nodes"])


def test_graphs_read_back_from_gexf_render_the_same(sample, tmp_path):
    from shabaka.export import write_gexf

    G = sample[0]
    write_gexf(G, tmp_path / "g.gexf")
    before = {n["label"]: n for n in view_data(G)["nodes"]}
    after = {n["label"]: n for n in view_data(nx.read_gexf(tmp_path / "g.gexf"))["nodes"]}
    assert before.keys() == after.keys()
    for label, node in before.items():
        for key in ("aliases", "documents", "evidence", "mentions", "search"):
            assert after[label][key] == node[key], (label, key)


def test_cli_sets_the_page_language_and_top_n(tmp_path, capsys):
    from shabaka.cli import main
    from shabaka.pipeline import sample_gazetteer

    samples = Path(sample_gazetteer()).parent / "samples"
    args = ["build", str(samples), "--extractor", "gazetteer", "--gazetteer", sample_gazetteer(), "--quiet"]
    assert main([*args, "-o", str(tmp_path / "g.html"), "--lang", "ar", "--top-n", "20"]) == 0
    page = (tmp_path / "g.html").read_text("utf-8")
    data = json.loads(re.search(r'id="shabaka-data">(.*?)</script>', page, re.S).group(1))
    assert data["settings"]["lang"] == "ar" and data["settings"]["top_n"] == 20
    assert '<html lang="ar" dir="rtl">' in page
    assert main([*args, "-o", str(tmp_path / "h.html"), "--lang", "fr"]) == 2
    assert "lang must be one of en, ar" in capsys.readouterr().err
