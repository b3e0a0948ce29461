"""The dask engine builds the local engine's graph: same nodes, edges, weights and attributes."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import networkx as nx
import pytest

from shabaka import Settings, build_graph
from shabaka.cli import main, make_parser
from shabaka.config import ENGINES
from shabaka.extract.embedded import MODEL_DIR
from shabaka.ingest import IngestReport
from shabaka.model import Document

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent


def _synth():
    spec = importlib.util.spec_from_file_location("synth", ROOT / "benchmarks" / "synth.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def assert_same(a: nx.Graph, b: nx.Graph) -> None:
    """Equal graphs, down to attribute values and the order nodes, edges and documents come in."""
    assert a.graph == b.graph
    assert list(a.graph["documents"]) == list(b.graph["documents"])
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(data=True)) == list(b.edges(data=True))


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c.scheduler_address


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """300 synthetic articles in 12 files, plus a copy of one file (its ids repeat in another
    partition), two ``.txt`` files with the same name in two folders and a file ingest skips."""
    folder = tmp_path_factory.mktemp("synth")
    files, gazetteer = _synth().write_corpus(folder, 300, seed=3, per_file=25)
    corpus = folder / "corpus"
    (corpus / "z").mkdir()
    shutil.copy(files[0], corpus / "z" / "again.jsonl")
    for sub in ("a", "b"):
        (corpus / sub).mkdir()
        (corpus / sub / "same.txt").write_text("زار كريم الفاسي الرباط.\n\nثم عاد إلى فاس.", encoding="utf-8")
    (corpus / "broken.bin").write_bytes(b"\x00\x01")
    return corpus, gazetteer


def _both(source, scheduler, **options):
    local_report, dask_report = IngestReport(), IngestReport()
    local = build_graph(source, report=local_report, **options)
    dask = build_graph(source, report=dask_report, engine="dask", scheduler=scheduler, **options)
    return local, dask, local_report, dask_report


def test_sample_corpus_same_graph_synchronous(samples, sample_gazetteer):
    local, dask, *_ = _both(samples, "synchronous", extractor="gazetteer", gazetteer=sample_gazetteer)
    assert local.number_of_edges() > 50
    assert_same(local, dask)


def test_sample_corpus_same_graph_on_two_workers(samples, sample_gazetteer, cluster):
    local, dask, *_ = _both(samples, cluster, extractor="gazetteer", gazetteer=sample_gazetteer)
    assert_same(local, dask)


@pytest.mark.parametrize("where", ["synchronous", "cluster"])
def test_synthetic_corpus_same_graph_and_report(synthetic, where, request):
    corpus, gazetteer = synthetic
    scheduler = request.getfixturevalue("cluster") if where == "cluster" else where
    local, dask, local_report, dask_report = _both(corpus, scheduler, extractor="gazetteer", gazetteer=gazetteer)
    assert_same(local, dask)
    assert dask_report == local_report
    assert [s.path for s in dask_report.skipped] == [str(corpus / "broken.bin")]
    ids = set(dask.graph["documents"]) | set(dask.graph["duplicates"])
    assert {"synth-0000000~2", "synth-0000024~2", "same", "same~2"} <= ids
    # the copies are folded into the first, under their corpus-wide ids (shabaka.dedup)
    assert dask.graph["duplicates"]["synth-0000000~2"] == "synth-0000000"
    assert dask.graph["duplicates"]["same~2"] == "same" and "same~2" not in dask.graph["documents"]
    assert len(ids) == 327


@pytest.mark.parametrize("window", ["paragraph", "document"])
def test_other_settings_same_graph(synthetic, samples, sample_gazetteer, window):
    corpus, gazetteer = synthetic if window == "paragraph" else (samples, sample_gazetteer)
    options = {"extractor": "gazetteer", "gazetteer": gazetteer, "evidence_cap": 2, "min_weight": 2}
    local, dask, *_ = _both(corpus, "synchronous", window=window, **options)
    assert_same(local, dask)


def test_document_objects_same_graph(sample_gazetteer):
    texts = ["زار كريم الفاسي الرباط والتقى هند العلوي.", "وصلت هند العلوي إلى تونس.", "غادر الفاسي بالرباط."]
    docs = [Document(f"d{i % 2}", t, title=f"t{i}") for i, t in enumerate(texts * 3)]  # repeated ids too
    local, dask, local_report, dask_report = _both(
        docs, "synchronous", extractor="gazetteer", gazetteer=sample_gazetteer
    )
    assert_same(local, dask)
    assert dask_report == local_report


def test_empty_input_gives_the_same_empty_graph(tmp_path, sample_gazetteer):
    local, dask, *_ = _both([tmp_path], "synchronous", extractor="gazetteer", gazetteer=sample_gazetteer)
    assert dask.number_of_nodes() == 0
    assert_same(local, dask)


def test_cli_dask_writes_the_local_json(samples, sample_gazetteer, tmp_path, capsys):
    common = ["build", str(samples), "--extractor", "gazetteer", "--gazetteer", str(sample_gazetteer), "-q"]
    assert main([*common, "--json", str(tmp_path / "local.json")]) == 0
    assert main([*common, "--engine", "dask", "--scheduler", "synchronous", "--json", str(tmp_path / "dask.json")]) == 0
    assert (tmp_path / "local.json").read_bytes() == (tmp_path / "dask.json").read_bytes()
    assert main([*common, "--scheduler", "synchronous", "--json", str(tmp_path / "x.json")]) == 2
    assert "only used with the dask engine" in capsys.readouterr().err


def test_engine_settings_are_checked():
    for engine in ENGINES:
        assert make_parser().parse_args(["build", "x", "--engine", engine]).engine == engine
    with pytest.raises(ValueError, match="engine must be one of local, dask"):
        Settings(engine="spark")
    with pytest.raises(ValueError, match="only used with the dask engine"):
        Settings(scheduler="synchronous")
    with pytest.raises(ValueError, match="not an empty string"):
        Settings(engine="dask", scheduler=" ")


@pytest.mark.skipif(not (MODEL_DIR / "ner.crfsuite").exists(), reason="the embedded model is not trained yet")
def test_embedded_model_same_graph(samples):
    local, dask, *_ = _both(samples, "synchronous")
    assert_same(local, dask)
