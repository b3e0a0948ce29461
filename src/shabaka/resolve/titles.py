"""Titles and roles: cut from the head of a mention (السفير دايفيد فيشر → دايفيد فيشر)
and read around it (X، وزيرة التجارة،); the ``title`` rule of :mod:`shabaka.resolve`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from shabaka.arabic import is_definite, proclitic_variants
from shabaka.resolve.keys import PARTICLES, word_set
from shabaka.text import normalize_key, tokenize

#: Titles and roles cut from the head of a span (multi-word ones first where they overlap).
TITLES = """
السيد السيدة الآنسة فخامة معالي سعادة سمو جلالة الرئيس الرئيسة رئيس رئيسة الملك الملكة الأمير الأميرة
الشيخ الشيخة السلطان الإمام البابا الحاج الحاجة الدكتور الدكتورة الأستاذ الأستاذة البروفيسور المهندس
المهندسة المحامي المحامية القاضي القاضية السفير السفيرة سفير سفيرة القنصل المدير مدير المديرة مديرة
الوزير الوزيرة وزير وزيرة الكاتب_العام الكاتبة_العامة الأمين_العام الأمينة_العامة المدير_العام
المديرة_العامة المدير_العام_المساعد رئيس_الوزراء رئيس_الحكومة رئيسة_الحكومة الوزير_الأول ولي_العهد
النائب_العام نائب نائبة النائب النائبة المستشار المستشارة الناطق_الرسمي الناطق_باسم الناطقة_باسم
المتحدث_باسم المتحدثة_باسم المتحدث_الرسمي المتحدث المتحدثة الجنرال اللواء العميد العقيد الفريق المشير
القائد المبعوث المبعوثة الممثل الممثلة المدرب المدربة مدرب مدربة اللاعب اللاعبة الخبير الخبيرة الصحفي الصحفية
الوالي المحافظ الحاكم العمدة الكاردينال المطران الزعيم زعيم قائد العاهل
"""

_APPOSITION = re.compile(r"\s*[،,]")


@cache
def _titles() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(normalize_key(w) for w in t.split("_")) for t in TITLES.split())


@cache
def _title_firsts() -> frozenset[str]:
    return frozenset(t[0] for t in _titles())


def _title_openings(word: str) -> list[str]:
    """The forms of ``word`` without its proclitics (:func:`proclitic_variants`) that open a title."""
    return [v for v in proclitic_variants(word) if v in _title_firsts()]


def _title_at(words: Sequence[str], i: int) -> tuple[int, str]:
    """Number of words of a title starting at ``words[i]`` (0 if none), and its first
    word without the proclitics it may carry."""
    variants = _title_openings(words[i]) if i < len(words) else []
    for length in (3, 2, 1) if variants else ():
        rest = tuple(words[i + 1 : i + length])
        if i + length <= len(words):
            for v in variants:
                if (v, *rest) in _titles():
                    return length, v
    return 0, ""


def _complement_end(words: Sequence[str], i: int) -> int:
    """Where a person's name starts after a title ending at ``i``: the title's complement
    (الخارجية، الأمريكي، صندوق النقد الدولي) is skipped while a word without article follows."""

    def name_after(k: int) -> bool:
        return any(not is_definite(w) for w in words[k:])

    p = i
    while p < len(words):
        if is_definite(words[p]) and name_after(p + 1):
            p += 1
        elif (
            words[p] not in word_set(PARTICLES)
            and p + 1 < len(words)
            and is_definite(words[p + 1])
            and name_after(p + 2)
        ):
            p += 2
        else:
            break
    return p


def decliticize(surface: str, target: str) -> str:
    """``surface`` with leading characters cut until its first word's key is ``target``."""
    head, sep, rest = surface.partition(" ")
    for i in range(len(head)):
        for tail in (head[i:], "ا" + head[i:]):
            if normalize_key(tail) == target:
                return tail + sep + rest
    return surface


@dataclass(frozen=True, slots=True)
class Parsed:
    """A mention's surface split into its role (a leading title) and its name."""

    role: str
    name: str
    complement_only: bool = False  # the name part is only a title's complement (الرئيس الفرنسي)


def parse_title(surface: str, person: bool = False) -> Parsed:
    """Cut the titles at the head of a span off the name; for a ``person``, also a
    leading nationality (الفرنسي روبرت كارتر).

    >>> parse_title("والسفير دايفيد فيشر")
    Parsed(role='السفير', name='دايفيد فيشر', complement_only=False)
    >>> parse_title("المدير العام للأمن الوطني عبد اللطيف حموشي").name
    'عبد اللطيف حموشي'
    >>> parse_title("الرئيس").name, parse_title("الرئيس الفرنسي").complement_only
    ('', True)
    >>> parse_title("الفرنسي روبرت كارتر", person=True).name
    'روبرت كارتر'
    """
    tokens = [t for t in tokenize(surface) if any(c.isalnum() for c in t.text)]
    words = [normalize_key(t.text) for t in tokens]
    i = 0
    while i < len(words) and (n := _title_at(words, i)[0]):
        i += n
    if i == 0 and person and _nationality(words):
        return Parsed(surface[: tokens[0].end], surface[tokens[1].start :])
    if i == 0:
        return Parsed("", surface)
    p = _complement_end(words, i)
    role = surface[tokens[0].start : tokens[p - 1].end]
    role = decliticize(role, _title_at(words, 0)[1])
    name = surface[tokens[p].start :] if p < len(tokens) else ""
    return Parsed(role, name, p == len(tokens) or all(is_definite(w) for w in words[p:]))


def _nationality(words: Sequence[str]) -> bool:
    """Does a person's name start with a nationality (الفرنسي روبرت كارتر)?"""
    head = words[0] if words else ""
    return len(words) > 2 and is_definite(head) and head.endswith("ي") and not any(map(is_definite, words[1:]))


def has_title(key: str, person: bool) -> bool:
    """Does the form ``key`` start with a title (or, for a ``person``, a nationality)?"""
    words = key.split()
    return bool(_title_at(words, 0)[0]) or (person and _nationality(words))


def context_roles(left: str, right: str) -> list[str]:
    """Roles written around a person's name: a title just left of it (السفير X, المدير
    العام للأمن الوطني X) or in apposition after a comma (X، وزيرة التجارة والصناعة،).

    >>> context_roles("وقال المدير العام للأمن الوطني ", "، إن")
    ['المدير العام للأمن الوطني']
    >>> context_roles("التقت ", "، وزيرة التجارة والصناعة، الضيف")
    ['وزيرة التجارة والصناعة']
    """
    roles = []
    run = []  # the words just left of the name, up to punctuation
    for t in reversed(tokenize(left[-120:])):
        if not any(c.isalnum() for c in t.text) or len(run) == 8:
            break
        run.insert(0, t)
    tail = left[-120:]
    for t in reversed(run):
        if not _title_openings(normalize_key(t.text)):
            continue  # a role starts with a title (parse_title would find none)
        p = parse_title(tail[t.start :] + " X")
        if p.role and p.name == "X":
            roles.append(p.role)
            break
    if m := _APPOSITION.match(right):
        rest = re.split(r"[،,.؛:؟!()«»\"\n]", right[m.end() :], maxsplit=1)[0].strip()
        p = parse_title(rest + " X")
        if p.role and p.name == "X":
            roles.append(p.role)
    return roles
