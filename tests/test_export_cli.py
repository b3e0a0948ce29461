import csv
import json
import os
import stat

import networkx as nx
import pytest

from shabaka import build_graph
from shabaka.cli import main, make_parser
from shabaka.export import write_csv, write_gexf, write_graphml, write_json


@pytest.fixture
def graph(samples, sample_gazetteer):
    return build_graph(samples, extractor="gazetteer", gazetteer=sample_gazetteer)


def test_json_round_trips_with_arabic_unescaped(graph, tmp_path):
    path = tmp_path / "g.json"
    write_json(graph, path)
    raw = path.read_text(encoding="utf-8")
    assert "الرباط" in raw and "\\u06" not in raw
    H = nx.node_link_graph(json.loads(raw), edges="edges")
    assert set(H.nodes) == set(graph.nodes) and H.number_of_edges() == graph.number_of_edges()
    assert H.nodes["الرباط"]["aliases"] == graph.nodes["الرباط"]["aliases"]


def test_gexf_and_graphml_read_back(graph, tmp_path):
    write_gexf(graph, tmp_path / "g.gexf")
    write_graphml(graph, tmp_path / "g.graphml")
    for H in (nx.read_gexf(tmp_path / "g.gexf"), nx.read_graphml(tmp_path / "g.graphml")):
        assert H.number_of_nodes() == graph.number_of_nodes()
        assert H.number_of_edges() == graph.number_of_edges()
    H = nx.read_graphml(tmp_path / "g.graphml")
    node = H.nodes["الرباط"]
    assert node["label"] == "الرباط" and node["type"] == "LOC"
    assert node["aliases"].split(" | ") == graph.nodes["الرباط"]["aliases"]
    a, b = next(iter(graph.edges))
    assert json.loads(H.edges[a, b]["evidence"]) == graph.edges[a, b]["evidence"]


def test_csv_for_neo4j(graph, tmp_path):
    nodes, edges, _ = write_csv(graph, tmp_path / "csv")
    rows = list(csv.DictReader(nodes.open(encoding="utf-8")))
    assert len(rows) == graph.number_of_nodes()
    rabat = next(r for r in rows if r["id"] == "الرباط")
    assert rabat["aliases"].split(";") == graph.nodes["الرباط"]["aliases"]
    links = list(csv.DictReader(edges.open(encoding="utf-8")))
    assert len(links) == graph.number_of_edges()
    assert all(int(r["weight"]) >= 1 for r in links)


def test_cli_build_writes_every_output(samples, sample_gazetteer, tmp_path, capsys):
    out = tmp_path / "out"
    code = main([
        "build", str(samples), "--extractor", "gazetteer", "--gazetteer", str(sample_gazetteer),
        "-o", str(out / "g.html"), "--json", str(out / "g.json"), "--gexf", str(out / "g.gexf"),
        "--graphml", str(out / "g.graphml"), "--csv", str(out / "csv"), "--window", "paragraph", "--min-weight", "2",
    ])  # fmt: skip
    assert code == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("5 documents, ") and " entities (PER " in line
    data = json.loads((out / "g.json").read_text(encoding="utf-8"))
    assert data["graph"]["window"] == "paragraph" and data["graph"]["min_weight"] == 2
    assert all(e["weight"] >= 2 for e in data["edges"])
    assert {p.name for p in out.iterdir()} == {"g.html", "g.json", "g.gexf", "g.graphml", "csv"}


def test_cli_errors_are_clear(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nowhere"), "--extractor", "gazetteer", "--gazetteer", "x.csv"]) == 2
    assert "x.csv: gazetteer file not found" in capsys.readouterr().err
    (tmp_path / "a.bin").write_bytes(b"\x00")
    g = tmp_path / "g.csv"
    g.write_text("name,type\nالرباط,LOC\n", encoding="utf-8")
    assert (
        main(
            [
                "build",
                str(tmp_path / "a.bin"),
                "--extractor",
                "gazetteer",
                "--gazetteer",
                str(g),
                "--json",
                str(tmp_path / "o.json"),
            ]
        )
        == 1
    )
    assert not (tmp_path / "o.json").exists()


def test_cli_cleaning_flags(tmp_path, capsys):
    page = tmp_path / "in" / "page.txt"
    page.parent.mkdir()
    page.write_text(
        "الرئيسية | أخبار | رياضة | اتصل بنا\n"
        "زار وزير الخارجية مدينة فاس يوم الجمعة، حيث التقى مسؤولين محليين لبحث مشاريع التنمية"
        " في الجهة، وأكد أن الحكومة ستواصل دعم البنيات التحتية في المدن الصغيرة والمتوسطة.\n"
        "جميع الحقوق محفوظة © 2025 - شارع الحسن الثاني، الرباط\n",
        encoding="utf-8",
    )
    gaz = tmp_path / "g.csv"
    gaz.write_text("name,type\nفاس,LOC\nالرباط,LOC\n", encoding="utf-8")
    common = ["--extractor", "gazetteer", "--gazetteer", str(gaz)]
    assert main(["build", str(page.parent), *common, "--json", str(tmp_path / "a.json"), "--keep-boilerplate"]) == 0
    labels = [n["label"] for n in json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["nodes"]]
    assert labels == ["فاس"]  # the footer's address is not an entity
    assert "الحقوق محفوظة" in (tmp_path / "in" / "page.txt.removed").read_text(encoding="utf-8")
    assert main(["build", str(page.parent), *common, "--json", str(tmp_path / "b.json"), "--no-clean"]) == 0
    labels = {n["label"] for n in json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["nodes"]}
    assert labels == {"فاس", "الرباط"}


def test_cli_tag_appends_the_predicted_tag(tmp_path, capsys):
    gaz = tmp_path / "g.csv"
    gaz.write_text("name,type\nعبد اللطيف حموشي,PER\nالرباط,LOC\n", encoding="utf-8")
    conll = tmp_path / "in.conll"
    conll.write_text("زار O\nعبد B-PERS\nاللطيف I-PERS\nحموشي I-PERS\nبالرباط B-LOC\n\nقال\tO\n", encoding="utf-8")
    assert main(["tag", str(conll), "--extractor", "gazetteer", "--gazetteer", str(gaz)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "زار O O",
        "عبد B-PERS B-PER",
        "اللطيف I-PERS I-PER",
        "حموشي I-PERS I-PER",
        "بالرباط B-LOC B-LOC",
        "",
        "قال\tO\tO",
    ]
    out = tmp_path / "out.conll"
    assert main(["tag", str(conll), "--extractor", "gazetteer", "--gazetteer", str(gaz), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[1] == "عبد B-PERS B-PER"


def test_cli_evaluate_ner_scores_per_type(tmp_path, capsys):
    gaz = tmp_path / "g.csv"
    gaz.write_text("name,type\nعبد اللطيف حموشي,PER\nالرباط,LOC\nفاس,ORG\n", encoding="utf-8")
    gold = tmp_path / "gold.conll"
    gold.write_text(
        # found: حموشي (PER) and الرباط (LOC); missed: طنجة; فاس predicted ORG but gold LOC
        "زار O\nعبد B-PERS\nاللطيف I-PERS\nحموشي I-PERS\nبالرباط B-LOC\n\nثم O\nطنجة B-LOC\nو O\nفاس B-LOC\n",
        encoding="utf-8",
    )
    common = ["--extractor", "gazetteer", "--gazetteer", str(gaz)]
    assert main(["evaluate-ner", str(gold), *common, "--json", str(tmp_path / "s.json")]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line.split()[1:] for line in out[2:] if line.split()}
    assert rows["PER"] == ["1.000", "1.000", "1.000", "1", "1"]
    assert rows["LOC"] == ["1.000", "0.333", "0.500", "3", "1"]
    assert rows["micro"] == ["1.000", "0.500", "0.667", "4", "2"]
    assert "ORG" not in rows  # no ORG in the gold tags: not scored by default ...
    assert out[-1] == "not scored (no such gold type; see --types): ORG"
    scores = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["scores"]
    assert scores["micro"]["correct"] == 2
    # ... unless asked for: then the wrong ORG counts against precision
    assert main(["evaluate-ner", str(gold), *common, "--types", "PERS,LOC,ORG"]) == 0
    rows = {line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines()[2:] if line.split()}
    assert rows["ORG"][3:] == ["0", "1"]
    assert rows["micro"] == ["0.667", "0.500", "0.571", "4", "3"]


def test_cli_evaluate_ner_reports_bad_input(tmp_path, capsys):
    empty = tmp_path / "empty.conll"
    empty.write_text("\n\n", encoding="utf-8")
    assert main(["evaluate-ner", str(empty), "--extractor", "gazetteer"]) == 2
    assert "empty.conll: no sentences" in capsys.readouterr().err
    assert main(["evaluate-ner", str(tmp_path / "missing.conll")]) == 2
    assert "missing.conll" in capsys.readouterr().err
    one = tmp_path / "one.conll"
    one.write_text("فاس B-LOC\n", encoding="utf-8")
    assert main(["evaluate-ner", str(one), "--extractor", "gazetteer", "--types", "PER,CITY"]) == 2
    assert "unknown type 'CITY'" in capsys.readouterr().err
    assert main(["evaluate-ner", str(one), "--extractor", "gazetteer", "--column", "2"]) == 2
    assert "one.conll: no line has a column 2" in capsys.readouterr().err


def test_outputs_get_ordinary_file_permissions(graph, tmp_path):
    umask = os.umask(0o022)
    try:
        write_json(graph, tmp_path / "g.json")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "g.json").stat().st_mode) == 0o644  # not mkstemp's 0o600


def test_every_setting_has_its_flag_with_the_settings_default():
    from dataclasses import fields

    from shabaka.cli import _settings
    from shabaka.config import Settings

    args = make_parser().parse_args(["build", "x.txt"])
    assert _settings(args) == Settings()  # every default comes from Settings
    python_only = {"cleaner", "resolver"}  # nested settings: Python API only
    assert {f.name for f in fields(Settings)} - python_only <= vars(args).keys()
    flags = ["--no-known-names", "--no-clean", "--keep-boilerplate", "--window", "paragraph", "--min-weight", "3"]
    changed = _settings(make_parser().parse_args(["build", "x.txt", *flags]))
    assert changed == Settings(known_names=False, clean=False, keep_boilerplate=True, window="paragraph", min_weight=3)


def test_an_internal_bug_shows_a_traceback_and_asks_for_a_report(monkeypatch, capsys, samples):
    import shabaka.pipeline

    def broken(*args, **kwargs):
        raise KeyError("an internal bug")

    monkeypatch.setattr(shabaka.pipeline, "build_graph", broken)
    assert main(["build", str(samples), "--json", "x.json"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" in err and "KeyError: 'an internal bug'" in err and "bug in shabaka" in err


def test_an_unwritable_output_names_the_path_not_a_temporary_file(tmp_path, capsys, samples):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    target = blocker / "graph.json"  # a file where a folder should be
    assert main(["build", str(samples / "01_water_conference.txt"), "--json", str(target), "-q"]) == 2
    err = capsys.readouterr().err
    assert f"--json {target}: {blocker} is a file, not a folder" in err
    assert ".tmp" not in err and "Traceback" not in err


def test_the_cleaners_and_the_resolvers_settings_reach_the_build(samples):
    from shabaka.config import CleanSettings, ResolveSettings
    from shabaka.pipeline import sample_gazetteer

    page = samples / "05_scraped_visit.txt"
    options = {"extractor": "gazetteer", "gazetteer": sample_gazetteer()}
    cleaned = build_graph(page, **options)
    kept_all = build_graph(page, cleaner=CleanSettings(rules=()), **options)  # no rule: nothing is chrome
    assert kept_all.graph["sentences"] > cleaned.graph["sentences"]
    assert build_graph(page, clean=False, **options).graph["sentences"] >= kept_all.graph["sentences"]
    merged = build_graph(samples, **options)
    apart = build_graph(samples, resolver=ResolveSettings(rules=("title",)), **options)
    assert len(apart) > len(merged)
