import pytest

from shabaka.cli import make_parser
from shabaka.extract import EXTRACTORS, Span, bio_to_spans, make_extractor
from shabaka.extract.camel import CamelExtractor, CamelModelMissing
from shabaka.extract.gazetteer import GazetteerError, GazetteerExtractor, load_gazetteer
from shabaka.text import tokenize


def toks(text):
    return [t.text for t in tokenize(text)]


def test_cli_offers_every_registered_extractor():
    sub = next(a for a in make_parser()._actions if a.dest == "command").choices
    for command in ("build", "demo", "tag", "evaluate-ner"):
        extractor = next(a for a in sub[command]._actions if a.dest == "extractor")
        assert list(extractor.choices) == list(EXTRACTORS) and extractor.default == "embedded"


def test_unknown_extractor_is_named():
    with pytest.raises(ValueError, match="unknown extractor 'spacy'"):
        make_extractor("spacy")


def test_bio_to_spans_handles_iob1_and_stray_inside_tags():
    tags = ["I-PERS", "I-PERS", "O", "B-LOC", "I-ORG", "B-MISC", "I-MISC", "B-XYZ"]
    assert bio_to_spans(tags, [0.9, 0.8, 1, 0.7, 0.6, 0.5, 0.4, 1]) == [
        Span(0, 2, "PER", 0.8),
        Span(3, 4, "LOC", 0.7),
        Span(4, 5, "ORG", 0.6),
        Span(5, 7, "MISC", 0.4),
    ]


def test_gazetteer_matches_with_clitics_longest_first(sample_gazetteer):
    g = make_extractor("gazetteer", path=sample_gazetteer)
    sentence = toks("وصل دانيال ميلر إلى الدار البيضاء وبالرباط، ثم زار نهضة بركان ووجدة")
    found = {(" ".join(sentence[s.start : s.end]), s.type) for s in g.extract([sentence])[0]}
    assert found == {
        ("دانيال ميلر", "PER"),
        ("الدار البيضاء", "LOC"),
        ("وبالرباط", "LOC"),
        ("نهضة بركان", "ORG"),  # longest match, not the town inside it
        ("ووجدة", "LOC"),  # و + وجدة, the name's own first letter kept
    }


def test_gazetteer_does_not_cut_letters_of_names(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("name,type,aliases\nبنان,LOC,\nيبيا,LOC,\n", encoding="utf-8")
    g = GazetteerExtractor(path)
    # لبنان is not ل + بنان when the text is لبنان itself and بنان is listed: exact form first
    assert g.extract([["لبنان"]]) == [[Span(0, 1, "LOC")]]
    path.write_text("name,type,aliases\nلبنان,LOC,\nليبيا,LOC,\n", encoding="utf-8")
    g = GazetteerExtractor(path)
    assert g.extract([["لبنان", "وليبيا", "ولبنان"]]) == [[Span(0, 1, "LOC"), Span(1, 2, "LOC"), Span(2, 3, "LOC")]]


def test_gazetteer_yaml_and_errors_name_the_line(tmp_path):
    yml = tmp_path / "g.yaml"
    yml.write_text("- name: مكتب التحقيقات الفيدرالي\n  type: ORG\n  aliases: [FBI, إف بي آي]\n", encoding="utf-8")
    g = GazetteerExtractor(yml)
    assert g.extract([toks("قال FBI إن")]) == [[Span(1, 2, "ORG")]]
    assert g.extract([toks("وقال مكتب التحقيقات الفدرالي")]) == [[]]  # different spelling, not listed
    bad = tmp_path / "bad.csv"
    bad.write_text("name,type\nالرباط,LOC\nسلا,CITY\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"bad.csv:3: .*type='CITY'"):
        load_gazetteer(bad)
    bad.write_text("nom,genre\nx,y\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="missing column"):
        load_gazetteer(bad)


def test_camel_without_model_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    extractor = make_extractor("camel")
    with pytest.raises(CamelModelMissing, match="camel_data -i ner"):
        extractor.extract([["الرباط"]])


class StandInTagger:
    """Stands in for camel-tools' NERecognizer, whose model cannot be downloaded here.

    It answers with the tags the real model uses (B-/I- PERS, LOC, ORG, MISC) for the
    tokens it was told about, so the BIO-to-span path of CamelExtractor is exercised."""

    def __init__(self, tags):
        self.tags = tags
        self.calls = []

    def predict(self, sentences, batch_size=32):
        self.calls.append((sentences, batch_size))
        return [[self.tags.get(w, "O") for w in s] for s in sentences]


def test_camel_converts_model_tags_to_spans():
    tagger = StandInTagger({"عبد": "B-PERS", "اللطيف": "I-PERS", "حموشي": "I-PERS", "واشنطن": "B-LOC"})
    extractor = CamelExtractor(tagger=tagger, batch_size=8)
    out = extractor.extract([toks("التقى عبد اللطيف حموشي"), toks("في واشنطن")])
    assert out == [[Span(1, 4, "PER")], [Span(1, 2, "LOC")]]
    assert tagger.calls[0][1] == 8
    assert extractor.extract([]) == []


def test_known_names_find_agencies_and_their_acronyms_but_not_everyday_words(tmp_path):
    from shabaka import build_graph
    from shabaka.model import Document

    text = (
        "التقى مدير المديرية العامة لمراقبة التراب الوطني نظيره في مكتب التحقيقات الفيدرالي. "
        "وقال مسؤول في إف بي آي إن التعاون مع الديستي قوي، وفتح الملفات أمام المحققين."
    )
    G = build_graph([Document("d", text)], extractor="known-names")
    labels = {d["label"]: d for _, d in G.nodes(data=True)}
    assert {d["type"] for d in labels.values()} == {"ORG"}
    assert len(G) == 2  # DGST and FBI, each under its several names; no "فتح" from وفتح
    assert sorted(len(d["aliases"]) for d in labels.values()) == [2, 2]
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,canonical,type\nالمحققين,فريق المحققين,ORG\n", encoding="utf-8")
    G = build_graph([Document("d", text)], extractor="known-names", aliases=aliases)
    assert len(G) == 3  # the user's typed names are known names too


def test_known_names_run_before_the_model_by_default():
    from shabaka.config import Settings
    from shabaka.extract.combine import make_extractors

    assert [e.name for e in make_extractors(Settings())] == ["known-names", "name-patterns", "embedded"]
    assert [e.name for e in make_extractors(Settings(known_names=False))] == ["embedded"]


def test_known_names_split_a_coordination_the_model_reads_as_one_place():
    from shabaka import build_graph
    from shabaka.model import Document

    text = (
        "تعمل الشركة في الشرق الأوسط وشمال إفريقيا منذ سنوات. "
        "وقال المدير إن أسواق الشرق الأوسط وشمال إفريقيا تنمو بسرعة."
    )
    G = build_graph([Document("d", text)])
    labels = {d["label"] for _, d in G.nodes(data=True)}
    assert {"الشرق الأوسط", "شمال إفريقيا"} <= labels
    assert not [label for label in labels if "وشمال" in label or label.startswith("الشرق الأوسط ")]
    assert G.has_edge("الشرق الأوسط", "شمال إفريقيا") or any(
        {G.nodes[u]["label"], G.nodes[v]["label"]} == {"الشرق الأوسط", "شمال إفريقيا"} for u, v in G.edges
    )


def test_known_names_keep_a_place_inside_an_organization_name():
    from shabaka import build_graph
    from shabaka.model import Document

    text = (
        'وحذر التقرير من نشاط "القاعدة في بلاد المغرب الإسلامي" في منطقة الساحل، '
        "ورحب المنتدى العالمي لمكافحة الإرهاب بالتعاون الأمني مع المغرب."
    )
    G = build_graph([Document("d", text)])
    types = {d["label"]: d["type"] for _, d in G.nodes(data=True)}
    assert types["القاعدة في بلاد المغرب الإسلامي"] == "ORG"
    assert types["المنتدى العالمي لمكافحة الإرهاب"] == "ORG"
    assert G.nodes["المغرب"]["mentions"] == 1  # the country, not the word inside the group's name


def test_documents_extracted_together_get_the_spans_of_one_at_a_time_and_a_failing_one_is_reported_alone():
    from shabaka.extract.base import Extractor
    from shabaka.extract.embedded import EmbeddedExtractor
    from shabaka.ingest import IngestReport
    from shabaka.model import Document
    from shabaka.phases import EXTRACT_BATCH, extract_phase

    class Fussy(Extractor):
        name = "fussy"

        def extract(self, sentences):
            if any("انفجار" in s for s in sentences):
                raise RuntimeError("cannot read this one")
            return [[Span(0, 1, "LOC")] if s else [] for s in sentences]

    texts = [f"زار الوزير أحمد العلمي مدينة طنجة يوم {k} وقال إن المشروع سينطلق." for k in range(EXTRACT_BATCH + 5)]
    texts[3] = "وقع انفجار في مدينة طنجة صباح اليوم."
    docs = [Document(f"d{k}", t) for k, t in enumerate(texts)]
    embedded = EmbeddedExtractor()
    sentences = [[toks(t)] for t in texts]
    assert embedded.extract_documents(sentences) == [embedded.extract(s) for s in sentences]
    report = IngestReport()
    records = list(extract_phase(docs, [Fussy()], report))
    assert [r.doc_id for r in records] == [d.id for d in docs]  # in order, across batches
    assert [r.doc_id for r in records if r.skipped] == ["d3"]
    assert [s.path for s in report.skipped] == ["document d3"]
    assert all(len(r.mentions) == 1 for r in records if not r.skipped)
    with pytest.raises(RuntimeError, match="cannot read this one"):
        list(extract_phase(docs, [Fussy()]))
