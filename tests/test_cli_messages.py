"""What the command line says, and when: output paths checked before any work (and nothing
written when one is wrong), documents with little Arabic, a too-high ``--min-weight``,
``evaluate-ner`` on a file without tags, plurals, progress bars, Dask's logging."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import shabaka
from shabaka import build_graph
from shabaka.cli import main

ARABIC = "التقى كريم الفاسي مع سلمى بنجلون في الرباط لبحث مشروع جديد للمياه."
ENGLISH = "The minister met the delegation in Rabat on Monday to discuss a new water project."


def snapshot(folder: Path) -> dict[str, int]:
    """Every path under ``folder`` with its size (folders: -1)."""
    return {str(p.relative_to(folder)): -1 if p.is_dir() else p.lstat().st_size for p in folder.rglob("*")}


@pytest.fixture
def unwritable(tmp_path):
    """A folder in which no file can be created (for root too: /proc)."""
    if os.geteuid() == 0:
        yield Path("/proc")
        return
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    yield folder
    folder.chmod(0o700)


def build(tmp_path, *flags, source=None, gazetteer=None):
    """Run ``shabaka build`` on the sample articles (or ``source``) with the sample gazetteer; the exit status."""
    from shabaka.pipeline import sample_gazetteer

    source = source or Path(shabaka.__file__).parent / "data" / "samples"
    return main(
        ["build", str(source), "--extractor", "gazetteer", "--gazetteer", gazetteer or sample_gazetteer(), *flags]
    )


# -- output paths, checked before any work --------------------------------------------------


def test_an_unwritable_output_stops_before_any_work_and_nothing_is_written(tmp_path, capsys, unwritable, monkeypatch):
    import shabaka.pipeline

    def no_build(*args, **kwargs):
        raise AssertionError("the build must not start when an output cannot be written")

    monkeypatch.setattr(shabaka.pipeline, "build_graph", no_build)
    out = tmp_path / "out"
    before = snapshot(tmp_path)
    bad = unwritable / "g.json"
    code = build(tmp_path, "-o", str(out / "ok.html"), "--json", str(bad), "--report", str(out / "r.json"))
    assert code == 2
    err = capsys.readouterr().err
    assert f"--json {bad}: cannot create a file in {unwritable}" in err
    assert "choose a folder you can write to" in err and ".tmp" not in err
    assert snapshot(tmp_path) == before  # not even the folder of the good output was made


def test_a_folder_given_as_an_output_file(tmp_path, capsys):
    (tmp_path / "site").mkdir()
    before = snapshot(tmp_path)
    assert build(tmp_path, "-o", str(tmp_path / "site"), "--json", str(tmp_path / "g.json")) == 2
    assert f"-o {tmp_path / 'site'}: is a folder; give a file name (such as {tmp_path / 'site' / 'graph.html'})" in (
        capsys.readouterr().err
    )
    assert snapshot(tmp_path) == before


def test_a_file_given_as_the_csv_folder_and_a_file_in_the_way(tmp_path, capsys):
    (tmp_path / "taken").write_text("x")
    before = snapshot(tmp_path)
    assert build(tmp_path, "--csv", str(tmp_path / "taken")) == 2
    assert "--csv" in (err := capsys.readouterr().err) and "is a file, and --csv takes a folder" in err
    assert build(tmp_path, "--report", str(tmp_path / "taken" / "sub" / "r.json")) == 2
    assert f"{tmp_path / 'taken'} is a file, not a folder" in capsys.readouterr().err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "flags",
    [
        ["-o", "{d}/g.html", "--json", "{d}/x/../g.html"],  # a path with ..
        ["--json", "{d}/g.json", "--gexf", "{d}/link.gexf"],  # a symbolic link to the other
        ["--csv", "{d}/neo", "--graphml", "{d}/neo/edges.csv"],  # a file of the CSV folder
        ["--json", "g.json", "--report", "{d}/g.json"],  # relative and absolute
    ],
)
def test_two_outputs_on_the_same_file(tmp_path, capsys, monkeypatch, flags):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x").mkdir()
    (tmp_path / "link.gexf").symlink_to(tmp_path / "g.json")
    before = snapshot(tmp_path)
    assert build(tmp_path, *(f.format(d=tmp_path) for f in flags)) == 2
    err = capsys.readouterr().err
    written = os.path.realpath(flags[3].format(d=tmp_path))
    assert f"both write {written}; give each output its own path" in err
    assert f"{flags[0]} " in err and f"{flags[2]} " in err
    assert snapshot(tmp_path) == before


def test_an_output_may_not_overwrite_an_input(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(ARABIC, encoding="utf-8")
    assert build(tmp_path, "--json", str(article), source=article) == 2
    assert f"--json {article} is the input file {article}" in capsys.readouterr().err
    assert article.read_text(encoding="utf-8") == ARABIC


def test_tag_and_evaluate_ner_check_their_outputs_first(tmp_path, capsys):
    gold = tmp_path / "gold.conll"
    gold.write_text("الرباط B-LOC\nمدينة O\n", encoding="utf-8")
    before = snapshot(tmp_path)
    assert main(["tag", str(gold), "-o", str(tmp_path)]) == 2
    assert f"-o {tmp_path}: is a folder; give a file name (such as {tmp_path / 'tagged.conll'})" in (
        capsys.readouterr().err
    )
    assert main(["evaluate-ner", str(gold), "--json", str(gold)]) == 2
    assert "is the input file" in capsys.readouterr().err
    assert snapshot(tmp_path) == before


def test_a_missing_folder_is_made_and_every_file_written_is_listed(tmp_path, capsys):
    out = tmp_path / "new" / "deeper"
    flags = ["-o", str(out / "g.html"), "--csv", str(out / "neo"), "--report", str(out / "r.json")]
    assert build(tmp_path, *flags) == 0
    stdout = capsys.readouterr().out.splitlines()
    written = [line.removeprefix("wrote ") for line in stdout if line.startswith("wrote ")]
    expected = [
        out / "r.json",
        out / "g.html",
        *(out / "neo" / name for name in ("nodes.csv", "edges.csv", "relations.csv")),
    ]
    assert written == [str(p) for p in expected]
    assert all(p.is_file() for p in expected)
    assert {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()} == {
        str(p.relative_to(tmp_path)) for p in expected
    }


# -- warnings ---------------------------------------------------------------------------------


@pytest.fixture
def mixed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "arabic.txt").write_text(ARABIC, encoding="utf-8")
    (folder / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "mostly-latin", "text": f"{ENGLISH} الرباط"}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_documents_with_little_arabic_are_reported_and_left_out(mixed, tmp_path, capsys, engine):
    report = tmp_path / "report.json"
    flags = ["--json", str(tmp_path / "g.json"), "--report", str(report), "--engine", engine]
    if engine == "dask":
        pytest.importorskip("dask")
        flags += ["--scheduler", "synchronous"]
    assert build(tmp_path, *flags, source=mixed) == 0
    out, err = capsys.readouterr()
    assert f"skipped {mixed / 'english.txt'}: little Arabic text (0% of its letters, less than 30%)" in err
    assert f"skipped {mixed / 'feed.jsonl'} mostly-latin: little Arabic text" in err
    assert out.startswith("1 document, 1 sentence, ")
    assert "2 documents left out for little Arabic text (--allow-non-arabic keeps them)" in out
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"]["non_arabic_skipped"] == 2 and data["summary"]["documents"] == 3
    assert data["summary"]["files_skipped"] == 0
    assert {s["path"] for s in data["skipped"]} == {str(mixed / "english.txt"), f"{mixed / 'feed.jsonl'} mostly-latin"}
    graph = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert set(graph["graph"]["documents"]) == {"arabic"}


def test_allow_non_arabic_keeps_them(mixed, tmp_path, capsys):
    assert build(tmp_path, "--json", str(tmp_path / "g.json"), "--allow-non-arabic", source=mixed) == 0
    out, err = capsys.readouterr()
    assert out.startswith("3 documents, ") and "little Arabic" not in out + err
    G = build_graph(mixed, allow_non_arabic=True, extractor="gazetteer", gazetteer=str(_gazetteer()))
    assert set(G.graph["documents"]) == {"arabic", "english", "mostly-latin"}
    assert "mostly-latin" in G.nodes["الرباط"]["documents"]


def _gazetteer():
    from shabaka.pipeline import sample_gazetteer

    return sample_gazetteer()


def test_a_min_weight_above_the_strongest_link_names_its_weight(tmp_path, capsys, samples):
    strongest = max(
        w for _, _, w in build_graph(samples, extractor="gazetteer", gazetteer=_gazetteer()).edges(data="weight")
    )
    assert build(tmp_path, "--json", str(tmp_path / "g.json"), "--min-weight", "100000") == 0
    out, err = capsys.readouterr()
    assert f"--min-weight) 100000 is above the weight of the strongest link, {strongest}" in err
    assert f"use {strongest} or less" in err and ", 0 edges" in out
    assert build(tmp_path, "--json", str(tmp_path / "g.json"), "--min-weight", str(strongest)) == 0
    out, err = capsys.readouterr()
    assert "strongest link" not in err and ", 0 edges" not in out


def test_evaluate_ner_refuses_a_file_without_tags(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text(f"{ARABIC}\n\nزار الوزير مدينة فاس يوم الخميس.\n", encoding="utf-8")
    before = snapshot(tmp_path)
    assert main(["evaluate-ner", str(article), "--extractor", "gazetteer", "--gazetteer", _gazetteer(),
                 "--json", str(tmp_path / "scores.json")]) == 2  # fmt: skip
    err = capsys.readouterr().err
    assert f"{article}: 2 of 2 lines have no tag in column 1 (the first: line 1, 'كريم')" in err
    assert "expected one token per line with its tag" in err and "O, B-TYPE or I-TYPE" in err
    assert snapshot(tmp_path) == before
    three = tmp_path / "three.conll"  # token, part of speech, tag: the tags are in column 2
    three.write_text("الرباط noun B-LOC\nمدينة noun O\n", encoding="utf-8")
    assert main(["evaluate-ner", str(three), "--extractor", "gazetteer", "--gazetteer", _gazetteer()]) == 2
    assert "the tags seem to be in another column: say which with --column" in capsys.readouterr().err
    assert (
        main(["evaluate-ner", str(three), "--column", "2", "--extractor", "gazetteer", "--gazetteer", _gazetteer()])
        == 0
    )


def test_tag_and_evaluate_ner_name_the_line_and_byte_that_are_not_utf8(tmp_path, capsys):
    conll = tmp_path / "cp1256.conll"
    head = "\ufeffزار O\n".encode()  # a BOM, then one good line (the BOM is no part of the text)
    conll.write_bytes(head + "الرباط B-LOC\n\nقال O\n".encode("cp1256"))
    for command in (["tag", str(conll), "-o", str(tmp_path / "tagged.conll")], ["evaluate-ner", str(conll)]):
        before = snapshot(tmp_path)
        assert main([*command, "--extractor", "gazetteer", "--gazetteer", _gazetteer()]) == 2
        err = capsys.readouterr().err
        assert f"shabaka: error: {conll}: line 2 (byte {len(head)}) is not UTF-8 text" in err, err
        assert "save the file as UTF-8" in err and "iconv -f WINDOWS-1256" in err
        assert "bug in shabaka" not in err and "Traceback" not in err
        assert snapshot(tmp_path) == before  # no tagged file, not even a temporary one
    utf8 = tmp_path / "utf8.conll"
    utf8.write_bytes(head + "الرباط B-LOC\n".encode())
    assert main(["tag", str(utf8), "--extractor", "gazetteer", "--gazetteer", _gazetteer()]) == 0
    assert capsys.readouterr().out.splitlines() == ["زار O O", "الرباط B-LOC B-LOC"]


def test_tag_reads_a_text_stream_put_in_place_of_standard_input(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("الرباط B-LOC\n"))  # as a notebook may have it: no bytes
    assert main(["tag", "-", "--extractor", "gazetteer", "--gazetteer", _gazetteer()]) == 0
    assert capsys.readouterr().out.splitlines() == ["الرباط B-LOC B-LOC"]


MENU = "الرئيسية | أخبار | رياضة | اتصل بنا"


def _pages(folder: Path, n: int) -> list[Path]:
    """``n`` articles under a menu line, which the cleaner removes."""
    folder.mkdir()
    pages = [folder / f"page{i}.txt" for i in range(n)]
    for page in pages:
        page.write_text(f"{MENU}\n{ARABIC}\n", encoding="utf-8")
    return pages


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_keep_boilerplate_lists_the_removed_files_it_wrote(tmp_path, capsys, engine):
    flags = ["--json", str(tmp_path / "g.json"), "--keep-boilerplate", "--report", str(tmp_path / "r.json")]
    if engine == "dask":
        pytest.importorskip("dask")
        flags += ["--engine", "dask", "--scheduler", "synchronous"]
    pages = _pages(tmp_path / "in", 2)
    assert build(tmp_path, *flags, source=pages[0].parent) == 0
    wrote = [line for line in capsys.readouterr().out.splitlines() if line.startswith("wrote ")]
    removed = [f"{page}.removed" for page in pages]
    assert wrote == [f"wrote {tmp_path / 'r.json'}", f"wrote {tmp_path / 'g.json'}", *(f"wrote {p}" for p in removed)]
    assert all(MENU in Path(p).read_text(encoding="utf-8") for p in removed)
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["removed_files"] == removed


def test_many_removed_files_are_counted_on_one_line(tmp_path, capsys):
    from shabaka.cli import MAX_LISTED_REMOVED

    n = MAX_LISTED_REMOVED + 1
    pages = _pages(tmp_path / "in", n)
    assert build(tmp_path, "--json", str(tmp_path / "g.json"), "--keep-boilerplate", source=tmp_path / "in") == 0
    out = capsys.readouterr().out
    assert f"wrote {n} .removed files (what cleaning removed) next to their input files, under {tmp_path / 'in'}" in out
    assert ".removed\n" not in out and all(Path(f"{page}.removed").is_file() for page in pages)


def test_a_removed_file_that_cannot_be_written_is_a_warning_naming_it(tmp_path, capsys):
    (page,) = _pages(tmp_path / "in", 1)
    in_the_way = Path(f"{page}.removed")
    in_the_way.mkdir()  # a folder where the .removed file goes (for root too, unlike permissions)
    assert build(tmp_path, "--json", str(tmp_path / "g.json"), "--keep-boilerplate", source=page.parent) == 0
    out, err = capsys.readouterr()
    assert f"WARNING: {page}: --keep-boilerplate: {in_the_way}: cannot be written" in err, err
    assert "the document was read all the same" in err and "skipped" not in out + err
    assert out.startswith("1 document, ") and f"wrote {in_the_way}" not in out
    assert in_the_way.is_dir() and not any(in_the_way.iterdir())
    assert set(json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))["graph"]["documents"]) == {"page0"}


def test_plurals_in_the_summary(tmp_path, capsys):
    one = tmp_path / "one.txt"
    one.write_text("زار كريم الفاسي الرباط.", encoding="utf-8")
    assert build(tmp_path, "--json", str(tmp_path / "g.json"), source=one) == 0
    assert capsys.readouterr().out.splitlines()[0] == "1 document, 1 sentence, 2 entities (PER 1, LOC 1), 1 edge"


# -- progress and logging --------------------------------------------------------------------


def test_progress_bars_per_phase_only_when_asked_for_off_a_terminal(tmp_path, capsys):
    assert build(tmp_path, "--json", str(tmp_path / "g.json")) == 0
    assert "extract" not in capsys.readouterr().err  # stderr is not a terminal here
    assert build(tmp_path, "--json", str(tmp_path / "g.json"), "--csv", str(tmp_path / "neo"), "--progress") == 0
    bars = capsys.readouterr().err.replace("\r", "\n")
    assert "read   : 100%" in bars and "5/5 [" in bars  # files counted first: a total, a rate, time left
    assert "extract: 5doc" in bars and "resolve: " in bars and "count  : 100%" in bars
    assert "write  : 100%" in bars and "4/4 [" in bars  # JSON and 3 CSV files (no -o: other outputs were asked for)


def _run_cli(tmp_path, *args):
    env = {**os.environ, "PYTHONPATH": str(Path(shabaka.__file__).parents[1])}
    return subprocess.run(
        [sys.executable, "-m", "shabaka.cli", *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300
    )


def test_a_small_dask_build_prints_no_dask_info_lines(tmp_path):
    pytest.importorskip("distributed")
    places = ["الرباط", "فاس", "مراكش", "طنجة", "أكادير"]
    for i, place in enumerate(places):  # five different articles (identical ones would be folded)
        (tmp_path / f"d{i}.txt").write_text(f"زار كريم الفاسي مدينة {place} يوم {i + 1} مارس.", encoding="utf-8")
    quiet = _run_cli(tmp_path, "build", ".", "--engine", "dask", "--json", "g.json")
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout.startswith("5 documents, ")
    assert "INFO" not in quiet.stderr  # (a loaded machine may still get Dask's warnings: a slow event loop)
    verbose = _run_cli(tmp_path, "build", ".", "--engine", "dask", "--json", "g.json", "-v")
    assert verbose.returncode == 0 and "INFO: " in verbose.stderr  # what was silenced is there with -v


def test_readme_documents_every_flag_of_build():
    from shabaka.cli import make_parser

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    parser = make_parser()
    build_parser = next(a for a in parser._subparsers._group_actions if a.dest == "command").choices["build"]
    actions = [a.option_strings for a in build_parser._actions if a.option_strings and a.dest != "help"]
    assert ["--allow-non-arabic"] in actions and ["--progress"] in actions
    missing = [names for names in actions if not any(f"`{name}" in readme for name in names)]
    assert not missing, f"flags not in README.md: {missing}"


def test_no_known_names_says_which_extractors_it_turns_off():
    from shabaka.cli import make_parser
    from shabaka.config import Settings
    from shabaka.extract.combine import extractor_names

    off = set(extractor_names(Settings(extractor="embedded"))) - set(
        extractor_names(Settings(extractor="embedded", known_names=False))
    )
    assert off == {"known-names", "name-patterns"}
    build_parser = next(a for a in make_parser()._subparsers._group_actions if a.dest == "command").choices["build"]
    (flag,) = (a for a in build_parser._actions if "--no-known-names" in a.option_strings)
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `--no-known-names`"))
    for name in off:
        assert name in flag.help, name
        assert f"`{name}`" in row, name
