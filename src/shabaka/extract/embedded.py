"""shabaka's own Arabic NER model, shipped in the package: the default extractor.

A linear-chain CRF (CRFsuite, via ``python-crfsuite``) over the hand-built features of
:mod:`shabaka.extract.features`, trained by :mod:`shabaka.extract.train` on ANERcorp.
If ``models/ner2.crfsuite`` is present the model has two stages: the second CRF also
sees the first one's tags, here and for the same word elsewhere in the document
(the sentences passed to one :meth:`EmbeddedExtractor.extract` call), which makes a
name tagged the same way throughout an article. No torch, no download: the model files
are loaded once per process, on first use.

If ``models/bilstm*.npz`` are present (the shipped model has them), small char-CNN +
BiLSTM taggers (:mod:`shabaka.extract.neural`, numpy forward pass) are ensembled with
the CRF: the CRF marginals and the mean BiLSTM softmax are averaged and decoded with an
IOB2-constrained Viterbi.

Last, names are propagated within a document (:func:`propagate`): a name found with
confidence ≥ 0.5 (and a person's last name, from a multi-word person span) is also
tagged where it recurs untagged within the same block of sentences, clitics allowed
on its first word (بركات after محمد بركات, وأسامة after أسامة).

A token's confidence is the (averaged) probability of its chosen tag; a span's
confidence is the lowest confidence of its tokens (propagated spans get the confidence
of the span they copy, times 0.9).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from shabaka.arabic import bare_split, segment
from shabaka.errors import MissingComponentError
from shabaka.extract.base import Extractor, Span, bio_to_spans
from shabaka.extract.features import STAGE2_WINDOW, Featurizer, norm
from shabaka.extract.neural import LABELS, NumpyTagger, viterbi

#: Where the shipped model files live.
MODEL_DIR = Path(__file__).parent / "models"

#: Weight of the CRF in the CRF + BiLSTM probability average (chosen on the dev split).
CRF_WEIGHT = 0.5
#: Name propagation: minimum confidence of a source span, block size in sentences,
#: minimum stem length of each word of a propagated name (chosen on the dev split).
PROPAGATE_MIN_CONFIDENCE = 0.5
PROPAGATE_BLOCK = 30
PROPAGATE_MIN_STEM = 3

_LOCK = threading.Lock()
_CACHE: dict[Path, _Model] = {}


class EmbeddedModelMissing(MissingComponentError, FileNotFoundError):
    """The embedded model's files are not in the folder given."""


@dataclass
class _Model:
    featurizer: Featurizer
    stage1: Any  # pycrfsuite.Tagger
    stage2: Any | None
    neural: list[NumpyTagger]
    lock: threading.Lock


def load_model(model_dir: Path | str | None = None) -> _Model:
    """Load (once per process and folder) the featurizer resources and CRF taggers."""
    import pycrfsuite

    folder = Path(model_dir) if model_dir is not None else MODEL_DIR
    folder = folder.resolve()
    with _LOCK:
        model = _CACHE.get(folder)
        if model is None:
            path1 = folder / "ner.crfsuite"
            if not path1.exists():
                raise EmbeddedModelMissing(f"no embedded NER model in {folder}: run `python -m shabaka.extract.train`")
            stage1 = pycrfsuite.Tagger()
            stage1.open(str(path1))
            stage2 = None
            if (folder / "ner2.crfsuite").exists():
                stage2 = pycrfsuite.Tagger()
                stage2.open(str(folder / "ner2.crfsuite"))
            featurizer = Featurizer.from_dir(folder)
            neural = [NumpyTagger(p, featurizer.gazetteer) for p in sorted(folder.glob("bilstm*.npz"))]
            model = _Model(featurizer, stage1, stage2, neural, threading.Lock())
            _CACHE[folder] = model
    return model


class EmbeddedExtractor(Extractor):
    """The embedded CRF NER model (PER, ORG, LOC, MISC).

    Parameters
    ----------
    model_dir:
        A folder with ``ner.crfsuite`` (and optionally ``ner2.crfsuite``,
        ``gazetteer.tsv``, ``clusters.tsv``); default: the model shipped in the package.
    two_stage:
        Use the second stage when the model has one (default True).
    ensemble:
        Average with the BiLSTM when the model has one (default True); False: CRF only.
    propagate:
        Propagate names within the document (default True).
    """

    name: ClassVar[str] = "embedded"

    def __init__(
        self,
        model_dir: Path | str | None = None,
        two_stage: bool = True,
        ensemble: bool = True,
        propagate: bool = True,
    ):
        self.model_dir = model_dir
        self.two_stage = two_stage
        self.ensemble = ensemble
        self.propagate = propagate

    @property
    def model(self) -> _Model:
        return load_model(self.model_dir)

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[str], list[float]]]:
        """IOB2 tags (types PER/ORG/LOC/MISC) and each tag's confidence, per sentence.

        The sentences are taken as one document (for name propagation).
        """
        sents = [list(s) for s in sentences]
        tagged = self._tag_sentences(sents)
        return propagate(sents, tagged) if self.propagate else tagged

    def _tag_sentences(self, sents: list[list[str]]) -> list[tuple[list[str], list[float]]]:
        model = self.model
        feats = [model.featurizer.sentence(s) if s else [] for s in sents]
        neural = model.neural if self.ensemble else []
        with model.lock:  # a CRFsuite tagger holds one sequence at a time
            crf, final = model.stage1, feats
            if model.stage2 is not None and self.two_stage:
                tags1 = [_tag(model.stage1, x)[0] for x in feats]
                final = []
                for lo in range(0, len(sents), STAGE2_WINDOW):
                    hi = lo + STAGE2_WINDOW
                    final += model.featurizer.stage2(sents[lo:hi], tags1[lo:hi], feats[lo:hi])
                crf = model.stage2
            if not neural:
                return [_tag(crf, x) for x in final]
            out: list[tuple[list[str], list[float]]] = []
            for sent, x in zip(sents, final, strict=True):
                if not sent:
                    out.append(([], []))
                    continue
                nn = sum(net.probabilities(sent) for net in neural) / len(neural)
                probs = CRF_WEIGHT * _marginals(crf, x) + (1 - CRF_WEIGHT) * nn
                path = viterbi(probs)
                conf = [float(min(1.0, max(0.0, probs[i, k]))) for i, k in enumerate(path)]
                out.append(([LABELS[k] for k in path], conf))
        return out

    def extract(self, sentences: Sequence[Sequence[str]]) -> list[list[Span]]:
        return [bio_to_spans(tags, conf) for tags, conf in self.tag(sentences)]


def _tag(tagger: Any, xseq: list[list[str]]) -> tuple[list[str], list[float]]:
    if not xseq:
        return [], []
    tags = tagger.tag(xseq)
    conf = [min(1.0, max(0.0, tagger.marginal(t, i))) for i, t in enumerate(tags)]
    return list(tags), conf


def _marginals(tagger: Any, xseq: list[list[str]]) -> np.ndarray:
    """CRF marginal probability of every label of :data:`LABELS` at every position."""
    tagger.set(xseq)
    known = set(tagger.labels())
    n = len(xseq)
    out = np.zeros((n, len(LABELS)), dtype=np.float64)
    for k, label in enumerate(LABELS):
        if label in known:
            for i in range(n):
                out[i, k] = tagger.marginal(label, i)
    return out


def _key(token: str) -> str:
    return segment(norm(token))[1]


def _first_keys(token: str) -> set[str]:
    word = norm(token)
    pre, stem = segment(word)
    keys = {stem}
    bare, rest = bare_split(word)
    if bare and not pre:
        keys.add(rest)
    return keys


def propagate(
    sentences: Sequence[Sequence[str]],
    tagged: Sequence[tuple[list[str], list[float]]],
    min_confidence: float = PROPAGATE_MIN_CONFIDENCE,
    block: int = PROPAGATE_BLOCK,
    min_stem: int = PROPAGATE_MIN_STEM,
) -> list[tuple[list[str], list[float]]]:
    """Tag untagged recurrences of names found elsewhere in the same block of sentences.

    A name is the stem sequence of a predicted span with confidence ≥ ``min_confidence``
    (its type: the most frequent one), plus the last word of each multi-word person.
    A recurrence must be all ``O`` and not followed by an ``I-`` tag; its first word may
    carry a proclitic. Longest names win; existing tags are never changed.
    """
    out = [(list(t), list(c)) for t, c in tagged]
    for lo in range(0, len(sentences), block):
        hi = min(len(sentences), lo + block)
        votes: dict[tuple[str, ...], list[tuple[str, float]]] = {}
        for i in range(lo, hi):
            tags, conf = tagged[i]
            for span in bio_to_spans(tags, conf):
                if span.confidence < min_confidence:
                    continue
                keys = tuple(_key(t) for t in sentences[i][span.start : span.end])
                votes.setdefault(keys, []).append((span.type, span.confidence))
                if span.type == "PER" and span.end - span.start >= 2:
                    votes.setdefault((keys[-1],), []).append(("PER", span.confidence))
        names: dict[tuple[str, ...], tuple[str, float]] = {}
        for keys, vs in votes.items():
            if all(len(k) >= min_stem for k in keys):
                types = [t for t, _ in vs]
                best = max(sorted(set(types)), key=types.count)
                names[keys] = (best, max(c for t, c in vs if t == best))
        if not names:
            continue
        longest = max(len(k) for k in names)
        for i in range(lo, hi):
            toks = sentences[i]
            tags, conf = out[i]
            n, j = len(toks), 0
            while j < n:
                hit = None
                for length in range(min(longest, n - j), 0, -1):
                    if any(tags[j + m] != "O" for m in range(length)):
                        continue
                    rest = tuple(_key(t) for t in toks[j + 1 : j + length])
                    for first in _first_keys(toks[j]):
                        if (first, *rest) in names:
                            hit = (length, *names[(first, *rest)])
                            break
                    if hit:
                        break
                if hit is None or (j + hit[0] < n and tags[j + hit[0]].startswith("I-")):
                    j += 1
                    continue
                length, kind, c = hit
                for m in range(length):
                    tags[j + m] = ("B-" if m == 0 else "I-") + kind
                    conf[j + m] = 0.9 * c
                j += length
    return out
