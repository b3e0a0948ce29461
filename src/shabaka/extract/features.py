"""Token features of the embedded NER model, shared by training and tagging.

One copy of the logic (the clitic splitters are :func:`shabaka.arabic.segment`,
:func:`~shabaka.arabic.bare_split` and :func:`~shabaka.arabic.lookup_variants`):
``training/train_ner.py`` and
:mod:`shabaka.extract.embedded` both build a :class:`Featurizer` from the files in
``models/`` and call :meth:`Featurizer.sentence` (training) or its parts (tagging).

Features (strings for CRFsuite) of a token, computed on :func:`shabaka.text.normalize_key`:
the word, its clitic-stripped stem and proclitic (و ف ب ل ك + ال / لل), character
prefixes and suffixes, word shape and Latin/digit flags, gazetteer matches (multi-word,
the first word may carry clitics) with their B/I position, word-cluster ids, all in a
±2 window with a few conjunctions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import islice
from pathlib import Path

from shabaka.arabic import bare_split, drop_article, lookup_variants, segment
from shabaka.extract.base import Memo
from shabaka.text import normalize_key

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LATIN = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=300_000)
def norm(token: str) -> str:
    """The matching key of a token (cached: the same words recur)."""
    key = normalize_key(token)
    return key or token


def shape(token: str) -> str:
    """A compressed character-class shape: ``a`` Arabic, ``X``/``x`` Latin, ``d`` digit."""
    chars = []
    for ch in token:
        if _ARABIC.match(ch):
            c = "a"
        elif ch.isdigit():
            c = "d"
        elif ch.isalpha():
            c = "X" if ch.isupper() else "x"
        else:
            c = ch if not unicodedata.category(ch).startswith("P") else "p"
        if not chars or chars[-1] != c:
            chars.append(c)
    return "".join(chars)[:6]


class Gazetteer:
    """Multi-word name lists: normalized token tuples -> set of categories."""

    def __init__(self, entries: dict[tuple[str, ...], set[str]]):
        # one shared frozenset per distinct category set (most entries have the same one): memory
        shared: dict[frozenset[str], frozenset[str]] = {}
        self.entries = {k: shared.setdefault(frozenset(v), frozenset(v)) for k, v in entries.items()}
        #: longest entry starting with each first word (most words start none: skipped at once)
        self.longest: dict[str, int] = {}
        for key in entries:
            self.longest[key[0]] = max(self.longest.get(key[0], 0), len(key))
        #: the first two words of the entries of two words or more (most words open only one-word entries)
        self.pairs = frozenset(key[:2] for key in entries if len(key) > 1)
        self._openings = Memo(self._variants_opening, 2**17)

    def _variants_opening(self, word: str) -> tuple[str, ...]:
        """The variants of ``word`` (:func:`~shabaka.arabic.lookup_variants`) that open an entry
        (cached per gazetteer as :attr:`_openings`: most words open none)."""
        return tuple(v for v in lookup_variants(word) if v in self.longest)

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        """Read ``category<TAB>entry`` lines (entry already normalized, space-separated)."""
        entries: dict[tuple[str, ...], set[str]] = {}
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip() or line.startswith("#"):
                    continue
                cat, _, entry = line.rstrip("\n").partition("\t")
                key = tuple(entry.split())
                if key:
                    entries.setdefault(key, set()).add(cat)
        return cls(entries)

    def tags(self, words: Sequence[str]) -> list[set[str]]:
        """Per token, the ``B-CAT`` / ``I-CAT`` gazetteer tags of the longest matches."""
        out: list[set[str]] = [set() for _ in words]
        n = len(words)
        for i in range(n):
            variants = self._openings[words[i]]
            if not variants:
                continue
            top = min(max(self.longest[v] for v in variants), n - i)
            if top > 1 and not any((v, words[i + 1]) in self.pairs for v in variants):
                top = 1
            for length in range(top, 0, -1):
                rest = tuple(words[i + 1 : i + length])
                cats: set[str] = set()
                for first in variants:
                    cats |= self.entries.get((first, *rest), frozenset())
                if cats:
                    for cat in cats:
                        out[i].add(f"B-{cat}")
                        for j in range(i + 1, i + length):
                            out[j].add(f"I-{cat}")
                    break
        return out


class FormCache(dict):
    """A dict from word forms to what was computed for them, holding at most ``size`` forms:
    when full, the oldest half goes."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def missing(self, forms: Iterable[str]) -> list[str]:
        """The distinct ``forms`` not in the cache, for the caller to compute and add: room is made for them
        (when full, the oldest entries go, and a dropped form asked for is in the list)."""
        forms = list(dict.fromkeys(forms))
        new = [f for f in forms if f not in self]
        if len(self) + len(new) > self.size:
            for old in list(islice(self, len(self) // 2 + len(new))):
                del self[old]
            new = [f for f in forms if f not in self]
        return new


#: The optional resource of word classes and frequency bands (written by ``training/clusters.py``).
WORDINFO = "wordinfo.tsv"


def load_wordinfo(path: Path) -> dict[str, str]:
    """``word<TAB>class…<TAB>band`` lines (``-``: unknown) as word -> ``class…<TAB>band``; {} if no file."""
    out: dict[str, str] = {}
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                word, _, rest = line.rstrip("\n").partition("\t")
                out[word] = rest
    return out


#: The optional resource of label lexicons (written by ``training/train_ner.py --lexicon``).
LEXICON = "lexicon.tsv"


def load_lexicon(path: Path) -> dict[str, tuple[str, ...]]:
    """``word<TAB>value value…`` lines as word -> values (what annotated corpora say of the form); {} if no file."""
    out: dict[str, tuple[str, ...]] = {}
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                word, _, rest = line.rstrip("\n").partition("\t")
                out[word] = tuple(rest.split())
    return out


#: Neighbour offsets of the ±2 window.
OFFSETS = (-2, -1, 1, 2)
#: The feature of a neighbour's place past the sentence's end, per offset.
_PAD = {o: f"{o}w=<pad>" for o in OFFSETS}


#: Forms whose :class:`TokenInfo` is kept (as many as :data:`shabaka.extract.crf.CACHE_SIZE`:
#: a form whose CRF weights are cached is asked for its info at each occurrence).
INFO_CACHE_SIZE = 100_000


class TokenInfo:
    """What the features need of one token, computed once per word form (see :meth:`Featurizer.info`)."""

    __slots__ = ("b", "c", "core", "fq", "k", "lx", "p", "raw", "s", "sh", "w")

    def __init__(
        self, raw: str, clusters: dict[str, str], wordinfo: dict[str, str], lexicon: dict[str, tuple[str, ...]]
    ):
        w = norm(raw)
        pre, stem = segment(w)
        self.raw, self.w, self.s, self.p, self.sh = raw, w, stem, pre, shape(raw)
        self.core = drop_article(stem)
        bpre, brest = bare_split(w)
        self.b = brest if bpre and not pre else ""
        self.c = clusters.get(w) or clusters.get(stem) or ""
        # word classes of the pretrained vectors (coarse to fine) and the frequency band
        found = wordinfo.get(w) or wordinfo.get(stem) or (wordinfo.get(self.b) if self.b else None)
        values = tuple(found.split("\t")) if found else ()
        self.k: tuple[str, ...] = values[:-1]
        self.fq = values[-1] if values else ""
        # the labels annotated corpora give the form (or its stem)
        self.lx = lexicon.get(w) or lexicon.get(stem) or (lexicon.get(self.b, ()) if self.b else ())


class Featurizer:
    """Builds CRFsuite feature strings for sentences, from the shipped resource files.

    The features of token ``i`` are of four kinds, which :meth:`sentence` puts together:
    its own (:meth:`own`, a function of the word form alone), each neighbour's at offset
    ``o`` (:meth:`context`, a function of the neighbour's form and ``o``), the gazetteer
    tags of itself and its neighbours, and the position/bigram ones (:meth:`joint`).
    The run-time scorer (:class:`shabaka.extract.crf.LinearCRF`) relies on that split to
    cache the weight sums of the first two kinds per word form.
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        clusters: dict[str, str] | None = None,
        wordinfo: dict[str, str] | None = None,
        lexicon: dict[str, tuple[str, ...]] | None = None,
    ):
        self.gazetteer = gazetteer
        self.clusters = clusters or {}
        self.wordinfo = wordinfo or {}
        self.lexicon = lexicon or {}
        self._infos = Memo(self._token_info, INFO_CACHE_SIZE)

    @classmethod
    def from_dir(cls, folder: Path) -> Featurizer:
        gaz_path = folder / "gazetteer.tsv"
        cl_path = folder / "clusters.tsv"
        gazetteer = Gazetteer.load(gaz_path) if gaz_path.exists() else None
        clusters: dict[str, str] = {}
        if cl_path.exists():
            with open(cl_path, encoding="utf-8") as fh:
                for line in fh:
                    word, _, cid = line.rstrip("\n").partition("\t")
                    if word and cid:
                        clusters[word] = cid
        return cls(gazetteer, clusters, load_wordinfo(folder / WORDINFO), load_lexicon(folder / LEXICON))

    def info(self, raw: str) -> TokenInfo:
        """The :class:`TokenInfo` of a token (cached: emptied past :data:`INFO_CACHE_SIZE` forms)."""
        return self._infos[raw]

    def _token_info(self, raw: str) -> TokenInfo:
        return TokenInfo(raw, self.clusters, self.wordinfo, self.lexicon)

    def gaz_tags(self, infos: Sequence[TokenInfo]) -> list[set[str]]:
        """Gazetteer tags of a sentence (computed once, shared by the CRF and the neural tagger)."""
        if self.gazetteer is None:
            return [set() for _ in infos]
        return self.gazetteer.tags([i.w for i in infos])

    def own(self, info: TokenInfo) -> list[str]:
        """The features of a token that depend on its form alone."""
        raw, w, s, core = info.raw, info.w, info.s, info.core
        f = [
            "b",
            "w=" + w,
            "s=" + s,
            "core=" + core,
            "p=" + info.p,
            "sh=" + info.sh,
            "len=" + str(min(len(core), 8)),
            "cp2=" + core[:2],
            "cp3=" + core[:3],
            "cs1=" + core[-1:],
            "cs2=" + core[-2:],
            "cs3=" + core[-3:],
            "ws4=" + w[-4:],
            "wp1=" + w[:1],
            "wp2=" + w[:2],
            "hasal=" + str(s.startswith("ال")),
        ]
        if info.b:
            f.append("bare=" + info.b)
        if _LATIN.search(raw):
            f.append("latin")
            f.append("lw=" + raw.lower())
            if raw[:1].isupper():
                f.append("title")
        if any(ch.isdigit() for ch in raw):
            f.append("digit")
        if info.c:
            c = info.c
            f += ["c=" + c, "c4=" + c[:4], "c6=" + c[:6]]
        elif self.clusters:
            f.append("rare")
        if self.wordinfo:
            f += [f"k{j}={k}" for j, k in enumerate(info.k) if k != "-"]
            f.append("fq=" + (info.fq or "none"))
        if self.lexicon:
            f += ["lx=" + v for v in info.lx] or ["lx=none"]
        return f

    @staticmethod
    def context(other: TokenInfo, o: int) -> list[str]:
        """The features a token gets from its neighbour ``other`` at offset ``o`` (gazetteer tags aside)."""
        f = [f"{o}w={other.w}", f"{o}s={other.s}"]
        if other.c:
            f.append(f"{o}c={other.c[:6]}")
        if abs(o) == 1:
            f += [f"{o}sh={other.sh}", f"{o}p={other.p}", f"{o}cs2={other.core[-2:]}"]
        if other.k and other.k[0] != "-":
            f.append(f"{o}k={other.k[max(0, len(other.k) - 1 - abs(o))]}")  # finer classes for nearer words
        if abs(o) == 1:
            f += [f"{o}lx={v}" for v in other.lx if v[1:4] == "top"]
        return f

    @staticmethod
    def joint(infos: Sequence[TokenInfo], i: int) -> list[str]:
        """Position and word-bigram features of token ``i``, and the padding of its window."""
        n = len(infos)
        w = infos[i].w
        f = [] if 2 <= i < n - 2 else [_PAD[o] for o in OFFSETS if not 0 <= i + o < n]
        if i == 0:
            f.append("BOS")
        if i == n - 1:
            f.append("EOS")
        if i > 0:
            f.append(f"-1w|w={infos[i - 1].w}|{w}")
            f.append(f"-1s|s={infos[i - 1].s}|{infos[i].s}")
        if i + 1 < n:
            f.append(f"w|+1w={w}|{infos[i + 1].w}")
        if i > 1:
            f.append(f"-2w|-1w={infos[i - 2].w}|{infos[i - 1].w}")
        if i + 2 < n:
            f.append(f"+1w|+2w={infos[i + 1].w}|{infos[i + 2].w}")
        return f

    @staticmethod
    def gaz_features(gaz: Sequence[set[str]], i: int) -> list[str]:
        """Gazetteer features of token ``i``: its own tags and its ±2 neighbours'."""
        f = ["g=" + g for g in sorted(gaz[i])] if gaz[i] else []
        for o in OFFSETS:
            if 0 <= i + o < len(gaz) and gaz[i + o]:
                f += [f"{o}g={g}" for g in sorted(gaz[i + o])]
        return f

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """The feature strings of every token of one sentence (training; tagging sums the same weights)."""
        infos = [self.info(t) for t in tokens]
        gaz = self.gaz_tags(infos)
        n = len(infos)
        feats: list[list[str]] = []
        for i in range(n):
            f = self.own(infos[i])
            for o in OFFSETS:
                if 0 <= i + o < n:
                    f += self.context(infos[i + o], o)
            feats.append(f + self.gaz_features(gaz, i) + self.joint(infos, i))
        return feats
