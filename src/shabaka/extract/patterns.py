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
  new chain (لتنمية), and, right after a genitive, و + a definite word (not a body's
  head) followed by an adjective (بنك التصدير والاستيراد الأمريكي، لتنمية المهرجانات
  والتظاهرات الثقافية; not وكالة الاستخبارات الأمريكية | والموساد الإسرائيلي);
* a stop word (a relative, a weekday, a title ...) ends the name; the name ends where
  it was last closed, so an open chain at the end is left out; a definite head needs an
  adjective (الإدارة العامة، not الإدارة alone), and only a definite head with an
  adjective takes a complement (وزارة الداخلية | لمكافحة الجريمة: the ministry, then its
  aim; الشركة | لبيع السيارات);
* a head that is also a common noun (``weak``: قطاع، إدارة، الشركة ...) needs two words
  after it (قطاع الصحة is "the health sector");
* a competition or festival (كأس، دوري، مهرجان) may end on an indefinite proper noun
  (كأس آسيا، دوري أبطال أفريقيا), and a ministry's genitive may be two nouns joined by
  و (وزارة الطاقة والمعادن);
* a name that ends on a word for bodies (مجلس إدارة الصندوق "the fund's board") is no
  name;
* where an indefinite head opens the genitive of another (مجلس إدارة صندوق النقد), the
  name is the innermost one's, and a complement under لل that opens a body's name is that
  body (المجلس الإداري | للمكتب الوطني للسكك الحديدية: the board, then the office);
* a proper noun that closes a chain with its adjective takes a complement, as an adjective
  does (معرض أبوظبي الدولي للكتاب);
* a time word (يوم، غد، الأسبوع) or a verb ends any name found by its shape, and a word for a
  stadium or a town under a proclitic (بملعب، بمدينة) ends a club's.

Places that are common words
----------------------------
Some regions and towns are also common words (العقبة "the obstacle", المفرق "the
junction", الشرقية "the eastern"); the list's ``place`` rows are places only after a cue
word (في، محافظة، مدينة ...) or under the proclitic ب (:func:`place_spans`).

Persons after a title
---------------------
A person's name is found after a title or an occupation (النائب، المدرب، نقيب الأطباء) when
it opens with a listed given name (``shabaka/data/given_names.txt`` and
``given_names_more.txt``): :func:`person_spans`.

Clubs
-----
In a sports text (a document with at least :data:`SPORT_WORDS` of the listed sports
words), :func:`club_spans` finds the clubs: the known ones and their short names
(``shabaka/data/clubs.csv``: الترجي، الصفاقسي), and the shape of a club's name — a club word
followed by a nisba (النجم الساحلي، الكوكب المراكشي، النادي الرياضي الصفاقسي), or an
indefinite club word followed by the name of its town, one or two words and an optional
nisba (اتحاد طنجة، حسنية أكادير، شباب الريف الحسيمي). Outside sports texts these words are a
star, a union, youth or the army, and are left alone. A sports text's scorers named by a surname
or two right before the minute of a goal (كل من X في الدقيقة 6) are persons (:func:`scorer_spans`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from shabaka.arabic import is_definite, proclitic_variants
from shabaka.clean.article import dateline
from shabaka.errors import DataFileError
from shabaka.extract.base import Extractor, Span
from shabaka.extract.gazetteer import GazetteerExtractor
from shabaka.lexicon import (
    GazetteerEntry,
    club_aliases,
    country_keys,
    given_names,
    place_aliases,
    place_keys,
    vocabulary,
    world_place_keys,
)
from shabaka.model import normalize_type
from shabaka.text import normalize_key

#: The longest name this extractor builds, in tokens.
MAX_TOKENS = 10
#: The sports words a document needs to be read as a sports text.
SPORT_WORDS = 3
#: A Latin acronym (OCP, ANP) and an Arabic letter.
LATIN_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}")
#: A word in Latin letters.
LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]")
ARABIC = re.compile("[\u0600-\u06ff]")
#: The tanween marks (ً ٌ ٍ) of an indefinite noun or adjective.
TANWEEN = re.compile("[\u064b-\u064d]")


class PatternDataError(DataFileError):
    """The name-pattern words cannot be read; the message names the file and line."""


#: The roles of ``name_patterns.csv`` besides ``head`` and ``place`` (see its header).
ROLES = (
    "adjective",
    "stop",
    "ordinal",
    "title",
    "generic",
    "club",
    "sport",
    "cue",
    "byline",
    "not name",
    "open",
    "coordinate",
    "facility",
    "weak",
    "person",
    "verb",
    "town",
    "spokesman",
    "press",
    "brand",
    "event",
    "end",
    "describer",
    "agent",
    "section",
    "organ",
)


@dataclass(frozen=True, slots=True)
class PatternWords:
    """The words of the name patterns, as normalized keys, by role."""

    heads: dict[str, str]
    places: frozenset[tuple[str, ...]]
    concepts: frozenset[tuple[str, ...]]
    adjectives: frozenset[str]
    stop_words: frozenset[str]
    ordinals: frozenset[str]
    titles: frozenset[str]
    generic: frozenset[str]
    clubs: frozenset[str]
    sport: frozenset[str]
    cues: frozenset[str]
    bylines: frozenset[str]
    not_names: frozenset[str]
    open_heads: frozenset[str]
    coordinating: frozenset[str]
    facilities: frozenset[str]
    weak: frozenset[str]
    person_cues: frozenset[str]
    verbs: frozenset[str]
    towns: frozenset[str]
    spokesman: frozenset[str]
    press: frozenset[str]
    brands: frozenset[str]
    events: frozenset[str]
    ends: frozenset[str]
    describers: frozenset[str]
    agents: frozenset[str]
    sections: frozenset[str]
    organs: frozenset[str]
    #: The words that end a body's name: stop words, ordinals and titles.
    stops: frozenset[str] = field(init=False)
    #: The first words of :attr:`places`, and the most words a place has.
    place_firsts: frozenset[str] = field(init=False)
    place_longest: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "stops", self.stop_words | self.ordinals | self.titles)
        object.__setattr__(self, "place_firsts", frozenset(p[0] for p in self.places))
        object.__setattr__(self, "place_longest", max(map(len, self.places), default=0))


@cache
def pattern_words() -> PatternWords:
    """Read ``shabaka/data/name_patterns.csv`` (once per process)."""
    path = files("shabaka") / "data" / "name_patterns.csv"
    roles: dict[str, dict[str, str]] = {r: {} for r in ("head", "place", "concept", *ROLES)}
    with path.open(encoding="utf-8") as f:
        rows = [(n, r) for n, r in enumerate(csv.reader(f), 1) if r and not r[0].startswith("#")]
    for line, row in rows[1:]:
        role, word, kind = (*[c.strip() for c in row], "")[:3]
        if role not in roles or not word or (role == "head" and normalize_type(kind) is None):
            raise PatternDataError(f"{path}:{line}: expected role,word[,type] with a known role, got {row}")
        roles[role][normalize_key(word)] = normalize_type(kind) or ""
    places, concepts = (frozenset(tuple(p.split()) for p in roles[r]) for r in ("place", "concept"))
    return PatternWords(roles["head"], places, concepts, *(frozenset(roles[r]) for r in ROLES))


def _is_adjective(key: str, words: PatternWords) -> bool:
    """Whether a definite key reads as an adjective of a name (a nisba or a listed one)."""
    return key in words.adjectives or key.endswith(("ي", "يه", "يين", "يون"))


def _definite_adjective(key: str, words: PatternWords) -> bool:
    """Whether a key is a definite adjective without a proclitic (الوطنية, not والوطنية)."""
    return is_definite(key) and not key.startswith(("و", "لل")) and _is_adjective(key, words)


def _definite_head(variants: Sequence[str], words: PatternWords) -> tuple[str, str] | None:
    """The head among a token's proclitic variants, and its type."""
    if words.heads.keys().isdisjoint(variants):  # most words: at C speed
        return None
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
    >>> names("وقالت وزارة التعليم الأساسي والتدريب المهني إن وزارة المالية والشركة العامة للكهرباء اتفقتا")
    ['وزارة التعليم الأساسي والتدريب المهني', 'وزارة المالية', 'والشركة العامة للكهرباء']
    >>> names("واستقبل رئيس مجلس إدارة المؤسسة الوطنية للكهرباء الوفد")
    ['المؤسسة الوطنية للكهرباء']
    >>> names("وقال رئيس مجلس إدارتها المهندس سامي")
    []
    >>> names("ونقلت وكالة الأنباء الليبية للأخبار عن الشركة القابضة للكهرباء والماء أن وزارة الصحة للمواطنين")
    ['وكالة الأنباء الليبية للأخبار', 'الشركة القابضة للكهرباء والماء', 'وزارة الصحة']
    >>> names("وعقد الاجتماع بمقر الأمانة العامة لجامعة الدول العربية بالقاهرة")
    ['لجامعة الدول العربية']
    """
    words = words or pattern_words()
    spans: list[Span] = []
    i = 0
    while i < len(keys):
        head = _definite_head(proclitic_variants(keys[i]), words)
        if head is None:
            i += 1
            continue
        end = _name_end(keys, i, is_definite(head[0]), words, head[0])
        inner = next((j for j in range(i + 1, end or i) if _definite_head((keys[j],), words)), None)
        if inner == i + 1 and head[0] in words.weak and "ال" + head[0] in words.generic and is_definite(keys[inner]):
            i = inner  # إدارة المؤسسة الوطنية للكهرباء "the management of ...": the name is the body's
            continue
        if end is not None and head[0] in words.organs:
            lam = next((j for j in range(i + 1, end) if keys[j][:1] == "ل" and keys[j][1:] in words.heads), None)
            if lam is not None:
                i = lam  # الأمانة العامة | لجامعة الدول العربية: the organ of a body, the name is the body's
                continue
        if end is not None and keys[end - 1] in words.generic:
            end = None  # مجلس إدارة الصندوق: a body named by a word for bodies is no name
        if end is not None and head[0] in words.weak and end - i < 3:
            end = None  # قطاع الصحة "the health sector", الشركة الفرنسية "the French company"
        if end is None or (inner is not None and not is_definite(keys[inner])):
            i = inner or i + 1  # مجلس إدارة صندوق ...: the name is the innermost body's
            continue
        spans.append(Span(i, end, head[1]))
        i = end
    return spans


def _name_end(keys: Sequence[str], start: int, definite_head: bool, words: PatternWords, head: str) -> int | None:
    """Where the name opened by the head at ``start`` ends (exclusive), or None."""
    open_chain = not definite_head  # after an indefinite noun, the next word is its genitive
    chain = 0  # indefinite genitives in a row
    last_closed: int | None = None
    open_end: int | None = None  # the end of a chain of indefinite genitives (كأس آسيا)
    genitive_end = -1  # where the last genitive (or complement under لل) ends
    adjective_end = complement_end = -1  # where the last adjective, the last complement under لل end
    j = start + 1
    while j < len(keys) and j - start < MAX_TOKENS:
        key = keys[j]
        if key in words.ordinals and not open_chain and words.heads.get(head) == "MISC":
            last_closed = j + 1  # an event's ordinal is its own: بطولة الرابطة المحترفة الأولى
            break
        if open_chain and key in words.titles and (named := _royal_name_end(keys, j + 1, words)) > j + 1:
            open_chain = False  # مركز الملك عبدالله الثاني | الثقافي: a body named after a ruler
            last_closed = genitive_end = j = named
            continue
        if not key.isalpha() or key in words.stops:
            break
        if not open_chain and key in words.person_cues and key not in words.adjectives:
            break  # an occupation is no adjective of a name: قرار مجلس الوزراء | القاضي بـ "stipulating"
        if open_chain:
            body = words.heads.get(head) == "ORG"  # not an event's: كأس آسيا | للمرة الثانية
            if body and key.startswith("لل") and len(key) >= 4 and chain and (open_end == j or _proper(keys[j - 1])):
                open_chain = False  # a complement after a proper name: صندوق أبوظبي للتنمية، بورصة لندن للأوراق
                last_closed = genitive_end = complement_end = j + 1
            elif key.startswith(("لل", "بال", "وال", "فال", "كال")):
                break  # a proclitic on a definite word: a preposition or a new phrase, not a genitive
            elif is_definite(key):
                open_chain = False
                last_closed = genitive_end = j + 1
                if chain and _definite_adjective(key, words):
                    adjective_end = j + 1  # a proper name's adjective: جامعة نايف العربية | للعلوم الأمنية
            elif last_closed and chain == 0 and key in place_keys():
                open_chain = False  # the genitive of a complement under ل is a place: المجلس المركزي لمصرف لبنان
                last_closed = genitive_end = j + 1
            elif j > start + 1 and keys[j - 1] in words.cues and not key.startswith(("و", "ب", "ف", "ك")):
                open_chain = False  # مديرية شرطة محافظة اربد: the place after محافظة closes the chain
                last_closed = genitive_end = j + 1
            elif j == start + 1 and key.startswith("و") and words.heads.get(key[1:]) == words.heads.get(head):
                pass  # two heads of one kind share the genitive: مهرجان ومؤتمر الموسيقى العربية
            elif key.startswith(("و", "ب", "ف", "ك")) or chain == 2:
                break  # a new clause or a preposition, not a genitive
            elif len(key) > 4 and key.endswith(("ها", "هم", "هما")):
                break  # a noun with a pronoun (مجلس إدارتها "its board") takes no genitive
            else:
                chain += 1
                open_end = j + 1 if last_closed is None and head in words.open_heads else None
        elif _definite_adjective(key, words):
            last_closed = adjective_end = j + 1
        elif key.startswith("وال") and key[1:].endswith(("ي", "يه")) and last_closed == j:
            last_closed = j + 1  # a second adjective: الثقافية والفنية
        elif key.startswith("وال") and head in words.coordinating and j == genitive_end and key[1:] not in words.heads:
            last_closed = genitive_end = j + 1  # a second genitive: وزارة الطاقة والمعادن (not | والشركة)
        elif key.startswith("لل") and "ال" + key[2:] in words.heads:
            break  # المجلس الإداري | للمكتب الوطني ...: the board of another body, whose name follows
        elif key.startswith("لل") and len(key) >= 4 and last_closed and (definite_head or adjective_end == j):
            last_closed = genitive_end = complement_end = j + 1  # an aim, also after an adjective: الليبية للأخبار
        elif key.startswith("وال") and j == complement_end and key[1:] not in words.heads:
            last_closed = genitive_end = j + 1  # a complement of two nouns: للكهرباء والماء
        elif key.startswith("ل") and not is_definite(key) and len(key) > 3 and definite_head and last_closed:
            open_chain, chain = True, 0
        elif not (
            key.startswith("وال")
            and (j == genitive_end or (j == last_closed and not nationality(keys[j - 1])))
            and key[1:] not in words.heads
            and j + 1 < len(keys)
            and _definite_adjective(keys[j + 1], words)
        ):
            break  # و + a noun goes on only after a genitive or an adjective (not a nationality) and
            # before an adjective, never a body's head: التعليم العالي والبحث العلمي; not الأمريكية | والموساد
        j += 1
    return last_closed or open_end


def _proper(key: str) -> bool:
    """Whether an indefinite word is a known place or given name (أبوظبي، لندن، نايف)."""
    return key in place_keys() or key in given_names(more=True)


def _given(key: str) -> bool:
    """Whether a key is a listed given name, or a compound one written as one word (عبدالله)."""
    return key in given_names(more=True) or (key.startswith("عبد") and len(key) > 5)


def _royal_name_end(keys: Sequence[str], j: int, words: PatternWords) -> int:
    """Where the name of a person after a title inside a body's name ends (``j`` if none): a
    listed given name, up to two more indefinite words and an ordinal (الملك | عبدالله الثاني).
    """
    if j >= len(keys) or not _given(keys[j]):
        return j
    end = j + 1
    while end < len(keys) and end - j < 3 and keys[end].isalpha() and not is_definite(keys[end]):
        if keys[end] in words.stops or keys[end].startswith(("و", "ب", "ل", "ف", "ك")):
            break
        end += 1
    return end + 1 if end < len(keys) and keys[end] in words.ordinals else end


def facility_spans(keys: Sequence[str], words: PatternWords | None = None) -> list[Span]:
    """The stadiums, airports, ports and mosques named after a person or a place: a
    facility word, an optional title, one to four name words and an optional nisba; a
    proper name has a title, an indefinite word or a nisba at its end (not ملعب الفريق).

    >>> from shabaka.text import normalize_key
    >>> def names(text):
    ...     toks = text.split()
    ...     return [" ".join(toks[s.start : s.end]) for s in facility_spans([normalize_key(t) for t in toks])]
    >>> names("ووصل إلى مطار الملكة علياء الدولي ثم إلى ملعب الفريق")
    ['مطار الملكة علياء الدولي']
    >>> names("وتقام المباراة بملعب مركب الحسن الثاني بمدينة فاس")
    ['مركب الحسن الثاني']
    >>> names("ونقل إلى مستشفى الأمير علي ثم إلى مستشفى قوى الأمن العام وليس إلى مستشفى حكومي")
    ['مستشفى الأمير علي', 'مستشفى قوى الأمن العام']
    >>> names("واستقبله في قصر قرطاج ثم زار مستشفى الهارثة قبل أن يعود إلى مستشفى المدينة")
    ['قصر قرطاج', 'مستشفى الهارثة']
    """
    words = words or pattern_words()
    spans: list[Span] = []
    i = 0
    while i < len(keys):
        inner = i + 1 < len(keys) and keys[i + 1] in words.facilities  # بملعب مركب X: the inner one
        if inner or words.facilities.isdisjoint(proclitic_variants(keys[i])):
            i += 1
            continue
        j = i + 1
        titled = j < len(keys) and keys[j] in words.titles
        j += titled
        proper = titled
        start = j
        while j < len(keys) and j - start < 4:
            key = keys[j]
            given = key in given_names(more=True)  # مركب الهادي النيفر: a person, not a nisba
            if not key.isalpha() or (j == start and key in words.titles):
                break
            if key in words.stop_words:
                j += titled and j == start and given  # مستشفى الأمير علي: a given name that is a stop word ends it
                break
            if key.startswith(("لل", "بال", "وال", "فال", "كال")) or (j > start and _clitic_after(keys, j)):
                break
            if j > start and not given and (key in words.verbs or verb_like(key)):
                break  # مستشفى السياب | يقدم الخدمات
            # a noun before its genitive is no adjective (مستشفى قوى الأمن), nor a given name (مطار هواري بومدين)
            construct = j == start and j + 1 < len(keys) and is_definite(keys[j + 1])
            construct = construct and not _is_adjective(keys[j + 1], words)
            adjective = key.endswith(("ي", "يه")) and not given and not construct
            if not is_definite(key) and (adjective or (j == start and key.startswith("لا"))):
                break  # an adjective or an aim: مستشفى حكومي "a public hospital", مستشفى لإعادة التأهيل
            if j == start and not is_definite(key) and verb_like(key) and not given and key not in place_keys():
                break  # a participle or a verb: قصر تابع لها "a palace of hers"
            rare = is_definite(key) and key not in vocabulary() and not key.endswith(("ي", "يه"))  # مستشفى الهارثة
            proper = proper or not is_definite(key) or key in words.ordinals or given or rare
            j += 1
            if key in words.ordinals or (_nisba(key, words) and not given):
                proper = True
                break
        if j > start and proper:
            spans.append(Span(i, j, "LOC"))
            i = j
        else:
            i += 1
    return spans


#: How many words may stand between a title and the given name after it (نقيب الأطباء X).
TITLE_REACH = 3
#: The most words of a person's name found after a title.
NAME_WORDS = 6
#: Words that open a compound given name (أبو بكر، عبد الكريم), and the words of a nasab.
NAME_OPENERS = frozenset(("ابو", "ام", "عبد"))
NASAB_WORDS = frozenset(("بن", "ابن", "بنت"))


def _middle_ali(keys: Sequence[str], tokens: Sequence[str] | None, j: int) -> bool:
    """Whether ``keys[j]`` is the given name علي inside a person's name: spelled with ي (the
    preposition على ends in ى, which the keys fold into ي) and followed by a definite family name."""
    return (
        tokens is not None
        and keys[j] == "علي"
        and tokens[j] == "علي"
        and j + 1 < len(keys)
        and is_definite(keys[j + 1])
        and not keys[j + 1].startswith("لل")
    )


def _person_cue(key: str, words: PatternWords) -> bool:
    """Whether a key is a title or occupation before a person's name, under و or not
    (الكاتب والمخرج زيد، وزير الدولة والدكتور أحمد)."""
    return key in words.person_cues or (key.startswith("و") and key[1:] in words.person_cues)


def person_spans(
    keys: Sequence[str],
    words: PatternWords | None = None,
    bodies: Sequence[Span] = (),
    tokens: Sequence[str] | None = None,
) -> list[Span]:
    """Persons named after a title: a listed given name at most :data:`TITLE_REACH`
    words after a title or occupation, or right after the name of a body (``bodies``: مدير
    الإدارة العامة للجمارك سامي يوسف), and the words of the name after it (two at least;
    a definite word is the last, a verb, a stop word, punctuation or a proclitic on a
    definite word ends it).

    >>> from shabaka.text import normalize_key
    >>> def names(text):
    ...     toks = text.split()
    ...     return [" ".join(toks[s.start : s.end]) for s in person_spans([normalize_key(t) for t in toks])]
    >>> names("وقال نقيب المهندسين أحمد سمير الزعبي إن المشروع جاهز")
    ['أحمد سمير الزعبي']
    >>> names("وقال السيد علي إن المشروع جاهز")
    []
    >>> names("وهنأ الوزير خالد الرميثي نظيره")
    ['خالد الرميثي']
    >>> names("وكان الملك فهد أصدر أمرا")
    []
    >>> names("وأشاد الدكتور نايف بن سالم العتيبي بالخطوة"), names("وأشاد الأمير فيصل بن خالد السعودي")
    (['نايف بن سالم العتيبي'], ['فيصل بن خالد'])
    >>> keys = [normalize_key(t) for t in "وقال مدير الإدارة العامة للجمارك سامي يوسف إن الموسم بدأ".split()]
    >>> person_spans(keys, bodies=body_spans(keys))
    [Span(start=5, end=7, type='PER', confidence=1.0)]
    """
    words = words or pattern_words()
    given = given_names(more=True)
    spans: list[Span] = []
    i = 0
    while i < len(keys):
        compound = i > 0 and keys[i - 1] == "عبد" and is_definite(keys[i])  # عبد الجليل: any عبد + a definite name
        if (keys[i] not in given and not compound) or keys[i] in words.stops:  # علي is على
            i += 1
            continue
        cue = next((c for c in range(max(0, i - TITLE_REACH - 1), i) if _person_cue(keys[c], words)), None)
        if cue is None and any(b.end == i for b in bodies):
            cue = i - 1  # the body's last word: its head (مدير، رئيس) stands before the body
        if cue is None or not all(k.isalpha() and k not in words.stops for k in keys[cue + 1 : i]):
            i += 1
            continue
        start = i - 1 if i > 0 and keys[i - 1] in NAME_OPENERS else i  # أبو بكر، عبد الكريم
        j = i + 1
        while j < len(keys) and j - start < NAME_WORDS:
            key = keys[j]
            if keys[j - 1] == "ال" and key.isalpha() and j > i:
                j += 1
                break  # آل الأمير، آل سعود: the word after آل is the family's name, a title word too
            if _middle_ali(keys, tokens, j):
                j += 1
                continue  # مرزوق علي الغانم: the name علي, spelled with ي, before a family name
            if not key.isalpha() or key in words.stops or key in words.verbs or key in words.person_cues:
                break
            if key.startswith(("لل", "بال", "وال", "فال", "كال")) or _clitic_after(keys, j):
                break
            if key not in given and keys[j - 1] not in (*NASAB_WORDS, "ال") and verb_like(key):
                break  # الملك سلمان | أصدر
            if is_definite(key) and keys[j - 2] in NASAB_WORDS and not (_nisba(key, words) and not nationality(key)):
                break  # محمد بن سلمان | الخاص: after a nasab only بن, آل or a family nisba (السلمي) go on
            j += 1
            if (is_definite(key) and key != "الله") or keys[j - 2] == "ال":
                break  # a family name or nisba ends the name (سعد الحريري | نال، آل مكتوم | ستكون)
        while j > i and keys[j - 1] in (*NASAB_WORDS, *NAME_OPENERS, "ال"):
            j -= 1  # a name never ends on بن، أبو، آل
        if j - start >= 2:
            spans.append(Span(start, j, "PER"))
            i = j
        else:
            i += 1
    return spans


def verb_like(key: str) -> bool:
    """Whether a word that is no given name reads as a verb: أفعل (أصدر، أعلن) or a
    present tense of four or five letters (يقوم، تؤكد)."""
    return (key.startswith("ا") and len(key) == 4) or (key.startswith(("ي", "ت", "ن")) and len(key) in (4, 5))


def _clitic_after(keys: Sequence[str], j: int) -> bool:
    """Whether ``keys[j]``, inside a proper name, reads as a proclitic and another word:
    و ل ف ك on a word of four letters or more, ب only after a definite word (الفيصل بجدة;
    but هواري بومدين)."""
    key = keys[j]
    if len(key) <= 3:
        return False
    return key.startswith(("و", "ل", "ف", "ك")) or (key.startswith("ب") and is_definite(keys[j - 1]))


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


#: The most words of a scorer's name before في الدقيقة.
SCORER_WORDS = 3


def scorer_spans(keys: Sequence[str], words: PatternWords | None = None) -> list[Span]:
    """The players named by one to three indefinite words right before the minute of a goal
    (كل من جابري في الدقيقة 6، زميله سالم بوعلي في الدقيقة 59), in one sentence of a sports
    text: a rare word (none of the model's vocabulary) or a given name among them, or a word
    for a teammate or a player before them; no stop word, verb or sports word.

    >>> from shabaka.text import normalize_key
    >>> def names(text):
    ...     toks = text.split()
    ...     return [" ".join(toks[s.start : s.end]) for s in scorer_spans([normalize_key(t) for t in toks])]
    >>> names("وسجل الأهداف كل من قرباج في الدقيقة 6 وزميله بوزيد في الدقيقة 40")
    ['قرباج', 'بوزيد']
    >>> names("وسجل الفريق هدفا في الدقيقة 20")
    []
    """
    words = words or pattern_words()
    common = vocabulary()
    given = given_names(more=True)
    spans: list[Span] = []
    for i in range(1, len(keys) - 1):
        if keys[i] != "في" or keys[i + 1] != "الدقيقه":
            continue
        start = i
        while start > 0 and i - start < SCORER_WORDS and _scorer_word(keys[start - 1], words):
            start -= 1
        first_given = next((j for j in range(start, i) if not given.isdisjoint(proclitic_variants(keys[j]))), None)
        if first_given is not None:
            start = first_given  # أحرزه أسامة بوقرة: the name opens with its given name
        elif i - start > 2:
            start = i - 2  # without a given name, a surname or two
        before = keys[start - 1] if start > 0 else ""
        teammate = not (words.events.isdisjoint(proclitic_variants(before)) and before not in words.person_cues)
        if start < i and (teammate or first_given is not None or any(k not in common for k in keys[start:i])):
            spans.append(Span(start, i, "PER"))
    return spans


def _scorer_word(key: str, words: PatternWords) -> bool:
    """Whether a key may be a word of a scorer's name: indefinite, no stop word, verb, event
    noun, title or sports word."""
    variants = proclitic_variants(key)
    return (
        key.isalpha()
        and not is_definite(key)
        and key not in words.stops
        and key not in words.verbs
        and words.events.isdisjoint(variants)
        and words.person_cues.isdisjoint(variants)
        and words.sport.isdisjoint(variants)
        and not verb_like(key)
    )


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
        clitic = key.startswith(("وال", "لل", "بال")) or (town > 0 and _clitic_after(keys, j))  # not واد, بلوزداد
        if not key.isalpha() or key in words.stops or clitic or _nisba(key, words) or _place_word(key, words):
            break
        town += 1
        j += 1
        if is_definite(key):
            break
    if town == 0:
        return None
    return j + 1 if j < len(keys) and _nisba(keys[j], words) else j


def _place_word(key: str, words: PatternWords) -> bool:
    """Whether a key is a word for a stadium, a town or a place's cue under a proclitic
    (بملعب، بمدينة، وبولاية): it opens a new phrase, never a word of a club's name."""
    variants = proclitic_variants(key)[1:]
    return any(v in words.facilities or v in words.towns or v in words.cues for v in variants)


def place_spans(keys: Sequence[str], words: PatternWords | None = None) -> list[Span]:
    """The listed places that are also common words, where a cue says they are places:
    after في، محافظة، مدينة ... or under the proclitic ب.

    >>> from shabaka.text import normalize_key
    >>> def names(text):
    ...     toks = text.split()
    ...     return [" ".join(toks[s.start : s.end]) for s in place_spans([normalize_key(t) for t in toks])]
    >>> names("سجلت 12 حالة في الزرقاء و3 بالمفرق لكن العقبة الكبرى هي التمويل")
    ['الزرقاء', 'بالمفرق']

    Three or more of them joined by و are a list of places, each a cue to the others:

    >>> names("وشملت الحملة المفرق والطفيلة وعجلون أمس")
    ['المفرق', 'والطفيلة', 'وعجلون']

    One joined by و to a known place that needs no cue is a place too:

    >>> names("زار تونس والكاف"), names("الكاف والقلم")
    (['والكاف'], [])
    """
    words = words or pattern_words()
    spans: list[Span] = []
    for i, key in enumerate(keys):
        for n, v in _place_rows_at(keys, i, words):
            under_b = key.endswith(v) and key[: -len(v)] in ("ب", "وب")  # بالزرقاء; not وبوشر (و + بوشر)
            if _cued(keys, i, i + n, words) or under_b or _beside_place(keys, i, i + n):
                spans.append(Span(i, i + n, "LOC"))
                break
    return _first_wins(spans, _place_lists(keys, words))


def _beside_place(keys: Sequence[str], start: int, end: int) -> bool:
    """Whether a place at ``keys[start:end]`` is joined by و to a known place that needs no
    cue (تونس والكاف); two that need one are a list only from three on (:func:`_place_lists`)."""
    words = pattern_words()

    def known(key: str) -> bool:
        return key in place_keys() and (key,) not in words.places

    after = keys[end] if end < len(keys) else ""
    before = keys[start - 1].removeprefix("و") if start else ""
    return (after.startswith("و") and known(after[1:])) or (keys[start].startswith("و") and known(before))


#: The fewest cue-only places joined by و that make a list of places without a cue.
PLACE_LIST_MIN = 3


def _place_rows_at(keys: Sequence[str], i: int, words: PatternWords) -> list[tuple[int, str]]:
    """The cue-only places (``place`` rows) that start at ``keys[i]``, longest first: (words, first
    word's variant without its proclitics)."""
    found = []
    for v in (v for v in proclitic_variants(keys[i]) if v in words.place_firsts):
        for n in range(min(words.place_longest, len(keys) - i), 0, -1):
            if (v, *keys[i + 1 : i + n]) in words.places:
                found.append((n, v))
                break
    return sorted(found, reverse=True)


def _place_lists(keys: Sequence[str], words: PatternWords) -> list[Span]:
    """Runs of :data:`PLACE_LIST_MIN` or more cue-only places, each after the first opening
    with و (نابل وباجة وسليانة): a list of governorates, no common words. A direction
    (الشرقية والغربية) is no place of such a list."""
    spans: list[Span] = []
    run: list[Span] = []
    i = 0
    while i < len(keys):
        rows = _place_rows_at(keys, i, words) if keys[i].removeprefix("و") not in DIRECTIONS else []
        if not (rows and run and keys[i].startswith("و")):  # the run ends here
            spans.extend(run if len(run) >= PLACE_LIST_MIN else [])
            run = []
        if rows:
            run.append(Span(i, i + rows[0][0], "LOC"))
        i = run[-1].end if rows else i + 1
    return spans + (run if len(run) >= PLACE_LIST_MIN else [])


#: The words for a province before its name (محافظة صعدة is صعدة).
PROVINCE_WORDS = frozenset(map(normalize_key, ("محافظة", "ولاية", "إقليم", "لواء", "قضاء")))
#: Definite words for a province or a suburb that, with an adjective of direction, name a place
#: (الضاحية الجنوبية of Beirut, الولاية الشمالية of Sudan); not المنطقة (المنطقة الشرقية بنابلس: an
#: area of a town).
DIRECTED_AREAS = frozenset(map(normalize_key, ("الضاحية", "الولاية", "المحافظة", "الإقليم")))
#: Adjectives of direction: they belong to a place's name (الضاحية الجنوبية).
DIRECTIONS = frozenset(
    normalize_key(w) for w in ("الشمالية", "الجنوبية", "الشرقية", "الغربية", "الشمالي", "الجنوبي", "الشرقي", "الغربي")
)


def town_spans(keys: Sequence[str], words: PatternWords | None = None) -> list[Span]:
    """Places named right after a word for a town or an area (مدينة، بلدتي، أحياء، منطقة ...),
    listed or not, and the places joined to them by و: a definite word (with an adjective of
    direction), or one or two indefinite words; an adjective (مدينة رياضية) or a definite
    word and its nisba (مدينة الإنتاج الإعلامي: a description) is no place.

    >>> from shabaka.text import normalize_key
    >>> def names(text):
    ...     toks = text.split()
    ...     return [" ".join(toks[s.start : s.end]) for s in town_spans([normalize_key(t) for t in toks])]
    >>> names("وقصفت الطائرات أحياء باب الواد والقصبة وعين النعجة في العاصمة")
    ['باب الواد', 'والقصبة', 'وعين النعجة']
    >>> names("وتقع مدينة الإنتاج الإعلامي قرب مدينة رياضية جديدة")
    []

    The word itself, definite, with an adjective of direction is a place too (الضاحية الجنوبية،
    بالولاية الشمالية):

    >>> names("وشن غارات على الضاحية الجنوبية وقرى بالولاية الشمالية")
    ['الضاحية الجنوبية', 'بالولاية الشمالية']
    """
    words = words or pattern_words()
    spans: list[Span] = []
    i = 0
    while i < len(keys):
        if (
            i + 1 < len(keys)
            and keys[i + 1] in DIRECTIONS
            and not DIRECTED_AREAS.isdisjoint(proclitic_variants(keys[i]))
        ):
            spans.append(Span(i, i + 2, "LOC"))
            i += 2
            continue
        if not any(v in words.towns for v in proclitic_variants(keys[i])):
            i += 1
            continue
        j, first = i + 1, True
        while (end := _town_end(keys, j, first, words)) is not None:
            spans.append(Span(j, end, "LOC"))
            j, first = end, False
        i = max(j, i + 1)
    return spans


def _town_end(keys: Sequence[str], j: int, first: bool, words: PatternWords) -> int | None:
    """Where the place named at ``keys[j]`` ends (exclusive), or None; after the first
    place, only a place joined by و goes on."""
    if j >= len(keys) or not keys[j].isalpha():
        return None
    key = keys[j]
    if not first:
        if not key.startswith("و") or len(key) < 4:
            return None
        key = key[1:]
    if key in words.stops or key in words.heads or key in words.towns or key in words.verbs or verb_like(key):
        return None
    if key.startswith(("ي", "ت")) and key.endswith(("ون", "ان", "ين")):
        return None  # a verb: بمدينة وجدة ويرتبطون
    after = keys[j + 1] if j + 1 < len(keys) else ""
    if is_definite(key):
        if key in words.adjectives or _masdar(key):
            return None  # منطقة الاختصاص "the area of jurisdiction"
        if is_definite(after) and (after.endswith(("ي", "يه")) or not first):
            return j + 2 if after in DIRECTIONS else None  # الضاحية الجنوبية; not مدينة الإنتاج الإعلامي
        return j + 1
    if key.endswith(("ي", "يه")) or key.startswith(("لل", "بال", "ال")):
        return None  # an adjective: مدينة ساحلية
    known = known_places()
    second = (
        after.isalpha()
        and (key not in known or f"{key} {after}" in known)  # مدينة عدن | جراء: a known place stands alone
        and after not in words.stops
        and after not in words.cues
        and not after.startswith(("و", "ب", "ل", "ف", "ك", "الم"))
        and not after.endswith(("ي", "يه", "يين", "يتين"))
        and not verb_like(after)
    )
    return j + 2 if second else j + 1


def _masdar(key: str) -> bool:
    """Whether a definite word has the shape of a verbal noun of the forms افتعال، انفعال،
    استفعال، إفعال (الاختصاص، الانتشار، الاستثمار، الإنتاج): a common noun, no place."""
    return key.startswith("الا") and len(key) >= 7 and key[-2] == "ا"


def implausible(span: Span, tokens: Sequence[str], words: PatternWords | None = None) -> str:
    """Why a span found by any extractor is no entity (``""`` if it may be one): a person
    named in a byline (كتب.. / بقلم: + the name: the author, page chrome), God in a blessing
    on someone (حفظه الله), the end of a compound name cut after عبد, a currency alone
    (دولار), a place that is also a common word with no cue before it (مشهد "a scene"), or
    a name that opens with a concept (الأمن الغذائي "food security", الأمن الإقليمي والدولي).

    >>> toks = "كتبت ـ سلمى الخطيب".split()
    >>> implausible(Span(2, 4, "PER"), toks)
    'byline'
    >>> implausible(Span(1, 2, "LOC"), "في مشهد".split())
    ''
    >>> toks = "وارتفع سعر الدولار في مشهد احتفائي".split()
    >>> implausible(Span(2, 3, "MISC"), toks), implausible(Span(4, 5, "LOC"), toks)
    ('not a name', 'common word')
    >>> implausible(Span(1, 3, "MISC"), "وارتفع الدولار الأمريكي".split())
    'not a name'
    >>> implausible(Span(1, 3, "ORG"), "ويهدد والأمن الغذائي".split())
    'concept'
    >>> implausible(Span(1, 3, "ORG"), "تعاون الأمن المغربي".split())
    'concept'
    >>> implausible(Span(0, 3, "ORG"), "الأمن الوطني المغربي".split())
    ''
    >>> implausible(Span(1, 3, "LOC"), "وافتتح مستشفى جامعي".split())
    'description'
    >>> implausible(Span(1, 3, "PER"), "يوليه كامل الاستعداد".split())
    'phrase'
    >>> implausible(Span(1, 2, "LOC"), "وتوقيف سوريًّا".split())
    'indefinite'
    """
    words = words or pattern_words()
    if span.type == "PER" and byline_author(tokens[: span.start], words):
        return "byline"
    keys = [normalize_key(t) for t in tokens[: span.end + 1]]
    inside = tuple(keys[span.start : span.end])
    if span.type == "PER" and inside[0] == "باسم" and span.start > 0 and keys[span.start - 1] in words.spokesman:
        return "spokesman"  # الناطق باسم الحكومة "the spokesman in the name of the government"
    if span.start > 1 and tokens[span.start - 1] in OPEN_QUOTES and "شعار" in proclitic_variants(keys[span.start - 2]):
        return "slogan"  # تحت شعار "لنعش المغرب الثقافي"
    if len(inside) == 1 and _no_name_alone(inside[0], span.type, words):
        return "not a name"
    if span.type == "LOC" and len(inside) == 1 and TANWEEN.search(tokens[span.start]):
        return "indefinite"  # سوريًّا "Syrian" (an accusative adjective): a place's name takes no tanween
    if len(inside) == 2 and nationality(inside[1]) and not words.not_names.isdisjoint(proclitic_variants(inside[0])):
        return "not a name"  # a currency of a country: الدولار الأمريكي، الجنيه المصري
    if span.start > 0 and keys[span.start - 1] == "عبد":
        return "half a name"  # مركز حي عبد | الله السالم: the end of a compound name cut off
    if inside == ("الله",) and _blessing(tokens, span.start):
        return "blessing"  # حفظه الله، طيب الله ثراه: God in a blessing on someone, no entity of the story
    if len(inside) > 1 and any((first, inside[1]) in words.concepts for first in proclitic_variants(inside[0])):
        return "concept"
    if (
        len(inside) == 2
        and nationality(inside[1])
        and any((v,) in words.concepts for v in proclitic_variants(inside[0]))
    ):
        return "concept"  # الأمن المغربي "Moroccan security": the forces of a country, no body
    if (
        span.type != "ORG"
        and (inside in words.places or (inside[0][:1] == "و" and (inside[0][1:], *inside[1:]) in words.places))
        and not _cued(keys, span.start, span.end, words)
        and not _beside_place(keys, span.start, span.end)
        and span not in _place_lists([normalize_key(t) for t in tokens], words)
    ):
        return "common word"  # read as a place, not an agency named like a town (الدوحة - قنا)
    if span.type == "PER" and len(inside) == 2 and _masdar(inside[1]):
        return "phrase"  # بالغ الاهتمام "utmost attention": a word and a verbal noun, no family name
    if len(inside) >= 2 and _description(inside[0], inside[1], words):
        return "description"  # مستشفى جامعي "a university hospital", مستشفى آخر "another hospital"
    return ""


def _description(first: str, second: str, words: PatternWords) -> bool:
    """Whether an indefinite head or facility word (:attr:`PatternWords.heads`, ``facilities``)
    is followed by an indefinite adjective: a describer (آخر، جديد), or after a facility word a
    nisba that is no known place nor a given name (مستشفى جامعي, not مطار دبي): a common noun
    phrase, no name."""
    variants = proclitic_variants(first)
    facility = any(v in words.facilities for v in variants)
    if not (facility or any(v in words.heads for v in variants)) or is_definite(first) or is_definite(second):
        return False
    nisba = len(second) > 3 and second.endswith(("ي", "يه")) and second not in known_places()
    return second in words.describers or (facility and nisba and second not in given_names())


def _blessing(tokens: Sequence[str], i: int) -> bool:
    """Whether God at ``tokens[i]`` is in a blessing on someone: a word with a pronoun right
    before (حفظه الله، رحمها الله، حفظهما الله) or right after (طيب الله ثراه، رضي الله عنه); not
    بفضل الله.

    >>> _blessing("الأمير الراحل طيب الله ثراه".split(), 3), _blessing("وقال بفضل الله إن".split(), 2)
    (True, False)
    >>> _blessing("وولي العهد حفظهما الله ،".split(), 3)
    True
    """
    near = [normalize_key(tokens[j]) for j in (i - 1, i + 1) if 0 <= j < len(tokens)]
    return any(len(k) >= 3 and k.endswith(("ه", "ها", "هم", "هما")) for k in near)


def _no_name_alone(key: str, kind: str, words: PatternWords) -> bool:
    """Whether a word alone is no entity: a listed one (a currency, a month), the noun of an
    event or a party to it (لقاء، نظيره "his counterpart"), a body's head word (الوزارة), a
    word for a town or a province that cues a place (بولاية، محافظة), or, unless read as a
    place, a nationality adjective (الجزائري) or a word of one or two letters (بي of a photo
    credit إي.بي.إيه)."""
    variants = proclitic_variants(key)
    if any(v in words.not_names or v in words.heads or v in words.events for v in variants):
        return True
    if any(v in words.towns or (v in words.cues and len(v) > 3) for v in variants):
        return True
    return kind != "LOC" and (nationality(key) or len(key) <= 2)  # القليوبية: a province named by a nisba


def nationality(key: str) -> bool:
    """Whether a definite word is the nisba of a known country or town (الجزائري، اللبنانية،
    السوري: a nationality adjective, no name).

    >>> [nationality(normalize_key(w)) for w in ("الجزائري", "السورية", "الأمريكيين", "السعودي", "الهادي")]
    [True, True, True, True, False]
    """
    return _nisba_base(key, place_keys()) is not None


def _nisba_base(key: str, places: frozenset[str]) -> str | None:
    """The stem of a definite nisba of one of ``places`` (العراقية → عراق), or None."""
    if not is_definite(key):
        return None
    base = next((key[2 : -len(e)] for e in ("يين", "يون", "يه", "ي") if key.endswith(e)), None)
    if not base:
        return None
    return base if any(p in places for p in ("ال" + base, base, base + "يا", base + "ا", "ال" + base + "يه")) else None


def nation(key: str) -> str | None:
    """The country a word names or qualifies, as the stem its name and its nisba share: a
    definite nisba of a country (المصرية) or a country's name (مصر، سورية), under a proclitic
    or not (وتونس، بالمغرب); None for any other word (a town, بغداد، البغدادي, too).

    >>> [nation(normalize_key(w)) for w in ("المصرية", "مصر", "السوري", "سورية", "العراق", "بغداد", "وزارة")]
    ['مصر', 'مصر', 'سور', 'سور', 'عراق', None, None]
    >>> nation("وتونس"), nation("بالمغرب"), nation("لبنان")
    ('تونس', 'مغرب', 'لبنان')
    """
    countries = country_keys()
    key = next((v for v in proclitic_variants(key) if v in countries or _nisba_base(v, countries)), key)
    if key not in countries:
        return _nisba_base(key, countries)
    stem = key[2:] if is_definite(key) else key
    return next((stem[: -len(e)] for e in ("يا", "يه", "ا") if stem.endswith(e) and len(stem) > len(e) + 1), stem)


def byline_author(before: Sequence[str], words: PatternWords | None = None) -> bool:
    """Whether the tokens before a person's name open a byline: a byline word, then punctuation
    and the words of "by" (``agent`` words: تحرير من طرف) only (compared on their keys, made
    only where the first is a byline word).

    >>> byline_author("تحرير من طرف".split()), byline_author("تحرير الموقع من طرف".split())
    (True, False)
    """
    words = words or pattern_words()
    if not before or normalize_key(before[0]) not in words.bylines:
        return False
    return not any(k.isalnum() and k not in words.agents for k in map(normalize_key, before[1:]))


def _cued(keys: Sequence[str], start: int, end: int, words: PatternWords) -> bool:
    """Whether the words ``keys[start:end]`` stand after a cue and before no indefinite
    adjective (في مشهد احتفائي is "in a festive scene")."""
    after = keys[end] if end < len(keys) else ""
    adjective = after.endswith(("ي", "يه")) and not is_definite(after)
    j = start - 1
    while j >= 0 and (keys[j] == "و" or not keys[j].isalnum()):
        j -= 1  # over an opening quote, or the و of a list: في "السلط، إربد و الكرك"
    listed = j < start - 1 or keys[start].startswith("و")  # a list's و or comma, not an adjective (X الشرقية)
    cue = j >= 0 and any(v in words.cues for v in proclitic_variants(keys[j]))  # بمحافظة
    return (cue or (listed and j >= 0 and _place_ends(keys, j))) and not adjective


def _place_ends(keys: Sequence[str], j: int) -> bool:
    """Whether a known place (a country, a listed town) of one to three words ends at
    ``keys[j]``, its first word under و or not: a list of places goes on with one."""
    known = known_places()
    for n in range(1, 4):
        if j - n + 1 < 0:
            break
        first, *rest = keys[j - n + 1 : j + 1]
        if any(" ".join((v, *rest)) in known for v in {first, first.removeprefix("و")}):
            return True
    return False


@cache
def town_keys() -> frozenset[str]:
    """The keys of the listed towns and provinces (``places.txt``)."""
    return frozenset(a for a, _, _ in place_aliases().merges)


@cache
def known_places() -> frozenset[str]:
    """The keys of every known place: the alias tables' and the listed towns and provinces."""
    return place_keys() | town_keys()


def is_sports_text(keys: Sequence[Sequence[str]], words: PatternWords | None = None) -> bool:
    """Whether a document (its sentences' normalized keys) holds :data:`SPORT_WORDS` sports
    words, under a proclitic or not (لفريق، بالدوري)."""
    words = words or pattern_words()
    found = (not words.sport.isdisjoint(proclitic_variants(k)) for sent in keys for k in sent)
    return sum(found) >= SPORT_WORDS


@cache
def _known_clubs() -> GazetteerExtractor:
    """The clubs of ``clubs.csv`` and their short names, as a list to match; the name that clubs
    of two countries share without their nationality is found too (الهلال of الهلال السعودي and
    الهلال السوداني: the resolver tells them apart by the country of the story)."""
    names: dict[str, set[str]] = {}
    shared: dict[str, set[str]] = {}  # a name without a country's nisba -> the clubs named with it
    for alias, canonical, _ in club_aliases().merges:
        names.setdefault(canonical, set()).add(alias)
        *stem, last = canonical.split()
        if stem and nation(last):
            shared.setdefault(" ".join(stem), set()).add(canonical)
    for stem, clubs in shared.items():
        if len({nation(c.split()[-1]) for c in clubs}) > 1:
            for club in clubs:
                names[club].add(stem)
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
        """Bodies, events, facilities, cued places and persons after a title in every
        sentence (clubs first where the sentences are a sports text), and the Latin
        acronyms written after names."""
        words = pattern_words()
        keys = [[normalize_key(t) for t in tokens] for tokens in sentences]
        sports = is_sports_text(keys, words)
        known = _known_clubs().extract(sentences) if sports else [[] for _ in keys]
        bodies = [body_spans(k, words) for k in keys]
        spans = [
            _first_wins(
                found,
                quoted_spans(tokens, k, words),
                club_spans(k, words) if sports else [],
                scorer_spans(k, words) if sports else [],
                facility_spans(k, words),
                body,
                place_spans(k, words),
                town_spans(k, words),
                person_spans(k, words, body, tokens),
            )
            for tokens, k, found, body in zip(sentences, keys, known, bodies, strict=True)
        ]
        spans = [_first_wins(_credit_spans(k, words), found) if i < CREDIT_SENTENCES else found
                 for i, (k, found) in enumerate(zip(keys, spans, strict=True))]  # fmt: skip
        return _acronyms(
            sentences, [_with_source(tokens, found) for tokens, found in zip(sentences, spans, strict=True)]
        )


#: The sentences at the top of a document where an outlet's credit may open a paragraph.
CREDIT_SENTENCES = 8
#: The dashes and bars that close an outlet's credit (الأمة| ...، وطنا اليوم- ...).
CREDIT_MARKS = frozenset("-–—|ـ_")


def _credit_spans(keys: Sequence[str], words: PatternWords) -> list[Span]:
    """The outlet credited at the start of a sentence near the top of a story: one to three
    words, then a dash or a bar, then the story (الأمة| قرر البنك ...، وطنا اليوم- خاص- ...),
    and the source credited after it under عن between dashes (عروبة الإخباري – عن العرب اليوم –);
    not a place (a dateline), a writer (a given name first), "our correspondent", a byline or
    a section's label (عاجل –، فيديو |).

    >>> from shabaka.text import normalize_key
    >>> def credits(text):
    ...     toks = text.split()
    ...     found = _credit_spans([normalize_key(t) for t in toks], pattern_words())
    ...     return [" ".join(toks[s.start : s.end]) for s in found]
    >>> credits("الأمة | قرر البنك المركزي رفع الفائدة"), credits("صوت المدينة – عن الأيام – أكد الوزير")
    (['الأمة'], ['صوت المدينة', 'الأيام'])
    >>> credits("القاهرة - قرر البنك"), credits("سامي الورتاني - قرر البنك"), credits("عاجل | قرر البنك")
    ([], [], [])
    >>> credits("ما يدعم - بوضوح - متانة الشراكة"), credits("الصالحية المفرق - غيث الطراونة - أمر الملك")
    ([], [])
    """
    end = next((k for k in range(1, min(4, len(keys))) if keys[k] in CREDIT_MARKS), None)
    if end is None or end + 1 >= len(keys) or not all(ARABIC.match(k) and k.isalpha() for k in keys[:end]):
        return []
    if any(len(k) < 3 or verb_like(k) for k in keys[:end]):
        return []  # a clause, not a name: ما يدعم - ...
    head = keys[:end]
    places = world_place_keys()
    if " ".join(head) in places or head[0] in places or any((k,) in words.places or k in country_keys() for k in head):
        return []  # a dateline (الصالحية المفرق - ...)
    if head[0] in given_names(more=True):
        return []
    if head[0].startswith("مراسل") or not words.bylines.isdisjoint(head) or not words.sections.isdisjoint(head):
        return []
    spans = [Span(0, end, "ORG")]
    close = next((k for k in range(end + 3, min(end + 6, len(keys))) if keys[k] in CREDIT_MARKS), None)
    if keys[end + 1] == "عن" and close is not None and all(k.isalpha() for k in keys[end + 2 : close]):
        spans.append(Span(end + 2, close, "ORG"))
    return spans


#: Quotation marks that open and close a name.
OPEN_QUOTES = frozenset('"«“')
CLOSE_QUOTES = frozenset('"»”')
#: The most words of a name in quotes.
QUOTED_WORDS = 4


def quoted_spans(tokens: Sequence[str], keys: Sequence[str], words: PatternWords | None = None) -> list[Span]:
    """Names written in quotes after a word for a party, a company, a festival ... (``brand``
    words: حزب “العدالة والتنمية”، شركة «توتال») or for a newspaper (صحيفة "الخبر"), and a
    newspaper's name after its word without quotes (يومية الأخبار): the name only, typed by
    the word (ORG unless it is a head of another type). Not after a ministry: ما يسمى بوزارة
    "السيادة" is a description.

    >>> toks = 'وقال حزب “ العدالة والتنمية ” إن يومية الأخبار نشرت الخبر'.split()
    >>> [" ".join(toks[s.start : s.end]) for s in quoted_spans(toks, [normalize_key(t) for t in toks])]
    ['العدالة والتنمية', 'الأخبار']
    """
    words = words or pattern_words()
    spans: list[Span] = []
    for i, key in enumerate(keys[:-1]):
        variants = proclitic_variants(key)
        press = any(v in words.press for v in variants)
        head = next((words.heads.get(v, "ORG") for v in variants if v in words.brands), "ORG" if press else None)
        if head is None:
            continue
        if tokens[i + 1] in OPEN_QUOTES:
            close = next(
                (j for j in range(i + 2, min(len(tokens), i + 3 + QUOTED_WORDS)) if tokens[j] in CLOSE_QUOTES), None
            )
            if close is not None and close > i + 2 and all(k.isalpha() for k in keys[i + 2 : close]):
                spans.append(Span(i + 2, close, head))
        elif (
            press
            and is_definite(keys[i + 1])
            and not _is_adjective(keys[i + 1], words)
            and keys[i + 1] not in words.stops
        ):
            spans.append(Span(i + 1, i + 2, "ORG"))
    return spans


def _with_source(tokens: Sequence[str], found: list[Span]) -> list[Span]:
    """A sentence that is a dateline with a source (الدوحة - قنا: :func:`~shabaka.clean.article.dateline`)
    names the source, an agency or an outlet (ORG), beside the dash, over any name inside it
    (أخبار الساعة - بغداد); not the writer (الرباط - هند العلوي: a given name first) nor "our
    correspondent" (مراسلنا): they are page chrome.

    >>> _with_source("الدوحة - قنا".split(), []), _with_source("الرباط - سلمى الخطيب".split(), [])
    ([Span(start=2, end=3, type='ORG', confidence=1.0)], [])
    >>> _with_source("الرباط الآن - الرباط".split(), [Span(0, 1, "LOC"), Span(3, 4, "LOC")])
    [Span(start=0, end=2, type='ORG', confidence=1.0), Span(start=3, end=4, type='LOC', confidence=1.0)]
    """
    found_line = dateline(" ".join(tokens))
    if not found_line or not found_line[1]:
        return found
    words = found_line[1].split()
    first = normalize_key(words[0])
    if first in given_names(more=True) or first.startswith("مراسل") or first in pattern_words().bylines:
        return found
    start = 0 if list(tokens[: len(words)]) == words else len(tokens) - len(words)
    if list(tokens[start : start + len(words)]) != words:
        start -= 1  # a closing bar or colon after the source (مسقط – وجهات |)
    return _first_wins([Span(start, start + len(words), "ORG")], found)


def _acronyms(sentences: Sequence[Sequence[str]], spans: list[list[Span]]) -> list[list[Span]]:
    """Add the Latin acronym written right after a name (الوكالة الوطنية للموانئ ANP), or the
    one word in quotes right after a body's or an event's name (المؤسسة العامة للحي الثقافي
    "كتارا"), there and wherever else it stands alone in the document, with the name's type."""
    types: dict[str, str] = {}
    for tokens, found in zip(sentences, spans, strict=True):
        for s in found:
            if s.end < len(tokens) and LATIN_ACRONYM.fullmatch(tokens[s.end]) and ARABIC.search(tokens[s.end - 1]):
                types.setdefault(tokens[s.end], s.type)
            elif s.type in ("ORG", "MISC") and _quoted_word(tokens, s.end):
                types.setdefault(tokens[s.end + 1], s.type)  # المؤسسة العامة للحي الثقافي "كتارا"
    if not types:
        return spans
    out = []
    for tokens, found in zip(sentences, spans, strict=True):
        taken = {i for s in found for i in range(s.start, s.end)}
        extra = [Span(i, i + 1, types[t]) for i, t in enumerate(tokens) if t in types and i not in taken]
        out.append(sorted([*found, *extra], key=lambda s: s.start))
    return out


def _quoted_word(tokens: Sequence[str], i: int) -> bool:
    """Whether ``tokens[i:i + 3]`` is one Arabic word in quotes."""
    return (
        i + 2 < len(tokens)
        and tokens[i] in OPEN_QUOTES
        and tokens[i + 2] in CLOSE_QUOTES
        and tokens[i + 1].isalpha()
        and bool(ARABIC.search(tokens[i + 1]))
    )


def _first_wins(*groups: list[Span]) -> list[Span]:
    """The spans of all groups, in order, without those overlapping an earlier one."""
    kept: list[Span] = []
    for span in (s for g in groups for s in g):
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)
