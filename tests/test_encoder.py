"""The GPU distillation chain of ``training/encoder.py`` on a tiny synthetic corpus, on CPU, in seconds.

The chain's tests are skipped where the ``[train]`` extra (torch, tokenizers) is not installed, as
in CI; the reader of silver files and the helpers need neither.
"""

from __future__ import annotations

import json
import lzma
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))

import encoder  # noqa: E402
import silver  # noqa: E402
import train_ner  # noqa: E402

from shabaka.text import token_texts  # noqa: E402

# Invented sentences (no corpus text): a person after a title, a place after في, an organization
# after وزارة / شركة, and filler words.
PERSONS = ["محمد", "علي", "سمير", "كريم", "يوسف", "خالد"]
PLACES = ["القاهرة", "الرباط", "تونس", "بيروت", "عمان", "دمشق"]
ORGS = ["الصحة", "النفط", "التعليم", "المالية"]
FILLER = ["اليوم", "ان", "الوضع", "جيد", "جدا", "بعد", "الاجتماع", "مع", "الوفد", "الجديد"]


def sentence(rng: random.Random) -> list[tuple[str, str]]:
    return [
        ("قال", "O"), ("الرئيس", "O"), (rng.choice(PERSONS), "B-PER"), ("في", "O"), (rng.choice(PLACES), "B-LOC"),
        *((w, "O") for w in rng.sample(FILLER, 3)), ("وزارة", "B-ORG"), (rng.choice(ORGS), "I-ORG"), (".", "O"),
    ]  # fmt: skip


def conll(sentences: list[list[tuple[str, str]]]) -> str:
    return "".join("".join(f"{w} {t}\n" for w, t in s) + "\n" for s in sentences)


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    """Synthetic data, packed, then every phase with a tiny model; returns (data, work)."""
    pytest.importorskip("torch")
    pytest.importorskip("tokenizers")
    rng = random.Random(7)
    src = tmp_path_factory.mktemp("data")
    (src / "anercorp_camel").mkdir()
    (src / "anercorp_camel" / "ANERCorp_CamelLab_train.txt").write_text(
        conll([sentence(rng) for _ in range(300)]), encoding="utf-8"
    )
    (src / "anercorp_camel" / "ANERCorp_CamelLab_test.txt").write_text(
        conll([sentence(rng) for _ in range(40)]), encoding="utf-8"
    )
    (src / "caraner").mkdir()
    with lzma.open(src / "caraner" / "caraner.conll.xz", "wt", encoding="utf-8") as fh:
        fh.write("# sent_id = 1\n" + conll([sentence(rng) for _ in range(20)]))
    (src / "news_text" / "demo").mkdir(parents=True)
    with lzma.open(src / "news_text" / "demo" / "demo.txt.xz", "wt", encoding="utf-8") as fh:
        for doc in range(60):
            fh.write(f"عنوان {doc}\n")
            for _ in range(5):
                fh.write(" ".join(w for w, _ in sentence(rng)) + " " + " ".join(rng.sample(FILLER, 4)) + ".\n")
            fh.write("\n")
    data = tmp_path_factory.mktemp("packed")
    work = tmp_path_factory.mktemp("work")
    common = ["--data", str(data), "--work", str(work), "--threads", "1"]
    encoder.main(["pack", "--data", str(src), "--out", str(data), "--max-tokens", "2000"])
    encoder.main(["tokenize", *common, "--vocab", "300", "--sample-tokens", "5000"])
    model = ["--dim", "32", "--layers", "1", "--heads", "2", "--seq-len", "32", "--batch", "16"]
    encoder.main(["pretrain", *common, *model, "--steps", "30", "--log-every", "10"])
    encoder.main(["finetune", *common, "--epochs", "3", "--batch", "8", "--lr", "3e-3"])
    encoder.main(["label", *common, "--sentences", "12", "--chunk", "8", "--min-confidence", "0"])
    return data, work


def test_pack_stops_at_max_tokens_and_keeps_the_gold_files(chain):
    data, _ = chain
    with lzma.open(data / "news_text" / "packed" / "packed.txt.xz", "rt", encoding="utf-8") as fh:
        tokens = sum(len(line.split()) for line in fh)
    assert 2000 <= tokens < 2000 + 40  # the line that reaches the limit is the last
    assert (data / "anercorp_camel" / "ANERCorp_CamelLab_test.txt").exists()
    assert (data / "caraner" / "caraner.conll.xz").exists()


def test_finetuned_model_learns_the_synthetic_names(chain):
    _, work = chain
    scores = json.loads((work / "scores.json").read_text(encoding="utf-8"))
    assert scores["dev"]["micro"]["f"] > 0.8
    assert scores["anercorp_test"]["micro"]["f"] > 0.8
    assert set(scores["caraner"]) == {"typed", "span_only"}
    assert scores["caraner"]["typed"]["micro"]["support"] == 60  # PER, LOC, ORG of 20 sentences


def test_silver_sentences_are_the_news_tokens_tagged(chain):
    data, work = chain
    silver_sents = train_ner.silver_sentences(work / "silver.conll.xz")
    assert len(silver_sents) == 12
    with lzma.open(data / "news_text" / "packed" / "packed.txt.xz", "rt", encoding="utf-8") as fh:
        first = next(s for line in fh for s in silver.pieces(" ".join(token_texts(line))) if len(s) >= 5)
    tokens, tags = silver_sents[0]
    assert tokens == first
    assert tags[tokens.index("وزارة")] == "B-ORG"
    assert len(train_ner.silver_sentences(work / "silver.conll.xz", 5)) == 5


def test_label_rerun_goes_on_after_the_sentences_read(chain):
    data, work = chain
    before = train_ner.silver_sentences(work / "silver.conll.xz")
    read = int((work / "silver.read").read_text())
    encoder.main(["label", "--data", str(data), "--work", str(work), "--threads", "1", "--sentences", "20",
                  "--chunk", "8", "--min-confidence", "0"])  # fmt: skip
    after = train_ner.silver_sentences(work / "silver.conll.xz")
    assert len(after) == 20 and after[:12] == before
    assert int((work / "silver.read").read_text()) == read + 8


def test_windows_cut_long_sentences_by_whole_words():
    pieces = [[1], [2, 3], [4], [5, 6, 7], [8]]
    assert encoder.windows(pieces, 4) == [(0, 3), (3, 5)]
    assert encoder.windows([[1, 2, 3, 4, 5]], 2) == [(0, 1)]  # one word longer than a window stays whole


def test_learning_rate_warms_up_then_decays_to_zero():
    assert encoder.lr_at(0.0, 1.0) == 0.0
    assert encoder.lr_at(0.06, 1.0) == pytest.approx(1.0)
    assert encoder.lr_at(0.53, 1.0) == pytest.approx(0.5)
    assert encoder.lr_at(1.0, 1.0) == 0.0


def test_silver_reader_reads_all_streams_and_stops_at_the_limit(tmp_path):
    path = tmp_path / "silver.conll.xz"
    for chunk in (conll([[("زار", "O"), ("الرباط", "B-LOC")]] * 2), conll([[("سمير", "B-PER"), ("قال", "O")]])):
        with lzma.open(path, "at", encoding="utf-8") as fh:  # one xz stream per chunk, as encoder.py writes
            fh.write(chunk)
    assert [tags for _, tags in train_ner.silver_sentences(path)] == [["O", "B-LOC"]] * 2 + [["B-PER", "O"]]
    assert len(train_ner.silver_sentences(path, 2)) == 2
    plain = tmp_path / "silver.conll"
    plain.write_text(conll([[("سمير", "B-PER")]]), encoding="utf-8")
    assert train_ner.silver_sentences(plain) == [(["سمير"], ["B-PER"])]
