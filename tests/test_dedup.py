"""Duplicate documents are counted once, by both engines, and the summary says so."""

from __future__ import annotations

import json

import pytest

from shabaka import build_graph, find
from shabaka.cli import main
from shabaka.dedup import Folder, fingerprint
from shabaka.model import Document
from shabaka.pipeline import sample_gazetteer, summary
from shabaka.text import split_sentences

BODY = (
    "التقى كريم الفاسي بسلمى بنجلون في الرباط لبحث مشروع الميناء الجديد. "
    "وأوضح كريم الفاسي أن الأشغال ستبدأ قبل نهاية السنة الجارية بحسب الخطة. "
    "وأضافت سلمى بنجلون أن التمويل جاء من البنك الدولي بعد مفاوضات طويلة. "
    "ومن المنتظر أن يزور الوفد مدينة الدار البيضاء خلال الأسبوع المقبل أيضا."
)
OTHER = "زار كريم الفاسي مدينة وجدة حيث ترأس اجتماعا مع المنتخبين المحليين حول الماء."


def corpus() -> list[Document]:
    return [
        Document("a", "ميناء جديد\n\n" + BODY),
        Document("b", "ميناء  جديد\n\n" + BODY.replace("التقى", "التقَى")),  # identical after normalization
        Document("c", "الرباط (وكالات) - نشر يوم الإثنين على الساعة العاشرة صباحا\n\n" + BODY),  # another header
        Document("d", OTHER),
    ]


def _hashes(text: str) -> tuple[str, ...]:
    return fingerprint(text, split_sentences(text))


def test_identical_and_syndicated_copies_are_folded():
    docs = corpus()
    folder = Folder()
    kept = [d.id for d in docs if folder.keep(d.id, _hashes(d.text))]
    assert kept == ["a", "d"] and folder.folded == {"b": "a", "c": "a"}


def test_short_or_different_documents_are_not_folded():
    one = "قال كريم الفاسي إن الاجتماع انتهى."
    folder = Folder()
    assert folder.keep("x", _hashes(one)) and folder.keep("y", _hashes(one.replace("انتهى", "بدأ")))
    assert folder.keep("z", _hashes(BODY)) and folder.keep(
        "w", _hashes(BODY.replace("الدار البيضاء", "طنجة"))
    )  # the last sentence


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_the_graph_counts_each_article_once(engine):
    options = {"extractor": "gazetteer", "gazetteer": sample_gazetteer()}
    if engine == "dask":
        options |= {"engine": "dask", "scheduler": "synchronous"}
    G = build_graph(corpus(), **options)
    once = build_graph([corpus()[0], corpus()[3]], extractor="gazetteer", gazetteer=sample_gazetteer())
    assert G.graph["duplicates"] == {"b": "a", "c": "a"}
    assert sorted(G.graph["documents"]) == ["a", "d"]
    pair = find(G, "كريم الفاسي"), find(G, "سلمى بنجلون")
    assert G.edges[pair]["weight"] == once.edges[pair]["weight"] == 1  # not 3
    assert G.graph == once.graph | {"duplicates": {"b": "a", "c": "a"}}
    assert list(G.nodes(data=True)) == list(once.nodes(data=True))
    assert "2 duplicate documents folded" in summary(G)


def test_the_report_says_how_many_were_folded(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for d in corpus():
        (folder / f"{d.id}.txt").write_text(d.text, encoding="utf-8")
    code = main(
        [
            "build",
            str(folder),
            "--extractor",
            "gazetteer",
            "--gazetteer",
            sample_gazetteer(),
            "--json",
            str(tmp_path / "g.json"),
            "--report",
            str(tmp_path / "r.json"),
            "--quiet",
        ]
    )
    assert code == 0
    assert "2 duplicate documents folded" in capsys.readouterr().out
    assert "2 duplicate documents folded" in json.loads((tmp_path / "r.json").read_text("utf-8"))["result"]
