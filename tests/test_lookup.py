"""Names across scripts: shabaka.find, English labels, Latin search keys, rename rows."""

from __future__ import annotations

import networkx as nx
import pytest

import shabaka
from shabaka import build_graph
from shabaka.errors import ShabakaError
from shabaka.latin import english_label, latin_keys, latin_skeleton
from shabaka.lexicon import load_aliases
from shabaka.lookup import EntityNotFoundError, find
from shabaka.model import Document
from shabaka.pipeline import sample_gazetteer
from shabaka.render.html import communities, search_keys, view_data


def graph() -> nx.Graph:
    G = nx.Graph()
    G.add_node("عبد اللطيف حموشي", label="عبد اللطيف حموشي", type="PER", mentions=9,
               aliases=["حموشي", "عبد اللطيف الحموشي", "عبد اللطيف حموشي"])  # fmt: skip
    G.add_node("اف بي اي", label="إف بي آي", type="ORG", mentions=4, aliases=["FBI", "إف بي آي"])
    G.add_node("الرباط", label="الرباط", type="LOC", mentions=5, aliases=["الرباط", "بالرباط"])
    G.add_node("ناصر بوريطه", label="ناصر بوريطة", type="PER", mentions=2, aliases=["ناصر بوريطة"])
    return G


@pytest.mark.parametrize(
    ("name", "node"),
    [
        ("حموشي", "عبد اللطيف حموشي"),  # an alias
        ("الحموشي", "عبد اللطيف حموشي"),  # the article added
        ("عبد اللطيف الحمّوشي", "عبد اللطيف حموشي"),  # a diacritic
        ("hammouchi", "عبد اللطيف حموشي"),  # its English label, one word of it
        ("Hamouchi", "عبد اللطيف حموشي"),  # another Latin spelling (skeleton)
        ("fbi", "اف بي اي"),
        ("إف بي اي", "اف بي اي"),
        ("Rabat", "الرباط"),
        ("bourita", "ناصر بوريطه"),
        ("الرباط", "الرباط"),  # the node id itself
    ],
)
def test_find_by_any_name_in_any_script(name, node):
    assert find(graph(), name) == node
    assert shabaka.find(graph(), name) == node


def test_find_says_what_is_close_when_nothing_matches():
    with pytest.raises(EntityNotFoundError) as caught:
        find(graph(), "حموشى الرباطي")
    assert isinstance(caught.value, ShabakaError) and isinstance(caught.value, KeyError)
    message = str(caught.value)
    assert "حموشى الرباطي" in message and "4 entities" in message and "close names" in message


def test_find_on_a_built_graph_where_the_id_is_not_the_name():
    docs = [Document("d", "التقى كريم الفاسي بسلمى بنجلون في الرباط.")]
    G = build_graph(docs, extractor="gazetteer", gazetteer=sample_gazetteer())
    with pytest.raises(KeyError):
        G.nodes["سلمى بنجلون"]  # the id is the key: سلمي بنجلون
    assert G.nodes[find(G, "سلمى بنجلون")]["label"] == "سلمى بنجلون"


def test_english_labels_and_latin_keys():
    assert english_label("عبد اللطيف حموشي", "PER", ["عبد اللطيف الحموشي"]) == "Abdellatif Hammouchi"
    assert english_label("ناصر بوريطة", "PER") == "Nasser Bourita"  # spelled word by word
    assert english_label("الولايات المتحدة الأمريكية", "LOC", ["الولايات المتحدة"]) == "United States"
    assert english_label("شركة الأمل", "ORG") is None and english_label("زيد قرقوز", "PER") is None
    assert latin_skeleton("Bourrita") == latin_skeleton("bourita") == "brt"
    assert latin_keys(["Nasser Bourita"]) == ["nasser bourita", "nsr brt"]
    keys = search_keys(["الرباط"], "Rabat")
    assert keys[:2] == ["الرباط", "رباط"] and "rabat" in keys and "rbt" in keys


def test_rename_rows_name_the_entity(tmp_path):
    table = tmp_path / "aliases.csv"
    table.write_text("alias,canonical,type\nسلمى بنجلون,:=Salma Benjelloun,\n", encoding="utf-8")
    assert load_aliases(table).labels == {"سلمي بنجلون": "Salma Benjelloun"}
    docs = [Document("d", "التقى كريم الفاسي بسلمى بنجلون في الرباط. وقالت سلمى بنجلون إن اللقاء مثمر.")]
    G = build_graph(docs, extractor="gazetteer", gazetteer=sample_gazetteer(), aliases=table)
    assert "salma benjelloun" in G and G.nodes["salma benjelloun"]["label"] == "Salma Benjelloun"
    assert "سلمى بنجلون" in G.nodes["salma benjelloun"]["aliases"]


def test_communities_are_seeded_and_shown():
    G = nx.Graph()
    nx.add_path(G, ["a", "b", "c", "a"])
    nx.add_path(G, ["x", "y", "z", "x"])
    G.add_edge("c", "x")
    nx.set_node_attributes(G, {v: {"label": v, "type": "PER", "mentions": 1} for v in G})
    found = communities(G)
    assert found == communities(G) and found["a"] == found["b"] != found["y"] == found["z"]
    data = view_data(G)
    assert sorted(c["count"] for c in data["communities"]) == [3, 3]
    assert {n["label"]: n["community"] for n in data["nodes"]} == found
