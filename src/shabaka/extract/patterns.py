"""Names found by their shape: bodies of the state and other institutions, events, clubs.

Bodies and events
-----------------

Many names of bodies are built the same way in Arabic news: a head noun (وزارة، مجلس،
المحكمة، الإدارة ...) and what completes it — a genitive (وزارة الصحة، مجلس النواب), a
chain of them (لجنة مراقبة المالية العامة), definite adjectives (المحكمة الدستورية،
الحرس الوطني) and a complement under لل or ل (المجلس الأعلى للحسابات، المؤسسة الوطنية
لتنمية المهرجانات). A statistical model trained on other news misses most of them; this
extractor reads the shape (:func:`body_spans`). The words are data
(``shabaka/data/name_patterns.csv``, see its header).

The shape, token by token after the head:

* after an indefinite noun (the head or a genitive), the next word is its genitive: an
  indefinite noun goes on with the chain, a definite one closes it;
* once closed, the name goes on only with a definite adjective (a nisba -ي/-ية, or one
  of the listed adjectives), a word under لل, or ل + an indefinite noun that opens a
  new chain (لتنمية), and و + a definite word followed by an adjective (بنك التصدير
  والاستيراد الأمريكي، لتنمية المهرجانات والتظاهرات الثقافية);
* a stop word (a relative, a weekday, a title ...) ends the name; the name ends where
  it was last closed, so an open chain at the end is left out; a definite head needs an
  adjective (الإدارة العامة، not الإدارة alone), and only a definite head takes a
  complement (وزارة الداخلية | لمكافحة الجريمة: the ministry, then its aim);
* a name that ends on a word for bodies (مجلس إدارة الصندوق "the fund's board") is no
  name;
* where an indefinite head opens the genitive of another (مجلس إدارة صندوق النقد), the
  name is the innermost one's.

Places that are common words
----------------------------
Some regions and towns are also common words (العقبة "the obstacle", المفرق "the
junction", الشرقية "the eastern"); the list's ``place`` rows are places only after a cue
word (في، محافظة، مدينة ...) or under the proclitic ب (:func:`place_spans`).

Clubs
-----
In a sports text (a document with at least :data:`SPORT_WORDS` of the listed sports
words), :func:`club_spans` finds the clubs: the known ones and their short names
(``shabaka/data/clubs.csv``: الترجي، الصفاقسي), and the shape of a club's name — a club word
followed by a nisba (النجم الساحلي، الكوكب المراكشي، النادي الرياضي الصفاقسي), or an
indefinite club word followed by the name of its town, one or two words and an optional
nisba (اتحاد طنجة، حسنية أكادير، شباب الريف الحسيمي). Outside sports texts these words are a
star, a union, youth or the army, and are left alone.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from shabaka.arabic import is_definite, proclitic_variants
from shabaka.errors import DataFileError
from shabaka.extract.base import Extractor, Span
from shabaka.extract.gazetteer import GazetteerExtractor
from shabaka.lexicon import GazetteerEntry, club_aliases
from shabaka.model import normalize_type
from shabaka.text import normalize_key

#: The longest name this extractor builds, in tokens.
MAX_TOKENS = 10
#: The sports words a document needs to be read as a sports text.
SPORT_WORDS = 3


class PatternDataError(DataFileError):
    """The name-pattern words cannot be read; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class PatternWords:
    """The words of the name patterns, as normalized keys, by role."""

    heads: dict[str, str]
    adjectives: frozenset[str]
    stops: frozenset[str]
    generic: frozenset[str]
    clubs: frozenset[str]
    sport: frozenset[str]
    places: frozenset[tuple[str, ...]]
    cues: frozenset[str]


@cache
def pattern_words() -> PatternWords:
    """Read ``shabaka/data/name_patterns.csv`` (once per process)."""
    path = files("shabaka") / "data" / "name_patterns.csv"
    roles: dict[str, dict[str, str]] = {
        r: {} for r in ("head", "adjective", "stop", "generic", "club", "sport", "place", "cue")
    }
    with path.open(encoding="utf-8") as f:
        rows = [(n, r) for n, r in enumerate(csv.reader(f), 1) if r and not r[0].startswith("#")]
    for line, row in rows[1:]:
        role, word, kind = (*[c.strip() for c in row], "")[:3]
        if role not in roles or not word or (role == "head" and normalize_type(kind) is None):
            raise PatternDataError(f"{path}:{line}: expected role,word[,type] with a known role, got {row}")
        roles[role][normalize_key(word)] = normalize_type(kind) or ""
    sets = (frozenset(roles[r]) for r in ("adjective", "stop", "generic", "club", "sport"))
    places = frozenset(tuple(p.split()) for p in roles["place"])
    return PatternWords(roles["head"], *sets, places, frozenset(roles["cue"]))


def _is_adjective(key: str, words: PatternWords) -> bool:
    """Whether a definite key reads as an adjective of a name (a nisba or a listed one)."""
    return key in words.adjectives or key.endswith(("ي", "يه", "يين", "يون"))


def _definite_adjective(key: str, words: PatternWords) -> bool:
    """Whether a key is a definite adjective without a proclitic (الوطنية, not والوطنية)."""
    return is_definite(key) and not key.startswith(("و", "لل")) and _is_adjective(key, words)


def _definite_head(variants: list[str], words: PatternWords) -> tuple[str, str] | None:
    """The head among a token's proclitic variants, and its type."""
    return next(((v, words.heads[v]) for v in variants if v in words.heads), None)


def body_spans(keys: Sequence[str], words: PatternWords | None = None) -> list[Span]:
    """The names of bodies and events in one sentence of normalized keys (see the module
    docstring for the shape).

    >>> from shabaka.text import normalize_key
    >>> def names(text):
    ...     toks = text.split()
    ...     return [" ".join(toks[s.start : s.end]) for s in body_spans([normalize_key(t) for t in toks])]
    >>> names("أعلنت وزارة الشؤون الاجتماعية الأربعاء عن خطة")
    ['وزارة الشؤون الاجتماعية']
    >>> names("وناقش المجلس الأعلى للتعليم والبحث العلمي تقريرا")
    ['المجلس الأعلى للتعليم والبحث العلمي']
    >>> names("قالت الإدارة إن لجنة تقصي الحقائق بدأت عملها")
    ['لجنة تقصي الحقائق']
    >>> names("اجتمع مجلس إدارة صندوق التنمية الزراعية في المركز الثالث")
    ['صندوق التنمية الزراعية']
    >>> names("وافق مجلس إدارة الشركة على الخطة")
    []
    """
    words = words or pattern_words()
    spans: list[Span] = []
    i = 0
    while i < len(keys):
        head = _definite_head(proclitic_variants(keys[i]), words)
        if head is None:
            i += 1
            continue
        end = _name_end(keys, i, is_definite(head[0]), words)
        inner = next((j for j in range(i + 1, end or i) if _definite_head([keys[j]], words)), None)
        if end is not None and keys[end - 1] in words.generic:
            end = None  # مجلس إدارة الصندوق: a body named by a word for bodies is no name
        if end is None or (inner is not None and not is_definite(keys[inner])):
            i = inner or i + 1  # مجلس إدارة صندوق ...: the name is the innermost body's
            continue
        spans.append(Span(i, end, head[1]))
        i = end
    return spans


def _name_end(keys: Sequence[str], start: int, definite_head: bool, words: PatternWords) -> int | None:
    """Where the name opened by the head at ``start`` ends (exclusive), or None."""
    open_chain = not definite_head  # after an indefinite noun, the next word is its genitive
    chain = 0  # indefinite genitives in a row
    last_closed: int | None = None
    j = start + 1
    while j < len(keys) and j - start < MAX_TOKENS:
        key = keys[j]
        if not key.isalpha() or key in words.stops:
            break
        if open_chain:
            if is_definite(key):
                open_chain = False
                last_closed = j + 1
            elif key.startswith(("و", "ب", "ف", "ك")) or chain == 2:
                break  # a new clause or a preposition, not a genitive
            else:
                chain += 1
        elif _definite_adjective(key, words):
            last_closed = j + 1
        elif key.startswith("وال") and key[1:].endswith(("ي", "يه")) and last_closed == j:
            last_closed = j + 1  # a second adjective: الثقافية والفنية
        elif key.startswith("لل") and len(key) > 4 and definite_head:
            last_closed = j + 1
        elif key.startswith("ل") and not is_definite(key) and len(key) > 3 and definite_head:
            open_chain, chain = True, 0
        elif not (key.startswith("وال") and j + 1 < len(keys) and _definite_adjective(keys[j + 1], words)):
            break  # و + a definite word goes on only before an adjective
        j += 1
    return last_closed


def _nisba(key: str, words: PatternWords) -> bool:
    """Whether a key is a definite nisba (الساحلي، المراكشي) that may end a club's name."""
    return is_definite(key) and key.endswith("ي") and key not in words.stops and not key.startswith(("و", "ل"))


def club_spans(keys: Sequence[str], words: PatternWords | None = None) -> list[Span]:
    """The clubs named by their shape in one sentence of normalized keys of a sports text.

    >>> from shabaka.text import normalize_key
    >>> def names(text):
    ...     toks = text.split()
    ...     return [" ".join(toks[s.start : s.end]) for s in club_spans([normalize_key(t) for t in toks])]
    >>> names("وفاز الاتحاد الرياضي القصري على شباب واد النيل بهدفين")
    ['الاتحاد الرياضي القصري', 'شباب واد النيل']
    >>> names("تعادل اتحاد المدينة والأمل الرياضي في الملعب")
    ['اتحاد المدينة']
    """
    words = words or pattern_words()
    spans: list[Span] = []
    i = 0
    while i < len(keys):
        head = next((v for v in proclitic_variants(keys[i]) if v in words.clubs), None)
        end = None if head is None else _club_end(keys, i, is_definite(head), words)
        if end is None:
            i += 1
            continue
        spans.append(Span(i, end, "ORG"))
        i = end
    return spans


def _club_end(keys: Sequence[str], start: int, definite: bool, words: PatternWords) -> int | None:
    """Where the club's name opened at ``start`` ends (exclusive), or None."""
    j = start + 1
    if j < len(keys) and keys[j] == "الرياضي":
        j += 1
    if definite:  # النجم الساحلي: a nisba must follow
        return j + 1 if j < len(keys) and _nisba(keys[j], words) else None
    town = 0  # اتحاد طنجة: the town, then an optional nisba
    while j < len(keys) and town < 2:
        key = keys[j]
        clitic = len(key) > 3 and key.startswith(("و", "ب", "ل", "ف", "ك"))  # واد and ليل are names
        if not key.isalpha() or key in words.stops or clitic or _nisba(key, words):
            break
        town += 1
        j += 1
        if is_definite(key):
            break
    if town == 0:
        return None
    return j + 1 if j < len(keys) and _nisba(keys[j], words) else j


def place_spans(keys: Sequence[str], words: PatternWords | None = None) -> list[Span]:
    """The listed places that are also common words, where a cue says they are places:
    after في، محافظة، مدينة ... or under the proclitic ب.

    >>> from shabaka.text import normalize_key
    >>> def names(text):
    ...     toks = text.split()
    ...     return [" ".join(toks[s.start : s.end]) for s in place_spans([normalize_key(t) for t in toks])]
    >>> names("سجلت 12 حالة في الزرقاء و3 بالمفرق لكن العقبة الكبرى هي التمويل")
    ['الزرقاء', 'بالمفرق']
    """
    words = words or pattern_words()
    longest = max(map(len, words.places), default=0)
    spans: list[Span] = []
    for i, key in enumerate(keys):
        variants = proclitic_variants(key)
        cue = i > 0 and keys[i - 1] in words.cues
        for n in range(min(longest, len(keys) - i), 0, -1):
            rest = tuple(keys[i + 1 : i + n])
            for v in variants:
                if (v, *rest) in words.places and (cue or (v != key and key.startswith(("ب", "وب")))):
                    spans.append(Span(i, i + n, "LOC"))
                    break
            else:
                continue
            break
    return spans


def is_sports_text(keys: Sequence[Sequence[str]], words: PatternWords | None = None) -> bool:
    """Whether a document (its sentences' normalized keys) holds :data:`SPORT_WORDS` sports words."""
    words = words or pattern_words()
    return sum(k in words.sport for sent in keys for k in sent) >= SPORT_WORDS


@cache
def _known_clubs() -> GazetteerExtractor:
    """The clubs of ``clubs.csv`` and their short names, as a list to match."""
    names: dict[str, set[str]] = {}
    for alias, canonical, _ in club_aliases().merges:
        names.setdefault(canonical, set()).add(alias)
    return GazetteerExtractor(entries=[GazetteerEntry(c, "ORG", tuple(a)) for c, a in names.items()])


class NamePatternExtractor(Extractor):
    """Names of bodies, events (:func:`body_spans`), places that need a cue
    (:func:`place_spans`) and, in sports texts, clubs (:func:`club_spans` and the known
    clubs) found by their shape.

    Added after the known names and before the model by default (``Settings.known_names``).

    Examples
    --------
    >>> sentence = "استقبل رئيس مجلس الشيوخ وفدا من المحكمة العليا".split()
    >>> [(s.start, s.end, s.type) for s in NamePatternExtractor().extract([sentence])[0]]
    [(2, 4, 'ORG'), (6, 8, 'ORG')]
    """

    name = "name-patterns"

    def extract(self, sentences: Sequence[Sequence[str]]) -> list[list[Span]]:
        """Bodies and events in every sentence; clubs where the sentences are a sports text."""
        words = pattern_words()
        keys = [[normalize_key(t) for t in tokens] for tokens in sentences]
        if not is_sports_text(keys, words):
            return [_first_wins(body_spans(k, words), place_spans(k, words)) for k in keys]
        known = _known_clubs().extract(sentences)
        return [
            _first_wins(found, club_spans(k, words), body_spans(k, words), place_spans(k, words))
            for k, found in zip(keys, known, strict=True)
        ]


def _first_wins(*groups: list[Span]) -> list[Span]:
    """The spans of all groups, in order, without those overlapping an earlier one."""
    kept: list[Span] = []
    for span in (s for g in groups for s in g):
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)
