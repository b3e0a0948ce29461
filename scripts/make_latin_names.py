"""Write src/shabaka/data/latin_names.tsv.gz: Latin spellings of Arabic names, for the page's
English labels and its search in Latin letters ("hammouchi" finds الحموشي).

Derived from ``../shared/data/gazetteers/names_xlit`` (see its SOURCE.md), lists whose
licenses allow redistributing a derived list:

* ``arabic_name_romanizer_full_names`` and ``_name_units`` (PyPI ``arabic-name-romanizer``
  0.2.0: package MIT; data from Wikidata, CC0, and DziriNames, MIT): full person names and
  single name words. Only names from Arabic-speaking countries (not Iran, Pakistan,
  Afghanistan) written with Arabic letters only; a full name only when it has two words or
  more, every word is a known name word, and it is not spelled as its words are; the most frequent spelling of each key.
* ``cldr_ar_names.tsv`` (Unicode CLDR via Babel: Unicode License v3): countries, regions and
  cities; and ``../world_cities_ar/world-cities.csv`` ("World Cities with Arabic
  Translations", Jamshaid Kamran, CC BY 4.0, from Wikidata): 6,340 cities.

Rows are ``kind<TAB>key<TAB>latin``: kind ``w`` (one word), ``n`` (a full name), ``p`` (a
place); ``key`` is :func:`shabaka.text.normalize_key` of the Arabic. A few hundred
kilobytes gzipped.

Usage::

    python scripts/make_latin_names.py [--source ../shared/data/gazetteers/names_xlit]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import lzma
import re
from collections import Counter, defaultdict
from pathlib import Path

from shabaka.text import normalize_key

ROOT = Path(__file__).resolve().parent.parent
GAZETTEERS = ROOT.parent / "shared" / "data" / "gazetteers"
OUT = ROOT / "src" / "shabaka" / "data" / "latin_names.tsv.gz"
NOT_ARABIC_SPEAKING = {"IR", "PK", "AF", "IN", "BD", "TJ", "AZ", "TR", ""}
ARABIC_ONLY = re.compile(r"[\u0621-\u063a\u0641-\u064a ]+")
LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z' .-]*")


def _rows(path: Path) -> list[dict[str, str]]:
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _best(counts: dict[str, Counter[str]]) -> dict[str, str]:
    """The most frequent spelling of each key (ties: alphabetical)."""
    return {k: min(c.items(), key=lambda x: (-x[1], x[0]))[0] for k, c in counts.items()}


def _names(rows: list[dict[str, str]]) -> dict[str, str]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        if r["country"] in NOT_ARABIC_SPEAKING or not ARABIC_ONLY.fullmatch(r["arabic_key_normalized"]):
            continue
        latin = r["latin"].strip()
        if LATIN_NAME.fullmatch(latin):
            counts[normalize_key(r["arabic_key_normalized"])][latin] += int(r["count"] or 1)
    return _best(counts)


def compose(key: str, words: dict[str, str]) -> str:
    """A name spelled word by word (what the page does for a name not listed whole)."""
    return " ".join(words[w] for w in key.split(" "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data" / "gazetteers" / "names_xlit")
    parser.add_argument(
        "--cities", type=Path, default=ROOT.parent / "shared" / "data" / "gazetteers" / "world_cities_ar"
    )
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    words = _names(_rows(args.source / "arabic_name_romanizer_name_units.tsv.xz"))
    full = {
        k: v
        for k, v in _names(_rows(args.source / "arabic_name_romanizer_full_names.tsv.xz")).items()
        if " " in k and all(w in words for w in k.split(" ")) and v != compose(k, words)
    }
    places = {}
    for r in _rows(args.source / "cldr_ar_names.tsv"):
        if r["kind"] in ("territory", "tz_exemplar_city") and LATIN_NAME.fullmatch(r["english"]):
            places.setdefault(normalize_key(r["arabic"]), r["english"])
    with (args.cities / "world-cities.csv").open(encoding="utf-8-sig", newline="") as f:
        for r in sorted(csv.DictReader(f), key=lambda r: -int(r["Population"] or 0)):  # the largest of a name
            if LATIN_NAME.fullmatch(r["CityNameEn"]):
                places.setdefault(normalize_key(r["CityNameAr"]), r["CityNameEn"])
    out = io.StringIO()
    for kind, table in (("p", places), ("n", full), ("w", words)):
        for key in sorted(table):
            out.write(f"{kind}\t{key}\t{table[key]}\n")
    args.output.write_bytes(gzip.compress(out.getvalue().encode("utf-8"), mtime=0))
    print(
        f"{args.output}: {len(places)} places, {len(full)} full names, {len(words)} words, "
        f"{args.output.stat().st_size / 1e3:.0f} kB"
    )


if __name__ == "__main__":
    main()
