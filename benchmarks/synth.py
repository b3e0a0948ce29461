"""A deterministic synthetic Arabic news corpus, for scale benchmarks and tests.

Sentences are made from templates (written for this generator) and a vocabulary of
people, organizations and places. Names appear with proclitics (وكريم, بالرباط,
للبنك) and spelling variants (أ/ا, ى/ي, ة/ه, tatweel, a diacritic), so extraction and
resolution have real work to do. The same ``seed`` gives the same corpus, byte for byte.

Usage::

    python benchmarks/synth.py OUT_DIR --docs 10000 --seed 7

writes ``OUT_DIR/corpus/part-00000.jsonl ...`` (``--per-file`` documents each) and
``OUT_DIR/gazetteer.csv`` (the vocabulary, for ``--extractor gazetteer``).

>>> docs = list(generate(3, seed=1))
>>> [d["id"] for d in docs]
['synth-0000000', 'synth-0000001', 'synth-0000002']
>>> docs == list(generate(3, seed=1)) and docs != list(generate(3, seed=2))
True
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FIRST = [
    "كريم",
    "أحمد",
    "يوسف",
    "سلمى",
    "هند",
    "مصطفى",
    "حمزة",
    "ليلى",
    "عمر",
    "نادية",
    "إلياس",
    "رشيد",
    "فاطمة",
    "خالد",
    "سعاد",
    "منى",
    "طارق",
    "زينب",
    "عادل",
    "إيمان",
    "نبيل",
    "سناء",
    "أمين",
    "هدى",
    "مراد",
    "رانية",
    "سمير",
    "لبنى",
    "عثمان",
    "وفاء",
    "جمال",
    "نوال",
    "هشام",
    "أسماء",
]
FAMILY = [
    "الفاسي",
    "العلوي",
    "المرابط",
    "بنجلون",
    "الموساوي",
    "بنعلي",
    "التازي",
    "الإدريسي",
    "الشرقاوي",
    "القاسمي",
    "الحسني",
    "البكري",
    "الزياني",
    "الأنصاري",
    "العمراني",
    "الكتاني",
    "الراشدي",
    "السوسي",
    "الودغيري",
    "المنصوري",
    "الحمداوي",
    "التونسي",
    "الخطيب",
    "البرادعي",
    "الجزائري",
    "المصري",
    "الشامي",
    "الحلبي",
    "النجار",
    "الحداد",
]
PLACES = [
    "الرباط",
    "طنجة",
    "فاس",
    "مراكش",
    "أكادير",
    "وجدة",
    "تطوان",
    "القنيطرة",
    "مكناس",
    "الجديدة",
    "آسفي",
    "تونس",
    "صفاقس",
    "سوسة",
    "القيروان",
    "الجزائر",
    "وهران",
    "قسنطينة",
    "عنابة",
    "القاهرة",
    "الإسكندرية",
    "أسوان",
    "عمان",
    "إربد",
    "الزرقاء",
    "بيروت",
    "طرابلس",
    "صيدا",
    "دمشق",
    "حلب",
    "بغداد",
    "البصرة",
    "الموصل",
    "الرياض",
    "جدة",
    "الدوحة",
    "المنامة",
    "مسقط",
    "نواكشوط",
    "الخرطوم",
]
ORG_KINDS = ("وزارة", "جامعة", "بنك", "شركة", "مؤسسة", "هيئة", "وكالة", "جمعية")
ORG_TOPICS = (
    "الصحة",
    "التعليم",
    "الطاقة",
    "الماء",
    "النقل",
    "الفلاحة",
    "التجارة",
    "الثقافة",
    "الاستثمار",
    "البيئة",
    "السياحة",
    "الاتصالات",
)
SOURCES = ("وكالة الأنباء", "الصحيفة اليومية", "الموقع الإخباري", "الإذاعة الوطنية")

#: One sentence per template; {P} a person, {O} an organization, {L} a place, each drawn
#: anew; a proclitic written before a slot is attached to the name (ب{L} → بالرباط).
TEMPLATES = (
    "التقى {P} ب{P} في {L} لبحث سبل التعاون.",
    "وقال {P}، المسؤول في {O}، إن المشروع سيبدأ قريبا.",
    "أعلنت {O} عن برنامج جديد ل{L} يمتد ثلاث سنوات.",
    "وصل {P} إلى {L} قادما من {L} في زيارة رسمية.",
    "وأكد {P} أن {O} ستدعم المبادرة بالتعاون مع {O}.",
    "ووقعت {O} و{O} اتفاقية شراكة في {L}.",
    "وحضر اللقاء {P} و{P} وممثلون عن {O}.",
    "وأشار تقرير صادر عن {O} إلى تحسن المؤشرات في {L}.",
    "واستقبل {P} وفدا من {O} بمقر الوزارة.",
    "وتأتي هذه الخطوة في سياق اقتصادي صعب.",
    "ومن المنتظر أن تتواصل المشاورات خلال الأسابيع المقبلة.",
    "وعبر المشاركون عن ارتياحهم لنتائج الاجتماع.",
)
TITLES = ("{L}: لقاء حول {T}", "{O} تطلق مبادرة جديدة", "زيارة {P} إلى {L}")


@dataclass(frozen=True)
class Vocabulary:
    """The names a corpus is drawn from, by type."""

    people: tuple[str, ...]
    organizations: tuple[str, ...]
    places: tuple[str, ...]

    @classmethod
    def make(cls, people: int = 300, organizations: int = 90, places: int = 40, seed: int = 0) -> Vocabulary:
        """A vocabulary of the given sizes (at most 1020, 96 and 40), the same for the same seed.

        >>> v = Vocabulary.make(3, 2, 2, seed=0)
        >>> len(v.people), len(v.organizations), len(v.places)
        (3, 2, 2)
        """
        rng = random.Random(seed)
        all_people = [f"{f} {g}" for f in FIRST for g in FAMILY]
        all_orgs = [f"{k} {t}" for k in ORG_KINDS for t in ORG_TOPICS]
        if people > len(all_people) or organizations > len(all_orgs) or places > len(PLACES):
            raise ValueError(f"at most {len(all_people)} people, {len(all_orgs)} organizations, {len(PLACES)} places")
        return cls(
            tuple(rng.sample(all_people, people)),
            tuple(rng.sample(all_orgs, organizations)),
            tuple(rng.sample(PLACES, places)),
        )

    def rows(self) -> Iterator[tuple[str, str]]:
        """``(name, type)`` of every name, for a gazetteer."""
        for kind, names in (("PER", self.people), ("ORG", self.organizations), ("LOC", self.places)):
            for name in names:
                yield name, kind


def attach(clitic: str, name: str) -> str:
    """Write a proclitic onto a name: ل + الرباط → للرباط.

    >>> attach("ب", "الرباط"), attach("ل", "الرباط"), attach("و", "كريم الفاسي")
    ('بالرباط', 'للرباط', 'وكريم الفاسي')
    """
    if clitic.endswith("ل") and name.startswith("ال"):
        return clitic + "ل" + name[2:]
    return clitic + name


def variant(name: str, rng: random.Random) -> str:
    """Most of the time the name as it is, else one spelling variant a reader would accept.

    The variants keep :func:`shabaka.text.normalize_key` unchanged.
    """
    roll = rng.random()
    if roll < 0.7:
        return name
    if roll < 0.78 and name[:1] in "أإا":
        return ("ا" if name[0] != "ا" else "أ") + name[1:]
    if roll < 0.86 and name[-1:] in "ىي":
        return name[:-1] + ("ي" if name[-1] == "ى" else "ى")
    if roll < 0.93 and name[-1:] in "ةه":
        return name[:-1] + ("ه" if name[-1] == "ة" else "ة")
    if roll < 0.97 and len(name) > 3:
        return name[:2] + "ـ" + name[2:]  # tatweel
    return name[0] + "َ" + name[1:]  # a fatha


def _zipf(names: tuple[str, ...], rng: random.Random) -> str:
    """A name, frequent ones more often (weights 1/rank)."""
    return rng.choices(names, cum_weights=_zipf_weights(len(names)))[0]


@cache
def _zipf_weights(n: int) -> list[float]:
    return list(itertools.accumulate(1 / rank for rank in range(1, n + 1)))


def _fill(template: str, vocab: Vocabulary, rng: random.Random) -> str:
    out = []
    pieces = template.split("{")
    out.append(pieces[0])
    for piece in pieces[1:]:
        slot, rest = piece[0], piece[2:]
        pool = {"P": vocab.people, "O": vocab.organizations, "L": vocab.places, "T": ORG_TOPICS}[slot]
        name = variant(_zipf(pool, rng), rng) if slot != "T" else rng.choice(pool)
        clitic = ""
        while out[-1][-1:] in ("ب", "ل", "و") and (len(out[-1]) == 1 or out[-1][-2] == " "):
            clitic = out[-1][-1] + clitic
            out[-1] = out[-1][:-1]
        out.append(attach(clitic, name) + rest)
    return "".join(out)


def generate(n: int, seed: int = 0, vocab: Vocabulary | None = None) -> Iterator[dict[str, str]]:
    """``n`` documents as ``.jsonl`` records (``id``, ``title``, ``date``, ``source``, ``text``).

    A document has 2 to 5 paragraphs of 1 to 4 sentences.
    """
    vocab = vocab or Vocabulary.make()
    rng = random.Random(seed)
    for i in range(n):
        paragraphs = [
            " ".join(_fill(rng.choice(TEMPLATES), vocab, rng) for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(2, 5))
        ]
        yield {
            "id": f"synth-{i:07d}",
            "title": _fill(rng.choice(TITLES), vocab, rng),
            "date": f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "source": rng.choice(SOURCES),
            "text": "\n\n".join(paragraphs),
        }


def write_corpus(
    folder: str | Path, n: int, seed: int = 0, *, per_file: int = 100, vocab: Vocabulary | None = None
) -> tuple[list[Path], Path]:
    """Write ``n`` documents as ``corpus/part-NNNNN.jsonl`` files of ``per_file`` documents,
    and the vocabulary as ``gazetteer.csv``, under ``folder``; return the files and the gazetteer.
    """
    vocab = vocab or Vocabulary.make()
    folder = Path(folder)
    (folder / "corpus").mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    out = None
    try:
        for i, doc in enumerate(generate(n, seed, vocab)):
            if i % per_file == 0:
                if out is not None:
                    out.close()
                files.append(folder / "corpus" / f"part-{i // per_file:05d}.jsonl")
                out = files[-1].open("w", encoding="utf-8")
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")  # type: ignore[union-attr]
    finally:
        if out is not None:
            out.close()
    gazetteer = folder / "gazetteer.csv"
    with gazetteer.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["name", "type"])
        writer.writerows(vocab.rows())
    return files, gazetteer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-file", type=int, default=100)
    args = parser.parse_args()
    files, gazetteer = write_corpus(args.folder, args.docs, args.seed, per_file=args.per_file)
    print(f"wrote {args.docs} documents in {len(files)} files under {args.folder}/corpus, and {gazetteer}")


if __name__ == "__main__":
    main()
