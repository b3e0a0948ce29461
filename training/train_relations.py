"""Train the relation pair classifier (:mod:`shabaka.relation_model`) and compare it with the rules.

    PYTHONPATH=src python training/train_relations.py --nested     # cross-validation tables (about 4 minutes)
    PYTHONPATH=src python training/train_relations.py --out m.json.gz   # ... and write the best filtered model
    PYTHONPATH=src python training/train_relations.py --held-out   # ... and each variant once on fresh3, fresh4

Data: the open gold splits of ``benchmarks/data`` (dev, test, fresh, fresh2); never the held-out
ones (fresh3, fresh4), which ``--held-out`` scores by their totals only. Candidates are every pair
of entities of a sentence; the label is ``none`` or ``type:direction`` of each event relation the
gold gives the pair (roles stay with the rules). Cross-validation is grouped by page (the URL):
one article's sentences never sit on both sides of a fold.

Variants compared on the event relations, strict scores (type and direction), at the threshold
that gives the most recall with precision at least ``--min-precision`` on the pooled
out-of-fold predictions:

* ``rules``: :func:`shabaka.relations.find_relations` alone;
* ``classifier``: the classifier alone (a pair's likeliest class that is no ``none``, when its
  probability reaches the threshold);
* ``filtered``: the rules' relations whose type the classifier gives at least the threshold;
* ``union``: the rules' relations and the classifier's confident ones.

Feature sets (:data:`FEATURE_SETS`, ablations of :data:`GROUPS`) and the inverse regularization
``C`` are chosen the same way. That choice is optimistic (the threshold is picked on the
predictions it is scored on), so ``--nested`` also scores each variant by nested cross-validation:
feature set, ``C`` and threshold chosen inside each outer fold. ``README.md`` ("Relations and
time") has the figures and says why shabaka does not use the classifier.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "training"))

import bench_relations  # noqa: E402
from relation_model import direction_tag, pair_features  # noqa: E402

from shabaka.relations import find_relations  # noqa: E402

OPEN = ("dev", "test", "fresh", "fresh2")
HELD_OUT = ("fresh3", "fresh4")
#: Feature groups by prefix, for the ablations.
GROUPS = {
    "rule": ("rule=", "rule_trigger="),
    "trigger": ("trigger_",),
    "between": ("between",),
    "context": ("prev_", "next_", "prefix_"),
}
FEATURE_SETS = {
    "all": (),
    "no-rule": ("rule",),
    "no-between": ("between",),
    "no-context": ("context",),
}
C_VALUES = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.2, 0.96, 0.05))


def candidates(records: list[dict]) -> list[dict]:
    """One dict per entity pair: record id, url, pair, features, gold labels, rules' items."""
    out = []
    for r in records:
        mentions = [(m["start"], m["end"], m["entity"], m["type"]) for m in r["mentions"]]
        rules = find_relations(r["text"], mentions)
        feats = pair_features(r["text"], mentions, rules)
        gold = {frozenset((p["a"], p["b"])): p["relations"] for p in r["pairs"]}
        for (a, b), f in feats.items():
            labels = [
                f"{rel['type']}:{direction_tag(rel['source'], a)}"
                for rel in gold[frozenset((a, b))]
                if rel["type"] != "role"
            ]
            out.append({"id": r["id"], "url": r["url"], "pair": (a, b), "features": f, "labels": labels or ["none"]})
    return out


def _item(c: dict, label: str) -> tuple:
    a, b = c["pair"]
    kind, tag = label.split(":")
    direction = None if tag == "sym" else (a, b) if tag == "fwd" else (b, a)
    return (c["id"], (a, b), kind, direction)


def rule_items(records: list[dict]) -> set:
    return {x for r in records for x in bench_relations.predicted_items(r) if x[2] != "role"}


def gold_event_items(records: list[dict]) -> set:
    return {x for r in records for x in bench_relations.gold_items(r) if x[2] != "role"}


def _mask(features: list[str], drop: tuple[str, ...]) -> list[str]:
    prefixes = tuple(p for g in drop for p in GROUPS[g])
    return [f for f in features if not f.startswith(prefixes)]


def fit(cands: list[dict], drop: tuple[str, ...], c_value: float, min_count: int = 2):
    """A fitted (vectorizer, logistic regression) on the candidates (one row per gold label)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for c in cands for f in set(_mask(c["features"], drop)))
    rows, y = [], []
    for c in cands:
        feats = {f: 1 for f in _mask(c["features"], drop) if counts[f] >= min_count}
        for label in c["labels"]:
            rows.append(feats)
            y.append(label)
    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    clf = LogisticRegression(C=c_value, max_iter=3000)
    clf.fit(x, y)
    return vec, clf


def predict(vec, clf, cands: list[dict], drop: tuple[str, ...]) -> list[dict[str, float]]:
    x = vec.transform([{f: 1 for f in _mask(c["features"], drop)} for c in cands])
    return [dict(zip(clf.classes_, p, strict=True)) for p in clf.predict_proba(x)]


def variant_items(variant: str, t: float, cands: list[dict], probs: list[dict], rules: set) -> set:
    """The event items a variant predicts at threshold ``t``."""
    by_pair = {(c["id"], frozenset(c["pair"])): p for c, p in zip(cands, probs, strict=True)}
    if variant == "rules":
        return set(rules)
    if variant == "filtered":
        return {
            x
            for x in rules
            if sum(v for k, v in by_pair.get((x[0], frozenset(x[1])), {}).items() if k.split(":")[0] == x[2]) >= t
        }
    confident = {_item(c, k) for c, p in zip(cands, probs, strict=True) for k, v in p.items() if k != "none" and v >= t}
    return confident if variant == "classifier" else rules | confident


def prf(pred: set, gold: set) -> tuple[float, float, int, int, int]:
    right = len(pred & gold)
    return (right / len(pred) if pred else 0.0, right / len(gold) if gold else 0.0, len(gold), len(pred), right)


def best_threshold(variant, cands, probs, rules, gold, min_p) -> tuple[float, tuple]:
    """The threshold with the most recall at precision ≥ ``min_p`` (ties: more precision), or
    the most precise one when none reaches it."""
    scored = [(t, prf(variant_items(variant, t, cands, probs, rules), gold)) for t in THRESHOLDS]
    ok = [s for s in scored if s[1][0] >= min_p]
    if ok:
        return max(ok, key=lambda s: (s[1][1], s[1][0]))
    return max(scored, key=lambda s: (s[1][0], s[1][1]))


def cross_validate(records: list[dict], cands: list[dict], folds: int, min_p: float) -> list[tuple]:
    """Rows (feature set, C, variant, threshold, P, R, gold, pred, right), pooled out-of-fold."""
    gold = gold_event_items(records)
    rules = rule_items(records)
    groups = [c["url"] for c in cands]
    rows = [("-", "-", "rules", "-", *prf(rules, gold))]
    for name, drop in FEATURE_SETS.items():
        for c_value in C_VALUES:
            probs = _oof(cands, groups, folds, drop, c_value)
            for variant in ("classifier", "filtered", "union"):
                t, score = best_threshold(variant, cands, probs, rules, gold, min_p)
                rows.append((name, c_value, variant, t, *score))
    return rows


def _oof(cands: list[dict], groups: list[str], folds: int, drop: tuple[str, ...], c_value: float) -> list[dict]:
    """Out-of-fold class probabilities of every candidate (folds grouped by page)."""
    from sklearn.model_selection import GroupKFold

    probs: list[dict[str, float]] = [{}] * len(cands)
    for train, test in GroupKFold(n_splits=folds).split(cands, groups=groups):
        vec, clf = fit([cands[i] for i in train], drop, c_value)
        for i, p in zip(test, predict(vec, clf, [cands[i] for i in test], drop), strict=True):
            probs[i] = p
    return probs


def nested(records: list[dict], cands: list[dict], folds: int, min_p: float) -> dict[str, tuple]:
    """Each variant scored with its feature set, C and threshold chosen inside each outer fold
    (by an inner grouped cross-validation of the outer fold's training pages), pooled over the
    outer folds: the figure of the whole procedure, free of the choice's optimism."""
    from sklearn.model_selection import GroupKFold

    by_id = {r["id"]: r for r in records}
    groups = [c["url"] for c in cands]
    pooled: dict[str, set] = {v: set() for v in ("classifier", "filtered", "union")}
    for train, test in GroupKFold(n_splits=folds).split(cands, groups=groups):
        inner = [cands[i] for i in train]
        inner_records = [by_id[i] for i in dict.fromkeys(c["id"] for c in inner)]
        gold, rules = gold_event_items(inner_records), rule_items(inner_records)
        outer = [cands[i] for i in test]
        outer_rules = rule_items([by_id[i] for i in dict.fromkeys(c["id"] for c in outer)])
        choice: dict[str, tuple] = {}
        for name, drop in FEATURE_SETS.items():
            for c_value in C_VALUES:
                probs = _oof(inner, [c["url"] for c in inner], folds - 1, drop, c_value)
                for variant in pooled:
                    t, score = best_threshold(variant, inner, probs, rules, gold, min_p)
                    key = (score[0] >= min_p, score[1], score[0])
                    if variant not in choice or key > choice[variant][0]:
                        choice[variant] = (key, name, c_value, t)
        for variant, (_, name, c_value, t) in choice.items():
            vec, clf = fit(inner, FEATURE_SETS[name], c_value)
            probs = predict(vec, clf, outer, FEATURE_SETS[name])
            pooled[variant] |= variant_items(variant, t, outer, probs, outer_rules)
            print(f"  outer fold: {variant:<10} features {name}, C {c_value}, t {t}")
    gold = gold_event_items(records)
    return {v: prf(items, gold) for v, items in pooled.items()}


def write_model(vec, clf, threshold: float, path: Path) -> None:
    """Write the weights as :func:`shabaka.relation_model.load_model` reads them."""
    data = {
        "classes": list(clf.classes_),
        "features": list(vec.feature_names_),
        "weights": np.round(clf.coef_.T, 4).tolist(),
        "bias": np.round(clf.intercept_, 4).tolist(),
        "threshold": threshold,
    }
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--min-precision", type=float, default=0.85)
    ap.add_argument("--nested", action="store_true", help="also score each variant by nested cross-validation")
    ap.add_argument("--held-out", action="store_true", help="score each chosen variant once on fresh3 and fresh4")
    ap.add_argument("--out", type=Path, help="write the best filtered model here (relation_model.load_model reads it)")
    args = ap.parse_args(argv)

    records = [r for split in OPEN for r in bench_relations.load(split)]
    cands = candidates(records)
    related = sum(c["labels"] != ["none"] for c in cands)
    print(f"{len(records)} sentences, {len(cands)} pairs, {related} with a relation")
    rows = cross_validate(records, cands, args.folds, args.min_precision)
    print(f"\n{'features':<11} {'C':>4} {'variant':<10} {'t':>5} | {'P':>6} {'R':>6} gold pred right")
    for name, c_value, variant, t, p, r, g, n, right in rows:
        print(f"{name:<11} {c_value!s:>4} {variant:<10} {t!s:>5} | {p:6.3f} {r:6.3f} {g:5d} {n:5d} {right:5d}")
    best: dict[str, tuple] = {}
    for row in rows[1:]:
        if row[4] >= args.min_precision and (row[2] not in best or row[5] > best[row[2]][5]):
            best[row[2]] = row
    print(f"\nbest per variant at P >= {args.min_precision:.2f} (cross-validated):")
    print(f"  rules      P {rows[0][4]:.3f} R {rows[0][5]:.3f}")
    for variant, row in best.items():
        print(f"  {variant:<10} P {row[4]:.3f} R {row[5]:.3f}  (features {row[0]}, C {row[1]}, t {row[3]})")
    if args.nested:
        print(f"\nnested cross-validation ({args.folds} outer folds, {args.folds - 1} inner, grouped by page):")
        print(f"  rules      P {rows[0][4]:.3f} R {rows[0][5]:.3f}")
        for variant, (p, r, g, n, right) in nested(records, cands, args.folds, args.min_precision).items():
            print(f"  {variant:<10} P {p:.3f} R {r:.3f} ({g} gold, {n} predicted, {right} right)")
    chosen = {v: best.get(v) for v in ("classifier", "filtered", "union")}
    if args.out and chosen["filtered"]:
        name, c_value, _, t = chosen["filtered"][:4]
        vec, clf = fit(cands, FEATURE_SETS[name], c_value)
        write_model(vec, clf, t, args.out)
        print(f"\nwrote {args.out} ({len(vec.feature_names_)} features, {len(clf.classes_)} classes, threshold {t})")
    if args.held_out:  # each variant as chosen above, fitted on all the open splits
        fitted = {v: fit(cands, FEATURE_SETS[row[0]], row[1]) for v, row in chosen.items() if row}
        for split in HELD_OUT:
            held = bench_relations.load(split)
            hc = candidates(held)
            gold, rules = gold_event_items(held), rule_items(held)
            print(f"\n== {split} (held out, totals only): {len(held)} sentences, {len(gold)} event relations")
            p, r, g, n, right = prf(rules, gold)
            print(f"  {'rules':<10} P {p:.3f} R {r:.3f} ({g} gold, {n} predicted, {right} right)")
            for variant, (vec, clf) in fitted.items():
                name, _, _, t = chosen[variant][:4]
                probs = predict(vec, clf, hc, FEATURE_SETS[name])
                p, r, g, n, right = prf(variant_items(variant, t, hc, probs, rules), gold)
                print(f"  {variant:<10} P {p:.3f} R {r:.3f} ({g} gold, {n} predicted, {right} right)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
