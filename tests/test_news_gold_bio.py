"""The news gold projected to BIO training sentences (``training/news_gold_bio.py``), its
``train_ner.py --news-gold`` flag, and another embedded model folder chosen by the settings."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))

import news_gold_bio  # noqa: E402
import train_ner  # noqa: E402

import shabaka  # noqa: E402
from shabaka.config import Settings  # noqa: E402
from shabaka.errors import SettingsError  # noqa: E402
from shabaka.extract.combine import make_extractors  # noqa: E402
from shabaka.extract.embedded import MODEL_DIR, EmbeddedModelMissing  # noqa: E402

# A made-up article (no real news text): a person with a short form, a ministry, a country with a
# proclitic, an optional name and a chrome name.
TEXT = (
    "استقبل الوزير سمير الحداد وفد وزارة الصحة في الرباط.\n\n"
    "وقال الحداد إن المغرب وتونس يعملان معا.\n\n"
    "وتحدث عن فيروس كورونا في المدينة.\n\n"
    "اقرأ أيضا: جريدة الأفق الجديد.\n"
)
RECORD = {
    "id": "900",
    "file": "900_made_up.txt",
    "url": "https://example.org/900",
    "outlet": "made up",
    "country": "Morocco",
    "topic": "politics",
    "split": "dev",
    "entities": [
        {"name": "سمير الحداد", "type": "PER", "forms": ["سمير الحداد", "الحداد"], "classes": []},
        {"name": "وزارة الصحة", "type": "ORG", "forms": ["وزارة الصحة"], "classes": ["state_body"]},
        {"name": "الرباط", "type": "LOC", "forms": ["الرباط"], "classes": []},
        {"name": "المغرب", "type": "LOC", "forms": ["المغرب"], "classes": []},
        {"name": "تونس", "type": "LOC", "forms": ["تونس"], "classes": []},
    ],
    "not_entities": ["الأفق الجديد"],
    "optional": ["فيروس كورونا", "كورونا"],
}


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / RECORD["file"]).write_text(TEXT, encoding="utf-8")
    closed = {**RECORD, "id": "901", "file": "901_closed.txt", "split": "test"}
    (tmp_path / closed["file"]).write_text("زار سمير الحداد الرباط.\n", encoding="utf-8")
    lines = [json.dumps(r, ensure_ascii=False) for r in (RECORD, closed)]
    (tmp_path / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_every_occurrence_is_tagged_longest_first_and_unknown_sentences_are_left_out(gold_dir: Path) -> None:
    sentences = news_gold_bio.news_gold_sentences(["dev"], gold_dir)
    tagged = [[(w, t) for w, t in zip(words, tags, strict=True) if t != "O"] for words, tags in sentences]
    assert tagged == [
        [("سمير", "B-PER"), ("الحداد", "I-PER"), ("وزارة", "B-ORG"), ("الصحة", "I-ORG"), ("الرباط", "B-LOC")],
        # the short form alone; the proclitic و stays inside the span, as the run time's spans keep it
        [("الحداد", "B-PER"), ("المغرب", "B-LOC"), ("وتونس", "B-LOC")],
    ]
    # the optional name's sentence and the chrome name's sentence are left out, not tagged O
    assert len(sentences) == 2
    assert sentences[0][0][-1] == "." and sentences[0][1][-1] == "O"


def test_closed_splits_are_refused(gold_dir: Path) -> None:
    with pytest.raises(SystemExit, match="open splits"):
        news_gold_bio.news_gold_sentences(["test"], gold_dir)
    with pytest.raises(SystemExit, match="open splits"):
        news_gold_bio.parse_splits("dev,test2")


def test_train_ner_adds_the_news_sentences_repeated(gold_dir: Path, tmp_path: Path, monkeypatch) -> None:
    """``--news-gold dev --news-gold-repeat 3``: the CRF is trained on ANERcorp plus three copies."""
    seen: dict[str, int] = {}

    def fake_train(xs, ys, path, *_):
        seen["sentences"] = len(xs)
        seen["tagged_per"] = sum(y.count("B-PER") for y in ys)
        shutil.copyfile(MODEL_DIR / "ner.crfsuite", path)

    data = tmp_path / "data"
    (data / "anercorp_camel").mkdir(parents=True)
    (data / "anercorp_camel" / "ANERCorp_CamelLab_train.txt").write_text(
        "زار O\nعلي B-PER\nبيروت B-LOC\n\n", encoding="utf-8"
    )
    (data / "gazetteers" / "arabic_names_akhateeb").mkdir(parents=True)
    (data / "gazetteers" / "arabic_names_akhateeb" / "LICENSE").write_text("MIT\n", encoding="utf-8")
    monkeypatch.setattr(train_ner, "train_crf", fake_train)
    monkeypatch.setattr(train_ner, "news_gold_sentences", lambda s: news_gold_bio.news_gold_sentences(s, gold_dir))
    out = tmp_path / "model"
    args = ["--data", str(data), "--out", str(out), "--no-gazetteer", "--no-clusters", "--neural-epochs", "0"]
    assert train_ner.main([*args, "--news-gold", "dev", "--news-gold-repeat", "3"]) == 0
    assert seen == {"sentences": 1 + 3 * 2, "tagged_per": 1 + 3 * 2}
    assert json.loads((out / "config.json").read_text())["news_gold"] == "dev"
    assert "real-news gold" in (out / "NOTICE.md").read_text(encoding="utf-8")  # the excerpts' outlets credited


def test_a_build_uses_the_model_folder_of_the_settings(tmp_path: Path, caplog) -> None:
    article = tmp_path / "a.txt"
    article.write_text("استقبل الوزير سمير الحداد وفد وزارة الصحة في الرباط.\n", encoding="utf-8")
    empty = tmp_path / "no_model"
    empty.mkdir()
    graph = shabaka.build_graph([article], model_dir=empty)  # the build reports the document and leaves it out
    assert (
        not graph.graph["documents"]
        and f"{EmbeddedModelMissing.__name__}: no embedded NER model in {empty}" in caplog.text
    )
    assert "a" in shabaka.build_graph([article], model_dir=MODEL_DIR).graph["documents"]
    embedded = make_extractors(Settings(model_dir=MODEL_DIR))[-1]
    assert embedded.name == "embedded" and embedded.model_dir == MODEL_DIR
    with pytest.raises(SettingsError, match="embedded extractor"):
        Settings(extractor="gazetteer", gazetteer="names.csv", model_dir=MODEL_DIR)
