import math

import networkx as nx
import pytest

from shabaka import build_graph
from shabaka.ingest import IngestReport
from shabaka.model import Document
from shabaka.resolve import form_key as key

GAZ = "name,type,aliases\nسمير,PER,\nليلى,PER,\nالرباط,LOC,\nفاس,LOC,\n"


@pytest.fixture
def gazetteer(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text(GAZ, encoding="utf-8")
    return path


DOCS = [
    Document("d1", "التقى سمير وليلى في الرباط. ثم سافر سمير إلى فاس.\nوعادت ليلى إلى الرباط."),
    Document("d2", "زار سمير الرباط مرة أخرى."),
]


def test_sentence_window_counts_weights_documents_and_evidence(gazetteer):
    G = build_graph(DOCS, extractor="gazetteer", gazetteer=gazetteer)
    assert set(G.nodes) == {key("سمير"), key("ليلى"), key("الرباط"), key("فاس")}
    assert G.nodes["سمير"]["mentions"] == 3
    assert G.nodes["سمير"]["documents"] == ["d1", "d2"]
    assert G.nodes[key("ليلى")]["aliases"] == ["ليلى", "وليلى"]
    e = G.edges["سمير", "الرباط"]
    assert e["weight"] == 2 and e["documents"] == ["d1", "d2"]
    assert [(x["doc"], x["sentence"]) for x in e["evidence"]] == [("d1", 0), ("d2", 0)]
    first = e["evidence"][0]
    assert [first["text"][a:b] for a, b in first["highlights"]] == ["سمير", "الرباط"]
    assert G.edges[key("ليلى"), "الرباط"]["weight"] == 2
    assert not G.has_edge(key("ليلى"), "فاس")
    # 4 sentence windows; سمير in 3, الرباط in 3, both in 2
    assert G.graph["windows"] == 4
    p_ab, p_a, p_b = 2 / 4, 3 / 4, 3 / 4
    assert e["npmi"] == pytest.approx(math.log(p_ab / (p_a * p_b)) / -math.log(p_ab), abs=1e-6)


def test_wider_windows_and_min_weight(gazetteer):
    G = build_graph(DOCS, extractor="gazetteer", gazetteer=gazetteer, window="paragraph")
    assert G.edges[key("ليلى"), "فاس"]["weight"] == 1  # same first paragraph
    assert G.graph["windows"] == 3
    G = build_graph(DOCS, extractor="gazetteer", gazetteer=gazetteer, window="document")
    assert G.edges[key("ليلى"), "فاس"]["weight"] == 1 and G.edges["سمير", "الرباط"]["weight"] == 2
    G = build_graph(DOCS, extractor="gazetteer", gazetteer=gazetteer, window="document", min_weight=2)
    assert [tuple(sorted(e)) for e in G.edges] == [("الرباط", "سمير")]


def test_evidence_is_capped_per_edge(gazetteer):
    docs = [Document(f"d{i}", f"التقى سمير مع ليلى في الجلسة {i}.") for i in range(9)]  # distinct: not folded
    G = build_graph(docs, extractor="gazetteer", gazetteer=gazetteer, evidence_cap=3)
    assert G.edges["سمير", key("ليلى")]["weight"] == 9
    assert [x["doc"] for x in G.edges["سمير", key("ليلى")]["evidence"]] == ["d0", "d1", "d2"]
    assert len(G.nodes["سمير"]["evidence"]) == 3


def test_bad_settings_are_refused(gazetteer):
    with pytest.raises(ValueError, match="window must be one of"):
        build_graph(DOCS, extractor="gazetteer", gazetteer=gazetteer, window="line")
    with pytest.raises(ValueError, match="needs a gazetteer file"):
        build_graph(DOCS, extractor="gazetteer")


def test_sample_corpus_from_folder(samples, sample_gazetteer):
    report = IngestReport()
    G = build_graph(samples, extractor="gazetteer", gazetteer=sample_gazetteer, report=report)
    assert report.documents == 5 and not report.skipped
    assert isinstance(G, nx.Graph)
    assert G.has_edge(key("كريم الفاسي"), key("المغرب"))
    for _, data in G.nodes(data=True):
        assert {"label", "type", "aliases", "documents", "mentions"} <= set(data)


def test_a_build_runs_the_garbage_collector_rarely_and_restores_its_thresholds(gazetteer, monkeypatch):
    import gc

    from shabaka import pipeline
    from shabaka.extract.gazetteer import GazetteerExtractor

    seen = []
    extract = GazetteerExtractor.extract

    def spying(self, sentences):
        seen.append(gc.get_threshold())
        return extract(self, sentences)

    monkeypatch.setattr(GazetteerExtractor, "extract", spying)
    before = gc.get_threshold()
    build_graph([Document("d1", "زار سمير الرباط.")], extractor="gazetteer", gazetteer=str(gazetteer))
    assert seen and set(seen) == {pipeline.BUILD_GC_THRESHOLDS} != {before}
    assert gc.get_threshold() == before
