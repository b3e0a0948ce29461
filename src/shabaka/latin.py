"""Names across scripts: English labels of Arabic names and keys to find them in Latin letters.

The spellings come from ``shabaka/data/latin_names.tsv.gz``, a list derived by
``scripts/make_latin_names.py`` from Wikidata person names (through the
``arabic-name-romanizer`` package), Unicode CLDR and a Wikidata list of world cities (see
MODEL.md for credits and licenses). Rows are ``kind<TAB>key<TAB>latin``: ``p`` a place,
``n`` a full person name, ``w`` one name word; keys are :func:`~shabaka.text.normalize_key`.

An entity's English label (:func:`english_label`) is, in order: a Latin-script alias it
already has (FBI); for a place, the listed place; for a person, the listed full name, else
its words spelled one by one when every word is listed. Otherwise it has none.
The page searches Latin queries against :func:`latin_keys` (lower case, and the
:func:`latin_skeleton`, so that "hamouchi" finds "Hammouchi").
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from importlib.resources import files

from shabaka.arabic import drop_article
from shabaka.text import normalize_key

_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_VOWELS = re.compile(r"[aeiouy]")
_REPEAT = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-z ]+")


@cache
def latin_table() -> dict[str, dict[str, str]]:
    """The bundled list, as ``{"p": places, "n": full names, "w": words}``, each key → spelling."""
    table: dict[str, dict[str, str]] = {"p": {}, "n": {}, "w": {}}
    raw = gzip.decompress((files("shabaka") / "data" / "latin_names.tsv.gz").read_bytes()).decode("utf-8")
    for line in raw.splitlines():
        kind, key, latin = line.split("\t")
        table[kind][key] = latin
    return table


def is_latin(name: str) -> bool:
    """Mostly Latin letters, no Arabic ones.

    >>> is_latin("FBI"), is_latin("إف بي آي"), is_latin("3M")
    (True, False, True)
    """
    return bool(_LATIN.search(name)) and not _ARABIC.search(name)


def _spelled(key: str, words: dict[str, str]) -> str | None:
    """A name spelled word by word, two words at a time where the list has them together
    (عبد اللطيف), a word with ال as El + the word; None if a word is not listed."""
    parts, out, i = key.split(" "), [], 0
    while i < len(parts):
        pair = " ".join(parts[i : i + 2])
        if i + 1 < len(parts) and pair in words:
            out.append(words[pair])
            i += 2
            continue
        word = parts[i]
        bare = drop_article(word, min_rest=3)
        if word in words:
            out.append(words[word])
        elif bare != word and bare in words:
            out.append(f"El {words[bare]}")
        else:
            return None
        i += 1
    return " ".join(out) or None


def english_label(label: str, kind: str, aliases: Iterable[str] = ()) -> str | None:
    """The English label of an entity, or None where none is known.

    The label and then each alias is looked up whole (places, full person names), then a
    person's label is spelled word by word.

    >>> english_label("عبد اللطيف حموشي", "PER", ["عبد اللطيف الحموشي"]), english_label("الرباط", "LOC")
    ('Abdellatif Hammouchi', 'Rabat')
    >>> english_label("مكتب التحقيقات الفيدرالي", "ORG", ["FBI"]), english_label("شركة ما", "ORG")
    ('FBI', None)
    """
    aliases = list(aliases)
    latin = [a for a in aliases if is_latin(a)]
    if latin:
        return max(latin, key=lambda a: (len(a), a))
    keys = list(dict.fromkeys(normalize_key(n) for n in [label, *aliases]))
    table = latin_table()
    if kind == "LOC":
        return next((table["p"][k] for k in keys + [drop_article(k, 3) for k in keys] if k in table["p"]), None)
    if kind != "PER":
        return None
    whole = next((table["n"][k] for k in keys if k in table["n"]), None)
    return whole or next((s for k in keys if (s := _spelled(k, table["w"]))), None)


def latin_skeleton(text: str) -> str:
    """A loose key of a Latin name: accents, signs and vowels after each word's first
    letter dropped, doubled letters single (ports to the page's search: ``view.js``).

    >>> latin_skeleton("Hammouchi") == latin_skeleton("hamouchi") == "hmch"
    True
    >>> latin_skeleton("Nasser Bourita")
    'nsr brt'
    """
    text = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    words = _NOT_LETTER.sub(" ", text).split()
    return " ".join(_REPEAT.sub(r"\1", w[:1] + _VOWELS.sub("", w[1:])) for w in words)


def latin_keys(names: Iterable[str]) -> list[str]:
    """Search keys of Latin names: lower case, then skeleton, without repeats.

    >>> latin_keys(["Abdellatif Hammouchi"])
    ['abdellatif hammouchi', 'abdltf hmch']
    """
    names = [n for n in names if n]
    keys = [" ".join(n.lower().split()) for n in names] + [latin_skeleton(n) for n in names]
    return [k for k in dict.fromkeys(keys) if k]
