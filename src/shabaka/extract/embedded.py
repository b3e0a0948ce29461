"""shabaka's own Arabic NER model, shipped in the package: the default extractor.

A linear-chain CRF (CRFsuite, via ``python-crfsuite``) over the hand-built features of
:mod:`shabaka.extract.features`, trained by :mod:`shabaka.extract.train` on ANERcorp.
If ``models/ner2.crfsuite`` is present the model has two stages: the second CRF also
sees the first one's tags, here and for the same word elsewhere in the document
(the sentences passed to one :meth:`EmbeddedExtractor.extract` call), which makes a
name tagged the same way throughout an article. No torch, no download: the model files
are loaded once per process, on first use.

If ``models/bilstm.npz`` is present (the shipped model has it), a small char-CNN +
BiLSTM tagger (:mod:`shabaka.extract.neural`, numpy forward pass) is ensembled with the
CRF: the per-token label probabilities of both (CRF marginals, BiLSTM softmax) are
averaged and decoded with an IOB2-constrained Viterbi.

A token's confidence is the (averaged) probability of its chosen tag; a span's
confidence is the lowest confidence of its tokens.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from shabaka.extract.base import Extractor, Span, bio_to_spans
from shabaka.extract.features import STAGE2_WINDOW, Featurizer
from shabaka.extract.neural import LABELS, NumpyTagger, viterbi

#: Where the shipped model files live.
MODEL_DIR = Path(__file__).parent / "models"

#: Weight of the CRF in the CRF + BiLSTM probability average (chosen on the dev split).
CRF_WEIGHT = 0.5

_LOCK = threading.Lock()
_CACHE: dict[Path, _Model] = {}


@dataclass
class _Model:
    featurizer: Featurizer
    stage1: Any  # pycrfsuite.Tagger
    stage2: Any | None
    neural: NumpyTagger | None
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
                raise FileNotFoundError(
                    f"no embedded NER model in {folder}: run `python -m shabaka.extract.train`"
                )
            stage1 = pycrfsuite.Tagger()
            stage1.open(str(path1))
            stage2 = None
            if (folder / "ner2.crfsuite").exists():
                stage2 = pycrfsuite.Tagger()
                stage2.open(str(folder / "ner2.crfsuite"))
            featurizer = Featurizer.from_dir(folder)
            neural = None
            if (folder / "bilstm.npz").exists():
                neural = NumpyTagger(folder / "bilstm.npz", featurizer.gazetteer)
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
    """

    name: ClassVar[str] = "embedded"

    def __init__(self, model_dir: Path | str | None = None, two_stage: bool = True, ensemble: bool = True):
        self.model_dir = model_dir
        self.two_stage = two_stage
        self.ensemble = ensemble

    @property
    def model(self) -> _Model:
        return load_model(self.model_dir)

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[str], list[float]]]:
        """IOB2 tags (types PER/ORG/LOC/MISC) and each tag's marginal probability, per sentence."""
        model = self.model
        sents = [list(s) for s in sentences]
        feats = [model.featurizer.sentence(s) if s else [] for s in sents]
        neural = model.neural if self.ensemble else None
        with model.lock:  # a CRFsuite tagger holds one sequence at a time
            crf, final = model.stage1, feats
            if model.stage2 is not None and self.two_stage:
                tags1 = [_tag(model.stage1, x)[0] for x in feats]
                final = []
                for lo in range(0, len(sents), STAGE2_WINDOW):
                    hi = lo + STAGE2_WINDOW
                    final += model.featurizer.stage2(sents[lo:hi], tags1[lo:hi], feats[lo:hi])
                crf = model.stage2
            if neural is None:
                return [_tag(crf, x) for x in final]
            out: list[tuple[list[str], list[float]]] = []
            for sent, x in zip(sents, final, strict=True):
                if not sent:
                    out.append(([], []))
                    continue
                probs = CRF_WEIGHT * _marginals(crf, x) + (1 - CRF_WEIGHT) * neural.probabilities(sent)
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
