"""shabaka's own Arabic NER model, shipped in the package: the default extractor.

A linear-chain CRF (trained with CRFsuite by ``training/train_ner.py``, run in numpy by
:class:`shabaka.extract.crf.LinearCRF`) over the hand-built features of
:mod:`shabaka.extract.features`, on ANERcorp. No torch, no download: the model files
are loaded once per process, on first use.

If ``models/bilstm*.npz`` are present (the shipped model has them), small char-CNN +
BiLSTM taggers (:mod:`shabaka.extract.neural`, numpy forward pass) are ensembled with
the CRF: the CRF marginals and the mean BiLSTM softmax are averaged and decoded with an
IOB2-constrained Viterbi.

Sentences are tagged in batches of similar length (those of several documents together,
:meth:`EmbeddedExtractor.extract_documents`); the gazetteer is looked up once per
sentence for both taggers, and what depends on a word form alone (CRF weight sums,
BiLSTM input vectors) is cached per form.

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
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

import numpy as np

from shabaka.arabic import bare_split, segment
from shabaka.errors import MissingComponentError
from shabaka.extract.base import Extractor, Span, bio_to_spans
from shabaka.extract.crf import LinearCRF
from shabaka.extract.features import Featurizer, norm
from shabaka.extract.neural import LABELS, NumpyTagger, viterbi_batch

#: Where the shipped model files live.
MODEL_DIR = Path(__file__).parent / "models"

#: Weight of the CRF in the CRF + BiLSTM probability average (chosen on the dev split).
CRF_WEIGHT = 0.5
#: Name propagation: minimum confidence of a source span, block size in sentences,
#: minimum stem length of each word of a propagated name (chosen on the dev split).
PROPAGATE_MIN_CONFIDENCE = 0.5
PROPAGATE_BLOCK = 30
PROPAGATE_MIN_STEM = 3
#: Sentences tagged together (sorted by length, so that padding stays small).
BATCH = 64

_LOCK = threading.Lock()
_CACHE: dict[Path, _Model] = {}


class EmbeddedModelMissing(MissingComponentError, FileNotFoundError):
    """The embedded model's files are not in the folder given."""


@dataclass
class _Model:
    featurizer: Featurizer
    crf: LinearCRF
    neural: list[NumpyTagger]
    lock: threading.Lock


def load_model(model_dir: Path | str | None = None) -> _Model:
    """Load (once per process and folder) the featurizer resources, the CRF and the BiLSTMs."""
    folder = Path(model_dir) if model_dir is not None else MODEL_DIR
    folder = folder.resolve()
    with _LOCK:
        model = _CACHE.get(folder)
        if model is None:
            path = folder / "ner.crfsuite"
            if not path.exists():
                raise EmbeddedModelMissing(f"no embedded NER model in {folder}: run `python training/train_ner.py`")
            featurizer = Featurizer.from_dir(folder)
            neural = [NumpyTagger(p) for p in sorted(folder.glob("bilstm*.npz"))]
            model = _Model(featurizer, LinearCRF(path, LABELS), neural, threading.Lock())
            _CACHE[folder] = model
    return model


class EmbeddedExtractor(Extractor):
    """The embedded NER model (PER, ORG, LOC, MISC).

    Parameters
    ----------
    model_dir:
        A folder with ``ner.crfsuite`` (and optionally ``bilstm*.npz``,
        ``gazetteer.tsv``, ``clusters.tsv``); default: the model shipped in the package.
    ensemble:
        Average with the BiLSTM when the model has one (default True); False: CRF only.
    propagate:
        Propagate names within the document (default True).
    """

    name: ClassVar[str] = "embedded"

    def __init__(self, model_dir: Path | str | None = None, ensemble: bool = True, propagate: bool = True):
        self.model_dir = model_dir
        self.ensemble = ensemble
        self.propagate = propagate

    @property
    def model(self) -> _Model:
        return load_model(self.model_dir)

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[str], list[float]]]:
        """IOB2 tags (types PER/ORG/LOC/MISC) and each tag's confidence, per sentence.

        The sentences are taken as one document (for name propagation).
        """
        return self.tag_documents([sentences])[0]

    def tag_documents(self, documents: Sequence[Sequence[Sequence[str]]]) -> list[list[tuple[list[str], list[float]]]]:
        """:meth:`tag` of each document: the sentences of all of them are tagged in batches
        together (the same tags and confidences: a sentence's do not depend on its batch),
        names are propagated within each document."""
        docs = [[list(s) for s in sentences] for sentences in documents]
        tagged = self._tag_sentences([s for sents in docs for s in sents])
        out = []
        at = 0
        for sents in docs:
            mine = tagged[at : at + len(sents)]
            at += len(sents)
            out.append(propagate(sents, mine) if self.propagate else mine)
        return out

    def _tag_sentences(self, sents: list[list[str]]) -> list[tuple[list[str], list[float]]]:
        model = self.model
        out: list[tuple[list[str], list[float]]] = [([], []) for _ in sents]
        order = sorted((i for i, s in enumerate(sents) if s), key=lambda i: len(sents[i]))
        with model.lock:  # the per-form caches are shared
            for lo in range(0, len(order), BATCH):
                idx = order[lo : lo + BATCH]
                for i, result in zip(idx, self._tag_batch(model, [sents[i] for i in idx]), strict=True):
                    out[i] = result
        return out

    def _tag_batch(self, model: _Model, batch: list[list[str]]) -> list[tuple[list[str], list[float]]]:
        """Tags of non-empty sentences: CRF marginals, averaged with the BiLSTMs', IOB2 Viterbi."""
        lengths = np.array([len(s) for s in batch])
        infos = [[model.featurizer.info(t) for t in sent] for sent in batch]
        gaz = [model.featurizer.gaz_tags(i) for i in infos]
        scores = model.crf.scores(model.featurizer, infos, gaz)
        probs = model.crf.marginals(scores, lengths)
        neural = model.neural if self.ensemble else []
        if neural:
            nn = sum(net.probabilities(infos, gaz) for net in neural) / len(neural)
            probs = CRF_WEIGHT * probs + (1 - CRF_WEIGHT) * nn
        out = []
        for r, path in enumerate(viterbi_batch(probs, lengths)):
            conf = probs[r, np.arange(len(path)), path].clip(0.0, 1.0)
            out.append(([LABELS[k] for k in path], conf.tolist()))
        return out

    def extract(self, sentences: Sequence[Sequence[str]]) -> list[list[Span]]:
        return self.extract_documents([sentences])[0]

    def extract_documents(self, documents: Sequence[Sequence[Sequence[str]]]) -> list[list[list[Span]]]:
        return [[bio_to_spans(tags, conf) for tags, conf in doc] for doc in self.tag_documents(documents)]


@lru_cache(maxsize=100_000)
def _key(token: str) -> str:
    return segment(norm(token))[1]


@lru_cache(maxsize=100_000)
def _first_keys(token: str) -> tuple[str, ...]:
    word = norm(token)
    pre, stem = segment(word)
    bare, rest = bare_split(word)
    return (stem, rest) if bare and not pre else (stem,)


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
        firsts = {k[0] for k in names}
        for i in range(lo, hi):
            toks = sentences[i]
            tags, conf = out[i]
            n, j = len(toks), 0
            sent_keys: list[str] = []
            while j < n:
                hit = None
                first_keys = _first_keys(toks[j])
                if firsts.isdisjoint(first_keys):  # most words open no name
                    j += 1
                    continue
                starts = [k for k in first_keys if k in firsts]
                if starts and not sent_keys:
                    sent_keys = [_key(t) for t in toks]
                for length in range(min(longest, n - j), 0, -1) if starts else ():
                    if any(tags[j + m] != "O" for m in range(length)):
                        continue
                    rest = tuple(sent_keys[j + 1 : j + length])
                    for first in starts:
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
