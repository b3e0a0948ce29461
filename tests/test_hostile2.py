"""Hostile input, round two (issue 18): one case per attack found.

Each case builds a small corpus in a temporary folder, with good documents beside the
hostile one, and checks: the run completes, every good document is in the graph, the
bad file or record is named in the report, and nothing outside the outputs changed.
The inputs that used to take super-linear time are sized so that the old code took
minutes on them (no timing here: their scaling is measured by
``benchmarks/bench_hostile.py --scaling``).
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import math
import os
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from shabaka import export, ingest
from shabaka.clean.patterns import ADDRESS_RX, FORM_RX, _menu_separators, fold
from shabaka.cli import main
from shabaka.conll import read_conll, tag_conll
from shabaka.errors import ShabakaError
from shabaka.extract.gazetteer import GazetteerExtractor
from shabaka.graph import MAX_WINDOW_NAMES
from shabaka.lexicon import GazetteerEntry, load_gazetteer
from shabaka.model import Document
from shabaka.pipeline import build_graph
from shabaka.render import show
from shabaka.text import MAX_MARKS, MAX_SENTENCE_TOKENS, normalize_key

PROSE = (
    "وقال كريم الفاسي في تصريح للصحافة إن اللقاء مع سلمى بنجلون في الرباط تناول ملفات التعاون الاقتصادي "
    "والاستثمار في قطاع الطاقة المتجددة، وأضاف أن الطرفين اتفقا على مواصلة المشاورات خلال الأسابيع المقبلة."
)
NAMES = [("كريم الفاسي", "PER"), ("سلمى بنجلون", "PER"), ("الرباط", "LOC")]
_SERIAL = itertools.count(1)


def prose() -> str:
    """:data:`PROSE` with a number of its own: no two documents are the same text (which
    :mod:`shabaka.dedup` would fold into one)."""
    return f"{PROSE[:-1]} في الاجتماع رقم {next(_SERIAL)}."


def _gazetteer(folder: Path, names: list[tuple[str, str]] = NAMES) -> Path:
    path = folder / "gazetteer.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([("name", "type", "aliases"), *((n, t, "") for n, t in names)])
    return path


def _tree(root: Path, skip: Path) -> dict[str, Any]:
    """What is under ``root`` (but ``skip``): each path's link target or content hash."""
    seen: dict[str, Any] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            if path == skip or skip in path.parents:
                continue
            if path.is_symlink():
                seen[str(path)] = ("link", os.readlink(path))
            elif path.is_file():
                seen[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                seen[str(path)] = "dir"
    return seen


class Run:
    """``shabaka build`` on ``corpus`` with the gazetteer extractor; outputs under ``out``."""

    def __init__(self, tmp: Path, corpus: Path | list[Path], *extra: str, gazetteer: Path | None = None):
        self.tmp, self.out = tmp, tmp / "out"
        gazetteer = gazetteer or _gazetteer(tmp)
        before = _tree(tmp, self.out)
        paths = [str(p) for p in (corpus if isinstance(corpus, list) else [corpus])]
        self.code = main([
            "build", *paths, "--extractor", "gazetteer", "--gazetteer", str(gazetteer), "-q",
            "-o", str(self.out / "graph.html"), "--json", str(self.out / "graph.json"),
            "--report", str(self.out / "report.json"), *extra,
        ])  # fmt: skip
        self.unchanged = _tree(tmp, self.out) == before
        self.graph = json.loads((self.out / "graph.json").read_text(encoding="utf-8"))
        self.report = json.loads((self.out / "report.json").read_text(encoding="utf-8"))

    @property
    def documents(self) -> set[str]:
        """The documents in the graph, and those folded into one of them as copies (shabaka.dedup)."""
        return set(self.graph["graph"]["documents"]) | set(self.graph["graph"].get("duplicates") or {})

    def reason(self, name: str) -> str:
        """The reason (or note) the report gives for the path ending with ``name``."""
        found = [s["reason"] for s in self.report["skipped"] if s["path"].endswith(name)]
        found += [n["note"] for n in self.report["notes"] if n["path"].endswith(name)]
        assert found, (name, self.report)
        return " / ".join(found)

    def check(self, good: set[str]) -> None:
        """The run completed, wrote its outputs, has every good document, changed nothing else."""
        assert self.code == 0
        assert good <= self.documents, good - self.documents
        assert (self.out / "graph.html").exists()
        assert self.unchanged


def _corpus(tmp: Path, good: int = 2) -> tuple[Path, set[str]]:
    corpus = tmp / "corpus"
    corpus.mkdir()
    for i in range(good):
        (corpus / f"good{i}.txt").write_text(prose(), encoding="utf-8")
    return corpus, {f"good{i}" for i in range(good)}


# 1. One bad file or record stopped the whole run


@pytest.mark.parametrize("encoding", ["cp1256", "latin-1"])
def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path: Path, encoding: str, capsys: Any) -> None:
    corpus, good = _corpus(tmp_path)
    raw = os.fsencode(corpus) + b"/" + "خبر é".encode(encoding, errors="replace") + b".txt"
    with open(raw, "wb") as f:
        f.write(prose().encode())
    with open(os.fsencode(corpus) + b"/" + "bad é".encode(encoding, errors="replace") + b".txt", "wb") as f:
        f.write(b"\x00\x01\x02")  # a bad file with such a name is named in the report
    run = Run(tmp_path, corpus)
    stem = ingest.shown(os.fsdecode(raw)).rsplit("/", 1)[-1].removesuffix(".txt")
    run.check(good | {stem})
    assert "\\x" in stem and stem.isprintable()
    assert run.reason(".txt").count("binary file") == 1
    assert "\\x" in next(s["path"] for s in run.report["skipped"])


def test_a_lone_surrogate_in_a_jsonl_text_is_replaced_and_reported(tmp_path: Path) -> None:
    corpus, good = _corpus(tmp_path)
    lines = [json.dumps({"id": "ok", "text": prose()}), '{"id": "bad", "text": "' + prose() + ' \\udc80 \\ud800x"}']
    (corpus / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    run = Run(tmp_path, corpus)
    run.check(good | {"ok", "bad"})
    assert run.reason("feed.jsonl:2") == "2 lone surrogates replaced by U+FFFD"


def test_a_lone_surrogate_in_an_id_or_title_is_replaced_and_reported(tmp_path: Path) -> None:
    corpus, good = _corpus(tmp_path)
    lines = [
        json.dumps({"id": "a\udc80", "text": prose()}),
        json.dumps({"id": "t", "title": "\ud83d", "text": prose()}),
    ]
    (corpus / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    run = Run(tmp_path, corpus)
    run.check(good | {"a\ufffd", "t"})
    assert run.graph["graph"]["documents"]["t"]["title"] == "\ufffd"
    assert "lone surrogates" in run.reason("feed.jsonl:1") and "lone surrogates" in run.reason("feed.jsonl:2")


# 2. Super-linear time on small inputs


@pytest.mark.parametrize("unit", ["ب", "ب.", "[ب(", "ب@", "«ب", "a."])
def test_long_runs_without_spaces_are_cleaned_in_linear_time(tmp_path: Path, unit: str) -> None:
    corpus, good = _corpus(tmp_path)
    (corpus / "run.txt").write_text(prose() + "\n" + unit * (200_000 // len(unit)), encoding="utf-8")  # was minutes
    run = Run(tmp_path, corpus)
    run.check(good | {"run"})
    # the patterns still find what they are for
    assert ADDRESS_RX.search(fold("للتواصل: info@news-site.example.org"))
    assert not ADDRESS_RX.search(fold("a" * 50_000 + "@" + "b" * 50_000))
    assert FORM_RX.search(fold("اترك تعليقاً")) and FORM_RX.search(fold("  \n" * 50_000)) is None
    assert _menu_separators("« " * 50_000) == 0 and _menu_separators("الرئيسية » سياسة » لبنان") == 2


def test_a_long_run_of_combining_marks_is_keyed_in_linear_time(tmp_path: Path) -> None:
    corpus, good = _corpus(tmp_path)
    piled = "كريم" + "\u064e\u0651\u0300" * 100_000  # 300k marks on one letter (was minutes)
    (corpus / "marks.txt").write_text(f"{prose()}\nزار {piled} الرباط.", encoding="utf-8")
    run = Run(tmp_path, corpus)
    run.check(good | {"marks"})
    assert normalize_key(piled) == normalize_key("كريم" + "\u064e\u0651\u0300" * (MAX_MARKS // 3))


def test_a_paragraph_naming_thousands_of_entities_is_capped_and_reported(tmp_path: Path) -> None:
    corpus, good = _corpus(tmp_path)
    names = [(f"شخص{n}", "PER") for n in range(1500)]  # 1,000 names in a paragraph: 121 s and 956 MB before
    (corpus / "list.txt").write_text("، ".join(n for n, _ in names) + ".", encoding="utf-8")
    run = Run(tmp_path, corpus, "--window", "paragraph", gazetteer=_gazetteer(tmp_path, names + NAMES))
    run.check(good | {"list"})
    assert run.graph["graph"]["capped_windows"] == 1
    assert "more than 100 entities" in run.reason("document list")
    first = {normalize_key(n) for n, _ in names[:MAX_WINDOW_NAMES]}
    pairs = [(e["source"], e["target"]) for e in run.graph["edges"] if "list" in e["documents"]]
    assert len(pairs) == MAX_WINDOW_NAMES * (MAX_WINDOW_NAMES - 1) // 2 and all({a, b} <= first for a, b in pairs)


def test_tag_cuts_a_sentence_without_blank_lines_and_tags_every_line(tmp_path: Path, caplog: Any) -> None:
    tokens = ["كريم", "الفاسي", "زار", "الرباط"] * 2_500  # 10,000 tokens, no blank line (300k: 6.2 GB before)
    extractor = GazetteerExtractor(entries=[GazetteerEntry(n, t) for n, t in NAMES])
    out = list(tag_conll(tokens, extractor))
    assert len(out) == len(tokens) and out[:4] == ["كريم B-PER", "الفاسي I-PER", "زار O", "الرباط B-LOC"]
    assert out[-1] == "الرباط B-LOC"
    assert f"line {MAX_SENTENCE_TOKENS + 1}: a sentence of more than {MAX_SENTENCE_TOKENS} tokens" in caplog.text
    assert {len(s) for s in read_conll(tokens)} == {MAX_SENTENCE_TOKENS}  # evaluate-ner reads it the same way


def test_a_yaml_gazetteer_of_nested_aliases_is_refused_at_its_line(tmp_path: Path) -> None:
    laughs = tmp_path / "laughs.yaml"
    lines = ['- &l0 {name: "كريم الفاسي", type: PER, aliases: [lol]}']
    lines += [f"- &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 10)]  # 10^9 entries
    laughs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ShabakaError, match=r"laughs.yaml: line 2: alias \*l0 repeats a list or mapping"):
        load_gazetteer(laughs)
    scalar = tmp_path / "scalar.yaml"  # an alias to one value is harmless, and kept
    scalar.write_text('- {name: &n "الرباط", type: LOC}\n- {name: "كريم الفاسي", type: PER, aliases: [*n]}\n')
    assert [e.aliases for e in load_gazetteer(scalar)] == [(), ("الرباط",)]
    corpus, _good = _corpus(tmp_path)
    assert main(["build", str(corpus), "--extractor", "gazetteer", "--gazetteer", str(laughs), "-q"]) == 2


def test_a_huge_html_page_is_read_up_to_the_cap_and_reported(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(ingest, "MAX_HTML_BYTES", 200_000)
    corpus, good = _corpus(tmp_path)
    page = f"<html><body><article><p>{prose()}</p><p>{prose()}</p>" + "<i>x</i>" * 100_000 + "</article></body></html>"
    (corpus / "huge.html").write_text(page, encoding="utf-8")
    run = Run(tmp_path, corpus)
    run.check(good | {"huge"})
    assert "only its first" in run.reason("huge.html")


def test_an_html_page_of_too_many_elements_is_read_line_by_line_and_reported(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(ingest, "MAX_HTML_ELEMENTS", 5_000)  # 100,000 in use: a million took 1.4 GB
    corpus, good = _corpus(tmp_path)
    crowd = "".join(f"<p>{prose()}</p>" for _ in range(3)) + "<i>ب</i>" * 5_000
    (corpus / "crowded.html").write_text(f"<html><body><article>{crowd}</article></body></html>", encoding="utf-8")
    run = Run(tmp_path, corpus)
    run.check(good | {"crowded"})
    assert "more than 5,000 elements: read line by line" in run.reason("crowded.html")
    assert normalize_key("سلمى بنجلون") in {n["id"] for n in run.graph["nodes"] if "crowded" in n["documents"]}


# 3. Writes and reads outside what the user named


def test_keep_boilerplate_replaces_a_planted_link_instead_of_writing_through_it(tmp_path: Path) -> None:
    corpus, _good = _corpus(tmp_path)
    victim = tmp_path / "bashrc"
    victim.write_text("echo safe\n", encoding="utf-8")
    (corpus / "page.txt").write_text(f"الرئيسية | رياضة | اتصل بنا\n{prose()}\nجميع الحقوق محفوظة © 2025\n")
    os.symlink(victim, corpus / "page.txt.removed")
    main(["build", str(corpus), "--extractor", "gazetteer", "--gazetteer", str(_gazetteer(tmp_path)), "-q",
          "--keep-boilerplate", "--json", str(tmp_path / "out.json")])  # fmt: skip
    assert victim.read_text(encoding="utf-8") == "echo safe\n"
    removed = corpus / "page.txt.removed"
    assert not removed.is_symlink() and "[menu] الرئيسية" in removed.read_text(encoding="utf-8")
    assert not [p for p in corpus.iterdir() if p.name.endswith(".tmp")]


def test_links_out_of_the_input_folder_are_not_read_unless_asked(tmp_path: Path) -> None:
    corpus, good = _corpus(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("زار سلمى بنجلون الرباط سرا.", encoding="utf-8")
    os.symlink(secret, corpus / "passwd.txt")
    os.symlink(corpus / "good0.txt", corpus / "inside.txt")  # inside the folder: the same file, read once
    run = Run(tmp_path, corpus)
    run.check(good)
    assert "passwd" not in run.documents
    assert "outside" in run.reason("passwd.txt") and "--follow-links" in run.reason("passwd.txt")
    assert "same file as" in run.reason("inside.txt")
    assert not any("سرا" in json.dumps(n["evidence"], ensure_ascii=False) for n in run.graph["nodes"])
    followed = Run(tmp_path, corpus, "--follow-links")
    followed.check(good | {"passwd"})


def test_shabaka_outputs_in_an_input_folder_are_recognized_and_skipped(tmp_path: Path) -> None:
    corpus, good = _corpus(tmp_path)
    gazetteer = _gazetteer(tmp_path)
    args = ["build", str(corpus), "--extractor", "gazetteer", "--gazetteer", str(gazetteer), "-q"]
    assert main([*args, "-o", str(corpus / "graph.html"), "--csv", str(corpus)]) == 0
    run = Run(tmp_path, corpus)
    run.check(good)
    assert run.documents == good
    for name in ("graph.html", "nodes.csv", "edges.csv"):
        assert run.reason(name).startswith("shabaka's own output")


# 4. Silent loss or mix-up


def test_repeated_ids_never_collide(tmp_path: Path) -> None:
    corpus, good = _corpus(tmp_path)
    records = [{"id": i, "title": f"t{n}", "text": prose()} for n, i in enumerate(["a", "a", "a~2", "a~2"])]
    (corpus / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    run = Run(tmp_path, corpus)
    run.check(good | {"a", "a~2", "a~2~2", "a~2~3"})
    titles = {d: m["title"] for d, m in run.graph["graph"]["documents"].items() if m}
    assert sorted(titles.values()) == ["t0", "t1", "t2", "t3"]  # no title lost


def test_documents_given_with_the_same_id_are_renamed_and_reported() -> None:
    docs = [Document("x", "زار كريم الفاسي الرباط."), Document("x", "زارت سلمى بنجلون الرباط.")]
    report = ingest.IngestReport()
    G = build_graph(docs, extractor="gazetteer", gazetteer=str(_gazetteer_tmp()), report=report)
    assert set(G.graph["documents"]) == {"x", "x~2"}
    assert G.nodes[normalize_key("سلمى بنجلون")]["documents"] == ["x~2"]
    assert [(n.path, n.note) for n in report.notes] == [("document x", "id used before: renamed x~2")]


def _gazetteer_tmp() -> Path:
    import tempfile

    return _gazetteer(Path(tempfile.mkdtemp()))


def test_a_csv_row_with_an_unquoted_comma_is_reported_and_the_others_kept(tmp_path: Path) -> None:
    corpus, good = _corpus(tmp_path)
    (corpus / "t.csv").write_text(f"id,text\nr1,{prose().replace('،', '')}\nr2,نص, بفاصلة\nr3,{prose()}\n")
    run = Run(tmp_path, corpus)
    run.check(good | {"r1"})
    assert "r2" not in run.documents and "r3" in run.documents
    assert run.reason("t.csv:3").startswith("malformed row: 3 cells, the header has 2")


def test_a_csv_quote_left_open_swallows_no_row(tmp_path: Path) -> None:
    corpus, good = _corpus(tmp_path)
    rows = [f'r{i},"{prose()}"' for i in range(2, 8)]
    (corpus / "t.csv").write_text('id,text\nr1,"نص مقطوع\n' + "\n".join(rows) + "\n", encoding="utf-8")
    run = Run(tmp_path, corpus)
    run.check(good | {f"r{i}" for i in range(2, 8)})
    assert "r1" not in run.documents
    assert run.reason("t.csv:2").startswith("malformed row")


def test_a_windows_1256_html_page_is_detected_on_its_text(tmp_path: Path) -> None:
    corpus, good = _corpus(tmp_path)
    markup = "".join(f"<div class='menu-item-{i}' style='color:red'><a href='/x/{i}'>x</a></div>" for i in range(200))
    page = f"<html><body>{markup}<article><p>{prose()}</p><p>{prose()}</p></article></body></html>"
    (corpus / "win.html").write_bytes(page.encode("cp1256"))  # mostly markup: the old ratio saw no Arabic
    run = Run(tmp_path, corpus)
    run.check(good | {"win"})
    assert run.report["encodings"]["windows-1256"] == 1


def test_a_text_mixing_utf8_and_windows_1256_lines_is_read_line_by_line(tmp_path: Path) -> None:
    corpus, _good = _corpus(tmp_path, 0)
    other = prose().replace("كريم الفاسي", "سلمى بنجلون")
    (corpus / "mixed.txt").write_bytes(prose().encode() + b"\n" + other.encode("cp1256") + b"\n")
    run = Run(tmp_path, corpus)
    run.check({"mixed"})
    assert "2 lines" not in run.reason("mixed.txt") and "1 lines read as UTF-8, 1 as windows-1256" in run.reason(
        "mixed.txt"
    )
    assert normalize_key("سلمى بنجلون") in {n["id"] for n in run.graph["nodes"]}
    assert run.graph["nodes"][0]["evidence"]


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("iso8859-6", "iso8859-6"), ("utf-32", "utf-32"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")],
)
def test_encodings_are_detected_by_charset_normalizer(tmp_path: Path, encoding: str, name: str) -> None:
    corpus, good = _corpus(tmp_path)
    text = prose().replace("،", ",")  # ISO-8859-6 has the Arabic comma at another place; keep to its letters
    (corpus / "enc.txt").write_bytes(text.encode(encoding))  # no BOM but for UTF-32
    run = Run(tmp_path, corpus)
    run.check(good | {"enc"})
    assert run.report["encodings"][name] == 1
    evidence = {e["text"] for n in run.graph["nodes"] for e in n["evidence"] if e["doc"] == "enc"}
    assert evidence and evidence <= {text}


# 5. Exports


def test_control_characters_in_ids_give_valid_gexf_and_graphml(tmp_path: Path) -> None:
    docs = [Document("d\x01\x0b\ufffe", prose()), Document("ok", prose())]
    G = build_graph(docs, extractor="gazetteer", gazetteer=str(_gazetteer(tmp_path)))
    for writer, name in ((export.write_gexf, "g.gexf"), (export.write_graphml, "g.graphml")):
        writer(G, tmp_path / name)
        ET.parse(tmp_path / name)  # valid XML
        assert "d\\x01\\x0b\\ufffe" in (tmp_path / name).read_text(encoding="utf-8")
    corpus, good = _corpus(tmp_path)
    (corpus / "ctl.jsonl").write_text(json.dumps({"id": "e\x1b[31m\x07", "text": prose()}), encoding="utf-8")
    run = Run(tmp_path, corpus, "--gexf", str(tmp_path / "out" / "g.gexf"), "--graphml", str(tmp_path / "out" / "g.x"))
    run.check(good | {"e\\x1b[31m\\x07"})
    ET.parse(tmp_path / "out" / "g.gexf")
    ET.parse(tmp_path / "out" / "g.x")


def test_csv_cells_that_would_be_formulas_are_defused(tmp_path: Path) -> None:
    names = [('=HYPERLINK("http://x")', "ORG"), ("+1", "ORG"), ("@SUM", "ORG"), ("-2", "ORG")]
    text = "قال " + " و ".join(n for n, _ in names) + " إن كريم الفاسي زار الرباط."
    G = build_graph(
        [Document("=cmd|' /C calc'!A0", text)],
        extractor="gazetteer",
        gazetteer=str(_gazetteer(tmp_path, names + NAMES)),
    )
    nodes, edges, relations = export.write_csv(G, tmp_path / "csv")
    for path in (nodes, edges, relations):
        for row in csv.reader(path.open(encoding="utf-8", newline="")):
            assert not any(cell.startswith(export.FORMULA_STARTS) for cell in row), row
    ids = {row["id"] for row in csv.DictReader(nodes.open(encoding="utf-8", newline=""))}
    ends = {row[k] for row in csv.DictReader(edges.open(encoding="utf-8", newline="")) for k in ("source", "target")}
    assert {"'+1", "'@sum"} <= ids and any(i.startswith("'=") for i in ids)
    assert ends <= ids  # edges still meet their nodes
    assert "'=cmd|' /C calc'!A0" in edges.read_text(encoding="utf-8")  # the document id, defused


def test_what_shabaka_writes_it_reads_back_and_shows(tmp_path: Path) -> None:
    docs = [Document("[draft]", prose()), Document("a | b", prose()), Document("[1, 2]", prose())]
    G = build_graph(docs, extractor="gazetteer", gazetteer=str(_gazetteer(tmp_path)))
    export.write_gexf(G, tmp_path / "g.gexf")
    export.write_graphml(G, tmp_path / "g.graphml")
    for H in (nx.read_gexf(tmp_path / "g.gexf"), nx.read_graphml(tmp_path / "g.graphml")):
        html = show(H).html
        data = json.loads(html.split('type="application/json"', 1)[1].split(">", 1)[1].split("</script>")[0])
        node = next(n for n in data["nodes"] if n["label"] == "الرباط")
        assert sorted(node["documents"]) == ["[1, 2]", "[draft]", "a | b"]


# 6. Smaller


def test_sigterm_while_writing_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.json"
    target.write_text("old", encoding="utf-8")
    code = (
        "import sys, time\nfrom shabaka.export import atomic_write\n"
        f"with atomic_write({str(target)!r}) as f:\n    f.write('half')\n    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 128 + signal.SIGTERM
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"] and target.read_text() == "old"


def test_file_names_with_escapes_and_newlines_are_printed_escaped(tmp_path: Path, caplog: Any) -> None:
    corpus, good = _corpus(tmp_path)
    (corpus / "x\nshabaka: WARNING: all good\x1b[2K.bin").write_bytes(b"x")
    (corpus / "y\x1b]0;owned\x07.txt").write_text(prose(), encoding="utf-8")
    run = Run(tmp_path, corpus)
    run.check(good | {"y\\x1b]0;owned\\x07"})
    assert "x\\x0ashabaka: WARNING: all good\\x1b[2K.bin" in caplog.text
    assert all(c.isprintable() for r in caplog.records for c in r.getMessage())
    assert any(s["path"].endswith("x\\x0ashabaka: WARNING: all good\\x1b[2K.bin") for s in run.report["skipped"])


@pytest.mark.parametrize("source", ["", None, 123, b"corpus", [""], [None]])
def test_build_graph_says_what_to_pass(source: Any, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "here.txt").write_text(prose(), encoding="utf-8")  # "" must not read the current folder
    with pytest.raises(ShabakaError, match=r"pass a file or folder path, a list of them, or shabaka\.model\.Document"):
        build_graph(source, extractor="gazetteer", gazetteer=str(_gazetteer(tmp_path)))


def test_show_copes_with_odd_weights_mentions_and_evidence() -> None:
    G = nx.Graph(documents='{"d": 1}')
    G.add_node("a", label="أ", mentions="many", evidence=[{"doc": "d"}, "x", {"text": "نص", "highlights": [[0, "b"]]}])
    G.add_node("b", label="ب", mentions=float("nan"), evidence="[not json")
    G.add_node("c", mentions=float("inf"), documents=5)
    for n, w in enumerate([0, -3, float("nan"), float("inf"), "heavy"]):
        G.add_edge("a", f"x{n}", weight=w, npmi="?", evidence=[None])
    G.add_edge("b", "c", weight=2)
    html = show(G).html
    data = json.loads(html.split('type="application/json"', 1)[1].split(">", 1)[1].split("</script>")[0])
    nodes = {n["label"]: n for n in data["nodes"]}
    assert nodes["أ"]["mentions"] == 0 and nodes["ب"]["mentions"] == 0
    assert [e["segments"] for e in nodes["أ"]["evidence"]] == [[["نص", 0]]]
    assert all(math.isfinite(e["width"]) and e["weight"] >= 0 for e in data["edges"])
