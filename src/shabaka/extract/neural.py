"""A small char-CNN + BiLSTM tagger: numpy inference (no torch at run time).

Training lives in ``training/train_ner.py`` (torch); it saves the weights to
``models/bilstm.npz`` in the layout read here. The inputs of a token are its
normalized word (:func:`shabaka.extract.features.norm`), its characters and a few dense
flags (gazetteer tags, proclitics, Latin/digit: :func:`dense_features`, the one copy
shared by training, through :func:`encode`, and tagging).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from shabaka.extract.features import Featurizer, FormCache, TokenInfo

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


def dense_features(infos: Sequence[TokenInfo], gaz: Sequence[set[str]]) -> np.ndarray:
    """The dense flag matrix (tokens × len(DENSE)) of a sentence.

    ``gaz`` are the sentence's gazetteer tags (:meth:`shabaka.extract.features.Featurizer.gaz_tags`).
    """
    out = np.zeros((len(infos), len(DENSE)), dtype=np.float32)
    for i, info in enumerate(infos):
        out[i] = _form_flags(info)
        for g in gaz[i]:
            k = DENSE_INDEX.get(g)
            if k is not None:
                out[i, k] = 1.0
    return out


def _form_flags(info: TokenInfo) -> np.ndarray:
    """The dense flags of one token that do not depend on the gazetteer."""
    out = np.zeros(len(DENSE), dtype=np.float32)
    w, raw, stem = info.w, info.raw, info.s
    k = DENSE_INDEX.get(f"p={info.p}")
    if k is not None:
        out[k] = 1.0
    if stem.startswith("ال"):
        out[DENSE_INDEX["def"]] = 1.0
    if any("a" <= c.lower() <= "z" for c in raw):
        out[DENSE_INDEX["latin"]] = 1.0
    if any(c.isdigit() for c in raw):
        out[DENSE_INDEX["digit"]] = 1.0
    if not any(c.isalnum() for c in raw):
        out[DENSE_INDEX["punct"]] = 1.0
    if len(w) >= 7:
        out[DENSE_INDEX["long"]] = 1.0
    if len(w) <= 2:
        out[DENSE_INDEX["short"]] = 1.0
    return out


def encode(
    tokens: Sequence[str], words: dict[str, int], chars: dict[str, int], featurizer: Featurizer
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(word ids [n], char ids [n, MAX_CHARS], dense flags [n, len(DENSE)]) of one sentence (training)."""
    infos = [featurizer.info(t) for t in tokens]
    wid = np.array([words.get(i.w, UNK) for i in infos], dtype=np.int64)
    cid = np.zeros((len(tokens), MAX_CHARS), dtype=np.int64)
    for i, info in enumerate(infos):
        for j, ch in enumerate(info.w[:MAX_CHARS]):
            cid[i, j] = chars.get(ch, UNK)
    return wid, cid, dense_features(infos, featurizer.gaz_tags(infos))


def _lstm_weights(w_ih: np.ndarray, w_hh: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """torch's LSTM weights (gates i, f, g, o) as (W_ih^T, W_hh^T, bias) with the gates in
    the order i, f, o, g and the sigmoid gates halved, so that one ``tanh`` serves all four."""
    hidden = w_hh.shape[1]
    i, f, g, o = (slice(k * hidden, (k + 1) * hidden) for k in range(4))
    scale = np.array([0.5] * 3 * hidden + [1.0] * hidden, dtype=np.float32)
    order = np.r_[i, f, o, g]
    return (
        np.ascontiguousarray(w_ih[order].T * scale),
        np.ascontiguousarray(w_hh[order].T * scale),
        (b[order] * scale).astype(np.float32),
    )


#: Forms whose input projections are cached (8 · hidden float32 each: 3.2 kB).
CACHE_SIZE = 20_000


class NumpyTagger:
    """Forward pass of the trained network in numpy: per-token label probabilities.

    Sentences are run in batches (padded; the backward LSTM reads each sentence reversed,
    so padding never enters a real position). The LSTMs' input projection of a word form
    (of its word embedding, char-CNN max-pool and gazetteer-free flags; the gazetteer
    flags' rows are added per sentence) is computed once and cached.
    """

    def __init__(self, path: Path):
        data = np.load(path, allow_pickle=False)
        meta = json.loads(str(data["meta"]))
        self.words = {w: i for i, w in enumerate(meta["words"])}
        self.chars = {c: i for i, c in enumerate(meta["chars"])}
        w = {k: data[k].astype(np.float32) for k in data.files if k != "meta"}
        self.word_emb, self.char_emb = w["word_emb"], w["char_emb"]
        k = w["conv_w"]  # filters, char dim, width
        self.width = k.shape[2]
        self.conv = np.ascontiguousarray(k.transpose(2, 1, 0).reshape(-1, k.shape[0]))  # (width·dim) × filters
        self.conv_b = w["conv_b"]
        lstm = {p: _lstm_weights(w[p + "w_ih"], w[p + "w_hh"], w[p + "b_ih"] + w[p + "b_hh"]) for p in ("f_", "b_")}
        # both directions' input projections side by side: one matmul per batch of new forms
        self.w_in = np.ascontiguousarray(np.concatenate([lstm["f_"][0], lstm["b_"][0]], axis=1))
        self.b_in = np.concatenate([lstm["f_"][2], lstm["b_"][2]])
        self.w_hh = np.stack([lstm["f_"][1], lstm["b_"][1]])  # [direction, hidden, 4·hidden]
        self.out_w, self.out_b = np.ascontiguousarray(w["out_w"].T), w["out_b"]
        self.base = self.word_emb.shape[1] + k.shape[0]  # where the dense flags start in an input vector
        self._cache = FormCache(CACHE_SIZE)

    def _char_features(self, forms: Sequence[str]) -> np.ndarray:
        """Char-CNN max-pool [len(forms), filters] of normalized word forms."""
        length = max(1, max(len(w[:MAX_CHARS]) for w in forms))
        dim = self.char_emb.shape[1]
        half = self.width // 2
        padded = np.zeros((len(forms), length + 2 * half, dim), dtype=np.float32)
        mask = np.zeros((len(forms), length), dtype=bool)
        for r, w in enumerate(forms):
            ids = [self.chars.get(ch, UNK) for ch in w[:MAX_CHARS]]
            padded[r, half : half + len(ids)] = self.char_emb[ids]
            mask[r, : len(ids)] = True
        windows = np.concatenate([padded[:, j : j + length] for j in range(self.width)], axis=2)
        conv = np.maximum(windows @ self.conv + self.conv_b, 0.0)
        return np.where(mask[:, :, None], conv, 0.0).max(axis=1)

    def _project(self, sentences: Sequence[Sequence[TokenInfo]]) -> None:
        """Cache the input projection (both LSTM directions, gazetteer flags aside) of each new form."""
        by_form = {i.raw: i for s in sentences for i in s}
        new = [by_form[f] for f in self._cache.missing(by_form)]
        if not new:
            return
        x = np.concatenate(
            [
                self.word_emb[[self.words.get(i.w, UNK) for i in new]],
                self._char_features([i.w for i in new]),
                np.stack([_form_flags(i) for i in new]),
            ],
            axis=1,
        )
        for info, row in zip(new, x @ self.w_in + self.b_in, strict=True):
            self._cache[info.raw] = row

    def _run_lstm(self, gates: np.ndarray) -> np.ndarray:
        """Hidden states [2, T, batch, hidden] of both LSTM directions, run together, from their
        input projections [2, T, batch, 4·hidden] (direction 1 reads each sentence reversed)."""
        hidden = self.w_hh.shape[1]
        _, steps, batch, _ = gates.shape
        h = np.zeros((2, batch, hidden), dtype=np.float32)
        c = np.zeros((2, batch, hidden), dtype=np.float32)
        z = np.empty((2, batch, 4 * hidden), dtype=np.float32)
        tmp = np.empty((2, batch, hidden), dtype=np.float32)
        out = np.empty((steps, 2, batch, hidden), dtype=np.float32)
        i, f, o, g = (slice(k * hidden, (k + 1) * hidden) for k in range(4))
        for t in range(steps):  # in place: a step is a dozen numpy calls on small arrays
            np.matmul(h, self.w_hh, out=z)
            z += gates[:, t]
            np.tanh(z, out=z)
            ifo = z[:, :, : 3 * hidden]
            ifo *= 0.5  # sigmoid(2u) = (tanh(u) + 1) / 2: the weights were halved
            ifo += 0.5
            c *= z[:, :, f]
            np.multiply(z[:, :, i], z[:, :, g], out=tmp)
            c += tmp
            np.tanh(c, out=tmp)
            h = out[t]
            np.multiply(z[:, :, o], tmp, out=h)
        return out.transpose(1, 0, 2, 3)

    def probabilities(self, sentences: Sequence[Sequence[TokenInfo]], gaz: Sequence[Sequence[set[str]]]) -> np.ndarray:
        """Label probabilities [batch, T, len(LABELS)] of non-empty sentences padded to the longest, T.

        The sentences are given as their tokens' :meth:`~shabaka.extract.features.Featurizer.info`.
        ``gaz`` are their gazetteer tags; positions past a sentence's end are undefined.
        """
        self._project(sentences)
        lengths = [len(s) for s in sentences]
        steps = max(lengths)
        size = self.w_in.shape[1] // 2
        # time-major input projections of both directions; the backward one reads each sentence reversed
        gates = np.zeros((2, steps, len(sentences), size), dtype=np.float32)
        for r, (sent, tags) in enumerate(zip(sentences, gaz, strict=True)):
            g = np.stack([self._cache[i.raw] for i in sent])
            for i, found in enumerate(tags):
                for tag in found:
                    k = DENSE_INDEX.get(tag)
                    if k is not None:
                        g[i] += self.w_in[self.base + k]
            gates[0, : len(sent), r] = g[:, :size]
            gates[1, : len(sent), r] = g[::-1, size:]
        states = self._run_lstm(gates)
        hidden = states.shape[3]
        h = np.zeros((len(sentences), steps, 2 * hidden), dtype=np.float32)
        for r, n in enumerate(lengths):
            h[r, :n, :hidden] = states[0, :n, r]
            h[r, :n, hidden:] = states[1, n - 1 :: -1, r]
        logits = h @ self.out_w + self.out_b
        logits -= logits.max(axis=2, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=2, keepdims=True)


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


def viterbi_batch(probs: np.ndarray, lengths: Sequence[int]) -> list[list[int]]:
    """Best IOB2-valid label sequences under independent per-token probabilities [batch, T, labels]."""
    logp = np.log(np.clip(probs, 1e-12, 1.0))
    b, steps, k = logp.shape
    lengths = np.asarray(lengths)
    trans = np.where(_ALLOWED, 0.0, -np.inf)
    score = np.where(_START_OK, logp[:, 0], -np.inf)
    back = np.zeros((b, steps, k), dtype=np.int64)
    for t in range(1, steps):
        cand = score[:, :, None] + trans
        back[:, t] = cand.argmax(axis=1)
        live = (t < lengths)[:, None]
        score = np.where(live, cand.max(axis=1) + logp[:, t], score)
    paths = np.zeros((b, steps), dtype=np.int64)
    cur = score.argmax(axis=1)
    rows = np.arange(b)
    for t in range(steps - 1, -1, -1):
        cur = np.where(t == lengths - 1, score.argmax(axis=1), cur)
        paths[:, t] = cur
        if t:
            cur = np.where(t <= lengths - 1, back[rows, t, cur], cur)
    return [paths[r, :n].tolist() for r, n in enumerate(lengths)]


def viterbi(probs: np.ndarray) -> list[int]:
    """Best IOB2-valid label sequence of one sentence's probabilities [n, labels]."""
    return viterbi_batch(probs[None], [len(probs)])[0]
