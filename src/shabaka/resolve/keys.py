"""The keys under which resolution compares name forms: spelling variants, and names
without their articles."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from shabaka.arabic import drop_article
from shabaka.text import normalize_key

#: Spelling variants of the same word (on normalized keys): variant → preferred.
SPELLINGS: dict[str, str] = {
    "اميرك": "امريك",
    "اوروب": "اورب",
    "فيديرال": "فدرال",
    "فيدرال": "فدرال",
    "ديموقراط": "ديمقراط",
    "كونجرس": "كونغرس",
    "انكلتر": "انجلتر",
    "موريطان": "موريتان",
    "تكنلوج": "تكنولوج",
    "اليونيسكو": "اليونسكو",
}

#: Words that start or join a person's name: never a title's complement (عبد المجيد تبون).
PARTICLES = "عبد أبو بو بن ابن بنت أم ولد آل ذو"


#: عبد written together with the name after it (عبدالله، عبدالغفار): two words.
_ABD_JOINED = re.compile(r"(?<!\S)عبد(?=ال\S)")


@lru_cache(maxsize=1 << 18)
def spelling_key(key: str) -> str:
    """``key`` with the variants of :data:`SPELLINGS` replaced by the preferred spelling,
    and عبد written apart from the name it opens.

    >>> from shabaka.lexicon import form_key
    >>> spelling_key(form_key("السفارة الأميركية")) == spelling_key(form_key("السفارة الأمريكية"))
    True
    >>> spelling_key(form_key("خالد عبدالغفار")) == spelling_key(form_key("خالد عبد الغفار"))
    True
    """
    for variant, preferred in SPELLINGS.items():
        key = key.replace(variant, preferred)
    return _ABD_JOINED.sub("عبد ", key)


@cache
def word_set(words: str) -> frozenset[str]:
    return frozenset(normalize_key(w) for w in words.split())


def strip_article(words: Sequence[str]) -> tuple[str, ...]:
    """The words of a name with the article dropped, except after a particle (عبد الله).

    >>> from shabaka.lexicon import form_key
    >>> strip_article(form_key("عبد اللطيف الحموشي").split()) == tuple(form_key("عبد اللطيف حموشي").split())
    True
    """
    out = []
    for i, w in enumerate(words):
        particle = i > 0 and words[i - 1] in word_set(PARTICLES)
        out.append(w if particle or w == "الله" else drop_article(w, min_rest=3))
    return tuple(out)
