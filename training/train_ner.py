"""Train the embedded Arabic NER model (CRFsuite + BiLSTM) from the shared corpora.

One command rebuilds everything shipped in ``models/`` (from the repository root)::

    PYTHONPATH=src python training/train_ner.py --data ../shared/data --out src/shabaka/extract/models/

It writes ``gazetteer.tsv`` (normalized name lists built from the freely licensed
gazetteers), ``clusters.tsv`` (word clusters learned from the training text),
``ner.crfsuite``, ``bilstm.npz`` and ``NOTICE.md``.
``--dev`` instead holds out the last 10 % of the ANERcorp train sentences and prints
dev scores (used to choose the settings); the ANERcorp test file is never read here.
Training is deterministic (CRFsuite's L-BFGS has no randomness; k-means uses a fixed seed).
"""

from __future__ import annotations

import argparse
import csv
import json
import lzma
import shutil
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from shabaka.conll import TYPES, aqmar_type, read_gold, span_scores
from shabaka.extract.base import normalize_type
from shabaka.extract.features import LEXICON, WORDINFO, Featurizer, norm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from news_gold_bio import news_gold_sentences, parse_splits

SEED = 13
MODELS = Path(__file__).resolve().parents[1] / "src" / "shabaka" / "extract" / "models"
DEV_FRACTION = 0.10
#: Folds of the out-of-fold ANERcorp label lexicon (``--lexicon anercorp``).
LEXICON_FOLDS = 10

# Trigger words written for shabaka (no third-party source): words that introduce or
# head a name. They are only features; the model learns how much to trust them.
TRIGGERS: dict[str, list[str]] = {
    "PERTRIG": [
        "الرئيس", "رئيس", "السيد", "السيده", "الوزير", "وزير", "وزيره", "الشيخ", "الملك", "الامير",
        "الاميره", "الدكتور", "د", "المستشار", "الجنرال", "العقيد", "اللواء", "الرائد", "النائب",
        "المتحدث", "الناطق", "السفير", "الامين", "المدير", "مدير", "الزعيم", "زعيم", "المدرب",
        "اللاعب", "الفنان", "الكاتب", "الشاعر", "المطرب", "المغني", "الممثل", "الصحافي", "البابا",
        "الحاخام", "الاب", "الرئيسه", "ملك", "امير", "قال", "وقال", "اكد", "واكد", "اعلن", "واعلن",
        "اضاف", "واضاف", "صرح", "اوضح", "واوضح", "ابن", "بن", "ابو", "ام", "بنت", "نائب", "رئيسه",
        "المرشح", "القاضي", "المحامي", "البروفسور", "الاستاذ", "المفتي", "الامام", "السلطان",
    ],
    "ORGTRIG": [
        "شركه", "الشركه", "جامعه", "الجامعه", "وكاله", "الوكاله", "وزاره", "الوزاره", "حزب", "الحزب",
        "حركه", "الحركه", "منظمه", "المنظمه", "مجلس", "المجلس", "بنك", "البنك", "مصرف", "اتحاد",
        "الاتحاد", "نادي", "النادي", "فريق", "الفريق", "جمعيه", "الجمعيه", "مؤسسه", "المؤسسه",
        "هيئه", "الهيئه", "لجنه", "اللجنه", "صحيفه", "الصحيفه", "مجله", "المجله", "اذاعه", "تلفزيون",
        "قناه", "القناه", "محكمه", "المحكمه", "جيش", "الجيش", "مجموعه", "المجموعه", "معهد", "المعهد",
        "مركز", "المركز", "برلمان", "البرلمان", "منتخب", "المنتخب", "جبهه", "الجبهه", "صندوق",
        "الصندوق", "اكاديميه", "رابطه", "الرابطه", "نقابه", "النقابه", "بورصه", "البورصه", "مكتب",
        "دائره", "مديريه", "مصلحه", "كتله", "ائتلاف", "تحالف", "مستشفى", "مستشفي", "جريده",
    ],
    "LOCTRIG": [
        "مدينه", "المدينه", "ولايه", "الولايه", "محافظه", "المحافظه", "نهر", "النهر", "جبل",
        "جبال", "بحر", "البحر", "منطقه", "المنطقه", "عاصمه", "العاصمه", "جزيره", "جزر", "اقليم",
        "الاقليم", "قريه", "القريه", "بلده", "البلده", "مقاطعه", "المقاطعه", "حي", "شارع",
        "ميناء", "مطار", "بلاد", "دوله", "جمهوريه", "مملكه", "اماره", "امارة", "خليج", "صحراء",
        "وادي", "سهل", "هضبه", "بحيره", "مخيم", "ضاحيه", "شمال", "جنوب", "شرق", "غرب", "وسط",
        "شمالي", "جنوبي", "شرقي", "غربي", "في", "الى", "من", "الي",
    ],
}  # fmt: skip


# ----------------------------------------------------------------------------- data


def read_tagged(path: Path, map_type=normalize_type) -> list[tuple[list[str], list[str]]]:
    """Sentences of (tokens, IOB2 tags with shabaka types) from a CoNLL file (see :func:`read_gold`)."""
    with open(path, encoding="utf-8-sig") as fh:
        return read_gold(fh, 1, map_type)


def anercorp(data: Path, split: str) -> list[tuple[list[str], list[str]]]:
    return read_tagged(data / "anercorp_camel" / f"ANERCorp_CamelLab_{split}.txt")


def wikifane_type(kind: str) -> str | None:
    """WikiFANE's coarse column: facilities are places in ANERcorp's scheme."""
    return "LOC" if kind == "FAC" else normalize_type(kind)


def wikifane(data: Path) -> list[tuple[list[str], list[str]]]:
    """WikiFANE gold (Wikipedia, coarse column; its orthography is normalized, and every
    feature is computed on :func:`norm`, which normalizes ANERcorp's the same way)."""
    with lzma.open(data / "wikifane_gold" / "wikifane_gold_500k.conll.xz", "rt", encoding="utf-8") as fh:
        return read_gold(fh, 2, wikifane_type)


def silver_sentences(path: Path, limit: int | None = None) -> list[tuple[list[str], list[str]]]:
    """The first ``limit`` sentences (all: None) of a silver CoNLL file (``token<TAB>tag``, xz or
    plain): news tagged by the fine-tuned encoder of ``training/encoder.py label``."""
    lines: list[str] = []
    sentences = 0
    with (lzma.open if path.suffix == ".xz" else open)(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() and lines and lines[-1].strip():
                sentences += 1
                if sentences == limit:
                    break
            lines.append(line)
    return read_gold(lines, 1)


def split_dev(sentences: list, fraction: float = DEV_FRACTION, block: int | None = None) -> tuple[list, list]:
    """Sequential split: the last ``fraction`` of the sentences are the dev set (or, with ``block``,
    the block-th of the 1/``fraction`` contiguous blocks: a second opinion on a choice)."""
    blocks = round(1 / fraction)
    block = blocks - 1 if block is None else block
    lo, hi = round(len(sentences) * block / blocks), round(len(sentences) * (block + 1) / blocks)
    return sentences[:lo] + sentences[hi:], sentences[lo:hi]


# ----------------------------------------------------------------------------- gazetteer


def _lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig") as fh:
        return [line.strip().lstrip("\ufeff") for line in fh if line.strip()]


def _key(text: str) -> str:
    return " ".join(norm(t) for t in text.replace("-", " ").split())


#: names_xlit lists used as gazetteers (``--xlit``): arwikicats label tables -> category.
XLIT_TABLES = {
    "cities/cities_full.json": "CITY", "geography/us_counties.json": "LOCO", "geography/popopo.json": "REGION",
    "geography/P17_2_final_ll.json": "LOCO", "geography/India_dd.json": "LOCO", "geography/New_Keys.json": "LOCO",
    "geography/P17_PP.json": "LOCO", "people/peoples.json": "XPER", "sports/Clubs_key.json": "XCLUB",
    "sports/clubs_teams_leagues.json": "XCLUB",
}  # fmt: skip


def _xz_rows(path: Path) -> list[dict[str, str]]:
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def xlit_gazetteer(data: Path) -> set[tuple[str, str]]:
    """(category, normalized entry) rows from ``gazetteers/names_xlit`` (Wikidata person names
    and name parts, Wikipedia labels of places, people and clubs)."""
    gz = data / "gazetteers" / "names_xlit"
    rows: set[tuple[str, str]] = set()
    for r in _xz_rows(gz / "arabic_name_romanizer_full_names.tsv.xz"):
        if r["source"] == "wikidata" and len(r["arabic_key_normalized"].split()) >= 2:
            rows.add(("XPER", _key(r["arabic_key_normalized"])))
    roles = {"given": "XGIVEN", "surname": "XSUR"}
    for r in _xz_rows(gz / "arabic_name_romanizer_name_units.tsv.xz"):
        if r["role"] in roles and r["source"] == "wikidata":
            rows.add((roles[r["role"]], _key(r["arabic_key_normalized"])))
    for r in _xz_rows(gz / "arwikicats_en_ar_labels.tsv.xz"):
        cat = XLIT_TABLES.get(r["table"])
        if cat:
            rows.add((cat, _key(r["arabic"])))
    return {(c, k) for c, k in rows if k and len(k) >= 2}


def wikifane_gazetteer(data: Path) -> set[tuple[str, str]]:
    """(``W`` + type, normalized entry) rows of the names annotated in WikiFANE: every name of
    two words or more, and a one-word name where the word is inside a name in at least half
    of its occurrences."""
    from shabaka.extract.base import bio_to_spans

    sentences = wikifane(data)
    inside: Counter = Counter()
    seen: Counter = Counter()
    rows: set[tuple[str, str]] = set()
    for tokens, tags in sentences:
        for t, y in zip(tokens, tags, strict=True):
            seen[norm(t)] += 1
            inside[norm(t)] += y != "O"
        for span in bio_to_spans(tags):
            key = " ".join(norm(t) for t in tokens[span.start : span.end])
            rows.add(("W" + span.type, key))
    return {(c, k) for c, k in rows if len(k) >= 2 and (" " in k or inside[k] * 2 >= seen[k])}


def build_gazetteer(data: Path, xlit: bool = False, wikifane_names: bool = False) -> list[tuple[str, str]]:
    """(category, normalized entry) rows from the gazetteers whose licenses allow shipping.

    Sources (see NOTICE.md): GATE Lang_Arabic lists (LGPL; not the ACE-derived
    ``inferred-gazetteer``), AKhateeb/arabic-names (MIT), Unicode CLDR via babel
    (Unicode License v3), iso-codes via pycountry (LGPL-2.1), World Cities with Arabic
    Translations (CC BY 4.0, from Wikidata), plus shabaka's own trigger words.
    """
    gz = data / "gazetteers"
    rows: set[tuple[str, str]] = set()

    def add(cat: str, text: str) -> None:
        key = _key(text)
        if key and len(key) >= 2:
            rows.add((cat, key))

    gate = gz / "gate_arabic"
    for name, cat in [
        ("male_names.lst", "PFIRST"), ("female_names.lst", "PFIRST"), ("surnames.lst", "PLAST"),
        ("titles.lst", "TITLE"), ("country.lst", "COUNTRY"), ("country_world.lst", "COUNTRY"),
        ("city.lst", "CITY"), ("city_world.lst", "CITY"), ("location_other.lst", "LOCO"),
        ("oceans_seas_islands.lst", "LOCO"), ("mountains.lst", "LOCO"), ("rivers.lst", "LOCO"),
        ("places.lst", "LOCO"), ("facility.lst", "FAC"), ("monuments.lst", "FAC"),
        ("organisations.lst", "ORGG"),
    ]:  # fmt: skip
        for entry in _lines(gate / name):
            add(cat, entry)
    ak = gz / "arabic_names_akhateeb"
    for name, cat in [
        ("male-first--names-in-arabic.txt", "PFIRST"),
        ("female-first-names-in-arabic.txt", "PFIRST"),
        ("last-names-in-arabic.txt", "PLAST"),
    ]:
        for entry in _lines(ak / name):
            add(cat, entry)
    with open(gz / "cldr_babel" / "territories_ar.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            cat = "COUNTRY" if row["code"].isalpha() else "REGION"
            add(cat, row["name_ar"])
            for v in (row.get("variants_ar_in_regional_locales") or "").split("|"):
                if v.strip():
                    add(cat, v)
    with open(gz / "cldr_babel" / "tz_exemplar_cities_ar.tsv", encoding="utf-8") as fh:
        reader = csv.reader(fh, delimiter="\t")
        header = next(reader)
        for row in reader:
            rec = dict(zip(header, row, strict=False))
            add("CITY", rec.get("city_ar", ""))
            for v in (rec.get(header[-1], "") if len(header) > 3 else "").split("|"):
                if v.strip():
                    add("CITY", v)
    with open(gz / "pycountry_isocodes" / "countries_ar_isocodes.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            for col in ("name_ar", "official_name_ar", "common_name_ar"):
                if row.get(col):
                    add("COUNTRY", row[col])
    with open(gz / "world_cities_ar" / "world-cities.csv", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            add("COUNTRY", row["CountryNameAr"])
            add("CITY", row["CityNameAr"])
    for cat, words in TRIGGERS.items():
        for w in words:
            add(cat, w)
    if xlit:
        rows |= xlit_gazetteer(data)
    if wikifane_names:
        rows |= wikifane_gazetteer(data)
    return sorted(rows)


NOTICE = """# Notices for the files in this folder

`ner.crfsuite` (CRF weights), `bilstm*.npz` (BiLSTM weights and vocabulary) and
`clusters.tsv` (word clusters) were trained/computed by shabaka on ANERcorp (CAMeL Lab
split, train part only), CC BY-SA 4.0 — Benajiba, Rosso & Benedí, "ANERsys", CICLing 2007;
Obeid et al., "CAMeL Tools", LREC 2020. They contain corpus words (feature names,
vocabulary), so they are distributed under CC BY-SA 4.0 with this attribution
(https://creativecommons.org/licenses/by-sa/4.0/). See MODEL.md at the repository root.

`gazetteer.tsv` — normalized (dediacritized, alef/ya/teh-marbuta normalized) name lists,
one `category<TAB>entry` per line, derived from:

- GATE 8.2 `Lang_Arabic` plugin gazetteer lists (titles, first names, surnames,
  countries, cities, other locations, facilities, organisations), GNU LGPL
  (https://gate.ac.uk). The ACE-derived `inferred-gazetteer` lists are NOT used.
  You may replace this data: rebuild with `python training/train_ner.py`.
- AKhateeb/arabic-names — MIT License, Copyright (c) 2018 AKhateeb.
- Unicode CLDR 47 territory and exemplar-city names (via the `babel` package) —
  Copyright © 1991-2025 Unicode, Inc., Unicode License v3 (https://www.unicode.org/license.txt).
- Debian iso-codes Arabic country names (via the `pycountry` package) — LGPL-2.1.
- "World Cities with Arabic Translations", Jamshaid Kamran, CC BY 4.0, data from
  Wikidata (https://github.com/jamsshhayd/world-cities-translations).
- Trigger words (PERTRIG / ORGTRIG / LOCTRIG) written for shabaka.
"""


NOTICE_XLIT = """
`gazetteer.tsv` (built with `--xlit`) also holds, normalized, from `names_xlit`:

- Arabic person names (full names, given names, surnames) from Wikidata (CC0 1.0), via the
  `arabic-name-romanizer` 0.2.0 package (MIT).
- Arabic Wikipedia labels of cities, regions, people and football clubs from the
  `arwikicats` 0.2.3 package (MIT; the labels are Wikipedia titles, CC BY-SA).
"""

NOTICE_WORDINFO = """
`wordinfo.tsv` — per normalized word form: its classes at three granularities (k-means of
fastText vectors that shabaka trained on unlabelled news and Wikipedia text: the ANT corpus,
Chouigui, Ben Khiroun & Elayeb, AICCSA 2017 and AJSE 46(8) 2021; EgyNews 2013, Hammad &
Hemayed, SocInfo 2013; the Arabic–Egyptian comparable Wikipedia corpus, Saad & Alijla,
PICICT 2017, CC BY-SA 4.0; BBC Arabic pages crawled in 2017) and its frequency band from
wordfreq's `large_ar` list (Robyn Speer, wordfreq, Zenodo v3.0, 2022; data CC BY-SA 4.0).
No text of those corpora is in this folder, only the word list and the derived classes.
"""

NOTICE_VECTORS = """
`bilstm.npz` (trained with `--vectors`) holds, as its frozen word embeddings, the fastText
vectors of the words of its vocabulary, trained by shabaka on the corpora named for
`wordinfo.tsv` (vectors only, no text).
"""


NOTICE_SILVER = """
`ner.crfsuite` (trained with `--silver-sentences`) also learned from sentences of the news and
Wikipedia texts named for `wordinfo.tsv`, tagged by an encoder that shabaka pretrained on them and
fine-tuned on ANERcorp train (`training/encoder.py`); its feature weights name words of those
sentences, no text of them is in this folder.
"""


NOTICE_NEWS = """
`ner.crfsuite` and `clusters.tsv` (trained with `--news-gold`) also learned from the open splits of
shabaka's real-news gold (`benchmarks/data/news_gold/`: short excerpts of Arabic news pages, each
credited to its outlet with its URL in that folder's `SOURCES.md`; the entities annotated for
shabaka, projected onto tokens by `training/news_gold_bio.py`). Feature weights and clusters name
words of those excerpts; the excerpts' text and copyright belong to their outlets.
"""


NOTICE_LEXICON = """
`lexicon.tsv` — per normalized word form, the labels it gets (most frequent label, count, shares
of each type, bucketed) in ANERcorp train (see above).
"""

NOTICE_WIKIFANE = """
`lexicon.tsv` / `gazetteer.tsv` (built with WikiFANE) — also the labels and names annotated in WikiFANE
Gold (F. Alotaibi and M. Lee, COLING 2014; CC BY-SA 3.0, https://creativecommons.org/licenses/by-sa/3.0/).
"""


def write_notice(
    data: Path,
    out: Path,
    xlit: bool = False,
    wordinfo: bool = False,
    vectors: bool = False,
    lexicon: bool = False,
    wikifane: bool = False,
    silver_sentences: bool = False,
    news_gold: bool = False,
) -> None:
    """Write ``NOTICE.md``: credits, plus the license texts that must travel with the data."""
    mit = (data / "gazetteers" / "arabic_names_akhateeb" / "LICENSE").read_text(encoding="utf-8").strip()
    text = (
        NOTICE
        + (NOTICE_XLIT if xlit else "")
        + (NOTICE_WORDINFO if wordinfo else "")
        + (NOTICE_VECTORS if vectors else "")
        + (NOTICE_SILVER if silver_sentences else "")
        + (NOTICE_NEWS if news_gold else "")
        + (NOTICE_LEXICON if lexicon else "")
        + (NOTICE_WIKIFANE if wikifane else "")
        + "\n## License of AKhateeb/arabic-names\n\n```\n"
        + mit
        + "\n```\n\n## Unicode License v3 (CLDR)\n\nThe CLDR-derived names are used under the Unicode License v3:"
        + " Copyright © 1991-2025 Unicode, Inc. Full text: https://www.unicode.org/license.txt\n"
    )
    (out / "NOTICE.md").write_text(text, encoding="utf-8")


# ----------------------------------------------------------------------------- clusters


def build_clusters(texts: Sequence[Sequence[str]], k: int = 256, dim: int = 100, min_count: int = 3) -> dict[str, str]:
    """Word clusters from a PPMI co-occurrence SVD + k-means (fixed seed).

    Each word's cluster id is written as a bit-string path of a 2-level hierarchy
    (coarse cluster of 16, then fine cluster), so prefixes give coarser classes, like Brown paths.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import svds
    from sklearn.cluster import KMeans

    counts = Counter(norm(t) for sent in texts for t in sent)
    vocab = [w for w, c in counts.most_common() if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    ctx_vocab = vocab[:5000]
    cindex = {w: i for i, w in enumerate(ctx_vocab)}
    rows, cols = [], []
    for sent in texts:
        stems = [norm(t) for t in sent]
        for i, w in enumerate(stems):
            if w not in index:
                continue
            for o in (-2, -1, 1, 2):
                j = i + o
                if 0 <= j < len(stems) and stems[j] in cindex:
                    rows.append(index[w])
                    cols.append(cindex[stems[j]] + (0 if o < 0 else len(ctx_vocab)))
    m = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vocab), 2 * len(ctx_vocab))).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col_sum = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col_sum = col_sum / col_sum.sum() * total
    m = m.tocoo()
    pmi = np.log(m.data * total / (row_sum[m.row] * col_sum[m.col]))
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape).tocsr()
    u, s, _ = svds(ppmi, k=dim, random_state=SEED)
    vec = u * np.sqrt(s)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    coarse = KMeans(16, n_init=4, random_state=SEED).fit_predict(vec)
    out: dict[str, str] = {}
    per = max(1, k // 16)
    for c in range(16):
        idx = np.where(coarse == c)[0]
        nfine = min(per, len(idx))
        fine = (
            KMeans(nfine, n_init=2, random_state=SEED).fit_predict(vec[idx]) if nfine > 1 else np.zeros(len(idx), int)
        )
        for i, f in zip(idx, fine, strict=True):
            out[vocab[i]] = f"{c:04b}{int(f):04b}"
    return out


# ----------------------------------------------------------------------------- label lexicons


def _bucket(share: float) -> int:
    return 0 if share < 0.05 else 1 if share < 0.3 else 2 if share < 0.7 else 3


def label_lexicon(sentences, prefix: str) -> dict[str, list[str]]:
    """Per normalized word form, what an annotated corpus says of it (:func:`lexicon_values`)."""
    counts: dict[str, Counter] = {}
    for tokens, tags in sentences:
        for t, y in zip(tokens, tags, strict=True):
            counts.setdefault(norm(t), Counter())[y] += 1
    return {form: lexicon_values(c, prefix) for form, c in counts.items()}


def silver_lexicon(path: Path) -> dict[str, list[str]]:
    """The lexicon (prefix ``s``) of the label counts that ``training/silver.py`` wrote."""
    out: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            form, _, rest = line.rstrip("\n").partition("\t")
            c = Counter({lab: int(k) for lab, _, k in (x.rpartition(":") for x in rest.split())})
            out[form] = lexicon_values(c, "s")
    return out


def lexicon_values(c: Counter, prefix: str) -> list[str]:
    """Feature values of a form's label counts: its most frequent IOB2 label (``{prefix}top=B-PER``),
    how often it was seen (1, 2, 3, 4+), the share of its occurrences inside an entity and the
    share of each type (buckets 0-3)."""
    n = sum(c.values())
    types: Counter = Counter()
    for y, k in c.items():
        if y != "O":
            types[y[2:]] += k
    values = [f"{prefix}top={c.most_common(1)[0][0]}", f"{prefix}n={min(n, 4)}"]
    values.append(f"{prefix}e={_bucket(sum(types.values()) / n)}")
    values += [f"{prefix}{t}={_bucket(k / n)}" for t, k in types.items() if k / n >= 0.05]
    return values


def merge_lexicons(*lexicons: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for lex in lexicons:
        for form, values in lex.items():
            out.setdefault(form, []).extend(values)
    return {form: tuple(v) for form, v in out.items()}


def fold_lexicons(train, other_lex: dict[str, list[str]], folds: int) -> list[tuple[range, dict]]:
    """For each of ``folds`` contiguous blocks of the training sentences, the lexicon of the others
    (out-of-fold, so that a training word's entry never counts its own sentence)."""
    bounds = [round(len(train) * k / folds) for k in range(folds + 1)]
    out = []
    for k in range(folds):
        rest = train[: bounds[k]] + train[bounds[k + 1] :]
        out.append((range(bounds[k], bounds[k + 1]), merge_lexicons(other_lex, label_lexicon(rest, "a"))))
    return out


# ----------------------------------------------------------------------------- CRF


def train_crf(xs, ys, path: Path, c1: float, c2: float, iterations: int) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True})
    trainer.train(str(path))


def tag_all(path: Path, xs) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return [tagger.tag(x) for x in xs]


def pretrained_words(vectors: Path, counts: Counter, top: int) -> tuple[list[str], np.ndarray]:
    """The ``top`` most frequent words of the step-(a) fastText model plus every training word,
    with their vectors (the training words' composed from subwords where the model lacks them)."""
    from gensim.models import FastText

    wv = FastText.load(str(vectors)).wv
    words = sorted(set(wv.index_to_key[:top]) | set(counts))
    return words, np.stack([wv[w] for w in words]).astype(np.float32)


def train_neural(
    tokens,
    ys,
    featurizer: Featurizer,
    path: Path,
    epochs: int = 20,
    dev=None,
    log=sys.stderr,
    seed: int = SEED,
    vectors: Path | None = None,
    top_words: int = 100_000,
) -> None:
    """Train the char-CNN + BiLSTM tagger with torch (one thread, fixed seed); save numpy weights.

    With ``vectors`` (a gensim fastText model), the word embeddings are those vectors, frozen,
    for the model's ``top_words`` most frequent words and every training word.
    """
    import torch
    from torch import nn

    from shabaka.extract.neural import DENSE, LABELS, MAX_CHARS, PAD, UNK, NumpyTagger, encode

    torch.manual_seed(seed)
    torch.set_num_threads(1)
    rng = np.random.default_rng(seed)
    counts = Counter(norm(t) for sent in tokens for t in sent)
    pretrained = None
    if vectors is not None:
        vocab, pretrained = pretrained_words(vectors, counts, top_words)
        words = ["<pad>", "<unk>", *vocab]
    else:
        words = ["<pad>", "<unk>", *sorted(w for w, c in counts.items() if c >= 2)]
    chars = ["<pad>", "<unk>", *sorted({ch for w in counts for ch in w})]
    windex = {w: i for i, w in enumerate(words)}
    cindex = {c: i for i, c in enumerate(chars)}
    lindex = {lab: i for i, lab in enumerate(LABELS)}
    enc = [encode(t, windex, cindex, featurizer) for t in tokens]
    ylab = [np.array([lindex[y] for y in sent]) for sent in ys]

    wdim, cdim, nfilt, hidden = (64 if pretrained is None else pretrained.shape[1]), 24, 50, 100

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.word_emb = nn.Embedding(len(words), wdim, padding_idx=PAD)
            if pretrained is not None:
                table = np.zeros((len(words), wdim), dtype=np.float32)
                table[2:] = pretrained / np.abs(pretrained).std()
                self.word_emb = nn.Embedding.from_pretrained(torch.from_numpy(table), freeze=True, padding_idx=PAD)
            self.char_emb = nn.Embedding(len(chars), cdim, padding_idx=PAD)
            self.conv = nn.Conv1d(cdim, nfilt, 3, padding=1)
            self.drop = nn.Dropout(0.5)
            self.lstm = nn.LSTM(wdim + nfilt + len(DENSE), hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * hidden, len(LABELS))

        def forward(self, wid, cid, dense):
            b, n, length = cid.shape
            ce = self.char_emb(cid.view(b * n, length)).transpose(1, 2)
            conv = torch.relu(self.conv(ce))
            conv = conv.masked_fill((cid.view(b * n, length) == PAD)[:, None, :], 0.0)
            charf = conv.max(dim=2).values.view(b, n, -1)
            x = torch.cat([self.word_emb(wid), charf, dense], dim=2)
            h, _ = self.lstm(self.drop(x))
            return self.out(self.drop(h))

    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=2e-3)
    lossf = nn.CrossEntropyLoss(ignore_index=-1)
    order = np.arange(len(enc))
    batch = 16
    # a checkpoint after every epoch (weights, optimizer, random states): a rerun resumes after it
    ckpt = path.with_suffix(".ckpt")
    start = 0
    if ckpt.exists():
        state = torch.load(ckpt, weights_only=False)
        net.load_state_dict(state["net"])
        opt.load_state_dict(state["opt"])
        rng.bit_generator.state = state["rng"]
        torch.set_rng_state(state["torch_rng"])
        start = state["epoch"]
        print(f"resuming after epoch {start}", file=log, flush=True)
    for epoch in range(start, epochs):
        net.train()
        rng.shuffle(order)
        total = 0.0
        for lo in range(0, len(order), batch):
            idx = order[lo : lo + batch]
            n = max(len(ylab[i]) for i in idx)
            wid = np.zeros((len(idx), n), dtype=np.int64)
            cid = np.zeros((len(idx), n, MAX_CHARS), dtype=np.int64)
            dense = np.zeros((len(idx), n, len(DENSE)), dtype=np.float32)
            y = np.full((len(idx), n), -1, dtype=np.int64)
            for r, i in enumerate(idx):
                w, c, d = enc[i]
                m = len(w)
                drop = rng.random(m) < 0.1  # word dropout: learn to tag unknown words
                wid[r, :m] = np.where(drop, UNK, w)
                cid[r, :m] = c
                dense[r, :m] = d
                y[r, :m] = ylab[i]
            opt.zero_grad()
            logits = net(torch.from_numpy(wid), torch.from_numpy(cid), torch.from_numpy(dense))
            loss = lossf(logits.reshape(-1, len(LABELS)), torch.from_numpy(y).reshape(-1))
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += float(loss.detach()) * len(idx)
        msg = f"epoch {epoch + 1}: loss {total / len(order):.4f}"
        _save_neural(net, words, chars, path)
        state = {"net": net.state_dict(), "opt": opt.state_dict(), "rng": rng.bit_generator.state}
        torch.save({**state, "torch_rng": torch.get_rng_state(), "epoch": epoch + 1}, ckpt)
        if dev is not None and (epoch + 1) % 2 == 0:
            pred = tag_neural(NumpyTagger(path), featurizer, [t for t, _ in dev])
            msg += f" dev F1 {span_scores([g for _, g in dev], pred, ['PER', 'LOC', 'ORG', 'MISC'])['micro']['f']:.4f}"
        print(msg, file=log, flush=True)
    _save_neural(net, words, chars, path)
    ckpt.unlink(missing_ok=True)


def tag_neural(tagger, featurizer: Featurizer, sentences) -> list[list[str]]:
    """IOB2 tags of one BiLSTM alone (dev scores while training)."""
    from shabaka.extract.neural import LABELS, viterbi_batch

    out: list[list[str]] = [[] for _ in sentences]
    for lo in range(0, len(sentences), 64):
        idx = [i for i in range(lo, min(lo + 64, len(sentences))) if sentences[i]]
        infos = [[featurizer.info(t) for t in sentences[i]] for i in idx]
        probs = tagger.probabilities(infos, [featurizer.gaz_tags(x) for x in infos])
        for i, path in zip(idx, viterbi_batch(probs, [len(x) for x in infos]), strict=True):
            out[i] = [LABELS[k] for k in path]
    return out


def _save_neural(net, words, chars, path: Path) -> None:
    sd = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    arrays = {
        "word_emb": sd["word_emb.weight"], "char_emb": sd["char_emb.weight"],
        "conv_w": sd["conv.weight"], "conv_b": sd["conv.bias"],
        "f_w_ih": sd["lstm.weight_ih_l0"], "f_w_hh": sd["lstm.weight_hh_l0"],
        "f_b_ih": sd["lstm.bias_ih_l0"], "f_b_hh": sd["lstm.bias_hh_l0"],
        "b_w_ih": sd["lstm.weight_ih_l0_reverse"], "b_w_hh": sd["lstm.weight_hh_l0_reverse"],
        "b_b_ih": sd["lstm.bias_ih_l0_reverse"], "b_b_hh": sd["lstm.bias_hh_l0_reverse"],
        "out_w": sd["out.weight"], "out_b": sd["out.bias"],
    }  # fmt: skip
    arrays = {k: v.astype(np.float16) for k, v in arrays.items()}
    meta = json.dumps({"words": words, "chars": chars}, ensure_ascii=False)
    with open(path, "wb") as fh:
        np.savez_compressed(fh, meta=np.array(meta), **arrays)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=MODELS)
    ap.add_argument("--dev", action="store_true", help="train on train minus dev, print dev scores")
    ap.add_argument("--dev-block", type=int, help="with --dev: hold out this tenth of train (0-9; default the last)")
    ap.add_argument("--c1", type=float, default=0.2)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--no-clusters", action="store_true")
    ap.add_argument("--no-gazetteer", action="store_true")
    ap.add_argument("--neural-epochs", type=int, default=30, help="epochs of the BiLSTM (0: no BiLSTM)")
    ap.add_argument("--neural-models", type=int, default=1, help="number of BiLSTMs (seeds 13, 14, ...)")
    ap.add_argument("--extra", default="", help="comma list of extra training sets: aqmar,wojood,wikifane")
    ap.add_argument("--extra-sentences", type=int, help="use only the first N sentences of WikiFANE")
    ap.add_argument("--xlit", action="store_true", help="add the names_xlit lists to the gazetteer")
    ap.add_argument("--silver", type=Path, help="label counts of tagged news (training/silver.py) as a lexicon")
    ap.add_argument(
        "--silver-sentences", type=Path, help="news tagged by training/encoder.py (CoNLL, xz) as extra CRF data"
    )
    ap.add_argument("--silver-max", type=int, help="use only the first N sentences of --silver-sentences")
    ap.add_argument(
        "--news-gold",
        default="",
        metavar="SPLITS",
        help="comma list of open news gold splits (benchmarks/data/news_gold) projected to BIO as extra CRF data",
    )
    ap.add_argument("--news-gold-repeat", type=int, default=1, help="each --news-gold sentence this many times")
    ap.add_argument("--wikifane-names", action="store_true", help="add WikiFANE's annotated names to the gazetteer")
    ap.add_argument("--wordinfo", type=Path, help="word classes + frequency bands (training/clusters.py)")
    ap.add_argument("--seed", type=int, default=SEED, help="seed of the first BiLSTM")
    ap.add_argument("--neural-extra", action="store_true", help="the BiLSTM also learns from the --extra sets")
    ap.add_argument("--vectors", type=Path, help="fastText model of step (a): frozen BiLSTM word embeddings")
    ap.add_argument(
        "--lexicon", default="", help="comma list of label lexicons: wikifane, anercorp (out-of-fold in training)"
    )
    args = ap.parse_args(argv)
    t0 = time.time()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    train = anercorp(args.data, "train")
    train_part, dev = split_dev(train, block=args.dev_block) if args.dev else (train, [])
    extra: list[tuple[list[str], list[str]]] = []
    for name in filter(None, args.extra.split(",")):
        if name == "wojood":
            extra += read_tagged(args.data / "wojood_sample" / "train.txt")
        elif name == "wikifane":
            extra += wikifane(args.data)[: args.extra_sentences]
        elif name == "aqmar":
            for f in sorted((args.data / "aqmar" / "articles").glob("*.txt")):
                extra += read_tagged(f, map_type=aqmar_type)
        else:
            raise SystemExit(f"unknown extra set {name}")
    if args.silver_sentences:
        extra += silver_sentences(args.silver_sentences, args.silver_max)
    if args.news_gold:
        extra += news_gold_sentences(parse_splits(args.news_gold)) * args.news_gold_repeat

    gaz_rows = (
        [] if args.no_gazetteer else build_gazetteer(args.data, xlit=args.xlit, wikifane_names=args.wikifane_names)
    )
    gaz_path = out / "gazetteer.tsv"
    if gaz_rows:
        with open(gaz_path, "w", encoding="utf-8") as fh:
            for cat, entry in gaz_rows:
                fh.write(f"{cat}\t{entry}\n")
    elif gaz_path.exists():
        gaz_path.unlink()
    cl_path = out / "clusters.tsv"
    if args.no_clusters:
        if cl_path.exists():
            cl_path.unlink()
    else:
        clusters = build_clusters([t for t, _ in train_part] + [t for t, _ in extra])
        with open(cl_path, "w", encoding="utf-8") as fh:
            for w, c in sorted(clusters.items()):
                fh.write(f"{w}\t{c}\n")
    if args.wordinfo:
        shutil.copyfile(args.wordinfo, out / WORDINFO)
    elif (out / WORDINFO).exists():
        (out / WORDINFO).unlink()
    lexicons = set(filter(None, args.lexicon.split(",")))
    if lexicons - {"wikifane", "anercorp"}:
        raise SystemExit(f"unknown lexicon {sorted(lexicons - {'wikifane', 'anercorp'})}")
    other_lex = label_lexicon(wikifane(args.data), "w") if "wikifane" in lexicons else {}
    aner_lex = label_lexicon(train_part, "a") if "anercorp" in lexicons else {}
    if args.silver:
        lexicons.add("silver")
        other_lex = merge_lexicons(other_lex, silver_lexicon(args.silver))
    if lexicons:
        with open(out / LEXICON, "w", encoding="utf-8") as fh:
            for form, values in sorted(merge_lexicons(other_lex, aner_lex).items()):
                fh.write(f"{form}\t{' '.join(values)}\n")
    elif (out / LEXICON).exists():
        (out / LEXICON).unlink()
    write_notice(
        args.data,
        out,
        args.xlit,
        bool(args.wordinfo),
        bool(args.vectors),
        bool(lexicons),
        "wikifane" in lexicons or args.wikifane_names,
        bool(args.silver_sentences),
        bool(args.news_gold),
    )
    print(f"resources: {len(gaz_rows)} gazetteer rows, {time.time() - t0:.0f}s", file=sys.stderr, flush=True)

    feat = Featurizer.from_dir(out)
    data = train_part + extra
    tokens = [t for t, _ in data]
    ys = [y for _, y in data]
    xs = [feat.sentence(t) for t in tokens]
    if aner_lex:  # training sentences see the ANERcorp lexicon of the other folds only
        for block, lex in fold_lexicons(train_part, other_lex, LEXICON_FOLDS):
            fold_feat = Featurizer(feat.gazetteer, feat.clusters, feat.wordinfo, lex)
            for i in block:
                xs[i] = fold_feat.sentence(tokens[i])
    print(f"features: {len(xs)} sentences, {time.time() - t0:.0f}s", file=sys.stderr, flush=True)
    model1 = out / "ner.crfsuite"
    train_crf(xs, ys, model1, args.c1, args.c2, args.iterations)
    print(f"stage 1 trained, {time.time() - t0:.0f}s", file=sys.stderr, flush=True)
    for old in out.glob("bilstm*.npz"):
        if not old.with_suffix(".ckpt").exists():  # a checkpoint: that training resumes
            old.unlink()
    for k in range(args.neural_epochs and args.neural_models):
        model_nn = out / ("bilstm.npz" if k == 0 else f"bilstm{k + 1}.npz")
        ntok, nys = (tokens, ys) if args.neural_extra else ([t for t, _ in train_part], [y for _, y in train_part])
        train_neural(
            ntok, nys, feat, model_nn, args.neural_epochs, dev or None, seed=args.seed + k, vectors=args.vectors
        )
        print(f"BiLSTM {k + 1} trained, {time.time() - t0:.0f}s", file=sys.stderr, flush=True)
    config = {
        "c1": args.c1, "c2": args.c2, "iterations": args.iterations,
        "neural_epochs": args.neural_epochs, "neural_models": args.neural_models,
        "extra": args.extra, "extra_sentences": args.extra_sentences, "dev": args.dev, "xlit": args.xlit,
        "wordinfo": bool(args.wordinfo),
        "seed": args.seed, "vectors": bool(args.vectors), "neural_extra": args.neural_extra,
        "lexicon": args.lexicon, "wikifane_names": args.wikifane_names, "silver": bool(args.silver),
        "silver_sentences": args.silver_sentences.name if args.silver_sentences else None,
        "silver_max": args.silver_max, "news_gold": args.news_gold, "news_gold_repeat": args.news_gold_repeat,
    }  # fmt: skip
    (out / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")

    if dev:
        dtok = [t for t, _ in dev]
        dgold = [y for _, y in dev]
        dx = [feat.sentence(t) for t in dtok]
        pred1 = tag_all(model1, dx)
        from shabaka.extract.embedded import EmbeddedExtractor

        # crf: CRFsuite's Viterbi; pipeline: the run time's CRF decoding and name propagation, as shipped
        result = {"crf": span_scores(dgold, pred1, TYPES)}
        pred = [t for t, _ in EmbeddedExtractor(out, ensemble=False).tag(dtok)]
        result["pipeline"] = span_scores(dgold, pred, TYPES)
        if args.neural_epochs:
            pred = [t for t, _ in EmbeddedExtractor(out).tag(dtok)]
            result["ensemble"] = span_scores(dgold, pred, TYPES)
        for stage, sc in result.items():
            line = " ".join(f"{k}={v['f']:.4f}" for k, v in sc.items())
            print(
                f"DEV {stage} c1={args.c1} c2={args.c2} it={args.iterations} extra={args.extra}: {line} "
                f"(P={sc['micro']['p']:.4f} R={sc['micro']['r']:.4f})",
                flush=True,
            )
    print(f"done in {time.time() - t0:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
