"""Features and a numpy scorer for a trained relation pair classifier (issue 14; not shipped).

Every pair of entities named in one sentence is a candidate. :func:`pair_features` describes a
pair by what the rules of :mod:`shabaka.relations` say of it (the type and direction they find,
the trigger's words), the triggers of ``relations.csv`` between and around the two names, the
tokens between them (count, clause breaks, commas, other names, their normalized keys), the
words just before and after, the clitic a name carries and the two entity types.
``train_relations.py`` fits a multinomial logistic regression on the open gold splits and can
write its weights (gzipped JSON); :class:`PairModel` scores a pair with them using numpy alone,
as a run time without scikit-learn would. The classes are ``none`` and ``type:direction`` with
the direction read from the first-named entity of the pair: ``fwd`` (it is the source), ``rev``
(the other is) or ``sym``.

The classifier did not beat the rules by cross-validation at precision 0.85 (README, "Relations
and time"), so shabaka does not use it: this lives with the training code, ready for a later
round with more gold.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from shabaka.errors import DataFileError
from shabaka.relations import MentionSpan, Relation, _find_triggers, _is_break, _Sentence

#: Triggers farther than this many tokens before the first name or after the second are not read.
TRIGGER_WINDOW = 6
#: At most this many keys of the tokens between the two names are features (the nearest to each name).
BETWEEN_KEYS = 6


def _gap_bucket(n: int) -> str:
    for limit, name in ((0, "0"), (1, "1"), (2, "2"), (4, "3-4"), (7, "5-7"), (12, "8-12"), (20, "13-20")):
        if n <= limit:
            return name
    return ">20"


def _count_bucket(n: int) -> str:
    return str(n) if n < 2 else "2+"


def direction_tag(source: str | None, first: str) -> str:
    """``sym`` for no source, ``fwd`` when the first-named entity of the pair is the source, else ``rev``."""
    if source is None:
        return "sym"
    return "fwd" if source == first else "rev"


def pair_features(
    text: str, mentions: Sequence[MentionSpan], relations: Sequence[Relation] | None = None
) -> dict[tuple[str, str], list[str]]:
    """The features of every pair of entities a sentence names, keyed by the pair in the order of
    their first mentions. ``relations`` are the rules' relations of the sentence
    (:func:`shabaka.relations.find_relations`), passed in when already found."""
    from shabaka.relations import find_relations

    sent = _Sentence(text, mentions)
    if relations is None:
        relations = find_relations(text, mentions)
    order: list[str] = []
    for actor in sent.actors:  # sorted by offset: an entity's first actor is its first mention
        if actor.entity not in order:
            order.append(actor.entity)
    blocked = [o is not None for o in sent.owner]
    triggers = _find_triggers(sent.words, sent.keys, blocked)
    role_pairs = {frozenset((r.person, r.target)) for r in sent.roles}
    rules: dict[frozenset[str], list[Relation]] = {}
    for rel in relations:
        rules.setdefault(frozenset(rel.entities), []).append(rel)
    out: dict[tuple[str, str], list[str]] = {}
    for i, a in enumerate(order):
        for b in order[i + 1 :]:
            out[(a, b)] = _features(sent, triggers, a, b, rules.get(frozenset((a, b)), []), role_pairs)
    return out


def _features(sent: _Sentence, triggers: list, a: str, b: str, rules: list[Relation], roles: set) -> list[str]:
    actors_a = [x for x in sent.actors if x.entity == a]
    actors_b = [x for x in sent.actors if x.entity == b]
    left, right = min(
        ((x, y) if x.first < y.first else (y, x) for x in actors_a for y in actors_b),
        key=lambda p: p[1].first - p[0].last,
    )
    keys = sent.keys
    inside = range(left.last + 1, right.first)
    feats = {
        "bias",
        f"types={actors_a[0].type}>{actors_b[0].type}",
        f"near_order={'ab' if left.entity == a else 'ba'}",
        f"gap={_gap_bucket(len(inside))}",
        f"breaks={_count_bucket(sum(_is_break(keys[j]) for j in inside))}",
        f"commas={_count_bucket(sum(keys[j] in ('،', ',') for j in inside))}",
        f"names_between={_count_bucket(len({sent.owner[j] for j in inside if sent.owner[j] is not None}))}",
        f"prefix_l={left.prefix or '-'}",
        f"prefix_r={right.prefix or '-'}",
        f"prev_l={keys[left.first - 1] if left.first else '<s>'}",
        f"prev_r={keys[right.first - 1]}",
        f"next_r={keys[right.last + 1] if right.last + 1 < len(keys) else '</s>'}",
    }
    if frozenset((a, b)) in roles:
        feats.add("role_pair")
    words = [keys[j] for j in inside if sent.owner[j] is None]
    feats.update(f"between={k}" for k in words[:BETWEEN_KEYS] + words[-BETWEEN_KEYS:])
    if words:
        feats.update((f"between_first={words[0]}", f"between_last={words[-1]}"))
    for t in triggers:
        if left.last < t.first and t.end <= right.first:
            where = "between"
        elif t.end <= left.first and left.first - t.end < TRIGGER_WINDOW:
            where = "before"
        elif t.first > right.last and t.first - right.last <= TRIGGER_WINDOW:
            where = "after"
        else:
            continue
        kind = "noun" if t.noun else "verb"
        feats.update((f"trigger_{where}={t.row.type}", f"trigger_{where}={t.row.type}:{kind}"))
    if not rules:
        feats.add("rule=none")
    for rel in rules:
        tag = direction_tag(rel.direction[0] if rel.direction else None, a)
        feats.update((f"rule={rel.type}", f"rule={rel.type}:{tag}", f"rule_trigger={rel.trigger}"))
    return sorted(feats)


class RelationModelError(DataFileError):
    """The relation model's weight file is missing or malformed (the message names the file and
    says to rerun ``training/train_relations.py``)."""


@dataclass(frozen=True)
class PairModel:
    """A multinomial logistic regression over :func:`pair_features`: ``weights[feature]`` is a
    row of one weight per class, ``bias`` the intercepts; ``threshold`` the probability the
    shipped filter asks of a relation the rules found (chosen by cross-validation)."""

    classes: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)
    threshold: float

    def probabilities(self, features: Sequence[str]) -> dict[str, float]:
        """The probability of each class for one pair."""
        rows = [self.index[f] for f in set(features) if f in self.index]
        z = self.bias + self.weights[rows].sum(axis=0)
        e = np.exp(z - z.max())
        return dict(zip(self.classes, (e / e.sum()).tolist(), strict=True))

    def type_probability(self, features: Sequence[str], kind: str) -> float:
        """The probability that the pair has a relation of type ``kind``, in any direction."""
        return sum(p for c, p in self.probabilities(features).items() if c.split(":")[0] == kind)


def load_model(path: str) -> PairModel:
    """A model written by ``training/train_relations.py`` (gzipped JSON)."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            data = json.load(f)
        features = data["features"]
        weights = np.asarray(data["weights"], dtype=float)
        model = PairModel(
            tuple(data["classes"]),
            {f: i for i, f in enumerate(features)},
            weights,
            np.asarray(data["bias"], dtype=float),
            float(data["threshold"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RelationModelError(
            f"{path}: cannot read the relation model ({exc}); rerun training/train_relations.py to write it"
        ) from exc
    if weights.shape != (len(features), len(model.classes)) or model.bias.shape != (len(model.classes),):
        raise RelationModelError(
            f"{path}: weights of shape {weights.shape} do not fit {len(features)} features and "
            f"{len(model.classes)} classes; rerun training/train_relations.py to write it"
        )
    return model
