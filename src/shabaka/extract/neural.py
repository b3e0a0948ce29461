"""A small char-CNN + BiLSTM tagger: numpy inference (no torch at run time).

Training lives in :func:`shabaka.extract.train.train_neural` (torch); it saves the
weights to ``models/bilstm.npz`` in the layout read here. The inputs of a token are its
normalized word (:func:`shabaka.extract.features.norm`), its characters and a few dense
flags (gazetteer tags, proclitics, Latin/digit), all computed by :func:`encode`, the one
copy shared by training and tagging.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from shabaka.arabic import segment
from shabaka.extract.features import Gazetteer, norm

LABELS: tuple[str, ...] = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
MAX_CHARS = 20
PAD, UNK = 0, 1

GAZ_CATS = (
    "PFIRST", "PLAST", "TITLE", "COUNTRY", "REGION", "CITY", "LOCO", "FAC", "ORGG",
    "PERTRIG", "ORGTRIG", "LOCTRIG",
)  # fmt: skip
PROCLITIC_IDS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
DENSE = [f"{p}-{c}" for c in GAZ_CATS for p in "BI"] + [f"p={p}" for p in PROCLITIC_IDS] + [
    "def", "latin", "digit", "punct", "long", "short",
]  # fmt: skip
DENSE_INDEX = {name: i for i, name in enumerate(DENSE)}


def dense_features(words: Sequence[str], raws: Sequence[str], gazetteer: Gazetteer | None) -> np.ndarray:
    """The dense flag matrix (tokens × len(DENSE)) of a sentence of normalized ``words``."""
    out = np.zeros((len(words), len(DENSE)), dtype=np.float32)
    gaz = gazetteer.tags(list(words)) if gazetteer else [set() for _ in words]
    for i, (w, raw) in enumerate(zip(words, raws, strict=True)):
        for g in gaz[i]:
            k = DENSE_INDEX.get(g)
            if k is not None:
                out[i, k] = 1.0
        pre, stem = segment(w)
        k = DENSE_INDEX.get(f"p={pre}")
        if k is not None:
            out[i, k] = 1.0
        if stem.startswith("ال"):
            out[i, DENSE_INDEX["def"]] = 1.0
        if any("a" <= c.lower() <= "z" for c in raw):
            out[i, DENSE_INDEX["latin"]] = 1.0
        if any(c.isdigit() for c in raw):
            out[i, DENSE_INDEX["digit"]] = 1.0
        if not any(c.isalnum() for c in raw):
            out[i, DENSE_INDEX["punct"]] = 1.0
        if len(w) >= 7:
            out[i, DENSE_INDEX["long"]] = 1.0
        if len(w) <= 2:
            out[i, DENSE_INDEX["short"]] = 1.0
    return out


def encode(
    tokens: Sequence[str], words: dict[str, int], chars: dict[str, int], gazetteer: Gazetteer | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(word ids [n], char ids [n, MAX_CHARS], dense flags [n, len(DENSE)]) of one sentence."""
    normed = [norm(t) for t in tokens]
    wid = np.array([words.get(w, UNK) for w in normed], dtype=np.int64)
    cid = np.zeros((len(tokens), MAX_CHARS), dtype=np.int64)
    for i, w in enumerate(normed):
        for j, ch in enumerate(w[:MAX_CHARS]):
            cid[i, j] = chars.get(ch, UNK)
    return wid, cid, dense_features(normed, tokens, gazetteer)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


class NumpyTagger:
    """Forward pass of the trained network in numpy: per-token label probabilities."""

    def __init__(self, path: Path, gazetteer: Gazetteer | None):
        data = np.load(path, allow_pickle=False)
        meta = json.loads(str(data["meta"]))
        self.words = {w: i for i, w in enumerate(meta["words"])}
        self.chars = {c: i for i, c in enumerate(meta["chars"])}
        self.w = {k: data[k].astype(np.float32) for k in data.files if k != "meta"}
        for p in ("f_", "b_"):
            self.w[p + "w_cat"] = np.ascontiguousarray(np.concatenate([self.w[p + "w_ih"], self.w[p + "w_hh"]], axis=1))
            self.w[p + "b"] = self.w[p + "b_ih"] + self.w[p + "b_hh"]
        self.gazetteer = gazetteer

    def _lstm(self, x: np.ndarray, prefix: str) -> np.ndarray:
        # One matrix-vector product per step on [x_t, h]: small gemv calls stay
        # single-threaded in BLAS, where a gemm over the sentence would spawn threads
        # (much slower on a busy machine).
        w = self.w[prefix + "w_cat"]
        b = self.w[prefix + "b"]
        hidden = w.shape[0] // 4
        d = x.shape[1]
        xh = np.zeros(d + hidden, dtype=np.float32)
        c = np.zeros(hidden, dtype=np.float32)
        out = np.empty((x.shape[0], hidden), dtype=np.float32)
        for t in range(x.shape[0]):
            xh[:d] = x[t]
            g = w @ xh + b
            i, f = _sigmoid(g[:hidden]), _sigmoid(g[hidden : 2 * hidden])
            c = f * c + i * np.tanh(g[2 * hidden : 3 * hidden])
            h = _sigmoid(g[3 * hidden :]) * np.tanh(c)
            xh[d:] = h
            out[t] = h
        return out

    def probabilities(self, tokens: Sequence[str]) -> np.ndarray:
        """Label probabilities [n, len(LABELS)] of one (non-empty) sentence."""
        wid, cid, dense = encode(tokens, self.words, self.chars, self.gazetteer)
        we = self.w["word_emb"][wid]
        ce = self.w["char_emb"][cid]  # n, L, E
        k = self.w["conv_w"]  # F, E, 3
        n, length, _ = ce.shape
        padded = np.zeros((n, length + 2, ce.shape[2]), dtype=np.float32)
        padded[:, 1:-1] = ce
        conv = sum(np.einsum("nle,fe->nlf", padded[:, j : j + length], k[:, :, j]) for j in range(k.shape[2]))
        conv = np.maximum(conv + self.w["conv_b"], 0.0)
        mask = (cid != PAD)[:, :, None]
        charf = np.where(mask, conv, 0.0).max(axis=1)
        x = np.concatenate([we, charf, dense], axis=1)
        fwd = self._lstm(x, "f_")
        bwd = self._lstm(x[::-1], "b_")[::-1]
        h = np.concatenate([fwd, bwd], axis=1)
        logits = np.stack([self.w["out_w"] @ row for row in h]) + self.w["out_b"]
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)


def allowed_transitions() -> np.ndarray:
    """[prev, next] mask of IOB2-valid transitions (I-X only after B-X or I-X)."""
    m = np.ones((len(LABELS), len(LABELS)), dtype=bool)
    for j, lab in enumerate(LABELS):
        if lab.startswith("I-"):
            for i, prev in enumerate(LABELS):
                m[i, j] = prev[2:] == lab[2:]
    return m


_ALLOWED = allowed_transitions()
_START_OK = np.array([not lab.startswith("I-") for lab in LABELS])


def viterbi(probs: np.ndarray) -> list[int]:
    """Best IOB2-valid label sequence under independent per-token probabilities."""
    logp = np.log(np.clip(probs, 1e-12, 1.0))
    n, k = logp.shape
    trans = np.where(_ALLOWED, 0.0, -np.inf)
    score = np.where(_START_OK, logp[0], -np.inf)
    back = np.zeros((n, k), dtype=np.int64)
    for t in range(1, n):
        cand = score[:, None] + trans
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logp[t]
    path = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]
