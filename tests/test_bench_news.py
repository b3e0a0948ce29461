"""The real-news scorer (``benchmarks/bench_news.py``) on a made-up graph and gold."""

import importlib.util
import sys
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench_news():
    spec = importlib.util.spec_from_file_location("bench_news", ROOT / "benchmarks" / "bench_news.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_news"] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def _article(bench_news, entities):
    return bench_news.Article(
        id="a1", path=Path("a1.txt"), split="dev", entities=entities, chrome=set(), optional=set()
    )


def test_two_nodes_of_one_entity_find_it_once(bench_news):
    article = _article(
        bench_news,
        [
            {"name": "ناصر بوريطة", "type": "PER", "forms": ["ناصر بوريطة", "بوريطة"]},
            {"name": "الرباط", "type": "LOC", "forms": ["الرباط"]},
        ],
    )
    graph = nx.Graph()
    graph.add_node("n1", label="ناصر بوريطة", type="PER", documents=["a1"])
    graph.add_node("n2", label="بوريطة", type="PER", documents=["a1"])  # a split: the same person again
    graph.add_node("n3", label="سلا", type="LOC", documents=["a1"])  # a false positive
    result = bench_news.score(graph, [article])
    assert result["node"]["precision"] == pytest.approx(2 / 3)  # two right nodes of three
    assert result["node"]["recall"] == pytest.approx(1 / 2)  # one of two gold entities found, not 2 / 2
    assert result["splits"] == 1
    assert result["false_negatives"] == 1
