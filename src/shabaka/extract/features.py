"""Token features of the embedded NER model, shared by training and tagging.

One copy of the logic (the clitic splitters are :func:`shabaka.arabic.segment`,
:func:`~shabaka.arabic.bare_split` and :func:`~shabaka.arabic.lookup_variants`):
:mod:`shabaka.extract.train` and
:mod:`shabaka.extract.embedded` both build a :class:`Featurizer` from the files in
``models/`` and call :meth:`Featurizer.sentence` / :meth:`Featurizer.document`.

Features (strings for CRFsuite) of a token, computed on :func:`shabaka.text.normalize_key`:
the word, its clitic-stripped stem and proclitic (و ف ب ل ك + ال / لل), character
prefixes and suffixes, word shape and Latin/digit flags, gazetteer matches (multi-word,
the first word may carry clitics) with their B/I position, word-cluster ids, all in a
±2 window with a few conjunctions; and optionally "stage-2" features: the tag a first
model gave the token and the types the first model gave to the same word elsewhere in
the document (label consistency).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from shabaka.arabic import bare_split, drop_article, lookup_variants, segment
from shabaka.text import normalize_key

#: Stage-2 "same word elsewhere in the document" features look at blocks of this many
#: sentences (training cuts ANERcorp's sentence stream, which has no document
#: boundaries, the same way).
STAGE2_WINDOW = 30

#: Longest gazetteer entry, in tokens.
MAX_GAZ_LEN = 6

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
        self.entries = entries
        self.max_len = max((len(k) for k in entries), default=1)

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
        variants = [lookup_variants(w) for w in words]
        for i in range(n):
            for length in range(min(self.max_len, n - i), 0, -1):
                rest = tuple(words[i + 1 : i + length])
                cats: set[str] = set()
                for first in variants[i]:
                    cats |= self.entries.get((first, *rest), set())
                if cats:
                    for cat in cats:
                        out[i].add(f"B-{cat}")
                        for j in range(i + 1, i + length):
                            out[j].add(f"I-{cat}")
                    break
        return out


class Featurizer:
    """Builds CRFsuite feature strings for sentences, from the shipped resource files."""

    def __init__(self, gazetteer: Gazetteer | None = None, clusters: dict[str, str] | None = None):
        self.gazetteer = gazetteer
        self.clusters = clusters or {}

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
        return cls(gazetteer, clusters)

    def _token(self, raw: str) -> dict[str, str]:
        w = norm(raw)
        pre, stem = segment(w)
        info = {"w": w, "s": stem, "p": pre, "sh": shape(raw)}
        core = drop_article(stem)
        info["core"] = core
        bpre, brest = bare_split(w)
        info["b"] = brest if bpre and not pre else ""
        cl = self.clusters.get(w) or self.clusters.get(stem)
        info["c"] = cl or ""
        return info

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """The feature strings of every token of one sentence."""
        n = len(tokens)
        infos = [self._token(t) for t in tokens]
        words = [i["w"] for i in infos]
        gaz = self.gazetteer.tags(words) if self.gazetteer else [set() for _ in tokens]
        feats: list[list[str]] = []
        for i, (raw, info) in enumerate(zip(tokens, infos, strict=True)):
            w, s, core = info["w"], info["s"], info["core"]
            f = [
                "b",
                "w=" + w,
                "s=" + s,
                "core=" + core,
                "p=" + info["p"],
                "sh=" + info["sh"],
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
            if info["b"]:
                f.append("bare=" + info["b"])
            if _LATIN.search(raw):
                f.append("latin")
                f.append("lw=" + raw.lower())
                if raw[:1].isupper():
                    f.append("title")
            if any(ch.isdigit() for ch in raw):
                f.append("digit")
            if info["c"]:
                c = info["c"]
                f += ["c=" + c, "c4=" + c[:4], "c6=" + c[:6]]
            elif self.clusters:
                f.append("rare")
            f += ["g=" + g for g in gaz[i]]
            if i == 0:
                f.append("BOS")
            if i == n - 1:
                f.append("EOS")
            for o in (-2, -1, 1, 2):
                j = i + o
                if 0 <= j < n:
                    other = infos[j]
                    f.append(f"{o}w={other['w']}")
                    f.append(f"{o}s={other['s']}")
                    f += [f"{o}g={g}" for g in gaz[j]]
                    if other["c"]:
                        f.append(f"{o}c={other['c'][:6]}")
                    if abs(o) == 1:
                        f.append(f"{o}sh={other['sh']}")
                        f.append(f"{o}p={other['p']}")
                        f.append(f"{o}cs2={other['core'][-2:]}")
                else:
                    f.append(f"{o}w=<pad>")
            if i > 0:
                f.append(f"-1w|w={infos[i - 1]['w']}|{w}")
                f.append(f"-1s|s={infos[i - 1]['s']}|{s}")
            if i + 1 < n:
                f.append(f"w|+1w={w}|{infos[i + 1]['w']}")
            if i > 1:
                f.append(f"-2w|-1w={infos[i - 2]['w']}|{infos[i - 1]['w']}")
            if i + 2 < n:
                f.append(f"+1w|+2w={infos[i + 1]['w']}|{infos[i + 2]['w']}")
            feats.append(f)
        return feats

    def stage2(
        self,
        document: Sequence[Sequence[str]],
        first_tags: Sequence[Sequence[str]],
        base: Sequence[list[list[str]]] | None = None,
        window: int = 1_000_000,
    ) -> list[list[list[str]]]:
        """Stage-2 features: stage-1 features plus the first model's tags here and for the same word elsewhere.

        ``first_tags`` are the first model's IOB2 tags of each sentence of ``document``;
        ``window`` limits "elsewhere" to sentences at most that far away.
        """
        base = base if base is not None else [self.sentence(s) for s in document]
        # where each stem occurs, with the type the first model gave it
        occurrences: dict[str, list[tuple[int, int, str]]] = {}
        for si, (sent, tags) in enumerate(zip(document, first_tags, strict=True)):
            for ti, (tok, tag) in enumerate(zip(sent, tags, strict=True)):
                stem = segment(norm(tok))[1]
                if len(stem) < 2:
                    continue
                occurrences.setdefault(stem, []).append((si, ti, tag[2:] if tag != "O" else "O"))
        out: list[list[list[str]]] = []
        for si, (sent, tags, feats) in enumerate(zip(document, first_tags, base, strict=True)):
            sfeats: list[list[str]] = []
            for ti, tok in enumerate(sent):
                f = list(feats[ti])
                tag = tags[ti]
                f.append("t1=" + tag)
                f.append("t1-1=" + (tags[ti - 1] if ti > 0 else "<s>"))
                f.append("t1+1=" + (tags[ti + 1] if ti + 1 < len(sent) else "</s>"))
                stem = segment(norm(tok))[1]
                votes = Counter(
                    typ for sj, tj, typ in occurrences.get(stem, ()) if (sj, tj) != (si, ti) and abs(sj - si) <= window
                )
                total = sum(votes.values())
                if total:
                    ents = {k: v for k, v in votes.items() if k != "O"}
                    if ents:
                        best = max(ents, key=lambda k: ents[k])
                        share = ents[best] / total
                        f.append("dmaj=" + best)
                        f.append(f"dmaj={best}:{'hi' if share >= 0.5 else 'lo'}")
                    else:
                        f.append("dmaj=O")
                sfeats.append(f)
            out.append(sfeats)
        return out
