"""Relations, role links, days and titles in a built graph (both engines)."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest

from shabaka.export import write_csv, write_gexf, write_graphml, write_json
from shabaka.model import Document
from shabaka.pipeline import build_graph
from shabaka.resolve import form_key

GAZETTEER = """name,type,aliases
نادية الفاسي,PER,
بيتر لارسن,PER,
سامي داود,PER,
الهلال الأحمر,ORG,
الرباط,LOC,
"""


@pytest.fixture
def gazetteer(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text(GAZETTEER, encoding="utf-8")
    return path


def corpus(tmp_path):
    rows = [
        {
            "id": "a1",
            "title": "لقاء في الرباط",
            "date": "2024-03-12",
            "text": "استقبلت نادية الفاسي أمس بيتر لارسن في مكتبها. وتحدثت نادية الفاسي مع بيتر لارسن عن الطقس.",
        },
        {
            "id": "a2",
            "date": "٥ أبريل ٢٠٢٤",
            "text": "وقال المتحدث باسم الهلال الأحمر سامي داود إن القافلة وصلت إلى المدينة مساء أمس.\n"
            "وقد زار سامي داود الرباط في الأسبوع الماضي للقاء عدد من المتطوعين في المدينة.",
        },
        {
            "id": "a3",
            "text": "اتصال بين نادية الفاسي وبيتر لارسن\n"
            "تحدثت نادية الفاسي مع بيتر لارسن. وكتبت نادية الفاسي كثيرا عن الرباط.",
        },
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


@pytest.fixture(params=["local", "dask"])
def graph(request, tmp_path, gazetteer):
    extra = {"scheduler": "synchronous"} if request.param == "dask" else {}
    return build_graph(corpus(tmp_path), extractor="gazetteer", gazetteer=gazetteer, engine=request.param, **extra)


def edge(G, a, b):
    return G.edges[form_key(a), form_key(b)]


def test_a_meeting_is_typed_directed_evidence_on_the_co_mention(graph):
    link = edge(graph, "نادية الفاسي", "بيتر لارسن")
    assert link["weight"] == 4  # co-mention stays the base link: every sentence counts (a3's headline too)
    meeting = link["relations"]["meeting"]
    assert meeting["count"] == 1  # only the sentence with استقبلت states one
    assert meeting["direction"] == [form_key("نادية الفاسي"), "بيتر لارسن"]  # the host receives the guest
    assert meeting["cypher"] == "MET"
    (evidence,) = meeting["evidence"]
    start, end = evidence["trigger"]
    assert evidence["doc"] == "a1" and evidence["text"][start:end] == "استقبلت"
    call = link["relations"]["call"]  # a3's headline: اتصال بين X وY, a call with no direction
    assert call["count"] == 1 and call["direction"] is None and call["evidence"][0]["doc"] == "a3"
    assert link["relation"] == "call"  # one sentence each: the first type in order


def test_a_title_gives_a_role_link(graph):
    role = edge(graph, "سامي داود", "الهلال الأحمر")["relations"]["role"]
    assert role["direction"] == ["سامي داود", form_key("الهلال الأحمر")]
    assert role["gloss"] == "spokesperson of"
    assert role["cypher"] == "ROLE"


def test_a_co_mention_without_a_verb_has_no_relation(graph):
    assert set(edge(graph, "سامي داود", "الرباط")["relations"]) == {"visit"}
    assert edge(graph, "نادية الفاسي", "الرباط")["relations"] == {}
    assert edge(graph, "نادية الفاسي", "الرباط")["relation"] == "co-mention"


def test_documents_get_days_titles_and_entities_their_months(graph):
    docs = graph.graph["documents"]
    assert docs["a1"]["date"] == "2024-03-12" and docs["a1"]["date_source"] == "meta"
    assert docs["a2"]["date"] == "2024-04-05"  # Arabic digits and month name
    assert "date" not in docs["a3"]
    assert docs["a1"]["title"] == "لقاء في الرباط"  # the record's own
    assert docs["a3"]["title"] == "اتصال بين نادية الفاسي وبيتر لارسن"  # the headline, not the id
    assert "title" not in docs["a2"]  # its first line is a sentence
    nadia = graph.nodes[form_key("نادية الفاسي")]
    assert nadia["months"] == {"2024-03": 1}  # a3 has no day: not counted
    assert (nadia["first_date"], nadia["last_date"]) == ("2024-03-12", "2024-03-12")
    assert edge(graph, "سامي داود", "الرباط")["months"] == {"2024-04": 1}


def test_undated_entities_have_no_first_date(tmp_path, gazetteer):
    G = build_graph([Document("x", "التقت نادية الفاسي بيتر لارسن.")], extractor="gazetteer", gazetteer=gazetteer)
    assert G.nodes[form_key("نادية الفاسي")]["months"] == {}
    assert "first_date" not in G.nodes[form_key("نادية الفاسي")]


@pytest.fixture
def local(tmp_path, gazetteer):
    return build_graph(corpus(tmp_path), extractor="gazetteer", gazetteer=gazetteer)


def test_json_keeps_relations_and_months_as_structures(local, tmp_path):
    write_json(local, tmp_path / "g.json")
    H = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text(encoding="utf-8")), edges="edges")
    a, b = form_key("نادية الفاسي"), "بيتر لارسن"
    assert H.edges[a, b]["relations"] == local.edges[a, b]["relations"]
    assert H.edges[a, b]["relations"]["meeting"]["direction"] == [a, b]
    assert H.nodes[a]["months"] == {"2024-03": 1}
    assert H.graph["documents"]["a3"]["title"] == "اتصال بين نادية الفاسي وبيتر لارسن"


def test_gexf_and_graphml_carry_relations_as_json_strings(local, tmp_path):
    write_gexf(local, tmp_path / "g.gexf")
    write_graphml(local, tmp_path / "g.graphml")
    a, b = "سامي داود", form_key("الهلال الأحمر")
    for H in (nx.read_gexf(tmp_path / "g.gexf"), nx.read_graphml(tmp_path / "g.graphml")):
        assert json.loads(H.edges[a, b]["relations"]) == local.edges[a, b]["relations"]
        assert H.edges[a, b]["relation"] == "role"
        assert json.loads(H.nodes[a]["months"]) == {"2024-04": 1}
        assert H.nodes[a]["first_date"] == "2024-04-05"


def test_csv_has_one_neo4j_relationship_type_per_relation(local, tmp_path):
    _, edges, relations = write_csv(local, tmp_path / "csv")
    rows = list(csv.DictReader(relations.open(encoding="utf-8")))
    by_type = {r["cypher"]: r for r in rows}
    assert set(by_type) == {"CALLED", "MET", "ROLE", "VISITED"}
    assert by_type["CALLED"]["directed"] == "false"  # اتصال بين X وY
    met = by_type["MET"]
    assert (met["source"], met["target"], met["directed"], met["count"]) == (
        form_key("نادية الفاسي"), "بيتر لارسن", "true", "1"
    )  # fmt: skip
    role = by_type["ROLE"]
    assert (role["source"], role["target"], role["gloss"]) == (
        "سامي داود",
        form_key("الهلال الأحمر"),
        "spokesperson of",
    )
    (evidence,) = json.loads(role["evidence"])
    assert evidence["doc"] == "a2"
    links = {(r["source"], r["target"]): r for r in csv.DictReader(edges.open(encoding="utf-8"))}
    assert links["الرباط", "سامي داود"]["relation"] == "visit"
    assert json.loads(links["الرباط", "سامي داود"]["months"]) == {"2024-04": 1}


def test_a_pages_day_comes_from_its_metadata_and_its_title_from_its_head(tmp_path, gazetteer):
    page = (
        '<html><head><meta property="article:published_time" content="2023-07-19T08:00:00+00:00">'
        "<title>لقاء الوزيرين في الرباط</title></head><body><article><h1>لقاء الوزيرين في الرباط</h1>"
        "<p>استقبلت نادية الفاسي أمس بيتر لارسن في مكتبها بالرباط، وبحثا معا سبل التعاون بين البلدين في مجالات عدة.</p>"
        "<p>وقال بيتر لارسن إن اللقاء كان مثمرا، وإن الطرفين اتفقا على مواصلة الحوار خلال الأشهر المقبلة.</p>"
        "</article></body></html>"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    G = build_graph(tmp_path / "page.html", extractor="gazetteer", gazetteer=gazetteer)
    (meta,) = G.graph["documents"].values()
    assert (meta["date"], meta["date_source"]) == ("2023-07-19", "html")
    assert meta["title"] == "لقاء الوزيرين في الرباط"
    assert G.nodes["بيتر لارسن"]["months"] == {"2023-07": 1}


def test_the_page_reads_relations_back_from_gexf_and_graphml(local, tmp_path):
    from shabaka.render.html import view_data

    write_gexf(local, tmp_path / "g.gexf")
    write_graphml(local, tmp_path / "g.graphml")
    expected = view_data(local)
    for H in (nx.read_gexf(tmp_path / "g.gexf"), nx.read_graphml(tmp_path / "g.graphml")):
        data = view_data(H)
        assert data["relation_types"] == expected["relation_types"]
        assert sorted(e["relation"] or "" for e in data["edges"]) == sorted(
            e["relation"] or "" for e in expected["edges"]
        )
    # GEXF has no graph attributes; GraphML keeps the documents, and so their days
    assert view_data(nx.read_graphml(tmp_path / "g.graphml"))["documents"]["a1"]["day"] == "2024-03-12"
