"""The hostile corpus, end to end: what scrapers bring back, through ingest, graph, HTML and a browser.

The corpus is built in a temporary folder at moderate sizes (the full sizes, a 50 MB
file and 100k files, are in ``benchmarks/bench_hostile.py``). The run must not crash,
must count every good document and report every bad file with its reason; the page
must run no injected script in headless Chromium and show no reordered label.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import CHROMIUM, launch

from shabaka import export, ingest
from shabaka.cli import main
from shabaka.text import BIDI_CONTROLS, normalize_key

#: Payloads: each one, if it ever ran, would set window.__pwned or open a dialog.
SCRIPT = "</script><script>window.__pwned=1</script>"
IMG = "<img src=x onerror=window.__pwned=2>"
SVG = "<svg onload=alert(3)>"
JS_URL = "javascript:window.__pwned=4"

PROSE = (
    "وقال كريم الفاسي في تصريح للصحافة إن اللقاء مع سلمى بنجلون في الرباط تناول ملفات التعاون الاقتصادي "
    "والاستثمار في قطاع الطاقة المتجددة، وأضاف أن الطرفين اتفقا على مواصلة المشاورات خلال الأسابيع المقبلة."
)
#: Good texts: every one is a document of the graph; each attacks the reader differently.
GOOD_TEXTS = {
    "script_in_names": f"{PROSE}\nوأعلنت منظمة {SCRIPT} عن مبادرة جديدة مع كريم الفاسي في الرباط.",
    "handlers": f"{PROSE}\nوحضر الاجتماع ممثل عن {IMG} وممثل عن {SVG} إلى جانب سلمى بنجلون.",
    "bidi_overrides": f"{PROSE}\nوصرح \u202eكريم الفاسي\u202c بأن \u2066سلمى بنجلون\u2069 زارت \u202dالرباط\u202c أمس.",
    "zero_width": f"{PROSE}\nوالتقى عبد \u200dالله الكر\u200cماني مع سلمى\u200b بنجلون في الرباط.",
    "forms_and_persian": f"{PROSE}\nوأكد عبد ﷲ الکرمانی أن ﻻ تراجع عن الاتفاق الموقع مع كريم الفاسي.",
    "digits_and_diacritics": f"{PROSE}\nوفي عام ٢٠٢٤ بلغت الصادرات ١٫٥ مليار ًٌٍّ وقال عَبْدُ اللهِ الكِرْمانِيّ إن ذلك مهم.",
}
GAZETTEER = [
    ("كريم الفاسي", "PER", ""),
    ("سلمى بنجلون", "PER", ""),
    ("عبد الله الكرماني", "PER", ""),
    ("الرباط", "LOC", ""),
    (SCRIPT, "ORG", ""),
    (IMG, "ORG", SVG),
]
PART_CHARS = 20_000  # MAX_DOCUMENT_CHARS in this test, so that parts are made at a moderate size
TINY_FILES = 300


def _write(path: Path, text: str, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))


def build_corpus(root: Path) -> tuple[set[str], dict[str, str]]:
    """Write the hostile corpus under ``root``.

    Returns the ids of the documents that must reach the graph, and the reason prefix
    expected in the report for every file (or record) that must be skipped, by name.
    """
    good: set[str] = set()
    for name, text in GOOD_TEXTS.items():
        _write(root / f"{name}.txt", text)
        good.add(name)
    _write(root / "windows.txt", PROSE, "cp1256")
    _write(root / "utf16.txt", PROSE, "utf-16")
    (root / "invalid_utf8.txt").write_bytes(PROSE.encode() + b"\xff\xc3\x28" + PROSE.encode())
    good |= {"windows", "utf16", "invalid_utf8"}
    # long texts: a dump with many lines, and one line without punctuation
    long_texts = {
        "dump": (PROSE + "\n") * 400,  # ~100 k characters in 400 lines
        "one_line": "كلمة أخرى بلا نقطة " * 5000 + "كريم الفاسي",  # ~95 k characters, one line
    }
    for stem, text in long_texts.items():
        _write(root / f"{stem}.txt", text)
        parts = len(list(ingest.split_parts([text], PART_CHARS)))
        assert parts > 3
        good |= {stem} | {f"{stem}#{n}" for n in range(2, parts + 1)}
    for i in range(TINY_FILES):
        _write(root / "tiny" / f"{i:04}.txt", f"زار كريم الفاسي الرباط رقم {i}.")
    good |= {f"{i:04}" for i in range(TINY_FILES)}
    # records: a broken line in the middle, hostile metadata; quoted newlines; no text column
    records = [
        {"id": "rec1", "text": PROSE, "title": f"<script>alert(5)</script>{SCRIPT}", "url": JS_URL},
        {"id": "rec3", "text": PROSE, "source": IMG, "url": "https://example.org/a?x=<b>"},
        {"id": "rec4", "text": f"\u202e{PROSE}", "title": "\u202eعنوان معكوس", "date": "٢٠٢٤-٠٥-٠١"},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(1, '{"id": "rec2", "text": "نص مقطوع')
    _write(root / "feed.jsonl", "\n".join(lines) + "\n")
    good |= {"rec1", "rec3", "rec4"}
    with (root / "table.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["id", "title", "text"], ["row1", SVG, PROSE + "\n\nفقرة ثانية"], ["row2", "", PROSE]])
    good |= {"row1", "row2"}
    _write(root / "no_text.csv", "id,body\n1,نص\n")
    # HTML: deeply nested, and a page full of scripts and handlers around its article
    paragraph = f"<p>{PROSE}</p>"
    _write(root / "deep.html", "<html><body>" + "<div><font>" * 2000 + paragraph * 3 + "</body></html>")
    _write(
        root / "scripted.html",
        f"<html><head><title>{SCRIPT}</title><script>window.__pwned=6</script></head><body>"
        f"<article><h1 onmouseover='window.__pwned=7'>خبر</h1>{paragraph * 3}"
        f"<p>&lt;script&gt;window.__pwned=8&lt;/script&gt; {PROSE}</p></article></body></html>",
    )
    good |= {"deep", "scripted"}
    # files that cannot be used
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "empty.txt").write_bytes(b"")
    _write(root / "blank.txt", "  \n\t \u3000\n")
    (root / "latin1.txt").write_bytes("crème brûlée à la française, déjà vu".encode("latin-1") * 10)
    # not Arabic: its encoding is detected, it is read, then left out for little Arabic text
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    os.symlink(root, root / "loop")
    os.symlink(root / "nowhere.txt", root / "broken_link.txt")
    os.symlink(root / "utf16.txt", root / "zz_link.txt")
    os.mkfifo(root / "pipe.txt")
    _write(root / "locked.txt", PROSE)  # made unreadable while the corpus is read
    skipped = {
        "feed.jsonl:2": "invalid JSON",
        "no_text.csv": "no 'text' column",
        "binary.txt": "binary file",
        "empty.txt": "empty file",
        "blank.txt": "only whitespace",
        "notes.docx": "unknown extension",
        "loop": "symbolic link to a folder, not followed",
        "broken_link.txt": "broken symbolic link",
        "zz_link.txt": "same file as",
        "pipe.txt": "not a regular file",
        "locked.txt": "cannot read (Permission denied)",
        "latin1.txt": "little Arabic text",
    }
    return good, skipped


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory, unreadable: Callable[..., Any]) -> Any:
    """Build the corpus and run ``shabaka build`` on it once for the module's tests."""
    tmp_path = tmp_path_factory.mktemp("hostile")
    corpus = tmp_path / "corpus"
    good, skipped = build_corpus(corpus)
    gazetteer = tmp_path / "gazetteer.csv"
    with gazetteer.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([("name", "type", "aliases"), *GAZETTEER])
    out = tmp_path / "out"
    with unreadable(corpus / "locked.txt"), pytest.MonkeyPatch.context() as mp:
        mp.setattr(ingest, "MAX_DOCUMENT_CHARS", PART_CHARS)
        code = main([
            "build", str(corpus), "--extractor", "gazetteer", "--gazetteer", str(gazetteer), "-q",
            "-o", str(out / "graph.html"), "--json", str(out / "graph.json"), "--report", str(out / "report.json"),
        ])  # fmt: skip
    assert code == 0
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return out, graph, report, good, skipped


def test_every_good_document_is_in_the_graph_and_every_bad_file_in_the_report(hostile_run: Any) -> None:
    _, graph, report, good, skipped = hostile_run
    folded = graph["graph"].get("duplicates") or {}  # copies of a kept text count once (shabaka.dedup)
    assert set(graph["graph"]["documents"]) | set(folded) == good
    assert report["summary"]["documents"] == len(good) + 1  # latin1 was read, then left out
    reasons = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    assert set(reasons) == set(skipped)
    for name, reason in skipped.items():
        assert reasons[name].startswith(reason), (name, reasons[name])
    assert report["summary"]["records_skipped"] == 1
    assert report["encodings"]["utf-16"] == report["encodings"]["windows-1256"] == 1
    notes = {Path(n["path"]).name: n["note"] for n in report["notes"]}
    assert notes["invalid_utf8.txt"] == "2 invalid bytes replaced by U+FFFD"  # \xff, and \xc3 before "("
    dump_parts = sum(d.partition("#")[0] == "dump" for d in good)
    assert notes["dump.txt"].startswith(f"long text read as {dump_parts} documents")
    assert "deep.html" not in notes  # read and cleaned like any page: html_lines has no nesting limit
    assert report["result"].startswith(f"{len(good) - len(folded)} documents, ")
    assert f"{len(folded)} duplicate documents folded" in report["result"]


def test_names_resolve_to_one_entity_and_labels_carry_no_bidi_controls(hostile_run: Any) -> None:
    _, graph, _, _, _ = hostile_run
    nodes = {n["id"]: n for n in graph["nodes"]}
    for n in nodes.values():
        for shown in (n["label"], *n["aliases"]):
            assert not set(shown) & set(BIDI_CONTROLS), shown
    by_label = {n["label"]: n for n in nodes.values()}
    kermani = nodes[normalize_key("عبد الله الكرماني")]
    assert {"zero_width", "forms_and_persian", "digits_and_diacritics"} <= set(kermani["documents"])
    assert len([n for n in nodes.values() if normalize_key(n["label"]) == normalize_key("عبد الله الكرماني")]) == 1
    assert "bidi_overrides" in nodes[normalize_key("كريم الفاسي")]["documents"]
    assert "zero_width" in nodes[normalize_key("سلمى بنجلون")]["documents"]
    labels = " ".join(by_label)
    assert "<script>window.__pwned=1" in labels and "onerror=window.__pwned=2" in labels  # payloads reach the page


def _browse(html: Path) -> dict[str, Any]:
    """Open ``html`` in headless Chromium with the network blocked, open every entity's
    panel and search for the payloads; return what the page did."""
    from playwright.sync_api import sync_playwright

    seen: dict[str, Any] = {"dialogs": [], "errors": [], "requests": []}
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()

            def block(route: Any) -> None:
                if not route.request.url.startswith(("file:", "data:", "about:")):
                    seen["requests"].append(route.request.url)
                    route.abort()
                else:
                    route.continue_()

            page.route("**/*", block)
            page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
            page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
            page.on("pageerror", lambda e: seen["errors"].append(str(e)))
            page.goto(html.as_uri())
            page.wait_for_function("document.body.dataset.ready === '1'", timeout=30_000)
            ids = page.evaluate("window.shabaka.data.nodes.map((n) => n.id)")
            for node_id in ids:
                page.evaluate("(id) => window.shabaka.select(id)", node_id)
                seen.setdefault("panels", []).append(page.inner_text("#panel"))
            for query in ("<script>", "onerror", "javascript", "كريم"):
                page.evaluate("(q) => window.shabaka.search(q)", query)
            page.wait_for_timeout(300)  # let any injected handler or timer fire
            seen["pwned"] = page.evaluate("typeof window.__pwned")
            seen["dom"] = page.evaluate(
                """() => ({
                    img: document.querySelectorAll('img, svg image, iframe, object, embed').length,
                    handlers: [...document.querySelectorAll('*')].filter((e) =>
                        [...e.attributes].some((a) => a.name.startsWith('on'))).map((e) => e.outerHTML),
                    jsLinks: [...document.querySelectorAll('a[href]')].filter((a) =>
                        !/^https?:/i.test(a.getAttribute('href'))).map((a) => a.getAttribute('href')),
                    scripts: document.scripts.length,
                    text: document.body.innerText,
                })"""
            )
        finally:
            browser.close()
    return seen


@pytest.mark.skipif(not CHROMIUM.exists(), reason="headless browser test: /usr/bin/chromium is not installed")
def test_the_page_runs_no_injected_script_in_a_browser(hostile_run: Any) -> None:
    out, graph, _, _, _ = hostile_run
    seen = _browse(out / "graph.html")
    assert seen["dialogs"] == [] and seen["pwned"] == "undefined"
    assert seen["errors"] == [] and seen["requests"] == []
    dom = seen["dom"]
    assert dom["img"] == 0 and dom["handlers"] == [] and dom["jsLinks"] == []
    assert dom["scripts"] == 3  # vis-network, the data (JSON) and the view: nothing injected
    assert len(seen["panels"]) == len(graph["nodes"])
    shown = dom["text"] + "".join(seen["panels"])
    assert "<script>window.__pwned=1" in shown and not set(shown) & set(BIDI_CONTROLS)


def test_an_interrupted_write_leaves_the_old_output_whole(
    tmp_path: Path, samples: Path, sample_gazetteer: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    target = tmp_path / "graph.json"
    target.write_text('{"old": true}', encoding="utf-8")

    def interrupted_dump(data: Any, f: Any, **kwargs: Any) -> None:
        f.write('{"nodes": [')  # half a file, then Ctrl-C
        raise KeyboardInterrupt

    monkeypatch.setattr(export.json, "dump", interrupted_dump)
    args = ["build", str(samples), "--extractor", "gazetteer", "--gazetteer", str(sample_gazetteer), "-q"]
    assert main([*args, "--json", str(target)]) == 130
    assert "interrupted" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == '{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]  # no temporary file left behind


@contextlib.contextmanager
def _running(cmd: list[str], cwd: Path) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def test_ctrl_c_ends_a_run_cleanly_with_a_message(tmp_path: Path, sample_gazetteer: Path) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus / "0000.bin", "read first, and reported: the run is under way")
    for i in range(200):  # ~20 MB in all: a minute of work, interrupted at once (the test stays quick)
        _write(corpus / f"{i:04}.txt", (PROSE + "\n") * 500)
    (tmp_path / "graph.html").write_text("old page", encoding="utf-8")
    cmd = [sys.executable, "-m", "shabaka.cli", "build", str(corpus), "--extractor", "gazetteer",
           "--gazetteer", str(sample_gazetteer), "-q", "-o", "graph.html"]  # fmt: skip
    with _running(cmd, tmp_path) as proc:
        assert proc.stderr is not None
        assert "skipped" in proc.stderr.readline()  # reading is under way
        assert proc.poll() is None, "the run ended before it could be interrupted"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 130
        assert "shabaka: interrupted" in err and "Traceback" not in err
    assert (tmp_path / "graph.html").read_text(encoding="utf-8") == "old page"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "graph.html"]
