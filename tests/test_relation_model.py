"""The relation pair classifier of ``training/`` (issue 14; not used by shabaka): its numpy scorer
gives the probabilities scikit-learn gives, and, trained on the open gold splits, it keeps a
relation the rules rightly find and removes one they wrongly find, on sentences written here."""

import itertools
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "training"), str(ROOT / "benchmarks")]

pytest.importorskip("sklearn")

import train_relations  # noqa: E402
from relation_model import RelationModelError, load_model, pair_features  # noqa: E402


def _record(rid: str, text: str, names: dict[str, tuple[str, str]]) -> dict:
    """A record in the gold files' format (no gold relation) naming ``names`` (text → entity, type)."""
    mentions = []
    for name, (entity, kind) in names.items():
        start = text.index(name)
        mentions.append({"start": start, "end": start + len(name), "text": name, "type": kind, "entity": entity})
    entities = [e for e, _ in names.values()]
    pairs = [{"a": a, "b": b, "relations": []} for a, b in itertools.combinations(entities, 2)]
    return {
        "id": rid,
        "split": "mine",
        "url": f"test:{rid}",
        "outlet": "test",
        "text": text,
        "mentions": mentions,
        "pairs": pairs,
    }


MEETING = _record(
    "m1",
    "استقبل الرئيس عبد المجيد تبون، اليوم بالجزائر، وزير الخارجية الفرنسي جان إيف لودريان.",
    {"عبد المجيد تبون": ("tebboune", "PER"), "الجزائر": ("algiers", "LOC"), "جان إيف لودريان": ("ledrian", "PER")},
)
#: The rules read "وأدان غوتيريش" as the UN criticizing Guterres: the armed men are unnamed.
ATTACK = _record(
    "m2",
    "هاجم مسلحون مقر الأمم المتحدة في مالي، وأدان غوتيريش الهجوم.",
    {"الأمم المتحدة": ("un", "ORG"), "مالي": ("mali", "LOC"), "غوتيريش": ("guterres", "PER")},
)


@pytest.fixture(scope="module")
def open_candidates():
    records = [r for split in train_relations.OPEN for r in train_relations.bench_relations.load(split)]
    return train_relations.candidates(records)


def test_features_carry_the_rules_and_the_trigger():
    m = [(x["start"], x["end"], x["entity"], x["type"]) for x in MEETING["mentions"]]
    feats = pair_features(MEETING["text"], m)
    assert "rule=meeting:fwd" in feats[("tebboune", "ledrian")]
    assert "trigger_before=meeting:verb" in feats[("tebboune", "ledrian")]
    assert "rule=none" in feats[("tebboune", "algiers")]
    assert "prefix_r=ب" in feats[("tebboune", "algiers")]  # بالجزائر: where, not who


def test_numpy_scorer_gives_the_probabilities_of_scikit_learn(open_candidates, tmp_path):
    drop = train_relations.FEATURE_SETS["all"]
    vec, clf = train_relations.fit(open_candidates, drop, 1.0)
    path = tmp_path / "model.json.gz"
    train_relations.write_model(vec, clf, 0.5, path)
    model = load_model(str(path))
    sample = open_candidates[::97]
    expected = train_relations.predict(vec, clf, sample, drop)
    assert any(max(p, key=p.get) != "none" for p in expected)  # relations among them, not only none
    for cand, probs in zip(sample, expected, strict=True):
        got = model.probabilities(cand["features"])
        assert set(got) == set(probs)
        for kind, p in probs.items():
            assert got[kind] == pytest.approx(p, abs=2e-3), (cand["id"], kind)


def test_a_malformed_model_file_says_what_to_do(tmp_path):
    path = tmp_path / "model.json.gz"
    path.write_bytes(b"not gzip")
    with pytest.raises(RelationModelError, match=r"rerun training/train_relations\.py"):
        load_model(str(path))


def test_the_filter_keeps_a_stated_meeting_and_removes_an_invented_criticism(open_candidates):
    drop = train_relations.FEATURE_SETS["no-context"]  # the filter's choice by cross-validation
    vec, clf = train_relations.fit(open_candidates, drop, 3.0)
    mine = [MEETING, ATTACK]
    cands = train_relations.candidates(mine)
    rules = train_relations.rule_items(mine)
    assert ("m1", ("tebboune", "ledrian"), "meeting", ("tebboune", "ledrian")) in rules
    assert ("m2", ("un", "guterres"), "criticism", ("un", "guterres")) in rules  # the rules' error
    kept = train_relations.variant_items("filtered", 0.2, cands, train_relations.predict(vec, clf, cands, drop), rules)
    assert kept == {("m1", ("tebboune", "ledrian"), "meeting", ("tebboune", "ledrian"))}
