"""The embedded model's linear-chain CRF at run time: numpy scores, marginals and decoding.

The weights are those of a CRFsuite model (trained by ``training/train_ner.py`` with
``python-crfsuite``), read once at load. A token's label scores are the sums of the
weights of its feature strings (:class:`~shabaka.extract.features.Featurizer`); the
weight sums of the features that depend on one word form alone (its own, and those it
gives a neighbour at each offset) are cached per form, so that a word seen before costs a
few dictionary look-ups. Marginals come from a forward-backward pass over a batch of
sentences at once, in the same arithmetic as CRFsuite (no start/end transitions).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from shabaka.errors import DataFileError
from shabaka.extract.features import OFFSETS, Featurizer, FormCache, TokenInfo

#: Forms whose weight sums are cached (5 × 9 float64 each: ≈ 45 MB when full). 2,000 news
#: articles hold ≈ 120,000 forms: with 50,000, tagging them took 31–33 CPU-s, with 100,000
#: 28 (peak RSS +42 MiB).
CACHE_SIZE = 100_000


class LinearCRF:
    """CRFsuite weights as numpy arrays, with per-form caches of feature weight sums."""

    def __init__(self, path: Path, labels: Sequence[str]):
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        info = tagger.info()
        self.labels = tuple(labels)
        index = {lab: k for k, lab in enumerate(self.labels)}
        unknown = sorted(set(tagger.labels()) - set(index))
        if unknown:
            raise DataFileError(f"{path}: labels {unknown} are not among {list(self.labels)}: retrain the model")
        #: attribute -> row of ``weights``; the last row (zeros) stands for attributes the model lacks
        self.attrs: dict[str, int] = {}
        rows, cols, values = [], [], []
        for (attr, label), w in info.state_features.items():
            rows.append(self.attrs.setdefault(attr, len(self.attrs)))
            cols.append(index[label])
            values.append(w)
        self.weights = np.zeros((len(self.attrs) + 1, len(self.labels)))
        self.weights[rows, cols] = values
        self.trans = np.zeros((len(self.labels), len(self.labels)))
        for (a, b), w in info.transitions.items():
            self.trans[index[a], index[b]] = w
        self.known = np.array([lab in set(tagger.labels()) for lab in self.labels])
        self._cache = FormCache(CACHE_SIZE)

    def _weight_sums(self, feature_lists: Sequence[list[str]]) -> np.ndarray:
        """[len(feature_lists), labels]: the summed weights of each (non-empty) list of feature strings."""
        missing = len(self.attrs)
        rows: list[int] = []
        starts: list[int] = []
        for feats in feature_lists:
            starts.append(len(rows))
            rows += [self.attrs.get(f, missing) for f in feats]
        return np.add.reduceat(self.weights[rows], starts, axis=0)

    def _forms(self, featurizer: Featurizer, infos: Sequence[TokenInfo]) -> None:
        """Cache, per new form, its own features' weights and its context features' per offset."""
        by_form = {i.raw: i for i in infos}
        new = [by_form[f] for f in self._cache.missing(by_form)]
        if not new:
            return
        parts = [[featurizer.own(i)] + [Featurizer.context(i, o) for o in OFFSETS] for i in new]
        sums = self._weight_sums([p for ps in parts for p in ps]).reshape(len(new), len(parts[0]), -1)
        for info, vec in zip(new, sums, strict=True):
            self._cache[info.raw] = vec

    def scores(
        self, featurizer: Featurizer, sentences: Sequence[Sequence[TokenInfo]], gaz: Sequence[Sequence[set[str]]]
    ) -> np.ndarray:
        """State scores [batch, T, labels] of non-empty sentences padded to the longest, T (zero past the end).

        Equal to CRFsuite's, up to float rounding.
        """
        self._forms(featurizer, [i for s in sentences for i in s])
        steps = max(len(s) for s in sentences)
        width = max(-min(OFFSETS), max(OFFSETS))
        forms = np.zeros((len(sentences), steps + 2 * width, 1 + len(OFFSETS), len(self.labels)))
        joint: list[list[str]] = []
        for r, (infos, tags) in enumerate(zip(sentences, gaz, strict=True)):
            n = len(infos)
            forms[r, width : width + n] = [self._cache[i.raw] for i in infos]
            near = [False] * (n + 2 * width)  # a gazetteer tag within the window
            for i, found in enumerate(tags):
                if found:
                    near[i : i + 2 * width + 1] = [True] * (2 * width + 1)
            for i in range(n):
                feats = Featurizer.joint(infos, i)
                joint.append(feats + Featurizer.gaz_features(tags, i) if near[i + width] else feats)
        out = forms[:, width : width + steps, 0].copy()
        for k, o in enumerate(OFFSETS, start=1):
            out += forms[:, width + o : width + o + steps, k]  # token i gets the context features of token i + o
        flat = self._weight_sums(joint)
        at = 0
        for r, infos in enumerate(sentences):
            out[r, : len(infos)] += flat[at : at + len(infos)]
            at += len(infos)
        return out

    def marginals(self, scores: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Per-token label marginals [batch, T, labels] of padded state scores [batch, T, labels].

        Positions past a sentence's length are ignored (their output is undefined).
        """
        b, t, k = scores.shape
        trans = np.exp(self.trans)
        emit = np.exp(scores - scores.max(axis=2, keepdims=True))
        emit[:, :, ~self.known] = 0.0  # a label the model never saw has probability 0
        alpha = np.empty((b, t, k))
        beta = np.empty((b, t, k))
        a = emit[:, 0]
        a = a / a.sum(axis=1, keepdims=True)
        alpha[:, 0] = a
        for i in range(1, t):
            a = (a @ trans) * emit[:, i]
            a = a / a.sum(axis=1, keepdims=True)
            alpha[:, i] = a
        beta_i = np.ones((b, k))
        last = lengths - 1
        for i in range(t - 1, -1, -1):
            # a sentence starts its backward pass (beta = 1) at its own last token
            beta_i = np.where((i == last)[:, None], 1.0, beta_i)
            beta[:, i] = beta_i
            if i:
                beta_i = (emit[:, i] * beta_i) @ trans.T
                beta_i = beta_i / beta_i.sum(axis=1, keepdims=True)
        p = alpha * beta
        return p / np.maximum(p.sum(axis=2, keepdims=True), 1e-300)
