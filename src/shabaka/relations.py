"""Typed, directed relations between entities named in one sentence, and role links.

Co-mention says two entities were named together; this module says *how*, when the
sentence says it: ``استقبل وزير الخارجية سامح شكري نظيره المغربي صلاح الدين مزوار``
gives a ``meeting`` from شكري (the host) to مزوار. The triggers are data
(``shabaka/data/relations.csv``: forms, clitics, direction, the types each side may
take); :func:`find_relations` only finds them and picks the actors around them.

Precision comes first (an invented relation misleads a journalist):

* a trigger inside an entity's span is no trigger (the football club التعاون);
* a trigger under a negation or an attempt (لم، رفض، حاول) gives nothing;
* actors are looked for within :data:`LEFT_TOKENS` tokens before the trigger and
  :data:`RIGHT_TOKENS` after it, never across a clause break (``. ؛ :``, أن، الذي،
  بينما …: see :data:`CLAUSE_BREAKS`);
* a place after في (``في القاهرة``) or under ب (``بالرباط``) is where something
  happened, not a party to it;
* a country or body named inside a person's title (``وزير خارجية تركيا هاكان فيدان``)
  is linked to the person by :func:`find_roles`, and is no actor of the event;
* the words around a trigger that change what it states are data too
  (``shabaka/data/relation_context.csv``): an act cancelled or only asked for (ألغى زيارته),
  another sense of the word (منح X وساما), a deed done to the one named (ندد باعتقال Y), a game
  between clubs, an envoy who only carries a message, a reporter who did not strike.

:func:`find_roles` reads titles before a person's name (``سفير الولايات المتحدة لدى
المغرب دايفيد فيشر``) and in apposition after it (``X، سفيرا لدى مالي``), using the
resolver's title list (:func:`shabaka.resolve.parse_title`) and the glosses of
``shabaka/data/roles.csv``.

Both functions are pure: a sentence's text and its mentions as ``(start, end,
entity_id, type)`` character spans in that text.
"""

from __future__ import annotations

import csv
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from importlib.resources import files
from typing import Any

from shabaka.arabic import proclitic_variants
from shabaka.errors import DataFileError
from shabaka.lexicon import club_aliases, form_key, given_names
from shabaka.model import Mention, Sentence
from shabaka.resolve import parse_title
from shabaka.text import normalize_key, token_offsets

#: A mention given to :func:`find_relations`: start and end offsets in the sentence,
#: the entity's id and its type (PER, ORG, LOC, MISC).
MentionSpan = tuple[int, int, str, str]

#: A verb's subject may stand at most this many tokens before it (``X استقبل Y``,
#: ``X أجرى اتصالا مع Y``); farther, the sentence is read verb-first (``استقبل X Y``).
SUBJECT_BEFORE_TOKENS = 4
#: Actors are looked for at most this many tokens before a trigger...
LEFT_TOKENS = 12
#: ... the subject of a verb-first sentence at most this many after it...
RIGHT_TOKENS = 14
#: ... and the object at most this many after the subject (or the trigger).
OBJECT_TOKENS = 14
#: The owner of a noun's pronoun (زيارته، وصوله) is looked for at most this many tokens before it.
POSSESSOR_TOKENS = 20
#: Two actors joined by و are coordinated when at most this many tokens part them.
COORDINATION_TOKENS = 6
#: A trigger preceded, this many tokens before, by a negation or an attempt gives nothing.
NEGATION_TOKENS = 3


def _keys(words: str) -> frozenset[str]:
    return frozenset(normalize_key(w) for w in words.split())


#: Tokens that end the clause of a trigger: punctuation, complementizers, relative
#: pronouns, verbs of saying and clause-opening conjunctions (as normalize_key keys).
CLAUSE_BREAKS = _keys(
    ". ؛ ; : ؟ ? ! أن وأن بأن لأن إن وإن فإن بينما فيما لكن ولكن لكنه لكنها حيث وحيث بعدما عندما إذ "
    "كما وكما ثم وذلك قال وقال قالت وقالت أضاف وأضاف أكد وأكد أكدت وأكدت أعلن وأعلن أعلنت وأعلنت "
    "ذكر وذكر ذكرت وذكرت أوضح وأوضح أشار وأشار مضيفا مؤكدا معتبرا معتبرة مؤكدة مشيرا مشيرة موضحا موضحة "
    "أنه أنها أنهم أنهما بأنه بأنها بأنهم إنه إنها إنهم حين وحين حينما وحينما"
)
#: Relative pronouns: a clause break, except right after an actor (X الذي يزور Y: X visits Y).
RELATIVES = _keys("الذي التي الذين اللذين اللتين اللذان اللتان")
#: Negations, attempts and conditions: what follows did not (or not yet) happen.
NEGATIONS = _keys("لم لن لا ما عدم رفض رفضت يرفض ترفض نفى نفت ينفي تنفي حاول حاولت محاولة دون إذا وإذا فإذا لو ولو")
#: Words after which a place is where something happened, not a party to it.
LOCATIVES = _keys("في فى داخل قرب وسط ضواحي بضواحي أنحاء")
#: Prepositions after which a word is a noun, never a verb (في قصف، جراء قصف).
NOUN_PREPOSITIONS = _keys("في فى من على إلى الى عن جراء إثر اثر عقب خلال بعد قبل منذ")
#: Words that introduce where a report comes from: the next actor is no party to it.
SOURCE_WORDS = _keys("وفقا طبقا حسب بحسب نقلا نقلته نقلتها نقلت")
#: Words before a masdar that make it passive (تم تعيين X): its genitive is no subject.
PASSIVE_MARKERS = _keys("تم يتم سيتم وتم")
#: Demonstratives: a noun trigger after one names an event told before (هذا الاستقبال).
DEMONSTRATIVES = _keys("هذا هذه ذلك تلك هذان هاتان")
#: Words of invitation: the actor after one invited, and is no party (بدعوة من X، تلبية لدعوة X).
INVITATIONS = _keys("دعوة بدعوة لدعوة")
#: "During it": after a verb, the event named before, whose subject is the verb's (يلتقي خلالها Y).
DURING = _keys("خلالها خلاله أثناءها")
#: Words after which a verb goes on from the sentence's first clause, its subject unsaid (X وصل ... حيث التقى Y;
#: اقتحمت X بلدة Z، فيما اعتقلت Y، كما اعتقلت W).
CONTINUATIONS = _keys("حيث وحيث ثم بعدما وبعدما كما وكما فيما")
#: "That": a clause after it takes up the one before (X ...، وذلك بعد فوزه على Y: his is X's).
THAT = _keys("وذلك")
#: Words that make the next actor the giver of what the trigger names (تلقى اتصالا من Y).
FROM_WORDS = _keys("من قبل طرف")
#: "With him/them": the partner is a pronoun, so the actors named before are not (ويجري معهما محادثات).
PRONOUN_PARTNERS = _keys("معه معها معهما معهم معهن")
#: Verbs that, after a relative pronoun, make a noun trigger's clause (المكالمة التي أجراها X مع Y).
LIGHT_VERBS = _keys(
    "أجرى أجراه أجراها أجرت أجرته أجرتها يجريه يجريها تجريه تجريها "
    "عقد عقده عقدها عقدت عقدته وقعه وقعها وقعته وقعتها بعثه بعثها "
    "قام يقوم قامت تقوم جرى جرت خصصه خصصها خصصته خصصتها قدمه قدمها قدمته قدمتها يقدمها تقدمها يقدمه تقدمه "
    "جمع جمعت ضم ضمت شنه شنها شنته شنتها يشنه يشنها تشنه تشنها "
    "بذله بذلها بذلته بذلتها يبذله يبذلها تبذله تبذلها"
)
#: Words that may stand between two coordinated actors besides titles (X ونظيره Y).
COORDINATION_FILLERS = _keys(
    "و نظيره نظيرها نظيرته نظيريه شقيقه شقيقها أخوه أخيه عقيلته زوجته قرينته وزير وزيرة الجانب الطرف كل من شركة مؤسسة "
    "منظمة هيئة نادي فريق جامعة وكالة دولة جمهورية مملكة صاحب فخامة سمو معالي جلالة سعادة السيد السيدة "
    # places and persons in a list of raids and arrests (بلدات X وY، ومدينة Z; X، والفتى Y; X ومحيطها وY)
    "قرية بلدة مدينة مخيم منطقة محافظة حي ضاحية المواطن المواطنة الفتى الفتاة الشاب الشابة الطفل الطفلة "
    "الأسير الأسيرة محيطها محيطه ضواحيها ضواحيه أطراف"
)
_PUNCTUATION_BREAKS = frozenset(".؛;:؟?!")
_PREPOSITIONS = _keys("على مع إلى الى ل ب من عن ضد")
_COMMAS = frozenset("،,")


class RelationTableError(DataFileError):
    """A row of a relation or role table is malformed (the message names the file and row, and
    what the row needs)."""


@dataclass(frozen=True, slots=True)
class TriggerRow:
    """One row of the trigger table: a relation type and the words that state it."""

    type: str
    verbs: tuple[tuple[str, ...], ...]  # normalized words of each verb form
    nouns: tuple[tuple[str, ...], ...]  # normalized words of each noun (masdar) form
    direction: str  # active | reverse | symmetric
    from_source: bool
    target_prep: frozenset[str]
    source_types: frozenset[str]
    target_types: frozenset[str]
    gloss: str
    cypher: str
    in_place: bool = False  # a place where the act was done (في X، بـX) is its target
    needs: frozenset[str] = frozenset()  # words one of which must stand near the trigger (its document)


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation stated by a sentence between two of its entities.

    ``entities`` are the two entity ids in the order of the sentence; ``direction`` is
    ``(source, target)``, or ``None`` when the relation is symmetric (``التقى``,
    ``وقع``). ``trigger`` is the text of the words that state it and ``start``, ``end``
    their offsets in the sentence; ``gloss`` its English label and ``cypher`` the
    relationship type an export may use (``MET``, ``SIGNED_WITH``…).
    """

    type: str
    entities: tuple[str, str]
    direction: tuple[str, str] | None
    trigger: str
    start: int
    end: int
    gloss: str
    cypher: str


@dataclass(frozen=True, slots=True)
class Role:
    """A person linked to the organization or country named in their title.

    ``title`` is the title's text in the sentence (``وزير خارجية تركيا``), ``start`` and
    ``end`` its offsets; ``gloss`` the English label (``minister of foreign affairs of``),
    empty where the role table has none.
    """

    person: str
    target: str
    title: str
    gloss: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Actor:
    entity: str
    type: str
    first: int  # first token
    last: int  # last token (inclusive)
    prefix: str = ""  # letters of the first token left outside the mention (ب of ب[بغداد])


@dataclass(frozen=True, slots=True)
class _Trigger:
    first: int
    end: int  # token after the last
    row: TriggerRow
    noun: bool
    pronoun: bool = False  # a noun with a possessive ending (زيارته): its genitive is taken


@cache
def trigger_table() -> tuple[TriggerRow, ...]:
    """The rows of ``shabaka/data/relations.csv`` (comment lines start with ``#``)."""
    return load_triggers(str(files("shabaka") / "data" / "relations.csv"))


def _forms(cell: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(normalize_key(w) for w in f.split()) for f in cell.split("|") if f.strip())


@dataclass(frozen=True, slots=True)
class InflectionRule:
    """One row of ``shabaka/data/inflections.csv``: how a verb form's first word inflects."""

    tense: str  # past | present (a form starting with ي)
    ending: str  # the base's last letters, cut before a suffix
    prefix: str  # the letter in place of the present's ي, or ""
    suffixes: tuple[str, ...]
    object: bool  # the suffixes are object pronouns


def _table_rows(path: str) -> list[tuple[int, dict[str, str]]]:
    """The rows of one of shabaka's data tables (CSV with a header; blank lines and lines
    starting with ``#`` are comments), each with its line number in the file."""
    with open(path, encoding="utf-8", newline="") as f:
        lines = [(n, line) for n, line in enumerate(f, 1) if line.strip() and not line.startswith("#")]
    return [(n, row) for (n, _), row in zip(lines[1:], csv.DictReader(line for _, line in lines), strict=True)]


@cache
def inflection_rules() -> tuple[InflectionRule, ...]:
    """The rows of ``shabaka/data/inflections.csv`` (comment lines start with ``#``).

    Raises
    ------
    RelationTableError
        When a row lacks a column or names a tense other than past or present.
    """
    path = str(files("shabaka") / "data" / "inflections.csv")
    rules = []
    for n, row in _table_rows(path):
        if row.get("tense") not in ("past", "present") or row.get("object") is None:
            raise RelationTableError(f"{path}, line {n}: a row needs a tense (past or present) and every column")
        rules.append(
            InflectionRule(
                tense=row["tense"],
                ending=normalize_key(row["ending"]),
                prefix=normalize_key(row["prefix"]),
                suffixes=tuple(normalize_key(x) for x in row["suffixes"].split("|")),
                object=row["object"].strip() == "yes",
            )
        )
    return tuple(rules)


def inflect(word: str, objects: bool) -> list[str]:
    """The regular inflections of a verb form's first word (a :func:`normalize_key` key) by the
    rules of :func:`inflection_rules`: she, the two, they, we, and with ``objects`` the object
    pronouns.

    >>> inflect(normalize_key("التقى"), objects=False)
    ['التقت', 'التقيا', 'التقتا', 'التقوا']
    >>> inflect(normalize_key("يستقبل"), objects=True)[:6]
    ['تستقبل', 'تستقبلان', 'نستقبل', 'يستقبلان', 'يستقبلون', 'يستقبله']
    """
    tense = "present" if word.startswith("ي") else "past"
    rules = [r for r in inflection_rules() if r.tense == tense and word.endswith(r.ending)]
    longest = max((len(r.ending) for r in rules), default=0)
    out: list[str] = []
    for rule in rules:
        if len(rule.ending) == longest and (objects or not rule.object):
            base = word[: len(word) - len(rule.ending)]
            base = rule.prefix + base[1:] if rule.prefix else base
            out += [base + s for s in rule.suffixes if base + s != word]
    return out


def _inflected(
    forms: tuple[tuple[str, ...], ...], directed: bool, nouns: Collection[str], listed: Collection[str]
) -> tuple[tuple[str, ...], ...]:
    """The verb forms of a row and the regular inflections (:func:`inflect`) of its bases, the
    forms no other form inflects to (التقى، يلتقي; not التقت، تلتقي), but of a one-word form of two
    letters (حل: حلا is a noun); none that the table lists as a form of its own (``listed``: أجريا
    اتصالا is a symmetric call), none that is a light verb (خصصها: :data:`LIGHT_VERBS`) and none that
    a noun of the table reads (``nouns``: دعما، قصفه)."""
    out = dict.fromkeys(forms)
    made: set[tuple[str, ...]] = set()
    for form in forms:
        present = form[0][:1] in ("ت", "ن") and ("ي" + form[0][1:], *form[1:]) in out
        if form in made or present or (len(form) == 1 and len(form[0]) < 3):
            continue
        objects = directed and len(form) == 1 and form[0] not in noun_homographs()
        for word in inflect(form[0], objects=objects):
            new = (word, *form[1:])
            made.add(new)
            if not (" ".join(new) in listed or word in LIGHT_VERBS or any(b in nouns for b in _noun_bases(word))):
                out.setdefault(new)
    return tuple(out)


@cache
def noun_homographs() -> frozenset[str]:
    """The verb bases of ``shabaka/data/noun_homographs.txt``, common nouns too (عين، ثمن): they
    take no object pronoun (:func:`_inflected`)."""
    path = files("shabaka") / "data" / "noun_homographs.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(normalize_key(w) for w in lines if w.strip() and not w.startswith("#"))


def load_triggers(path: str) -> tuple[TriggerRow, ...]:
    """Read a trigger table (the format of ``shabaka/data/relations.csv``); each verb form
    comes with its regular inflections (:func:`inflect`).

    Raises
    ------
    RelationTableError
        When a row lacks a column or has an unknown direction; the message names the
        file and line.
    """
    rows = []
    for n, row in _table_rows(path):
        try:
            direction = row["direction"].strip()
            if direction not in ("active", "reverse", "symmetric"):
                raise RelationTableError(f"{path}, line {n}: direction {direction!r} is not active, reverse, symmetric")
            rows.append(
                TriggerRow(
                    type=row["type"].strip(),
                    verbs=_forms(row["verbs"]),
                    nouns=_forms(row["nouns"]),
                    direction=direction,
                    from_source=row["from_source"].strip() == "yes",
                    target_prep=_keys(row["target_prep"]),
                    source_types=frozenset(row["source_types"].split()),
                    target_types=frozenset(row["target_types"].split()),
                    gloss=row["gloss"].strip(),
                    cypher=row["cypher"].strip(),
                    in_place=row["in_place"].strip() == "yes",
                    needs=_keys(row.get("needs") or ""),
                )
            )
        except (KeyError, AttributeError) as e:
            raise RelationTableError(f"{path}, line {n}: missing column {e}; the header names the columns") from None
    nouns = {form[0] for row in rows for form in row.nouns}
    listed = {" ".join(form) for row in rows for form in row.verbs}
    return tuple(replace(row, verbs=_inflected(row.verbs, row.direction != "symmetric", nouns, listed)) for row in rows)


_VERB_CLITICS = frozenset({"و", "ف", "س"})  # (س: the future of an imperfect verb, سيزور)
_NOUN_CLITICS = frozenset({"و", "ف", "ب", "ل", "ال"})


@cache
def _form_index() -> dict[str, list[tuple[tuple[str, ...], TriggerRow, bool]]]:
    index: dict[str, list[tuple[tuple[str, ...], TriggerRow, bool]]] = {}
    for row in trigger_table():
        for forms, noun in ((row.verbs, False), (row.nouns, True)):
            for form in forms:
                index.setdefault(form[0], []).append((form, row, noun))
    return index


@lru_cache(maxsize=1 << 16)
def _stems(key: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """``key`` and the stems it may have under proclitics, with the clitics cut.

    >>> [s for s, _ in _stems("وبالتعاون")]
    ['وبالتعاون', 'بالتعاون', 'التعاون', 'تعاون']
    >>> sorted(dict(_stems("للتعاون"))["تعاون"])
    ['ال', 'ل']
    """
    out = [(key, frozenset())]
    if key[:1] in ("و", "ف") and len(key) > 2:
        out.append((key[1:], frozenset({key[0]})))
    for stem, used in list(out):
        if stem[:1] == "س" and stem[1:2] in ("ي", "ت", "ن") and len(stem) > 4:
            out.append((stem[1:], used | {"س"}))  # سيزور، وستستقبل (verbs only: see _openings)
        if stem.startswith("لل") and len(stem) > 3:
            out.append((stem[2:], used | {"ل", "ال"}))
        elif stem[:1] in ("ب", "ل") and len(stem) > 2:
            out.append((stem[1:], used | {stem[0]}))
    for stem, used in list(out):
        if stem.startswith("ال") and len(stem) > 3:
            out.append((stem[2:], used | {"ال"}))
    return tuple(dict(out).items())


def _same_word(key: str, form_word: str) -> bool:
    """A later word of a several-word form: with or without the article or the accusative ا."""
    key, form_word = key.removeprefix("ال"), form_word.removeprefix("ال")
    return key == form_word or (key.endswith("ا") and key[:-1] == form_word)


#: Endings a noun trigger may carry: the accusative ا and the possessive pronouns (زيارته، اتصالا).
_NOUN_ENDINGS = ("ا", "ه", "ها", "هم", "هما")


def _noun_bases(stem: str) -> list[str]:
    """A noun's stem and its forms without an accusative or possessive ending; a feminine
    noun's ت before the ending is its ة again (زيارته → زيارة, as normalized keys).

    >>> _noun_bases(normalize_key("زيارته"))
    ['زيارته', 'زيارت', 'زياره']
    """
    bare = [stem[: -len(e)] for e in _NOUN_ENDINGS if stem.endswith(e) and len(stem) - len(e) > 2]
    feminine = [b[:-1] + normalize_key("ة") for b in bare if b.endswith("ت") and len(b) > 3]
    return [stem, *bare, *feminine]


#: The most letters :func:`_stems` cuts off a word (و، لل، ال): a stem starts at most this far in.
_CLITIC_LETTERS = 5
_HEAD_LETTERS = 3


@cache
def _form_heads() -> tuple[frozenset[str], tuple[int, ...]]:
    """The first :data:`_HEAD_LETTERS` letters of the forms' first words (the whole word when
    shorter), and their lengths: a word opens no form unless one of them starts at most
    :data:`_CLITIC_LETTERS` letters in (a noun's endings are cut from the end)."""
    heads = frozenset(word[:_HEAD_LETTERS] for word in _form_index())
    return heads, tuple(sorted({len(h) for h in heads}))


@lru_cache(maxsize=1 << 16)
def _openings(key: str) -> tuple[tuple[tuple[str, ...], TriggerRow, bool], ...]:
    """The trigger forms (words, row, noun?) a token with this key may open, in the order
    :func:`_find_triggers` tries them: its stems under the clitics the form allows, a noun's
    also without its ending. Cached: most tokens open none, and a corpus repeats its words.

    >>> sorted({row.type for _, row, _ in _openings(normalize_key("واستقبل"))})
    ['meeting']
    >>> _openings(normalize_key("القاهرة"))
    ()
    """
    heads, lengths = _form_heads()
    if not any(key[a : a + n] in heads for a in range(_CLITIC_LETTERS + 1) for n in lengths):
        return ()  # no form's first word starts where a stem may: most words
    index = _form_index()
    return tuple(
        (form, row, noun)
        for stem, used in _stems(key)
        for base in _noun_bases(stem)
        for form, row, noun in index.get(base, ())
        if (noun or base == stem) and used <= (_NOUN_CLITICS if noun else _VERB_CLITICS)
    )


def _find_triggers(words: Sequence[str], keys: Sequence[str], blocked: Sequence[bool]) -> list[_Trigger]:
    """Trigger occurrences, longest form first, none on a ``blocked`` token (a mention, a title)."""
    found: list[_Trigger] = []
    free = 0  # the first token after the last trigger found
    for i, openings in enumerate(map(_openings, keys)):
        if not openings or i < free or blocked[i]:
            continue  # most tokens open no trigger form
        match = None
        for form, row, noun in openings:
            if not noun and words[i].endswith("ة"):
                continue  # a verb never ends in ة (إدانة is no أدانه, as normalize_key writes both)
            if not noun and i > 0 and keys[i - 1] in NOUN_PREPOSITIONS:
                continue  # a verb never follows a preposition (في قصف على Y: a noun)
            end = _form_end(words, keys, blocked, i, form)
            if end is not None and (match is None or end > match.end):
                match = _Trigger(i, end, row, noun)
        if match:
            if match.noun and words[i].endswith(("ه", "ها", "هم", "هما")):  # زيارته، تقديرها (not ة)
                match = _Trigger(match.first, match.end, match.row, True, pronoun=True)
            found.append(match)
            free = match.end
    return found


def _form_end(
    words: Sequence[str], keys: Sequence[str], blocked: Sequence[bool], i: int, form: tuple[str, ...]
) -> int | None:
    """Where a form opened at token ``i`` ends (the token after it), or None when the words
    that follow are not the form's. Quotation marks may stand among its words (حملة “الضغوط
    القصوى” على), and one adverb or adjective before its preposition (تشاور أولا مع، غارات
    جوية على)."""
    j = i + 1
    for k in range(1, len(form)):
        while j < len(keys) and _quote(words[j]):
            j += 1
        if j < len(keys) and form[k] in _PREPOSITIONS and not blocked[j] and _modifier(keys[j], form[k]):
            j += 1
        if j >= len(keys) or blocked[j] or not _same_word(keys[j], form[k]):
            return None
        j += 1
    return j


def _modifier(key: str, nxt: str) -> bool:
    """An adverb or adjective that may stand before a form's preposition (أولا، عنيفا، جوية،
    جديدة، الأمريكية), not the next form word."""
    return key != nxt and key.endswith(("ا", "ي", "ه")) and len(key) > 3 and key.isalpha() and key not in _PREPOSITIONS


def _is_break(key: str) -> bool:
    return key in CLAUSE_BREAKS or key in RELATIVES or (bool(key) and all(c in _PUNCTUATION_BREAKS for c in key))


def _actors(
    words: Sequence[str], starts: Sequence[int], ends: Sequence[int], mentions: Iterable[MentionSpan]
) -> tuple[list[_Actor], list[int | None]]:
    """The mentions as token spans (tokens as :func:`token_offsets` gives them), and the actor
    index of each token (None outside mentions)."""
    actors: list[_Actor] = []
    owner: list[int | None] = [None] * len(words)
    for start, end, entity, kind in sorted(mentions):
        # the tokens the span touches (offsets increase: tokens never overlap)
        covered = range(bisect_right(ends, start), bisect_left(starts, end))
        if not covered or any(owner[i] is not None for i in covered):
            continue  # no token, or overlapping an earlier mention
        for i in covered:
            owner[i] = len(actors)
        head = covered[0]
        prefix = words[head][: max(0, start - starts[head])]
        actors.append(_Actor(entity, kind, covered[0], covered[-1], prefix))
    return actors, owner


def _bare(key: str) -> str:
    """A word without a leading و or ف (وفي → في)."""
    return key[1:] if key[:1] in ("و", "ف") and len(key) > 2 else key


def _locative(
    actor: _Actor,
    keys: Sequence[str],
    titles: Collection[int],
    triggers: Collection[int],
    owner: Sequence[int | None],
    ba: bool = True,
) -> bool:
    """Is the actor where something happened (في القاهرة، بالرباط، بولاية ديلاوير) rather than a party?

    ``ba``: whether a place under ب counts (not for a visit told with ب). ``titles``: the
    tokens of titles; a في in a person's own title, right before the name, is the title's
    (وزير ... المقيمين في الخارج X): the person is no place. ``triggers``: the
    tokens of triggers; their في is theirs (في استقبال الرئيس X). ``owner``: the actor of
    each token; a في before another actor is that one's (في الأردن بنظيره X).
    """
    own = actor.first  # the person's own title: title tokens right before the name
    while actor.type == "PER" and own - 1 in titles:
        own -= 1
    before = [
        j
        for j in range(max(0, actor.first - 3), own)
        if j not in triggers
        and not (j + 1 < len(keys) and (keys[j + 1].isdigit() or keys[j + 1] in DATE_WORDS or _is_break(keys[j + 1])))
        and not any(owner[k] is not None or k in triggers for k in range(j + 1, actor.first))
    ]  # (في 2015 بين X وY: a date; في الأردن بنظيره X: في is the other's; في المواجهات مع X: the trigger's)
    head = keys[actor.first]
    under_ba = _ba(head) or actor.prefix.endswith("ب") or head.startswith("بب")
    # (a place noun under ب names a place, never a person: وكان في استقباله بالمطار الرئيس X)
    return (ba and actor.type == "LOC" and under_ba) or any(
        _bare(keys[j]) in LOCATIVES or (_ba_place(keys[j]) and actor.type != "PER") for j in before
    )


#: Words of attendance: the actors after one (and its titles) attended, and are no parties (بحضور X).
ATTENDANCE = _keys("بحضور وبحضور حضور")
#: Verbs of attendance: the actors of an event named by the noun after one attended it (حضر الاستقبال X، Y).
ATTENDED = _keys("حضر وحضر حضرت وحضرت يحضر تحضر شهد وشهد شهدت وشهدت يشهد تشهد")
#: Nouns of the sitting of an event, between a verb of attending and the event (حضر جلسة المباحثات).
SESSIONS = _keys("جلسة جلسات حفل مراسم مراسيم")
#: Words of affiliation: the body after one owns the actor before it, and is no party (المكتب التابع لوزارة X).
AFFILIATION = _keys("التابع التابعة التابعين التابعتين تابع تابعة تابعين تابعتين")
#: Nouns of an unnamed agent that stand as a verb's subject (هاجم مسؤول في الحكومة X).
UNNAMED_AGENTS = _keys("مسؤول مسؤولون مسؤولين مصدر مصادر")
#: "Towards": what follows is what another noun is about (موقفها تجاه X), never a trigger's object.
TOWARDS = _keys("تجاه إزاء ازاء حيال")
#: Words that open a reported clause (أكد X أن ...).
COMPLEMENTIZERS = _keys("أن وأن بأن إن وإن أنه أنها بأنه بأنها إنه إنها")
#: Words of a reason or an occasion: the actors after one are not the trigger's object (بسبب، بمناسبة).
REASONS = _keys("بسبب لسبب جراء بمناسبة لمناسبة بزعم بذريعة بحجة بتهمة بدعوى")
#: Words by which one acts for another (X نيابة عن Y، X باسم Y): the two are one side.
BEHALF = (_keys("نيابة عن"), _keys("باسم"), _keys("ممثلا عن"), _keys("ممثلة عن"))
#: Nouns that make a trigger after them part of a name (منتدى الشراكة، مؤتمر التعاون).
NAMED_EVENTS = _keys("منتدى مؤتمر ملتقى معرض مهرجان")
#: Nouns of relations: the بين after one is theirs (البحث في العلاقات بين X وY relates nothing).
RELATIONS_NOUNS = _keys("العلاقات علاقات العلاقة علاقة")


def _witnessed(sent: _Sentence, actor: _Actor) -> bool:
    """Is the actor, its title aside, the subject right after a verb of attendance (حضر X، شهد
    [الرئيس] X ... مراسم توقيع): the one who attended an event a later noun names?"""
    j = actor.first - 1
    while j >= 0 and (j in sent.title_tokens or _bare(sent.keys[j]) in DATE_WORDS):
        j -= 1
    return j >= 0 and sent.keys[j] in ATTENDED


def _affiliated(actor: _Actor, keys: Sequence[str]) -> bool:
    """Is the actor the body another belongs to (التابع لوزارة X، تابعة لحزب X)?"""
    j = actor.first - 1
    if j >= 0 and keys[j] == "ل":
        j -= 1
    return j >= 0 and keys[j] in AFFILIATION


def _attending(actor: _Actor, sent: _Sentence) -> bool:
    """Is the actor named as attending (وقع X وY الاتفاقية بحضور (وزير الخارجية) Z، وW)?"""
    keys, j = sent.keys, actor.first - 1

    def joined(j: int) -> bool:  # a title, an actor, و; a comma only before و (بحضور Z، وW)
        comma = keys[j] in _COMMAS and j + 1 < len(keys) and keys[j + 1].startswith("و")
        return j in sent.title_tokens or keys[j] == "و" or sent.owner[j] is not None or comma

    while j >= 0 and joined(j):
        j -= 1
    return j >= 0 and keys[j] in ATTENDANCE


def _source_of_news(actor: _Actor, keys: Sequence[str], triggers: Collection[int]) -> bool:
    """Is the actor where a report comes from (وفقا لصحيفة X، نقلته وكالة X)? Not when a trigger
    stands between (نقلت تهنئة X: X congratulates)."""
    return any(
        _bare(keys[j]) in SOURCE_WORDS and not any(k in triggers for k in range(j + 1, actor.first))
        for j in range(max(0, actor.first - 2), actor.first)
    )


#: One-letter titles written with a period (د. for doctor, م. for engineer).
ABBREVIATED_TITLES = _keys("د م")


class _Sentence:
    """A sentence's tokens, keys, actors and titles, shared by the relation finders."""

    def __init__(self, text: str, mentions: Sequence[MentionSpan]) -> None:
        self.text = text
        self.words, self.starts, self.ends = token_offsets(text)
        self.keys = list(map(normalize_key, self.words))
        for j in range(1, len(self.keys) - 1):  # د. X، م. X: the period of an abbreviated title ends nothing
            if self.keys[j] == "." and self.keys[j - 1] in ABBREVIATED_TITLES and self.starts[j] == self.ends[j - 1]:
                self.keys[j] = ""
        self.actors, self.owner = _actors(self.words, self.starts, self.ends, mentions)
        self.title_tokens: set[int] = set()
        self.verb_triggers: dict[int, TriggerRow] = {}  # the verb triggers by first token (set by _relations)
        self.trigger_starts: list[int] = []  # ... and of all triggers
        self._titles: dict[int, bool] = {}
        self.roles = self._roles()

    @cached_property
    def verb_tokens(self) -> set[int]:
        """The tokens of verb triggers outside mentions: a title never spans a verb (read
        only where a person is named, for the titles around the name)."""
        verbs = (t for t in _find_triggers(self.words, self.keys, [o is not None for o in self.owner]) if not t.noun)
        return {j for t in verbs for j in range(t.first, t.end)}

    def _roles(self) -> list[Role]:
        out: list[Role] = []
        for person in (a for a in self.actors if a.type == "PER"):
            for first, stop in self._title_spans(person):
                self.title_tokens.update(j for j in range(first, stop) if self.owner[j] is None)
                out += self._role_links(person, first, stop)
            out += self._pronoun_role(person)
        return out

    def _pronoun_role(self, person: _Actor) -> list[Role]:
        """A title with a possessive pronoun just before a name (شركة X ومديرها العام Y، سجله
        لاعبه Y): Y's role is in the organization or country the pronoun stands for, the nearest
        named before it (at most :data:`POSSESSOR_TOKENS` back, within the sentence)."""
        keys = self.keys
        for j in range(person.first - 1, max(-1, person.first - 4), -1):
            if self.owner[j] is not None or _is_break(keys[j]) or keys[j] in _COMMAS:
                return []
            stem = _bare(keys[j])
            base = next((stem[: -len(e)] for e in _PRONOUN_ENDINGS if stem.endswith(e) and len(stem) - len(e) > 2), "")
            gloss = _gloss_at([base], 0) if base else None
            if gloss is None:
                continue
            referent = next(
                (
                    a
                    for a in sorted(self.actors, key=lambda a: -a.last)
                    if a.last < j
                    and a.type in ("ORG", "LOC")
                    and j - a.last <= POSSESSOR_TOKENS
                    and not any(keys[k] in _PUNCTUATION_BREAKS for k in range(a.last + 1, j))
                ),
                None,
            )
            if referent is None or any(
                _bare(keys[k]) in LOCATIVES for k in range(max(0, referent.first - 2), referent.first)
            ):
                return []  # (سفارة المغرب في باريس، التي عين سفيرها X: a place after في stands for no body)
            self.title_tokens.update(k for k in range(j, person.first) if self.owner[k] is None)
            title = self.text[self.starts[j] : self.ends[person.first - 1]]
            return [
                Role(person.entity, referent.entity, title, f"{gloss} of", self.starts[j], self.ends[person.first - 1])
            ]
        return []

    def is_title(self, j: int) -> bool:
        """Does a title (the resolver's or the role table's) start at token ``j``?"""
        if self.owner[j] is not None:
            return False
        if j not in self._titles:
            self._titles[j] = _gloss_at(self.keys, j) is not None or _resolver_title(self.words[j])
        return self._titles[j]

    def _title_spans(self, person: _Actor) -> list[tuple[int, int]]:
        """Token spans of the titles written before a person's name and in apposition after it."""
        keys, spans = self.keys, []
        start = None
        j = person.first - 1
        if j >= 0 and keys[j] in _COMMAS and not keys[person.first].startswith("و"):
            j -= 1  # رئيس جمهورية الصومال، حسن شيخ محمود (but not: سفيرا بهنغاريا، ومحمد)
        while j >= 0 and person.first - j <= 10:
            k, o = keys[j], self.owner[j]
            if (
                _is_break(k)
                or k in _COMMAS
                or j in self.verb_tokens
                or (o is not None and self.actors[o].type == "PER")
            ):
                break
            if o is None:
                if self.is_title(j):
                    start = j
                elif k.endswith("ا") and len(k) > 3:
                    break  # an adverb (خلفا، أيضا، حاليا) ends the title
                elif _ba_place(k) or self.words[j].endswith(("ه", "ها", "هم")):
                    break  # a place (بمطار القاهرة) or a noun with a pronoun (لدى مغادرته) ends it
            j -= 1
        if start is not None:
            spans.append((start, person.first))
        j = person.last + 1
        for _ in range(2):  # X، سفير المغرب لدى مالي، الذي تقرر تعيينه سفيرا لدى السنغال: two titles
            if j < len(keys) and keys[j] in {*_COMMAS, ":", "-"}:
                j += 1
            j = self._appointed(j)
            # an apposition's title carries no proclitic: ومديرة ... is another person, بمدير ... an object
            if not (j < len(keys) and self.is_title(j) and not _clitic_title(keys[j])):
                break
            stop, named = j + 1, False
            while stop < len(keys) and stop - j < 10:
                o = self.owner[stop]
                if _is_break(keys[stop]) or keys[stop] in _COMMAS or stop in self.verb_tokens:
                    break
                if o is not None and self.actors[o].type == "PER":
                    return spans  # X وزير خارجية السعودية فيصل: the title is the next person's
                if named and o is None and keys[stop] not in _ROLE_CONNECTORS:
                    if self._person_within(stop, 4):
                        return spans  # X وزير خارجية السعودية سمو الأمير Y: the next person's title
                    break  # X، القيادي في الحزب انتقادات ...: the title ends with what it names
                named = o is not None
                stop += 1
            spans.append((j, stop))  # up to a comma, a clause, the sentence, ten words or its complement
            j = stop
        return spans

    def _person_within(self, j: int, n: int) -> bool:
        """Is a person named at most ``n`` tokens from token ``j`` on, no comma or break between?"""
        for k in range(j, min(j + n, len(self.keys))):
            o = self.owner[k]
            if o is not None:
                return self.actors[o].type == "PER"
            if self.keys[k] in _COMMAS or _is_break(self.keys[k]):
                return False
        return False

    def _appointed(self, j: int) -> int:
        """Where the title of a relative clause of appointment starts (X، الذي عين سفيرا لدى Y;
        الذي أعلن أخيرا تعيينه سفيرا ...), else ``j``."""
        keys = self.keys
        if j >= len(keys) or keys[j] not in RELATIVES:
            return j
        for k in range(j + 1, min(j + 8, len(keys) - 1)):
            if self.owner[k] is not None or keys[k] in _COMMAS or keys[k] in RELATIVES or not keys[k].isalpha():
                return j  # (a verb of saying may stand there: الذي أعلن أخيرا تعيينه سفيرا)
            if keys[k] in APPOINTED and self.is_title(k + 1):
                return k + 1
        return j

    def _role_links(self, person: _Actor, first: int, stop: int) -> list[Role]:
        """The role links of the title spanning tokens ``first`` to ``stop`` (exclusive)."""
        keys, targets = self.keys, []
        j = first
        while j < stop:
            o = self.owner[j]
            if o is None or self.actors[o].type not in ("ORG", "LOC") or self.actors[o].last >= stop:
                if targets and keys[j] not in _ROLE_CONNECTORS:
                    break  # رئيس جمهورية العراق إثر ... في نهر دجلة: the title has ended
                j += 1
                continue
            before = keys[j - 1] if j > first else ""
            if targets and before in LOCATIVES:
                break  # مكتب البنك الدولي في اليمن: where the office is
            targets.append((self.actors[o], before, keys[j]))
            j = self.actors[o].last + 1
        if not targets:
            return []
        end_token = max(a.last for a, _, _ in targets)
        title = self.text[self.starts[first] : self.ends[end_token]]
        gloss = next((g for i in range(first, end_token + 1) if (g := _gloss_at(keys, i)) is not None), "")
        out = []
        for actor, before, head in targets:
            prep = "to" if before == normalize_key("لدى") else "in" if before in LOCATIVES or _ba(head) else "of"
            label = f"{gloss} {prep}" if gloss else ""
            out.append(Role(person.entity, actor.entity, title, label, self.starts[first], self.ends[end_token]))
        return out

    @cached_property
    def complement_tokens(self) -> frozenset[int]:
        """The tokens of the actors named in titles (:meth:`complement`): like the title's own
        words, they do not count in the distances between a trigger and its actors."""
        return frozenset(j for a in self.actors if self.complement(a) for j in range(a.first, a.last + 1))

    def complement(self, actor: _Actor) -> bool:
        """Is the actor named in a title: a role's target there, or after a title with no name (لرئيس العراق)?"""
        if any(r.target == actor.entity and r.start <= self.starts[actor.first] < r.end for r in self.roles):
            return True
        if actor.type not in ("LOC", "ORG"):
            return False
        # back over the words of a title (سفراء دول X، حاكم ولاية X، والسفير اليمني لدى X)
        for j in range(actor.first - 1, max(-1, actor.first - 5), -1):
            k = self.keys[j]
            if self.owner[j] is not None or _is_break(k) or k in _COMMAS:
                break
            if self.is_title(j) or _title_word(_bare(k)):
                return True
            if k not in TITLE_LINKS and not k.endswith(("ي", "ية", "يه")):
                break  # (a nisba adjective may stand in the title: السفير اليمني لدى X)
        before = [j for j in range(max(0, actor.first - 2), actor.first) if self.owner[j] is None]
        return any(self.is_title(j) for j in before)


def _clitic_title(key: str) -> bool:
    """Does a title word carry و، ف، ب or ل (ومديرة، بمدير), as an apposition's never does?"""
    rest = key[1:]
    return key[:1] in ("و", "ف", "ب", "ل") and _title_word(rest)


@lru_cache(maxsize=1 << 16)
def _resolver_title(word: str) -> bool:
    """Does the resolver's title list (:func:`parse_title`) read ``word`` as a title? Cached:
    the same words are asked about in sentence after sentence."""
    return bool(parse_title(word + " X").role)


def _title_word(key: str) -> bool:
    """Is the word ``key``, alone, a title of the role table or of the resolver?"""
    return _gloss_at([key], 0) is not None or _resolver_title(key)


#: Words of appointment after which a relative clause names a title (الذي عين سفيرا لدى ...).
APPOINTED = _keys("عين عينت تعيين تعيينه تعيينها اختير اختيرت انتخب انتخبت انتخابه انتخابها")

#: Words between a title and the country or body it names (سفراء دول X، حاكم ولاية X، السفير لدى X).
TITLE_LINKS = _keys("لدى دول دولة ولاية مملكة جمهورية إمارة خارجية")

#: Words that continue a title after its first complement (سفير المغرب لدى جنوب أفريقيا).
_ROLE_CONNECTORS = _keys("لدى و ، ,")


def find_relations(sentence_text: str, mentions: Sequence[MentionSpan]) -> list[Relation]:
    """The relations a sentence states between the entities it names.

    Parameters
    ----------
    sentence_text
        One sentence.
    mentions
        ``(start, end, entity_id, type)`` of each mention, offsets in ``sentence_text``;
        two mentions of one entity share its id. Overlapping mentions keep the first.

    Returns
    -------
    list of Relation
        In the order of their triggers; one per (type, pair, direction) and never
        between an entity and itself.

    Examples
    --------
    >>> s = "استقبل الوزير سامح شكري نظيره صلاح الدين مزوار في القاهرة."
    >>> m = [(14, 23, "shoukry", "PER"), (30, 46, "mezouar", "PER"), (50, 56, "cairo", "LOC")]
    >>> [(r.type, r.direction) for r in find_relations(s, m)]
    [('meeting', ('shoukry', 'mezouar'))]
    """
    return _relations(_Sentence(sentence_text, mentions))


def _relations(sent: _Sentence) -> list[Relation]:
    """:func:`find_relations` of a sentence already read."""
    if len({a.entity for a in sent.actors}) < 2:
        return []
    keys, sentence_text = sent.keys, sent.text
    blocked = [o is not None or j in sent.title_tokens for j, o in enumerate(sent.owner)]
    triggers = [t for t in _find_triggers(sent.words, keys, blocked) if not _in_office_name(sent, t)]
    sent.verb_triggers = {t.first: t.row for t in triggers if not t.noun}
    sent.trigger_starts = [t.first for t in triggers]
    if not triggers:  # most sentences: nothing more to read
        return []
    trigger_tokens = {j for t in triggers for j in range(t.first, t.end)}
    eligible = [
        a
        for a in sent.actors
        if not _locative(a, keys, sent.title_tokens, trigger_tokens, sent.owner)
        and not _source_of_news(a, keys, trigger_tokens)
        and not sent.complement(a)
        and not _attending(a, sent)
        # (طائرات ودبابات تابعة للجيش X هاجمت Y: the body the means belong to acts through them)
        and not (_affiliated(a, keys) and a.last + 1 not in sent.verb_triggers)
    ]
    # a place under ب is where something happened, except for a visit told with ب (حل X بالسعودية)
    arrived = eligible + [
        a
        for a in sent.actors
        if a.type == "LOC"
        and a not in eligible
        and (_ba(keys[a.first]) or a.prefix.endswith("ب"))
        and not sent.complement(a)
        and not _locative(a, keys, sent.title_tokens, trigger_tokens, sent.owner, ba=False)
    ]
    # a place where something was done (في X، بـX): the target of an act done there (اعتقل ... في بلدة X)
    placed = [
        a
        for a in sent.actors
        if a.type in ("LOC", "ORG")
        and a not in eligible
        and not _located_actor(sent, a)
        and _locative(a, keys, sent.title_tokens, trigger_tokens, sent.owner)
        and not sent.complement(a)
        and not _source_of_news(a, keys, trigger_tokens)
        and not _attending(a, sent)
        and not _affiliated(a, keys)
    ]
    owners = [a for a in sent.actors if _affiliated(a, keys) and not sent.complement(a)]
    out: dict[tuple[str, tuple[str, str], tuple[str, str] | None], Relation] = {}
    negated: _Trigger | None = None  # the last trigger under a negation
    for n, trig in enumerate(triggers):
        if any(keys[j] in NEGATIONS for j in range(max(0, trig.first - NEGATION_TOKENS), trig.first)):
            negated = None if trig.noun else trig
            continue
        if (
            negated is not None
            and trig.noun
            and _distance(sent, negated.end, trig.first) <= NEGATED_OBJECT_TOKENS
            and _clear(sent, negated.end, trig.first)
        ):
            continue  # لم توقع X على الاتفاقية مع Y: the negated verb's object is negated too
        if _other_sense(sent, trig):
            continue  # منح X الدكتوراه الفخرية لـY، مواجهة التحديات: another sense of the word
        if trig.noun and _undone(sent, trig):
            continue  # ألغى X زيارته إلى Y، طالب X بتعيين Y: it did not happen
        if trig.row.needs and not _needed(sent, trig):
            continue  # وقعت اشتباكات بين X وY، وقع X مرسوما: no document, nothing signed
        limit, last = len(keys), trig.end
        for t in triggers[n + 1 :]:  # a chain of triggers (توقيع مذكرة تفاهم وبروتوكول تعاون) shares its actors
            if _adjunct_noun(sent, t.first):
                continue  # في استقبال X لدى وصوله ...، Y: the adjunct's noun ends no clause
            if not trig.noun and trig.row.type in JUDGEMENTS and _light_clause(sent, t):
                continue  # ثمنت X الدعم الذي قدمته Y: the deed judged names its doer, the one judged
            if _object_noun(sent, trig, t):
                continue  # وزع X، أمس، مساعدات ... في Y: the verb's object names its own act, no clause of its own
            if t.first - last > 1 or (t.first - last == 1 and keys[last] != "و"):
                limit = t.first
                break
            last = t.end
        ba = trig.row.type == "visit" and "ب" in trig.row.target_prep
        for source, target, directed in _pairs(
            trig,
            limit,
            sorted(arrived, key=lambda a: a.first) if ba else eligible,
            sent,
            # (غارات استهدفت منشآت تابعة لحزب X: the body the places hit belong to is hit too)
            [*placed, *owners] if trig.row.in_place else (),
        ):
            if source.entity == target.entity or _on_behalf(sent, source, target):
                continue
            if _match(sent, trig.row, source, target):
                continue  # لقاء الأهلي والزمالك: a game, told by sport relations
            if trig.row.type != "visit" and (_region(sent, source) or _region(sent, target)):
                continue  # الشرق الأوسط وشمال إفريقيا: a region is visited, it does not meet or sign
            if trig.row.type == "meeting" and _club(sent, source) and _club(sent, target):
                continue  # قمة الدوري بين الوداد والرجاء: two clubs meet in a match, no meeting
            pair = (source.entity, target.entity) if source.first < target.first else (target.entity, source.entity)
            direction = (source.entity, target.entity) if directed else None
            start, end = sent.starts[trig.first], sent.ends[trig.end - 1]
            row = trig.row
            out.setdefault(
                (row.type, pair, direction),
                Relation(row.type, pair, direction, sentence_text[start:end], start, end, row.gloss, row.cypher),
            )
    return list(out.values())


@cache
def context_words() -> dict[tuple[str, str], frozenset[str]]:
    """The words of ``shabaka/data/relation_context.csv`` by (kind, relation type); a row with no
    types is under every type of the trigger table."""
    return load_context(str(files("shabaka") / "data" / "relation_context.csv"))


def load_context(path: str) -> dict[tuple[str, str], frozenset[str]]:
    """Read a table of context words (the format of ``shabaka/data/relation_context.csv``).

    Raises
    ------
    RelationTableError
        When a row lacks a column or names a relation type the trigger table does not have.
    """
    types = {row.type for row in trigger_table()}
    out: dict[tuple[str, str], frozenset[str]] = {}
    for n, row in _table_rows(path):
        if None in (row.get("kind"), row.get("types"), row.get("words")):
            raise RelationTableError(f"{path}, line {n}: a row needs the columns kind, types, words")
        named = set(row["types"].split())
        if named - types:
            raise RelationTableError(f"{path}, line {n}: unknown relation type {sorted(named - types)[0]!r}")
        for kind_type in named or types:
            key = (row["kind"].strip(), kind_type)
            out[key] = out.get(key, frozenset()) | _keys(row["words"])
    return out


#: The words (outside names) after a trigger read for its object's sense (``sense`` in ``relation_context.csv``).
SENSE_TOKENS = 2


def _other_sense(sent: _Sentence, trig: _Trigger) -> bool:
    """Is one of the first :data:`SENSE_TOKENS` words after the trigger, outside names and in its
    clause, a word of ``sense``: the trigger means something else (منح X وساما، مواجهة الإرهاب)?"""
    words = context_words().get(("sense", trig.row.type))
    if not words:
        return False
    seen = 0
    for j in range(trig.end, len(sent.keys)):
        if _is_break(sent.keys[j]) or seen >= SENSE_TOKENS:
            return False
        if sent.owner[j] is None and j not in sent.title_tokens and _distance(sent, j, j + 1):
            if not _unclitic(sent.keys[j]).isdisjoint(words):
                return True
            seen += 1
    return False


#: At most this many words (names, titles, dates not counted) between an undoing word and its trigger.
UNDONE_TOKENS = 3


def _undone(sent: _Sentence, trig: _Trigger) -> bool:
    """Is the noun trigger what an undoing word just before it cancels, postpones, asks for or
    fears (``undone`` in ``relation_context.csv``: ألغى X زيارته، هدد بالانسحاب من الاتفاق، حذر من هجوم)?"""
    words = context_words().get(("undone", trig.row.type), frozenset())
    between = 0
    for j in range(trig.first - 1, -1, -1):
        if _is_break(sent.keys[j]):
            return False
        if sent.owner[j] is None and not _unclitic(sent.keys[j]).isdisjoint(words):
            return True
        if sent.owner[j] is None and j not in sent.title_tokens:
            between += _distance(sent, j, j + 1)
        if between > UNDONE_TOKENS:
            return False
    return False


#: A noun trigger at most this many tokens (titles, dates and marks not counted) after a negated verb
#: trigger, in its clause, is its object, negated with it (لم توقع X على الاتفاقية مع Y).
NEGATED_OBJECT_TOKENS = 6


#: How far before a trigger (tokens) a word its row ``needs`` may stand; after it, up to its clause's end.
NEEDS_TOKENS = 12


def _unclitic(key: str) -> set[str]:
    """A word and what it is under its proclitics and without its article (وبالاتفاقية → اتفاقية),
    of three letters at least under ب، ل or ك (بحث is no ب + حث; وشن is و + شن)."""
    variants = [key, *(v for v in proclitic_variants(key) if len(v) > 2 or (key[:1] in "وف" and v == key[1:]))]
    return {*variants, *(v[2:] for v in variants if v.startswith("ال") and len(v) > 4)}


def _needed(sent: _Sentence, trig: _Trigger) -> bool:
    """Does one of the words the trigger's row needs stand in the :data:`NEEDS_TOKENS` tokens
    before it or in its clause after it, names included (الاتفاقية التي وقعها، وقع X، وزير ...، وY
    مذكرة تفاهم، فاز [نادي X] على Y)?"""
    keys, needs = sent.keys, trig.row.needs
    after = next((j for j in range(trig.end, len(keys)) if _is_break(keys[j])), len(keys))
    return any(
        not _unclitic(keys[j]).isdisjoint(needs)
        for j in (*range(max(0, trig.first - NEEDS_TOKENS), trig.first), *range(trig.end, after))
    )


def _object_noun(sent: _Sentence, verb: _Trigger, noun: _Trigger) -> bool:
    """Is the noun trigger the verb trigger's object, naming the same act (وزع X، أمس، مساعدات ...;
    شن X غارات): of its type, not symmetric, right after the verb's subject, a comma or a time?"""
    j = noun.first - 1
    return (
        not verb.noun
        and noun.noun
        and noun.row.type == verb.row.type
        and noun.row.direction != "symmetric"
        and (sent.owner[j] is not None or sent.keys[j] in _COMMAS or _bare(sent.keys[j]) in DATE_WORDS)
    )


_CLOSING_QUOTES = frozenset("”»")
_OPENING_QUOTES = frozenset("“«")
_BIHA = _keys("به بها")
#: "Both of" after a light verb (الاجتماع الذي ضم كل من X وY): the actors follow.
_EACH_OF = frozenset((normalize_key(a), normalize_key("من")) for a in ("كل", "كلا"))


#: Regions, areas of several states (as normalize_key keys): visited, never a party to another event.
REGIONS = frozenset(
    normalize_key(name)
    for name in (
        "الشرق الأوسط",
        "شمال إفريقيا",
        "شمال أفريقيا",
        "إفريقيا",
        "أفريقيا",
        "أوروبا",
        "آسيا",
        "أمريكا اللاتينية",
        "أمريكا الشمالية",
        "أمريكا الجنوبية",
        "الخليج",
        "منطقة الخليج",
        "المغرب العربي",
        "الساحل",
        "منطقة الساحل",
        "الساحل الإفريقي",
        "جنوب الصحراء",
        "إفريقيا جنوب الصحراء",
        "القرن الإفريقي",
        "القرن الأفريقي",
        "الشرق الأقصى",
        "البلقان",
        "الشرق الأدنى",
        "غرب إفريقيا",
        "شرق إفريقيا",
        "وسط إفريقيا",
        "غرب أفريقيا",
        "شرق أفريقيا",
        "آسيا الوسطى",
        "جنوب آسيا",
        "جنوب شرق آسيا",
        "المشرق العربي",
        "العالم العربي",
    )
)


def _region(sent: _Sentence, actor: _Actor) -> bool:
    """Is the actor a place that is a region (:data:`REGIONS`), under a proclitic or not
    (وشمال إفريقيا)? A club named like one (الخليج) is no place."""
    if actor.type != "LOC":
        return False
    name = _name(sent, actor)
    return name in REGIONS or (name[:1] in ("و", "ف") and name[1:] in REGIONS)


def _name(sent: _Sentence, actor: _Actor) -> str:
    """The actor's name as normalized keys, without the letters of its first token left outside
    the mention (the و of و[الرجاء])."""
    words = list(sent.keys[actor.first : actor.last + 1])
    words[0] = words[0][len(actor.prefix) :]
    return " ".join(words)


def _match(sent: _Sentence, row: TriggerRow, source: _Actor, target: _Actor) -> bool:
    """Is the meeting or clash of two bodies a game (``match`` in ``relation_context.csv``): a
    word of sport in the sentence, or a known club among them (لقاء الأهلي والزمالك، مواجهة
    الوداد والرجاء في الديربي)?"""
    words = context_words().get(("match", row.type))
    if not words or source.type != "ORG" or target.type != "ORG":
        return False
    if _club(sent, source) or _club(sent, target):
        return True
    return any(o is None and not _unclitic(k).isdisjoint(words) for k, o in zip(sent.keys, sent.owner, strict=True))


@cache
def _club_keys() -> frozenset[str]:
    """The keys of the clubs' names and short names (``shabaka/data/clubs.csv``)."""
    return frozenset(k for a, b, _ in club_aliases().merges for k in (a, b))


def _club(sent: _Sentence, actor: _Actor) -> bool:
    """Is the actor a football club of ``clubs.csv`` (الوداد، الرجاء البيضاوي), with or without و?"""
    name = sent.text[sent.starts[actor.first] + len(actor.prefix) : sent.ends[actor.last]]
    key = form_key(name)
    return key in _club_keys() or (key[:1] == "و" and key[1:] in _club_keys())


def _alongside(sent: _Sentence, actor: _Actor) -> bool:
    """Is the actor introduced by إلى جانب (alongside), its title between?"""
    j = actor.first - 1
    while j >= 0 and j in sent.title_tokens:
        j -= 1
    return (
        j > 0
        and _bare(sent.keys[j]) == normalize_key("جانب")
        and sent.keys[j - 1]
        in (
            normalize_key("إلى"),
            normalize_key("الى"),
        )
    )


def _on_behalf(sent: _Sentence, a: _Actor, b: _Actor) -> bool:
    """Does one of the two act for the other (وقع الوزير X نيابة عن الحكومة Y): one side, no relation?"""
    first, second = (a, b) if a.first < b.first else (b, a)
    between = {sent.keys[j] for j in range(first.last + 1, second.first) if j not in sent.title_tokens}
    return any(between == words for words in BEHALF)


def _clear(sent: _Sentence, start: int, end: int, after: _Actor | None = None, deeds: Collection[int] = ()) -> bool:
    """No clause break among tokens ``start`` to ``end`` (exclusive); a relative pronoun
    right after the actor ``after`` does not count (X الذي يزور Y), nor one at a token of
    ``deeds`` (ثمنت X الدعم الذي قدمته Y: the relative clause names the deed's doer); a closing
    quote ends a quotation, unless it closes a name (“عباس عراقجي”) or, a name right after it, opens one
    (و”بنك X”)."""
    keys, owner = sent.keys, sent.owner
    for j in range(start, end):
        if (keys[j] in _LIST_MARKS and _list_opener(keys, j)) or j in deeds:
            continue  # استقبل X كلا من: Y، Z; اقتحمت X قرى وبلدات: Y، وZ
        if _is_break(keys[j]) and not (after is not None and keys[j] in RELATIVES and _next_to(sent, after, j)):
            return False
        if (
            keys[j] in _CLOSING_QUOTES
            and j > 0
            and owner[j - 1] is None
            and not _short_quote(sent, j)
            and not (j + 1 < len(keys) and owner[j + 1] is not None)  # و”بنك X”: it opens a name
        ):
            return False
    return True


_LIST_MARKS = frozenset(":؛;")
#: Plural nouns of places whose list may open after a colon (اقتحمت X قرى وبلدات: Y، وZ).
LIST_HEADS = _keys("قرى بلدات وبلدات مدن ومدن مخيمات ومخيمات مناطق ومناطق أحياء وأحياء")


def _list_opener(keys: Sequence[str], j: int) -> bool:
    """Does the colon (or semicolon) at ``j`` open a list: after كل من or كلا من (كلًا من؛ X وY),
    or after a plural noun of places (قرى وبلدات: X، وY)?"""
    before = keys[max(0, j - 2) : j]
    return tuple(normalize_key(k) for k in before) in _EACH_OF or (bool(before) and before[-1] in LIST_HEADS)


def _short_quote(sent: _Sentence, j: int) -> bool:
    """Does the closing quote at ``j`` close a term of at most three words (قدم X “تعازيه” إلى Y،
    الهجوم «الإرهابي الشنيع»), not a quotation?"""
    return any(sent.words[k] in _OPENING_QUOTES for k in range(max(0, j - 4), j))


def _coordinated(a: _Actor, b: _Actor, sent: _Sentence) -> bool:
    """Is ``b`` joined to ``a`` by و (``X وY``, ``X، ونظيره Y``, ``X ورئيس الوزراء Y``,
    ``سفير الأردن X وسفيرة البرتغال Y``, ``X، بالإضافة إلى وزير الخارجية Y``)?

    Quotation marks around a name and the country or body of a title in the gap do not
    part the two; the words of a title do not count among :data:`COORDINATION_TOKENS`.
    """
    keys, owner = sent.keys, sent.owner
    gap = [j for j in range(a.last + 1, b.first) if not _quote(sent.words[j])]
    gap = gap[_aside(sent, a.last + 1) :] if gap and gap[0] == a.last + 1 else gap  # X (15 عاما)، وY
    if any(_is_break(keys[j]) for j in gap) or any(
        owner[j] is not None
        and not sent.complement(sent.actors[owner[j]])
        and not _whereabouts(sent, sent.actors[owner[j]])  # X من بلدة Z، وY; X في Z، وY: where X is
        for j in gap
    ):
        return False
    if _post_title(sent, gap) and _and_joined(sent, b):
        return True  # عين X سفيرا لدى Z، وY; بتعيين X وزيرا للخارجية، و Y: the post X is given
    if _title_between_commas(sent, gap) and _and_joined(sent, b):
        return True  # X، المدير العام لـZ ومراقبة التراب الوطني، و Y: a's title, however long
    words = [j for j in gap if keys[j] not in _COMMAS]
    if len([j for j in words if j not in sent.title_tokens and owner[j] is None]) > COORDINATION_TOKENS:
        return False
    # X، وزير خارجية ...، والسيد Y: the apposition of a's title does not open the gap
    origin = {  # (X من بلدة Z، والفتى Y: where X is from; X في Z، ومدينة Y: where X is)
        k
        for j in words
        if owner[j] is not None and _whereabouts(sent, sent.actors[owner[j]])
        for k in range(max(a.last + 1, sent.actors[owner[j]].first - 2), sent.actors[owner[j]].first)
    }
    # (its title and what it names, where it is from)
    apposition = [j in sent.title_tokens or owner[j] is not None or j in origin for j in words]
    words = words[next((n for n, j in enumerate(words) if not apposition[n] or _and_opener(keys[j])), len(words)) :]
    if not words:
        return _and_joined(sent, b)
    # the gap opens with و, alone or on a title (X ورئيس الوزراء المصري Y, X، ونظيره Y), or with
    # a connector (X، بالإضافة إلى Y; X، وعن الجانب المصري Y)
    if any(tuple(keys[j] for j in words[: len(c)]) == c for c in COORDINATION_CONNECTORS):
        return True
    return _and_opener(keys[words[0]])


#: The most words an aside in brackets right after a name may have (:func:`_aside`).
ASIDE_TOKENS = 4


def _aside(sent: _Sentence, j: int) -> int:
    """How many tokens, from ``j`` on, an aside in brackets right after a name takes (its age, its
    initials: X (15 عاما)، وY): the brackets and at most :data:`ASIDE_TOKENS` words without an actor
    or a clause break inside; 0 when there is none."""
    keys = sent.keys
    if j >= len(keys) or keys[j] != "(":
        return 0
    for k in range(j + 1, min(j + ASIDE_TOKENS + 2, len(keys))):
        if keys[k] == ")":
            return k + 1 - j
        if sent.owner[k] is not None or _is_break(keys[k]):
            return 0
    return 0


#: The most words an apposition between commas may have (:func:`_title_between_commas`).
APPOSITION_TOKENS = 12


def _post_title(sent: _Sentence, gap: Sequence[int]) -> bool:
    """Is the gap between two actors the post the first is given, an accusative title and its
    complement (وزيرا للخارجية، سفيرا لدى Z), then a comma and at most و?"""
    keys = sent.keys
    commas = [n for n, j in enumerate(gap) if keys[j] in _COMMAS]
    if not gap or not commas or commas[-1] > APPOSITION_TOKENS or any(keys[j] != "و" for j in gap[commas[-1] + 1 :]):
        return False
    head = keys[gap[0]]
    return head.endswith("ا") and _title_word(head[:-1]) and not any(_is_break(keys[j]) for j in gap)


def _title_between_commas(sent: _Sentence, gap: Sequence[int]) -> bool:
    """Is the gap between two actors a comma, an apposition that opens with a title, a comma and
    at most و (X، المدير العام لـZ ومراقبة التراب الوطني، و Y)?"""
    keys = sent.keys
    commas = [n for n, j in enumerate(gap) if keys[j] in _COMMAS]
    if len(commas) < 2 or commas[0] != 0 or any(keys[j] != "و" for j in gap[commas[-1] + 1 :]):
        return False
    inside = gap[1 : commas[-1]]
    return 0 < len(inside) <= APPOSITION_TOKENS and (inside[0] in sent.title_tokens or sent.is_title(inside[0]))


def _and_joined(sent: _Sentence, actor: _Actor) -> bool:
    """Does the actor carry و, outside its mention (و[X]) or inside it (a mention taken with its
    clitic: وكريستوفر راي، والولايات المتحدة), not the first letter of a name (وليد، واشنطن)?"""
    head = sent.keys[actor.first][len(actor.prefix) :]
    if actor.prefix.endswith("و") or (actor.first > 0 and sent.keys[actor.first - 1] == "و"):
        return True
    if not head.startswith("و") or head in given_names(more=True):
        return False
    return actor.type == "PER" or head.startswith(("وال", "وو"))


def _and_opener(k: str) -> bool:
    """Is the word و, or و on a title or a filler (ورئيس، ونظيره، والسيد)?"""
    rest = k[1:]
    return k == "و" or (k.startswith("و") and (rest in COORDINATION_FILLERS or _title_word(rest)))


#: Words that open the gap between two coordinated actors besides و (X، بالإضافة إلى Y).
COORDINATION_CONNECTORS = tuple(
    tuple(normalize_key(w) for w in c.split())
    for c in (
        *("بالإضافة إلى", "بالاضافة الى", "إضافة إلى", "فضلا عن", "إلى جانب", "وكذلك", "كذلك", "وعن"),
        *("بما في ذلك", "بما فيها", "بمن فيهم"),  # (مسؤولين من X، بما في ذلك الرئيس التنفيذي Y: Y among them)
    )
)
_QUOTES = frozenset("“”«»\"'‘’")


def _quote(word: str) -> bool:
    """Is the token a quotation mark (“ ” « »)?"""
    return bool(word) and all(c in _QUOTES for c in word)


def _unnamed_subject(sent: _Sentence, end: int, actor: _Actor) -> bool:
    """Between a verb and ``actor``, a title before a comma and another after it: the verb's
    subject is a title without a name (يلتقي رئيس الجمهورية غدا، الملك فيليب)."""
    gap = range(end, actor.first)
    if gap and sent.is_title(end) and any(_adverb(sent, j) for j in gap):
        return True  # وعين الملك أيضا كريم مدرك
    commas = [j for j in gap if sent.keys[j] in _COMMAS]
    if not commas:
        return False
    # (a time or an adverb ends the unnamed subject: التقى فخامة رئيس الجمهورية، رئيس الاتحاد X names him)
    before = range(end, commas[0])
    return (
        any(sent.is_title(j) for j in before)
        and any(_bare(sent.keys[j]) in DATE_WORDS or _adverb(sent, j) for j in before)
        and any(sent.is_title(j) for j in range(commas[-1] + 1, actor.first))
    )


def _adverb(sent: _Sentence, j: int) -> bool:
    """An accusative adverb outside names and titles (أيضا، حاليا، خلفا)."""
    k = sent.keys[j]
    return sent.owner[j] is None and k.endswith("ا") and len(k) > 3 and not sent.is_title(j)


_ORIGIN = normalize_key("من")


def _common_subject(sent: _Sentence, first: int) -> bool:
    """Is the verb at ``first`` preceded, after إن or أن, by common words only (إن غارات عنيفة
    استهدفت X): its subject is unnamed, and the actor after it its object."""
    keys, j = sent.keys, first - 1
    while j >= max(0, first - 3) and sent.owner[j] is None and not (keys[j] in COMPLEMENTIZERS or _is_break(keys[j])):
        j -= 1
    return j < first - 1 and j >= 0 and keys[j] in COMPLEMENTIZERS


#: The verb كان: an actor before it and a reception after it (X، وكان في استقباله Y) is the guest.
KANA = _keys("كان كانت")
#: Prepositions whose actor is no subject of a verb after it (وصل X إلى Y ... والتقى Z: Y meets no one).
OBJECT_PREPOSITIONS = _keys("إلى الى على مع عن ضد لدى")


def _under_preposition(sent: _Sentence, actor: _Actor) -> bool:
    """Is the actor, its title aside, introduced by a preposition of :data:`OBJECT_PREPOSITIONS`
    (إلى [الرئيس] X)? It is what an earlier word reaches, not the subject of a verb after it,
    unless a relative pronoun follows it (مع قوات X التي اقتحمت Y: X is the relative verb's subject)."""
    after = actor.last + 1
    if after < len(sent.keys) and sent.keys[after] in RELATIVES:
        return False
    j = actor.first - 1
    while j >= 0 and j in sent.title_tokens:
        j -= 1
    return j >= 0 and sent.keys[j] in OBJECT_PREPOSITIONS


#: Nouns of the means of an act (sanctions, strikes) that stand as a verb's subject (عقوبات تستهدف X).
MEANS = _keys("عقوبات العقوبات غارات الغارات ضربات الضربات هجمات الهجمات")


def _agent_of_means(sent: _Sentence, trig: _Trigger, actors: Sequence[_Actor]) -> _Actor | None:
    """The one who used the means that a verb's subject names (أعلنت X فرض عقوبات جديدة تستهدف Y،
    نفذ X غارات جوية استهدفت Y, قائمة العقوبات الأميركية التي تستهدف Y): the nearest actor before
    that noun, in its clause, the trigger's row allowing it as source. The noun stands right
    before the verb, or with at most two adjectives and a relative pronoun between."""
    keys, j = sent.keys, trig.first - 1
    if j >= 0 and keys[j] in RELATIVES:
        j -= 1
    for _ in range(3):
        if j < 0 or sent.owner[j] is not None or keys[j] in MEANS:
            break
        j -= 1  # an adjective (جديدة، جوية، الأميركية)
    if j < 1 or keys[j] not in MEANS or keys[j - 1] in _PREPOSITIONS:
        return None  # (ألقى باللوم على العقوبات التي تستهدف ...: the sanctions are blamed, not used)
    return next(
        (
            a
            for a in sorted(actors, key=lambda a: -a.last)
            if a.last < j
            and a.type in trig.row.source_types
            and _distance(sent, a.last + 1, j) < LEFT_TOKENS
            and _clear(sent, a.last + 1, j)
        ),
        None,
    )


#: Verbs of receiving: their subject receives what the noun after them names (تسلم X أوراق اعتماد Y).
RECEIVING = _keys("تسلم تسلمت يتسلم تتسلم استلم استلمت يستلم تستلم تلقى تلقت يتلقى تتلقى تقبل تقبلت")


def _receiver(sent: _Sentence, first: int, actors: Sequence[_Actor]) -> _Actor | None:
    """The subject of a verb of receiving before the noun at token ``first``, in its clause: the
    first actor between the verb and the noun (تسلم [الرئيس] X صباح اليوم أوراق اعتماد Y)."""
    for v in range(first - 1, max(-1, first - POSSESSOR_TOKENS), -1):
        if _is_break(sent.keys[v]):
            return None
        if _bare(sent.keys[v]) in RECEIVING:
            return next((a for a in actors if v < a.first and a.last < first), None)
    return None


def _under_la(sent: _Sentence, actor: _Actor) -> bool:
    """Does the preposition ل introduce the actor (ل[X] with the ل outside the name, للأردن): after a
    noun it names the one the act is for (وجه نقدا لX، منحة للأردن), never the noun's subject?"""
    return actor.prefix.endswith("ل") or sent.keys[actor.first].startswith("لل")


#: Words after which an actor is the leader of the one named before (التحالف بقيادة السعودية).
LED_BY = _keys("بقيادة برئاسة يقوده تقوده")


def _led_by(sent: _Sentence, actor: _Actor) -> bool:
    """Is the actor the leader named after another (طيران التحالف بقيادة السعودية قصف ...): the one
    before acts, not it."""
    j = actor.first - 1
    return j > 0 and sent.keys[j] in LED_BY and sent.owner[j - 1] is not None


#: Office words whose name may end in a noun of agreement (وزير الخارجية والتعاون).
OFFICES = _keys("وزير وزيرة وزارة لوزير لوزيرة لوزارة بوزارة ووزير ووزيرة ووزارة")


def _in_office_name(sent: _Sentence, trig: _Trigger) -> bool:
    """Is a noun trigger joined by و to the name of an office (وزير الشؤون الخارجية والاتحاد
    الأوروبي والتعاون، وزارة التخطيط والتعاون الدولي): a word of the name, stating nothing?"""
    if not trig.noun or not sent.keys[trig.first].startswith("وال"):
        return False
    for j in range(trig.first - 1, max(-1, trig.first - 8), -1):
        if _is_break(sent.keys[j]) or sent.keys[j] in _COMMAS:
            return False
        if sent.keys[j] in OFFICES:
            return True
    return False


#: Nouns of places a person may be said to come from (اعتقل شابا من بلدة X).
PLACE_NOUNS = _keys("قرية بلدة بلدتي قريتي مدينة مخيم مخيمي منطقة حي ضاحية محافظة العاصمة")


def _from_origin(sent: _Sentence, actor: _Actor) -> bool:
    """Is the actor introduced by من as where someone is from (من بلاطة، من قرية برقة، من حركة حماس),
    not as a share of it (على اثنين من قادة X) nor in كل من X؟"""
    keys, j = sent.keys, actor.first - 1
    if j >= 0 and keys[j] in PLACE_NOUNS:
        j -= 1
    return j >= 0 and keys[j] == _ORIGIN and not (j > 0 and (keys[j - 1], keys[j]) in _EACH_OF)


#: Directions that place a place around another (بلدة X جنوب نابلس، قرية Y قضاء جنين).
DIRECTIONS = _keys("جنوب شمال شرق غرب جنوبي شمالي شرقي غربي قضاء")


def _whereabouts(sent: _Sentence, actor: _Actor) -> bool:
    """Does the actor say where the one before it is from (:func:`_from_origin`) or, a place after في
    or a direction (في بيت لحم، في مدينة X، جنوب نابلس), where it is: in a list, it is no item of its own?"""
    if _from_origin(sent, actor):
        return True
    j = actor.first - 1
    if j >= 0 and sent.keys[j] in PLACE_NOUNS:
        j -= 1
    # (بلدة X جنوب نابلس، ومنطقة Y: where X lies)
    return actor.type == "LOC" and j >= 0 and (_bare(sent.keys[j]) in LOCATIVES or sent.keys[j] in DIRECTIONS)


def _located_actor(sent: _Sentence, actor: _Actor) -> bool:
    """Does the place say where the actor right before it is (معسكر X بفج عطان، مقر Y في Z),
    rather than where an act was done?"""
    j = actor.first - 1
    while j >= 0 and sent.keys[j] in LOCATIVES:
        j -= 1
    return j >= 0 and sent.owner[j] is not None and sent.owner[j] != sent.owner[actor.first]


def _chain(first: _Actor, rest: Sequence[_Actor], sent: _Sentence) -> list[_Actor]:
    """``first`` and the actors of ``rest`` coordinated with it, one after the other; after كل من
    (:func:`_each_of`), each actor that carries و in the clause, whatever apposition stands between."""
    out = [first]
    listed = _each_of(sent, first)
    for n, a in enumerate(rest):
        if a.first <= out[-1].last or (a.type == "LOC" and _whereabouts(sent, a)):
            continue  # (X من بلدة Z، والفتى Y: Z is where X is from, Y the next of the list)
        if (
            _coordinated(out[-1], a, sent)
            or (listed and _listed_after(sent, out[-1], a))
            or _comma_item(sent, out[-1], a, rest[n + 1 :])
        ):
            out.append(a)
        else:
            break
    return out


def _comma_item(sent: _Sentence, last: _Actor, actor: _Actor, later: Sequence[_Actor]) -> bool:
    """Is ``actor`` an item of a list without و that the next one closes with و (X، Y، وZ; الوزير
    الأول، X، وزير الخارجية، Y، ووزير الداخلية، Z): only a comma between it and ``last``, or a title
    set off by commas, and the actor after it joined to it by و?"""
    keys = sent.keys
    gap = [j for j in range(last.last + 1, actor.first) if not _quote(sent.words[j])]
    if not gap or keys[gap[0]] not in _COMMAS or len(gap) > APPOSITION_TOKENS:
        return False
    if not all(keys[j] in _COMMAS or j in sent.title_tokens or sent.is_title(j) for j in gap):
        return False
    nxt = next((a for a in later if a.first > actor.last), None)
    return nxt is not None and _coordinated(actor, nxt, sent)


def _relative_after(sent: _Sentence, end: int) -> int:
    """Where the relative pronoun of a noun's relative clause stands (الزيارة التي، الاجتماع العالي
    المستوى، الذي): at ``end``, or after at most two words that qualify the noun and a comma;
    ``end`` when there is none."""
    keys = sent.keys
    for k in range(end, min(end + 4, len(keys) - 1)):
        if keys[k] in RELATIVES:
            return k
        if sent.owner[k] is not None or k in sent.title_tokens or (_is_break(keys[k]) and keys[k] not in _COMMAS):
            break
        if keys[k] in _COMMAS and not (k + 1 < len(keys) and keys[k + 1] in RELATIVES):
            break
    return end


def _each_of(sent: _Sentence, actor: _Actor) -> bool:
    """Is the actor, its title aside, the first of a list opened by كل من or كلا من (بكل من)?"""
    j = actor.first - 1
    while j >= 0 and j in sent.title_tokens:
        j -= 1
    return j > 0 and (_bare(sent.keys[j - 1]).removeprefix("ب"), sent.keys[j]) in _EACH_OF


def _listed_after(sent: _Sentence, last: _Actor, actor: _Actor) -> bool:
    """Is ``actor`` the next item of a كل من list after ``last`` (… [last]، title، أقوى جهاز ...، و[actor]):
    it carries و, and no clause break nor trigger stands between?"""
    return (
        _and_joined(sent, actor)
        and _clear(sent, last.last + 1, actor.first)
        and not any(last.last < t < actor.first for t in sent.trigger_starts)
    )


def _pairs(
    trig: _Trigger, limit: int, actors: Sequence[_Actor], sent: _Sentence, places: Collection[_Actor] = ()
) -> list[tuple[_Actor, _Actor, bool]]:
    """(source, target, directed) for the actors a trigger relates; ``limit``: the next trigger;
    ``places``: places named where the act was done, which may only be its targets (a row's
    ``in_place``)."""
    keys, row, first, end = sent.keys, trig.row, trig.first, trig.end
    left = sorted(
        (
            a
            for a in actors
            if a.last < first
            and _distance(sent, a.last + 1, first) < LEFT_TOKENS
            and _clear(sent, a.last + 1, first, a)
            and not _after_bayna(sent, a)
            and not _led_by(sent, a)
            # (غادر X القاهرة إلى جدة في زيارة: the places travelled between are not the visitor)
            and not (trig.noun and row.type == "visit" and a.type == "LOC")
        ),
        key=lambda a: -a.last,
    )
    # زيارة الدولة التي: one word may qualify the noun before its relative clause
    rel = _relative_after(sent, end)
    light = trig.noun and rel + 1 < len(keys) and keys[rel] in RELATIVES and keys[rel + 1] in LIGHT_VERBS
    if light:  # المكالمات التي أجراها X مع Y، الزيارة التي قام بها X إلى Y: read from the verb on
        end = rel + (3 if rel + 2 < len(keys) and keys[rel + 2] in _BIHA else 2)
        end += 2 if tuple(keys[end : end + 2]) in _EACH_OF else 0  # الاجتماع الذي ضم كلا من X وY
    targets = sorted([*actors, *places], key=lambda a: a.first)
    # ثمنت X الدعم الذي قدمته Y، دانت X الاعتداء الذي شنته Y: a judged deed's light clause names its doer
    deeds = (
        {
            j
            for j in range(end, limit - 2)
            if keys[j] in RELATIVES and keys[j + 1] in LIGHT_VERBS and _named(sent, j + 2)
        }
        if (not trig.noun and row.type in JUDGEMENTS)
        else set()
    )
    # (اعتقلت X 31 شابا، وذلك خلال عمليات دهم في مناطق بالضفة: وذلك takes up the act, done in the place after it)
    that = {j for j in range(end, limit) if keys[j] in THAT}
    right = [
        a
        for a in targets
        if end <= a.first < limit and _clear(sent, end, a.first, deeds=deeds | that if a in places else deeds)
    ]
    symmetric = row.direction == "symmetric"
    if trig.noun and first > 0 and _bare(keys[first - 1]).removeprefix("ل") in NAMED_EVENTS:
        return []  # منتدى الشراكة بين X وY: the name of a forum, no partnership stated
    bayna = next((j for j in range(end, min(end + 6, limit)) if keys[j] == normalize_key("بين")), None)
    if bayna is not None and any(_bare(keys[j]) in RELATIONS_NOUNS for j in range(end, bayna)):
        bayna = None  # جرى خلال اللقاء البحث في العلاقات بين X وY: the بين is the relations', it names no party
    if (
        bayna is not None
        and (trig.noun or (symmetric and not any(a.first < bayna for a in right)))
        and _clear(sent, end, bayna)
    ):
        # لقاء (ثلاثي) بين X وY، توقيع اتفاق ... بين X وشركة Y، الاتصال الثاني بين X وY، وقع في 2015
        # بين X وY: no direction
        after = [a for a in right if a.first > bayna]
        chain = _chain(after[0], after[1:], sent) if after else []
        if chain:  # (بين وفدي البلدين names no one: the actors are looked for as for any noun)
            return [(a, b, False) for k, a in enumerate(chain) for b in chain[k + 1 :]]
    if not trig.noun and _patient_with_title(sent, end, right):
        return []  # الذي عين سفيرا، كما عين X، سفيرا لدى ...: the one named was appointed, by someone unnamed
    if trig.noun and first > 0 and keys[first - 1] in DEMONSTRATIVES:
        return []  # حضر هذا الاستقبال X: an event named before, its actors not in this sentence
    session = first > 1 and _bare(keys[first - 1]) in SESSIONS  # (حضر جلسة المباحثات)
    if trig.noun and first > 0 and keys[first - 1 - session] in ATTENDED:
        return []  # حضر الاستقبال X، وY، حضر جلسة المباحثات X: those named attended it
    if trig.noun and not trig.pronoun and end < len(keys) and sent.is_title(end) and end not in sent.title_tokens:
        return []  # زيارة ولي العهد إلى X: the visitor is a title with no name
    if (
        trig.noun
        and not light
        and first > 0
        and _bare(keys[first - 1]) in ADJUNCT_OPENERS
        and keys[first].startswith("ال")
    ):
        return []  # سيجري خلال الزيارة محادثات مع X: the visit was named before; the verb tells the rest
    if row.type == "visit" and trig.noun and (left_after := _left_after_visit(sent, trig, actors)):
        return left_after  # غادر X الرياض بعد انتهاء زيارة رسمية: X visited الرياض
    if symmetric and len((sides := _side_signatories(sent, end, actors, row))[0]) > 1:
        return [(a, b, False) for group in sides if len(group) > 1 for k, a in enumerate(group) for b in group[k + 1 :]]
    if not trig.noun and row.direction != "symmetric" and _object_pronoun(keys[first], row):
        return _pronoun_object_pairs(trig, right, actors, sent)
    if trig.noun and first > 0 and keys[first - 1] in PASSIVE_MARKERS:
        # تم تعيين X: the one who acted is not named, unless after من طرف or من قبل
        return _passive_pairs(sent, row, right, _passive_agents(sent, end, right))
    near_left = (
        bool(left)
        # (a light clause names its own subject, or leaves it to the noun's: X ... زيارة العمل التي يقوم بها)
        and not (light and right and _light_subject(sent, first, end, right[0]))
        # (an order's noun is read like its verb: قرر X تعيين Y; not X خلفا له، إلى جانب تعيين Y)
        and (
            (trig.noun and row.type not in ORDERED_TYPES)
            or _distance(sent, left[0].last + 1, first) < SUBJECT_BEFORE_TOKENS
        )
        and not _patient(sent, row, left[0])
        # (التهنئة بمناسبة تعيين Y: the noun names the occasion, its doer is not the one before)
        and not (trig.noun and any(_bare(keys[j]) in REASONS for j in range(left[0].last + 1, first)))
        and not any(keys[j] in PRONOUN_PARTNERS for j in range(left[0].last + 1, first))
        and not _object_of_previous_verb(sent, trig, left[0])
        and not _object_of_verb_trigger(sent, trig, left[0])
        and not (not trig.noun and _under_preposition(sent, left[0]))
        # وصل X إلى Z، وكان في استقباله Y: the one before كان is the guest the pronoun names, the host follows
        and not (
            row.direction == "reverse"
            and sent.words[end - 1].endswith(_PRONOUN_ENDINGS)
            and any(_bare(keys[j]) in KANA for j in range(left[0].last + 1, first))
        )
    )
    if near_left and trig.noun and _word_around(sent, "not_agent", row, left[0], first):
        return []  # تصدى X لهجوم، حمل X Y مسؤولية الهجوم، انتقد X اتفاق الهجرة مع Y: X did not do it
    if near_left and trig.noun and row.direction == "active":
        if (
            not trig.pronoun
            and _needs_doer(row)
            and (not _word_around(sent, "doer", row, left[0], first) or _under_preposition(sent, left[0]))
        ):  # أعلنت X مقتل 20 في غارات على Y: X reports; الهجمات على X، شنت الطائرات غارات على Y: X was struck
            return []
        # تعرض X لانتقادات من Y: Y → X (a row of from_source reads its giver itself: تلقى X تهنئة Y)
        if not row.from_source and _word_around(sent, "receives", row, left[0], first):
            giver = next((a for a in right if _introduced_by(sent, end, a) == _ORIGIN), None)
            ok = giver is not None and giver.type in row.source_types and left[0].type in row.target_types
            return [(giver, left[0], True)] if ok else []
    if near_left and trig.noun and row.direction == "active" and _word_around(sent, "carrier", row, left[0], first):
        # حمل X رسالة من Y إلى Z، X حاملا رسالة إلى Z من Y: X carries it, Y sends it to Z
        sender = next((a for a in right if _introduced_by(sent, end, a) == _ORIGIN), None)
        if sender is None and right and all(j in sent.title_tokens for j in range(end, right[0].first)):
            sender = right[0]  # نقل X تعازي Y إلى Z: the genitive sends
        recipient = next((a for a in right if _introduced_by(sent, end, a) in TO_WORDS), None)
        ok = sender and recipient and sender.type in row.source_types and recipient.type in row.target_types
        return [(sender, recipient, True)] if ok else []
    host_before = near_left and left[0].type in row.source_types
    if (
        host_before
        and row.direction == "reverse"
        and sent.words[end - 1].endswith(_PRONOUN_ENDINGS)
        and not right
        and (guest := _guest(sent, trig, left[0].first, actors))
    ):
        return [(left[0], guest, True)]  # وصل X إلى Z، وكان Y في مقدمة مستقبليه: Y received X
    if near_left and trig.noun and row.direction == "active" and len(left) > 1 and _to_recipient(sent, left[0]):
        giver, recipient = left[1], left[0]  # قدم X للأردن منحة: the one under ل receives, the one before gives
        if giver.type in row.source_types and recipient.type in row.target_types:
            return [(giver, recipient, True)]
    if trig.noun and not trig.pronoun and keys[first].endswith("ا") and (sent_to := _addressed(sent, left)):
        return sent_to  # أبرق X إلى الرئيس Y معزيا: the participle's subject is the clause's
    genitive = (
        trig.noun
        and not trig.pronoun
        and not (end - first > 1 and sent.words[end - 1].endswith(_PRONOUN_ENDINGS))  # في استقباله Y: Y hosts
        and keys[end - 1] not in _PREPOSITIONS
        and not _ba_title(sent, end)
        and bool(right)
        and right[0] not in places
        and not _under_la(sent, right[0])
        and all(  # برقية تعزية لنائب رئيس المجلس الشيخ X: the title between (and what it names) is X's
            j in sent.title_tokens or sent.owner[j] is not None or not any(c.isalnum() for c in sent.words[j])
            for j in range(end, right[0].first)
        )
    )
    if genitive and right[0].type not in row.source_types:
        genitive = False  # زيارة المسجد النبوي: a place is what is visited
    if genitive and row.direction == "active" and (_purpose(keys[first], row) or row.type in ORDERED_TYPES):
        genitive = False  # (X) ... لدعم الأردن، قرر X تعيين Y: the genitive is the noun's object
    possessor = None
    if trig.pronoun and not (near_left and left[0].type in row.source_types):
        # في ختام زيارته إلى العراق: his, the actor named before that can be the source (not بغداد in
        # X غادر بغداد متوجها إلى الدوحة، في ختام زيارته)
        possessor = next(
            (
                a
                for a in sorted(actors, key=lambda a: -a.last)
                if a.last < first
                and _distance(sent, a.last + 1, first) < POSSESSOR_TOKENS
                and a.type in row.source_types
                # (X ...، وذلك بعد فوزه على Y: وذلك takes up the clause before, whose actor owns the pronoun)
                and _clear(sent, a.last + 1, first, a, deeds=[j for j in range(a.last + 1, first) if keys[j] in THAT])
            ),
            None,
        )
    if (
        possessor is None
        and not host_before
        and row.direction == "reverse"
        and sent.words[end - 1].endswith(_PRONOUN_ENDINGS)
        and right
        and right[0] not in places
        and right[0].type in row.source_types
        and _distance(sent, end, right[0].first) < OBJECT_TOKENS
        and (guest := _guest(sent, trig, first, actors))
    ):  # وصل X إلى Z، وكان في استقباله (بالمطار) الرئيس Y: Y received X, the one named before
        return [(host, guest, True) for host in _chain(right[0], right[1:], sent)]
    if genitive:
        subjects = _chain(right[0], right[1:], sent)  # زيارة عزيز للخرطوم
        if not symmetric:  # وقوف X إلى جانب Y: the one stood by is the object, not a second subject
            subjects = subjects[: next((k for k, a in enumerate(subjects) if k and _alongside(sent, a)), None)]
    elif possessor is not None:
        subjects = [possessor]
    elif near_left:
        subjects = [left[0]]
        # مصر والأردن ... مذكرة التفاهم; أشرف X وY ... على توقيع (a symmetric noun: however far)
        joined = (
            _distance(sent, left[0].last + 1, first) < SUBJECT_BEFORE_TOKENS
            or (trig.noun and symmetric)
            # X وY سيقدمان ... لدعم Z: a verb of two or more right after them makes them the noun's subjects
            or (trig.noun and left[0].last + 1 < first and _plural_verb(sent, left[0].last + 1))
        )
        for a in sorted((a for a in actors if a.last < left[0].first), key=lambda a: -a.last) if joined else ():
            if not _coordinated(a, subjects[0], sent):
                break
            subjects.insert(0, a)
        if trig.noun and _witnessed(sent, subjects[0]):
            return []  # شهد X، ...، وY مراسم توقيع: they attended the signing
    elif (reporter := _reported_subject(sent, trig, actors)) is not None:
        subjects = [reporter]  # أعلنت X أنها فرضت عقوبات على Y: the pronoun is X
    elif not trig.noun and (fronted := _fronted_destination(sent, trig, right)) is not None:
        return [fronted]  # وصل إلى Z اليوم الرئيس X: the place before the subject
    elif not trig.noun and right and (agent := _agent_of_means(sent, trig, actors)) is not None:
        subjects = [agent]  # فرضت X عقوبات جديدة تستهدف Y: X, who imposed them, acts against Y
    elif (
        right
        and right[0] not in places
        and not _common_subject(sent, first)
        and (light or not trig.noun)
        and _distance(sent, end, right[0].first) < RIGHT_TOKENS
        and (_light_subject(sent, first, end, right[0]) if light else _verb_subject(sent, first, end, right[0]))
    ):
        subjects = _chain(right[0], right[1:], sent)
        dropped = _dropped_subject(sent, trig, actors)
        if dropped is not None and not _objects(sent, right, max(end, subjects[-1].last + 1)):
            subjects = [dropped]  # حيث التقى الرئيس الإماراتي محمد بن زايد: the one named is the object
    elif (dropped := _dropped_subject(sent, trig, actors)) is not None:
        subjects = [dropped]  # نفى X ... وألقى باللوم على Y
    elif (told := _subject_before_continuation(sent, trig, actors)) is not None:
        subjects = [told]  # استغل Z سقوط منافسه، X، بعدما تلقى خسارته أمام Y
    else:
        return []
    out: list[tuple[_Actor, _Actor, bool]] = []
    if symmetric and len(subjects) > 1:
        out += [(a, b, False) for k, a in enumerate(subjects) for b in subjects[k + 1 :]]
    if symmetric and not trig.noun and (partner := _pronoun_partner(sent, trig, subjects)) is not None:
        out += [(subj, partner, False) for subj in subjects]  # استقبل X Y، ووقع معه اتفاقية: Y signed with X
    after = max(end, max(s.last for s in subjects) + 1)
    if (skip := _past_relative_clause(sent, after)) != after:  # X، الذي يزور عمان حاليا، بنظيره Y
        after, stop = skip, next((t for t in sent.trigger_starts if t >= skip), len(keys))
        right = [a for a in targets if after <= a.first < stop and _clear(sent, after, a.first)]
    host = left[0] if near_left and row.direction == "reverse" else None  # Y في استقبال X: Y hosts X
    if genitive and not symmetric and (receiver := _receiver(sent, first, actors) or host) is not None:
        # تسلم X أوراق اعتماد Y، تلقى X تهنئة Y: the genitive gives, the verb's subject receives
        for subj in subjects:
            src, dst = (receiver, subj) if row.direction == "reverse" else (subj, receiver)
            if src.type in row.source_types and dst.type in row.target_types:
                out.append((src, dst, True))
        return out
    if row.type == "visit" and trig.noun and (going := _destination_before(sent, trig, subjects)) is not None:
        out += [(subj, going, True) for subj in subjects]  # غادر X القاهرة إلى جدة في زيارة: X visits جدة
    rest = _objects(sent, [a for a in right if not _in_adjunct(sent, after, a)], after, deeds)
    if not rest and that:  # (nothing named before وذلك: the place after it)
        rest = _objects(sent, [a for a in right if a in places], after, deeds | that)
    if row.direction == "active" and not row.from_source:
        # استقبل X، وزير ... [للجمهورية الفرنسية]، Y: an actor the trigger cannot take as object is passed over
        rest = rest[next((k for k, a in enumerate(rest) if a.type in row.target_types), len(rest)) :]
        rest = rest if rest and _distance(sent, after, rest[0].first) < OBJECT_TOKENS else []
    if not rest:
        return out
    if row.in_place and rest and _from_origin(sent, rest[0]):
        # اعتقل شابين من بلدة X (شمال Z)، قياديا من حركة Y، في بلدة W: they are from X and Y; the act was in W
        rest = [a for a in rest if a in places and a.first > rest[0].last]
    if not rest:
        return out
    if _asyndetic(sent, subjects[-1], rest[0]):
        return out  # أدانت دول، بينها X، Y، Z، الهجوم: X, Y and Z are a list of subjects
    objects = _chain(rest[0], rest[1:], sent)  # the first object near, the ones joined to it by و anywhere
    if row.in_place and (where := _place_after_objects(sent, objects, rest, places)) is not None:
        objects.append(where)  # اعتقلت X الشاب Y، بعد مداهمة منزله في بلدة Z: the arrest was in Z too
    for obj in objects:
        scope = [*range(after, obj.first), obj.first]
        if any(_bare(keys[j]) in INVITATIONS for j in range(max(after, obj.first - 8), obj.first)):
            continue  # زيارة ... بدعوة من نظيره X: X invited, is no party
        if any(keys[j] in TOWARDS for j in range(max(after, obj.first - 2), obj.first)):
            continue  # أشاد بالموقف الأمريكي تجاه X: X is what the stance is about
        if any(_bare(keys[j]) in REASONS for j in range(after, obj.first)):
            continue  # التهنئة بمناسبة أمر الملك X، استهدف بسبب اغتيال X: a reason or an occasion, not the object
        if not trig.noun and not symmetric and any(_bare(keys[j]) in UNNAMED_AGENTS for j in range(after, obj.first)):
            break  # اتهم X مسؤولين أمريكيين بدفع Y: the verb's object is unnamed, Y is in what it is charged with
        if _about(sent, row, after, obj):
            continue  # ندد X باعتقال Y، التعازي لأسرة الراحل Y: Y is what the deed was done to
        if _adjunct_noun(sent, first) and _in_verb_clause(sent, first, obj) and not _in_adjunct(sent, first, obj):
            continue  # والتقى خلال زيارته الملك X: X is the verb's object, not the visit's
        direct = trig.pronoun and obj is rest[0] and all(j in sent.title_tokens for j in range(after, obj.first))
        if row.target_prep and not direct and not any(_prep(keys[j], row.target_prep) for j in scope):
            continue  # (لدى لقائه الرئيس X: a noun with its pronoun takes its object directly)
        preps = [keys[j] for j in range(after, obj.first) if keys[j] in _PREPOSITIONS]
        giver = row.from_source and preps[:1] == ["من"]  # تلقى X مكالمة من (وزير ...) Y; not مع عدد من
        if not row.from_source and not trig.noun and preps[:1] == ["من"] and after == end and keys[end] == "من":
            continue  # استقبل من X منحة: what was received came from X
        for other in (obj, *_delegation_head(sent, obj, row)):
            for subj in subjects:
                src, dst = (other, subj) if (row.direction == "reverse") != giver else (subj, other)
                if src.type in row.source_types and dst.type in row.target_types:
                    out.append((src, dst, not symmetric))
    return out


def _place_after_objects(
    sent: _Sentence, objects: Sequence[_Actor], rest: Sequence[_Actor], places: Collection[_Actor]
) -> _Actor | None:
    """The place where an act was done, named after its objects in the clause (اعتقلت X الشاب Y في
    بلدة Z، بعد مداهمة منزله في بلدة Z): the nearest place of ``places`` after the last object, under في
    (or قرب، وسط) and within :data:`OBJECT_TOKENS` of it. None when an object is a place (اقتحمت مخيم X
    قرب مدينة Y: Y is where X lies) and after من (Y من سكان البلدة القديمة بالقدس: where Y lives)."""
    if any(a.type == "LOC" or (a in places and not _affiliated(a, sent.keys)) for a in objects):
        return None
    last, keys = objects[-1], sent.keys
    # (مقري X وY التابعين للأمم المتحدة في العاصمة Z: the body they belong to is no place)
    where = next((a for a in rest if a.first > last.last and not _affiliated(a, keys)), None)
    if where is None or where not in places or _distance(sent, last.last + 1, where.first) >= OBJECT_TOKENS:
        return None
    j = where.first - 1 if keys[where.first - 1] not in PLACE_NOUNS else where.first - 2
    under_ba = where.prefix.endswith("ب") or _ba(keys[where.first])  # في أنحاء متفرقة بالضفة
    if not (under_ba or _bare(keys[j]) in LOCATIVES) or any(keys[k] == _ORIGIN for k in range(last.last + 1, j)):
        return None
    return where


#: At most this many words (titles not counted) between a word of ``patient`` and its actor.
PATIENT_TOKENS = 2
#: ... and between a verb and its subject, for the words of ``not_agent``, ``receives``, ``doer``...
VERB_FIRST_TOKENS = 1
#: ... and then between the subject and the noun, the verb's object (أعلنت X أمس عقوبات على Y; not
#: أعلنت X مقتل 20 شخصا في غارات على Y).
VERB_OBJECT_TOKENS = 6


def _word_before(sent: _Sentence, words: frozenset[str], actor: _Actor, most: int) -> bool:
    """Does one of ``words`` stand before the actor in its clause, at most ``most`` words
    between (names end the search; titles, dates, commas and quotes do not count)?"""
    between = 0
    for j in range(actor.first - 1, -1, -1):
        if sent.owner[j] is None and not _unclitic(sent.keys[j]).isdisjoint(words):
            return True  # (a verb of saying may be one: وأعلنت X عقوبات على Y)
        if _is_break(sent.keys[j]) or sent.owner[j] is not None:
            return False
        between += bool(_distance(sent, j, j + 1)) and not sent.is_title(j)
        if between > most:
            return False
    return False


def _patient(sent: _Sentence, row: TriggerRow, actor: _Actor) -> bool:
    """Does a word of ``patient`` (``relation_context.csv``) stand just before the actor: it is
    the one something was done to, not the subject of the trigger after it (إقالة حكومة X وعين Y)?"""
    return _word_before(sent, context_words().get(("patient", row.type), frozenset()), actor, PATIENT_TOKENS)


def _needs_doer(row: TriggerRow) -> bool:
    """Does a noun of the row take a subject named before it only through a verb of doing
    (``doer`` in ``relation_context.csv``: شن X غارات على Y، فرضت X عقوبات على Y)?"""
    return ("doer", row.type) in context_words()


def _word_around(sent: _Sentence, kind: str, row: TriggerRow, actor: _Actor, first: int) -> bool:
    """Does a word of ``kind`` (``relation_context.csv``) stand between the actor and the noun
    trigger at token ``first``, or just before the actor, the noun near after it (تعرض X لانتقادات،
    X تعرض لانتقادات)?"""
    words = context_words().get((kind, row.type), frozenset())
    between = range(actor.last + 1, first)
    return bool(words) and (
        any(sent.owner[j] is None and not _unclitic(sent.keys[j]).isdisjoint(words) for j in between)
        or (_verb_object(sent, actor, first) and _word_before(sent, words, actor, VERB_FIRST_TOKENS))
    )


#: Nouns of quantity whose من is partitive (مجموعات من العقوبات: the noun is still the object).
QUANTITIES = _keys("مجموعة مجموعات سلسلة حزمة موجة عدد جملة")
#: Prepositions after which a noun is an adjunct, no verb's object (مقتل 20 في غارات، جلسة بشأن الهجوم).
ADJUNCT_PREPOSITIONS = _keys("في فى بشأن حول من عن جراء إثر اثر")


def _verb_object(sent: _Sentence, actor: _Actor, first: int) -> bool:
    """May the noun trigger at token ``first`` be the object of a verb whose subject is the actor:
    near after it (other names, titles, dates, numbers and marks not counted), not in an adjunct?"""
    keys = sent.keys
    between = sum(
        _distance(sent, j, j + 1)
        for j in range(actor.last + 1, first)
        if sent.owner[j] is None and not any(c in "()" for c in sent.words[j])  # (not an aside: (OFAC))
    )
    partitive = first > 1 and keys[first - 1] == _ORIGIN and _bare(keys[first - 2]) in QUANTITIES
    return between <= VERB_OBJECT_TOKENS and (partitive or _bare(keys[first - 1]) not in ADJUNCT_PREPOSITIONS)


#: Prepositions of the one something is sent or given to (إلى Z، لـZ).
TO_WORDS = _keys("إلى الى ل")


def _introduced_by(sent: _Sentence, start: int, actor: _Actor) -> str | None:
    """The preposition nearest before the actor from token ``start`` on (its own ل: للملك), no
    clause break between (رسالة إلى Z من Y: من for Y, إلى for Z)."""
    if not _clear(sent, start, actor.first):
        return None
    if actor.prefix.endswith("ل"):
        return normalize_key("ل")
    return next((k for k in reversed(sent.keys[start : actor.first]) if k in _PREPOSITIONS), None)


#: Words that open a list of examples (دول، بينها X، Y، Z).
LIST_OPENERS = _keys("بينها بينهم منها منهم مثل خاصة سيما أبرزها أبرزهم")


def _asyndetic(sent: _Sentence, subject: _Actor, obj: _Actor) -> bool:
    """Is ``obj`` the next item of a list without و the subject is in: only a comma between
    them, and a list opener just before the subject or a third item after (بينها X، Y; X، Y، Z)?"""
    keys, owner = sent.keys, sent.owner
    if [keys[j] for j in range(subject.last + 1, obj.first)] not in ([","], ["،"]):
        return False
    opened = any(_bare(keys[j]) in LIST_OPENERS for j in range(max(0, subject.first - 2), subject.first))
    after = obj.last + 1
    third = after + 1 < len(keys) and keys[after] in _COMMAS and owner[after + 1] is not None
    return opened or third


#: Prepositions of the one a deed was done to (الاعتداء على Y، التصعيد ضد Y، الانتهاكات بحق Y).
DONE_TO = _keys("على ضد بحق في ل")


def _about(sent: _Sentence, row: TriggerRow, after: int, obj: _Actor) -> bool:
    """Does a word of ``about`` (``relation_context.csv``) stand between token ``after`` and the
    object: the deed judged was done to it, or it died (أدان X اعتقال Y، عزى في وفاة Y)? Not when a
    relative clause between names the object as the doer (دان X الاعتداء الذي شنته Y)."""
    words = context_words().get(("about", row.type), frozenset())
    deeds = context_words().get(("deed", row.type), frozenset())
    keys = sent.keys

    def done_to(j: int) -> bool:  # a deed, then a preposition: (الاعتداء على Y، التصعيد ضد Y)
        return not _unclitic(keys[j]).isdisjoint(deeds) and (
            any(_prep(keys[k], DONE_TO) for k in range(j + 1, obj.first)) or obj.prefix[-1:] == "ل"
        )

    return any(
        (sent.owner[j] is None or j >= obj.first)  # (or a word of the name: [قناة الجزيرة]، [فرانس برس])
        and (not _unclitic(keys[j]).isdisjoint(words) or done_to(j))
        and not any(keys[k] in RELATIVES for k in range(j, obj.first))
        for j in range(after, obj.last + 1)
    )


#: The words of an agent after من (من طرف X، من قبل X).
AGENT_MARKS = _keys("طرف قبل")


def _passive_agents(sent: _Sentence, end: int, right: Sequence[_Actor]) -> list[_Actor]:
    """The agents of a passive masdar, named after من طرف or من قبل (تم توقيع الاتفاقية من طرف X،
    ونظيره Y): the first actor of ``right`` right after the mark, its title and commas aside, and
    those joined to it; none when no actor is so named."""
    keys = sent.keys
    for n, a in enumerate(right):
        j = a.first - 1
        while j > end and (j in sent.title_tokens or j in sent.complement_tokens or keys[j] in _COMMAS):
            j -= 1
        if j > end and keys[j] in AGENT_MARKS and keys[j - 1] == _ORIGIN:
            return _chain(a, right[n + 1 :], sent)
    return []


def _passive_pairs(
    sent: _Sentence, row: TriggerRow, right: Sequence[_Actor], agents: Sequence[_Actor]
) -> list[tuple[_Actor, _Actor, bool]]:
    """(source, target, directed) of a passive masdar whose ``agents`` are named (تم توقيع الاتفاقية
    من طرف X ونظيره Y: X and Y signed; تم استقبال X من قبل Y: Y received X): the agents act on the
    actor named between the masdar and them."""
    if not agents:
        return []
    patient = right[0] if right and right[0].last < agents[0].first else None
    if row.direction == "symmetric":
        sides = [*agents, *([patient] if patient else [])]
        return [(a, b, False) for k, a in enumerate(sides) for b in sides[k + 1 :]]
    if patient is None:
        return []
    pairs = [(agent, patient) if row.direction == "active" else (patient, agent) for agent in agents]
    return [(a, b, True) for a, b in pairs if a.type in row.source_types and b.type in row.target_types]


#: Relation types whose other side, a body, is also its delegation's head named after برئاسة (التقى X
#: وفدا من البنك Y برئاسة مديره Z: X met Z too).
DELEGATION_TYPES = frozenset({"meeting"})
#: The most tokens that may say where a delegation is from before برئاسة (وفد X بمديريات Z، برئاسة Y).
DELEGATION_PLACE_TOKENS = 6


def _delegation_head(sent: _Sentence, obj: _Actor, row: TriggerRow) -> list[_Actor]:
    """The person named as head after ``obj`` (برئاسة [title] Z), and those joined to it (ونائبه W), for
    the types in DELEGATION_TYPES."""
    if row.type not in DELEGATION_TYPES:
        return []
    keys, owner = sent.keys, sent.owner
    # (وفد X بمديريات Z، برئاسة Y: where the delegation is from may stand between)
    j = next(
        (k for k in range(obj.last + 1, min(obj.last + 1 + DELEGATION_PLACE_TOKENS, len(keys))) if keys[k] in LED_BY),
        None,
    )
    if j is None or any(
        _is_break(keys[k]) or (owner[k] is not None and sent.actors[owner[k]].type != "LOC")
        for k in range(obj.last + 1, j)
    ):
        return []
    # (برئاسة المدير المكلف في المغرب العربي Z: a place or body named in the title is the title's)
    head = next((a for a in sent.actors if a.first > j and not sent.complement(a)), None)
    if head is None or head.type != "PER":
        return []
    titled = (
        k in sent.title_tokens or sent.is_title(k) or k in sent.complement_tokens for k in range(j + 1, head.first)
    )
    return _chain(head, [a for a in sent.actors if a.first > head.last], sent) if all(titled) else []


#: Words that open an adjunct of time around a noun with a pronoun (لدى وصوله، فور مغادرته، خلال زيارته).
ADJUNCT_OPENERS = _keys("لدى عند فور عقب إثر اثر خلال أثناء اثناء")
_PRONOUN_ENDINGS = ("ه", "ها", "هم", "هما")


def _guest(sent: _Sentence, trig: _Trigger, before: int, actors: Sequence[_Actor]) -> _Actor | None:
    """The one a reception's pronoun stands for (وصل X إلى Z، وكان Y في استقباله): the nearest
    actor before token ``before`` (the host, or the trigger when the host follows it) that the
    row can take as its other side, within reach of a possessor, not joined to the one after it."""
    row = trig.row
    candidates = sorted((a for a in actors if a.last < before), key=lambda a: -a.last)
    found = [
        a
        for a, nxt in zip(candidates, [None, *candidates], strict=False)
        if _distance(sent, a.last + 1, trig.first) < POSSESSOR_TOKENS
        and a.type in row.target_types
        and not (nxt is not None and _coordinated(a, nxt, sent))
    ]
    # a person before a body (زار X مقر قيادة Y، وكان في استقباله Z: X is the guest, Y where he went)
    if found:
        return next((a for a in found if a.type == "PER"), found[0])
    return _arrived(sent, trig, candidates)


def _arrived(sent: _Sentence, trig: _Trigger, candidates: Sequence[_Actor]) -> _Actor | None:
    """The visitor of the sentence, however far before a reception's pronoun (وصل إلى Z ... X، في أول
    زيارة له ...، وكان في استقباله Y): the person right after or before a verb of visit, the same
    sentence (no full stop) between."""
    keys = sent.keys
    visits = [v for v, row in sent.verb_triggers.items() if row.type == "visit" and v < trig.first]
    for a in sorted(candidates, key=lambda a: a.first):
        near = any(0 < a.first - v <= RIGHT_TOKENS or 0 < v - a.last <= SUBJECT_BEFORE_TOKENS for v in visits)
        if (
            a.type == "PER"
            and a.type in trig.row.target_types
            and near
            and not any(keys[k] in _PUNCTUATION_BREAKS for k in range(a.last + 1, trig.first))
        ):
            return a
    return None


def _to_recipient(sent: _Sentence, actor: _Actor) -> bool:
    """Is the actor under the ل of a recipient (للأردن، ل[مصر]), not a name that starts with ل (لبنان)?"""
    return actor.prefix.endswith("ل") or sent.keys[actor.first].startswith("لل")


def _ba_title(sent: _Sentence, end: int) -> bool:
    """Is the first word after token ``end`` (a comma aside) a title under ب (اتصالا، بفخامة الرئيس X)?"""
    j = end + 1 if end < len(sent.keys) and sent.keys[end] in _COMMAS else end
    return j < len(sent.keys) and sent.keys[j][:1] == "ب" and _clitic_title(sent.keys[j])


#: Relation types whose noun, under the ب of an order's content, takes its object as genitive
#: (أصدر X مرسوما بتعيين Y: Y is appointed, X appoints).
ORDERED_TYPES = frozenset({"appointment"})


def _purpose(key: str, row: TriggerRow) -> bool:
    """Does the noun ``key`` carry the ل of purpose (لدعم، لتمويل), not a ل of its own form (لقاء)?"""
    return key[:1] == "ل" and not any(form[0][:1] == "ل" and _same_word(key, form[0]) for form in row.nouns)


def _adjunct_noun(sent: _Sentence, j: int) -> bool:
    """Is token ``j`` a noun with a pronoun after an opener of time (لدى وصوله، فور مغادرته)?"""
    return j > 0 and _bare(sent.keys[j - 1]) in ADJUNCT_OPENERS and sent.words[j].endswith(_PRONOUN_ENDINGS)


def _in_adjunct(sent: _Sentence, after: int, actor: _Actor) -> bool:
    """Does ``actor`` complete an adjunct of time between token ``after`` and itself, no other
    actor between (لدى وصوله إلى [الرباط]، لدى مغادرته مطار [القاهرة])? It is where, not who."""
    keys = sent.keys

    def completes(j: int) -> bool:  # a place, or after a preposition or a place noun (إلى، مطار)
        between = range(j + 1, actor.first)
        return actor.type == "LOC" or any(
            _bare(keys[k]) in _PREPOSITIONS or keys[k].removeprefix("ال") in _PLACE_NOUNS for k in between
        )

    return any(
        _adjunct_noun(sent, j)
        and actor.first - j <= 4
        and all(sent.owner[k] is None for k in range(j, actor.first))
        and completes(j)
        for j in range(after, actor.first)
    )


#: Verbs whose object is a noun trigger (حقق فوزا، تلقى اتصالا، وجه انتقادات، شن هجوما).
NOUN_VERBS = _keys("حقق حققت تلقى تلقت سجل سجلت وجه وجهت شن شنت قدم قدمت أبدى أبدت أجرى أجرت عقد عقدت")


def _subject_before_continuation(sent: _Sentence, trig: _Trigger, actors: Sequence[_Actor]) -> _Actor | None:
    """The owner of a noun trigger's pronoun when its verb goes on from the clause before (X، ...،
    بعدما تلقى خسارته أمام Y; حيث وجه انتقاداته ل Y): the person or organization named last
    before the continuation word, within :data:`POSSESSOR_TOKENS` and the sentence."""
    keys, first = sent.keys, trig.first
    if (
        not trig.pronoun
        or first < 2
        or _bare(keys[first - 1]) not in NOUN_VERBS
        or keys[first - 2] not in CONTINUATIONS
    ):
        return None
    cont = first - 2
    return next(
        (
            a
            for a in sorted(actors, key=lambda a: -a.last)
            if a.last < cont
            and a.type in ("PER", "ORG")
            and a.type in trig.row.source_types
            and _distance(sent, a.last + 1, cont) < POSSESSOR_TOKENS
            and not any(keys[k] in _PUNCTUATION_BREAKS for k in range(a.last + 1, cont))
        ),
        None,
    )


def _in_verb_clause(sent: _Sentence, j: int, obj: _Actor) -> bool:
    """Does a verb trigger stand before token ``j`` in its clause, one that can take ``obj``
    as object (تسلم الرسالة X خلال استقباله Y: the message wants its sender after من)?"""
    return any(
        v < j
        and _clear(sent, v + 1, j)
        and (not row.target_prep or any(_prep(sent.keys[k], row.target_prep) for k in range(v + 1, obj.first)))
        for v, row in sent.verb_triggers.items()
    )


def _patient_with_title(sent: _Sentence, end: int, right: Sequence[_Actor]) -> bool:
    """Is a verb read as passive by an accusative title (عين سفيرا), right after it or after
    the first actor after it (عين X، سفيرا لدى مالي): the one named is its patient?"""
    keys = sent.keys

    def title_at(j: int) -> bool:
        while j < len(keys) and keys[j] in _COMMAS:
            j += 1
        return j < len(keys) and keys[j].endswith("ا") and sent.owner[j] is None and _title_word(keys[j][:-1])

    return title_at(end) or (bool(right) and right[0].first == end and title_at(right[0].last + 1))


def _object_of_previous_verb(sent: _Sentence, trig: _Trigger, actor: _Actor) -> bool:
    """Is ``actor``, before a verb that carries و, the object of an earlier verb of the
    sentence (زار X العراق ... وتشاور مع Y: العراق is what X visited, not who consults)?"""
    key = sent.keys[trig.first]
    clitic = key[:1] in ("و", "ف") and key not in _form_index()
    return not trig.noun and clitic and any(v < actor.first for v in sent.verb_triggers)


#: Relation types whose verbs judge a deed done by someone else (أدان الهجوم، أشاد بالدعم، عزى في).
JUDGEMENTS = frozenset({"criticism", "praise", "condolence"})


def _named(sent: _Sentence, j: int) -> bool:
    """Does an actor start at token ``j``, or after the words of a title there?"""
    while j < len(sent.keys) and sent.owner[j] is None and (j in sent.title_tokens or sent.is_title(j)):
        j += 1
    return j < len(sent.keys) and sent.owner[j] is not None


def _light_clause(sent: _Sentence, trig: _Trigger) -> bool:
    """Is the noun trigger followed by a relative clause of a light verb (الدعم الذي قدمته Y)?"""
    rel = _relative_after(sent, trig.end)
    keys = sent.keys
    return trig.noun and rel + 1 < len(keys) and keys[rel] in RELATIVES and keys[rel + 1] in LIGHT_VERBS


#: Relation types whose verbs may charge their object with a deed (اتهم، انتقد X بـ...): told, not stated.
CHARGES = frozenset({"conflict", "criticism"})


def _object_of_verb_trigger(sent: _Sentence, trig: _Trigger, actor: _Actor) -> bool:
    """Is a directed noun trigger the object of a verb of :data:`JUDGEMENTS` in its clause, the
    verb whose subject ``actor`` is (أدان X الهجوم على Y، أشاد X بالدعم المقدم لـY), or, under ب,
    what an earlier verb of :data:`CHARGES` charges its object ``actor`` with (اتهم Z X بقصف Y،
    اتهم Z X بتقديم المساعدات لـY: told, not stated):
    then ``actor`` did not do what the noun names."""
    if not trig.noun or trig.row.direction == "symmetric":
        return False
    keys = sent.keys
    # (the charge: the noun, or a masdar before it, under ب: اتهم Z X بقصف Y، اتهم Z X بتقديم المساعدات لـY)
    charge = any(keys[j].startswith("ب") and len(keys[j]) > 3 for j in range(actor.last + 1, trig.first + 1))
    return any(
        (row.type in JUDGEMENTS or (charge and row is not trig.row and row.type in CHARGES and v < actor.first))
        and v < trig.first
        and (v < actor.first or v > actor.last)
        and _clear(sent, v, trig.first)
        for v, row in sent.verb_triggers.items()
    )


#: Words of dates and times of day, which like titles, numbers and commas do not count in the
#: distances between a trigger and its actors (استقبل X، صباح اليوم الثلاثاء 12 مارس، Y).
DATE_WORDS = _keys(
    "اليوم أمس غدا يوم صباح مساء ظهر فجر ليلة عشية الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد "
    "الماضي الجاري المقبل القادم يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر "
    "ديسمبر جانفي فيفري أفريل ماي جوان جويلية أوت نونبر دجنبر كانون شباط آذار نيسان أيار حزيران تموز آب أيلول "
    "تشرين الأول الثاني وقت لاحق سابق"
)


def _distance(sent: _Sentence, start: int, end: int) -> int:
    """Tokens from ``start`` to ``end`` (exclusive) that count in the windows of actors: not
    the words of a title, of a date or a time of day, nor numbers, commas and quotation marks."""
    keys, words = sent.keys, sent.words
    return sum(
        1
        for j in range(start, end)
        if j not in sent.title_tokens
        and j not in sent.complement_tokens
        and _bare(keys[j]) not in DATE_WORDS
        and keys[j] not in _COMMAS
        and not _quote(words[j])
        and not keys[j].isdigit()
    )


def _after_bayna(sent: _Sentence, actor: _Actor) -> bool:
    """Is ``actor`` named after بين, alone or joined to the one after it (الاتفاق الذي وقع بين
    إيران ومجموعة 5+1): it is what the بين relates, no actor of a later trigger."""
    head = actor
    for a in sorted((a for a in sent.actors if a.last < actor.first), key=lambda a: -a.last):
        if not _coordinated(a, head, sent):
            break
        head = a
    return head.first > 0 and _bare(sent.keys[head.first - 1]) == normalize_key("بين")


def _next_to(sent: _Sentence, actor: _Actor, j: int) -> bool:
    """Is token ``j`` right after ``actor``, or after it and a comma (X، الذي التقى Y)?"""
    return j == actor.last + 1 or (j == actor.last + 2 and sent.keys[actor.last + 1] in _COMMAS)


#: Words before عن by which one acts for another (نيابة عن X، ممثلا عن X).
ON_BEHALF = _keys("نيابة ممثلا ممثلة")
#: Words that join two clauses of one act told side by side (وقع عن الجانب X ...، بينما وقع عن الجانب Y).
CONTRASTS = _keys("بينما فيما")
#: Words after عن that name a side (عن الجانب المغربي X، وعن الجانب الأردني Y).
SIDE_WORDS = _keys("الجانب جانب")


def _side_signatories(
    sent: _Sentence, end: int, actors: Sequence[_Actor], row: TriggerRow
) -> tuple[list[_Actor], list[_Actor]]:
    """The signatories named each after a side, and the bodies named as the sides, in the clause
    after token ``end`` and in one more that repeats the verb: وقعها عن الجانب العراقي الوزير X، وعن
    الجانب المصري Y; وقع من جانب [وزارة] Z ... X، ومن جانب [هيئة] W ... Y; عن [الاتحاد] ... Y; بينما وقع
    عن الجانب الجزائري Y. A signatory is the first person after the side (the first actor after
    عن الجانب when no person follows it there)."""
    keys = sent.keys
    people: list[_Actor] = []
    bodies: list[_Actor] = []
    by_token = {a.first: a for a in actors}
    j = end
    while j + 1 < len(keys):
        if _is_break(keys[j]) and not (keys[j] in CONTRASTS and (keys[j + 1],) in row.verbs):
            break  # (بينما وقع عن الجانب الجزائري Y: the verb goes on with the other side)
        # (نيابة عن X: X is the one a signatory acts for, no side)
        opener = _bare(keys[j]) if j == 0 or keys[j - 1] not in ON_BEHALF else ""
        if opener in ("عن", "من") and keys[j + 1] in SIDE_WORDS:  # عن الجانب X، من جانب [وزارة Z]
            body = by_token.get(j + 2) if opener == "من" else None
            after = body.last + 1 if body is not None else j + 2
        elif opener == "عن" and (body := by_token.get(j + 1)) is not None:  # عن [الاتحاد]
            after = body.last + 1
        else:
            j += 1
            continue
        if body is not None and body.type not in ("ORG", "LOC"):
            j += 1
            continue
        side = [a for a in actors if a.first >= after and _clear(sent, j, a.first)]
        side = side[: next((n for n, a in enumerate(side) if _side_opener(keys, a.first - 1)), len(side))]
        signatory = next((a for a in side if a.type == "PER"), None)
        if signatory is None and body is None and side and side[0].type in row.source_types:
            signatory = side[0]
        if signatory is not None:
            people.append(signatory)
        if body is not None:
            bodies.append(body)
        j = after
    return people, bodies


def _side_opener(keys: Sequence[str], j: int) -> bool:
    """Does a side's opener (عن، من جانب) end at token ``j``?"""
    return j >= 0 and (_bare(keys[j]) == "عن" or keys[j] in SIDE_WORDS)


def _object_pronoun(key: str, row: TriggerRow) -> bool:
    """Does a verb carry its object as a pronoun (استقبله، زارها): the row has it without one?"""
    stem = _bare(key) if key not in _form_index() else key
    return any(stem.endswith(e) and (stem[: -len(e)],) in row.verbs for e in _PRONOUN_ENDINGS)


def _pronoun_object_pairs(
    trig: _Trigger, right: Sequence[_Actor], actors: Sequence[_Actor], sent: _Sentence
) -> list[tuple[_Actor, _Actor, bool]]:
    """A verb with its object as a pronoun (وصل X إلى عمان حيث استقبله Y): the subject follows
    it, the object is the actor the pronoun stands for, the nearest before that the row allows
    as target (in the sentence, at most :data:`POSSESSOR_TOKENS` back, across clauses)."""
    row, keys = trig.row, sent.keys
    if (
        not right
        or _distance(sent, trig.end, right[0].first) >= RIGHT_TOKENS
        or not _verb_subject(sent, trig.first, trig.end, right[0])
    ):
        return []
    referent = next(
        (
            a
            for a in sorted(actors, key=lambda a: -a.last)
            if a.last < trig.first
            and _distance(sent, a.last + 1, trig.first) < POSSESSOR_TOKENS
            and a.type in row.target_types
            and not any(keys[j] in _PUNCTUATION_BREAKS for j in range(a.last + 1, trig.first))
        ),
        None,
    )
    if referent is None:
        return []
    subjects = _chain(right[0], right[1:], sent)
    pairs = [(s, referent) if row.direction == "active" else (referent, s) for s in subjects]
    return [(a, b, True) for a, b in pairs if a.type in row.source_types and b.type in row.target_types]


def _addressed(sent: _Sentence, left: Sequence[_Actor]) -> list[tuple[_Actor, _Actor, bool]]:
    """For a participle closing a clause (معزيا، مشيدا), ``(subject, addressee, True)`` when
    the clause names the one who acts first and the one addressed after إلى or ل:
    ``أبرق X إلى الرئيس Y معزيا``. ``left``: the clause's actors, nearest first."""
    if len(left) < 2:
        return []
    addressee, subject = left[0], left[-1]
    gap = [j for j in range(subject.last + 1, addressee.first) if j not in sent.title_tokens]
    to = normalize_key("إلى")
    if not gap or sent.keys[gap[-1]] not in (to, "الى") or any(sent.owner[j] is not None for j in gap):
        return []
    return [(subject, addressee, True)]


#: Verbs of leaving a place (غادر X الرياض)...
LEAVING = _keys("غادر غادرت يغادر تغادر")
#: ... and the words that put a visit before the leaving (بعد زيارة، عقب انتهاء زيارة، في ختام زيارة).
AFTER_WORDS = _keys("بعد عقب ختام انتهاء إثر اثر")


def _left_after_visit(sent: _Sentence, trig: _Trigger, actors: Sequence[_Actor]) -> list[tuple[_Actor, _Actor, bool]]:
    """A visit told by leaving (غادر X الرياض بعد انتهاء زيارة رسمية; غادر X المدينة بعد زيارة المسجد
    النبوي): the one who left visited the place left, and the place the visit names right after it."""
    keys, first = sent.keys, trig.first
    if trig.pronoun or not any(_bare(keys[j]) in AFTER_WORDS for j in range(max(0, first - 2), first)):
        return []
    verb = next((v for v in range(first - 1, max(-1, first - 20), -1) if _bare(keys[v]) in LEAVING), None)
    if verb is None or not _clear(sent, verb + 1, first):
        return []
    between = [a for a in actors if verb < a.first and a.last < first]
    who = next((a for a in between if a.type in ("PER", "ORG")), None)
    place = next((a for a in between if who is not None and a.first > who.last and a.type == "LOC"), None)
    if who is None or place is None:
        return []
    out = [(who, place, True)]
    after = trig.end
    nxt = next((a for a in actors if a.first == after and a.type == "LOC"), None)
    return [*out, (who, nxt, True)] if nxt is not None else out


def _destination_before(sent: _Sentence, trig: _Trigger, subjects: Sequence[_Actor]) -> _Actor | None:
    """The place a visitor went to, named under إلى between the visitor and ``في زيارة`` (غادر X
    القاهرة مساء الأحد إلى جدة في زيارة رسمية: X visits جدة; not the place left)."""
    keys, first = sent.keys, trig.first
    if not subjects or first < 2 or keys[first - 1] != normalize_key("في"):
        return None
    last = subjects[-1]
    return next(
        (
            a
            for a in sorted(sent.actors, key=lambda a: -a.first)
            if last.last < a.first
            and a.last < first - 1
            and a.type == "LOC"
            and (keys[a.first - 1] in TO_WORDS or a.prefix in TO_WORDS)
            and _clear(sent, a.last + 1, first)
            and not any(sent.owner[k] is not None for k in range(a.last + 1, first))
        ),
        None,
    )


#: "To": the place after it is where one went (إلى جدة).
TO_WORDS = _keys("إلى الى")


def _plural_verb(sent: _Sentence, j: int) -> bool:
    """Is token ``j`` an imperfect verb of two or more (يقدمان، سيقدمان، تواصلان، يعتزمون)?"""
    key = sent.keys[j]
    stem = key.removeprefix("و").removeprefix("س")
    return (
        sent.owner[j] is None
        and j not in sent.title_tokens
        and stem.startswith(("ي", "ت"))
        and stem.endswith(("ان", "ون"))
        and len(stem) > 5
    )


def _pronoun_partner(sent: _Sentence, trig: _Trigger, subjects: Sequence[_Actor]) -> _Actor | None:
    """The one a partner pronoun right after a symmetric verb stands for (استقبل X Y، ووقع معه اتفاقية):
    the actor named last before the verb, in the sentence, none of its subjects."""
    keys, first = sent.keys, trig.first
    if trig.end >= len(keys) or keys[trig.end] not in PRONOUN_PARTNERS:
        return None
    named = {s.entity for s in subjects}
    last = max(
        (a for a in sent.actors if a.last < first and not sent.complement(a)), key=lambda a: a.last, default=None
    )
    if (
        last is None
        or last.entity in named
        or last.type not in trig.row.target_types
        or any(keys[k] in _PUNCTUATION_BREAKS for k in range(last.last + 1, first))
    ):
        return None
    return last


def _objects(sent: _Sentence, right: Sequence[_Actor], after: int, deeds: Collection[int] = ()) -> list[_Actor]:
    """The actors from token ``after`` on in the clause, when the first is within
    :data:`OBJECT_TOKENS` of it (the object, and those joined to it by و may be farther);
    ``deeds`` as for :func:`_clear`."""
    rest = [a for a in right if a.first >= after and _clear(sent, after, a.first, deeds=deeds)]
    return rest if rest and _distance(sent, after, rest[0].first) < OBJECT_TOKENS else []


#: Words that open an adjunct of time (فور إقالة Z، عقب وصوله، خلال زيارته).
TIME_OPENERS = _keys("فور عقب إثر اثر خلال أثناء اثناء")
#: "On the sidelines of": an adjunct of time too.
MARGIN = (normalize_key("على"), normalize_key("هامش"))
#: The most tokens a relative clause between commas may have (:func:`_past_relative_clause`).
RELATIVE_CLAUSE_TOKENS = 20


def _past_relative_clause(sent: _Sentence, j: int) -> int:
    """Token ``j``, or the token after a relative clause or an adjunct of time between commas that
    opens there (التقى X، الذي يزور عمان حاليا، بنظيره Y; استقبل X، فور إقالة Z، Y: the object is looked
    for after it)."""
    keys, k = sent.keys, j
    while k < len(keys) and keys[k] in _COMMAS:
        k += 1
    # (استقبل X، فور إقالة Z، Y: an adjunct of time between commas, too)
    margin = tuple(keys[k : k + 2]) == MARGIN  # (التقى X، على هامش القمة، Y)
    if k == j or k >= len(keys) or not (keys[k] in RELATIVES or keys[k] in TIME_OPENERS or margin):
        return j
    for m in range(k + 1, min(k + RELATIVE_CLAUSE_TOKENS, len(keys))):
        if keys[m] in _COMMAS:
            return m + 1
        if _is_break(keys[m]):
            break
    return j


def _dropped_subject(sent: _Sentence, trig: _Trigger, actors: Sequence[_Actor]) -> _Actor | None:
    """The subject a verb leaves unsaid because it goes on from the sentence's first clause:
    after حيث، ثم، بعدما, before خلالها, or with و on the verb (نفى X ... وألقى باللوم على Y). It is the
    sentence's first actor, a person or an organization the trigger allows as source."""
    keys, first = sent.keys, trig.first
    clitic = keys[first][:1] in ("و", "ف") and keys[first] not in _form_index()
    during = trig.end < len(keys) and keys[trig.end] in DURING  # في زيارة ... يلتقي خلالها Y
    if trig.noun or not (clitic or during or (first > 0 and keys[first - 1] in CONTINUATIONS)):
        return None
    head = min(actors, key=lambda a: a.first, default=None)
    if head is not None and (said := [j for j in range(head.last + 1, first) if keys[j] in COMPLEMENTIZERS]):
        # أكد X أن قطر ... وتثمن: the verb goes on from the reported clause, from its subject named right
        # after أن (its title aside: قال X إن قوات Y اقتحمت Z، واعتقلت W)
        reported = min((a for a in actors if a.first > said[-1]), key=lambda a: a.first, default=None)
        if reported is None or reported.first > first:
            # أعلنت X أنها استدعت ...، وأدانت Y: the pronoun of أنها is X, the verb goes on from it
            return head if keys[said[-1]] in PRONOUN_COMPLEMENTIZERS and head.type in trig.row.source_types else None
        head = reported
        if not all(j in sent.title_tokens for j in range(said[-1] + 1, head.first)):
            return None
    if (
        head is None
        or head.last >= first - 1
        or head.type not in ("PER", "ORG")
        or head.type not in trig.row.source_types
    ):
        return None
    return head


def _verb_subject(sent: _Sentence, first: int, end: int, actor: _Actor) -> bool:
    """Can ``actor``, the first after a verb, be its subject (verb-first order)?

    Not when a preposition introduces it (… مع السوداني), unless it is the agent of a
    passive (وقعت من طرف X); not when an unnamed subject stands before the verb (الجيش
    اعتقل X) or after it (يلتقي الرئيس غدا، الملك X; وعين الملك أيضا X).
    """
    keys = sent.keys
    gap = range(end, actor.first)
    marks = [j for j in gap if keys[j] in {normalize_key("طرف"), "قبل"} and keys[j - 1] in FROM_WORDS]
    # وقعت من طرف (وزير الخارجية) X: the agent, its title between
    agent = bool(marks) and all(
        j in sent.title_tokens or j in sent.complement_tokens or keys[j] in _COMMAS
        for j in range(marks[-1] + 1, actor.first)
    )
    if agent:
        return True  # الاتفاقية وقعت من طرف X: the noun before the verb is what was signed
    if any(_bare(keys[j]) in _PREPOSITIONS or keys[j] in FROM_WORDS for j in gap):
        return False
    before = keys[first - 1] if first > 0 else ""
    # وفي ذات السياق استقبل X Y، في بداية الاجتماع أشاد X: the noun ends an adverbial
    adverbial = any(_bare(keys[k]) in ADVERBIAL_OPENERS | ADJUNCT_OPENERS for k in range(max(0, first - 3), first - 1))
    if (
        sent.owner[first - 1] is None
        and before.startswith("ال")
        and len(before) > 3
        and not sent.is_title(first - 1)
        and not adverbial
    ):
        return False
    head = next((j for j in gap if not _filler(sent, j)), actor.first)
    title_noun = head > end and sent.is_title(head - 1)  # فخامة رئيس الجمهورية، ... X: the title's noun
    document = _bare(keys[head]) in DOCUMENTS  # ووقع المذكرة X وY: the object before the subject
    # انتقد الناشط الحقوقي، X: a description set off by a comma right before the name is the name's
    described = (
        actor.first - head <= 4
        and keys[actor.first - 1] in _COMMAS
        and all(sent.owner[j] is None and not _is_break(keys[j]) for j in range(head, actor.first))
    )
    if head < actor.first and (
        keys[head] in UNNAMED_AGENTS or (_common_noun(sent, head) and not title_noun and not document and not described)
    ):
        return False  # وتستهدف العقوبات X، هاجم مسؤول في الحكومة X: the subject is not named
    return not _unnamed_subject(sent, end, actor)


def _light_subject(sent: _Sentence, first: int, end: int, actor: _Actor) -> bool:
    """Can ``actor`` be the subject of a noun's light verb (المباحثات التي جمعت X ...)? As for any
    verb (:func:`_verb_subject`), or after an adjunct of place or time that opens after the verb
    (التي جمعت في أكثر من مناسبة X): no preposition right before the actor, its title aside."""
    if _verb_subject(sent, first, end, actor):
        return True
    keys, j = sent.keys, actor.first - 1
    while j >= end and j in sent.title_tokens:
        j -= 1
    return (
        end < actor.first
        and _bare(keys[end]) in LOCATIVES | ADJUNCT_OPENERS
        and not actor.prefix
        and j >= end
        and keys[j] not in _PREPOSITIONS | FROM_WORDS
        and _clear(sent, end, actor.first)
        and not any(sent.owner[k] is not None for k in range(end, actor.first))
    )


#: Documents signed or handed: after a verb, the object, not an unnamed subject (ووقع المذكرة X).
DOCUMENTS = _keys("المذكرة الاتفاقية الاتفاق العقد البروتوكول الوثيقة الرسالة الاتفاقيتين المذكرتين")
#: Words before a definite noun that make it an adverbial, not a verb's subject (في ذات السياق، في هذا الإطار).
ADVERBIAL_OPENERS = _keys("في ذات هذا هذه نفس")


#: Complementizers that carry the subject of their clause as a pronoun (أعلنت X أنها فرضت ...).
PRONOUN_COMPLEMENTIZERS = _keys("أنه أنها إنه إنها بأنه بأنها")
#: The forces of the one speaking, the subject after its complementizer (قال X إن قواته اعتقلت Y).
OWN_FORCES = _keys("قواته قواتها طائراته طائراتها عناصره عناصرها مقاتلاته مقاتلاتها")
#: Verbs of saying, whose subject a pronoun complementizer after them stands for.
SAYING = _keys(
    "قال وقال قالت وقالت أضاف وأضاف أضافت وأضافت أكد وأكد أكدت وأكدت أعلن وأعلن أعلنت وأعلنت ذكر وذكر ذكرت "
    "وذكرت أوضح وأوضح أوضحت وأوضحت صرح وصرح صرحت وصرحت زعم وزعم زعمت وزعمت"
)


def _reported_subject(sent: _Sentence, trig: _Trigger, actors: Sequence[_Actor]) -> _Actor | None:
    """The subject of a verb right after a complementizer with a pronoun (أنها، إنه; قد or a quote
    mark between) or after one and the speaker's forces (إن قواته): the first actor after the verb of
    saying before it (أعلنت X في بيان أنها فرضت عقوبات على Y، قال X إنه التقى Y، زعم X أن قواته شنت حملة
    اعتقالات في Y: a noun, its verb's object), in the sentence, the trigger's row allowing it as source."""
    keys, j = sent.keys, trig.first - 1
    if trig.noun:  # (أن قواته شنت حملة اعتقالات في Y: a noun, the object of its verb)
        if j < 0 or _bare(keys[j]) not in NOUN_VERBS:
            return None
        j -= 1
    while j >= 0 and (keys[j] == "قد" or _quote(sent.words[j])):  # أنها "فرضت عقوبات ...
        j -= 1
    if j > 0 and keys[j] in OWN_FORCES and keys[j - 1] in COMPLEMENTIZERS:
        j -= 1  # قال X إن قواته اعتقلت Y: X's forces are X
    elif j < 0 or keys[j] not in PRONOUN_COMPLEMENTIZERS:
        return None
    say = next((v for v in range(j - 1, -1, -1) if keys[v] in SAYING or keys[v] in _PUNCTUATION_BREAKS), None)
    if say is None or keys[say] in _PUNCTUATION_BREAKS:
        return None
    return next(
        (
            a
            for a in actors
            if say < a.first
            and a.last < j
            and a.type in ("PER", "ORG")
            and a.type in trig.row.source_types
            and not sent.complement(a)
        ),
        None,
    )


def _fronted_destination(
    sent: _Sentence, trig: _Trigger, right: Sequence[_Actor]
) -> tuple[_Actor, _Actor, bool] | None:
    """``(subject, place, True)`` when a verb that wants a preposition before its object names
    the place right after it, under that preposition, and its subject after the place, only times
    and titles between (وصل إلى Z اليوم الخميس الدكتور X)."""
    row, keys, end = trig.row, sent.keys, trig.end
    if not row.target_prep or len(right) < 2:
        return None
    place, subject = right[0], right[1]
    under = place.prefix[-1:] in row.target_prep or (place.first == end + 1 and keys[end] in row.target_prep)
    if not (under and place.first <= end + 1 and place.type in row.target_types and subject.type in row.source_types):
        return None
    gap = range(place.last + 1, subject.first)
    return (subject, place, True) if all(_filler(sent, j) for j in gap) else None


def _filler(sent: _Sentence, j: int) -> bool:
    """A token between a verb and its subject that is not the subject: a date, a number, an
    adverb, punctuation or the words of a title."""
    k = sent.keys[j]
    return (
        j in sent.title_tokens
        or sent.is_title(j)
        or _bare(k) in DATE_WORDS
        or k.isdigit()
        or k in _COMMAS
        or _quote(sent.words[j])
        or not any(c.isalnum() for c in k)
        or _adverb(sent, j)
    )


def _common_noun(sent: _Sentence, j: int) -> bool:
    """A definite word outside names and titles (العقوبات، الطائرات): a noun that names no one."""
    k = sent.keys[j]
    return sent.owner[j] is None and k.startswith("ال") and len(k) > 4 and not _title_word(k)


def _prep(key: str, preps: frozenset[str]) -> bool:
    """Is ``key`` one of ``preps``, or a word carrying one as a proclitic (للجزائر for ل)?"""
    return key in preps or any(len(p) == 1 and key.startswith(p) and len(key) > 3 for p in preps)


# ----------------------------------------------------------------------------- roles


@cache
def role_glosses() -> tuple[tuple[tuple[str, ...], str], ...]:
    """The titles of ``shabaka/data/roles.csv`` as normalized words, longest first, with their gloss."""
    path = str(files("shabaka") / "data" / "roles.csv")
    out = []
    for n, row in _table_rows(path):
        if not row.get("title") or row.get("gloss") is None:
            raise RelationTableError(f"{path}, line {n}: a row needs a title and a gloss")
        out.append((tuple(normalize_key(w) for w in row["title"].split()), row["gloss"].strip()))
    return tuple(sorted(out, key=lambda tg: -len(tg[0])))


@cache
def _glosses_by_head() -> dict[str, list[tuple[int, tuple[str, ...], str]]]:
    """The titles of :func:`role_glosses` by their first word, with their rank (longest first)."""
    index: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}
    for rank, (title, gloss) in enumerate(role_glosses()):
        index.setdefault(title[0], []).append((rank, title, gloss))
    return index


_TITLE_CLITICS = frozenset({"و", "ف", "ب", "ل", "ال"})


def _gloss_at(keys: Sequence[str], i: int) -> str | None:
    """The gloss of a roles-table title starting at token ``i`` (proclitics allowed), else None;
    the longest title where several start there."""
    index = _glosses_by_head()
    found = [
        (rank, gloss)
        for stem, used in _stems(keys[i])
        if used <= _TITLE_CLITICS
        for rank, title, gloss in index.get(stem, ())
        if len(keys) - i >= len(title) and all(_same_word(keys[i + k], title[k]) for k in range(1, len(title)))
    ]
    return min(found)[1] if found else None


def find_roles(sentence_text: str, mentions: Sequence[MentionSpan]) -> list[Role]:
    """Person → organization or country links written in titles.

    A title just before a person's name (``وزير خارجية تركيا هاكان فيدان``, ``المتحدث
    باسم الاتحاد بيتر ستانو``) or in apposition after it (``الحسن ناصري، سفيرا
    بجمهورية السنغال``) links the person to each organization or country named in it.
    A place named after في once the title has its complement (``مديرة مكتب البنك
    الدولي في اليمن``) is where the office is, and is left out.

    Parameters
    ----------
    sentence_text, mentions
        As for :func:`find_relations`.

    Returns
    -------
    list of Role
        In the order of the persons.

    Examples
    --------
    >>> s = "قال سفير الولايات المتحدة لدى المغرب دايفيد فيشر إن"
    >>> m = [(8, 25, "us", "LOC"), (30, 36, "ma", "LOC"), (37, 48, "fisher", "PER")]
    >>> [(r.person, r.target, r.gloss) for r in find_roles(s, m)]
    [('fisher', 'us', 'ambassador of'), ('fisher', 'ma', 'ambassador to')]
    """
    return _Sentence(sentence_text, mentions).roles


#: Nouns that, under ب, introduce a place (بجمهورية السنغال، بمدينة طنجة).
_PLACE_NOUNS = _keys("جمهورية مدينة مملكة دولة ولاية منطقة محافظة العاصمة مقر مطار ملعب قصر")


def _ba_place(key: str) -> bool:
    """A place noun under ب (بمدينة، بولاية، بمطار): what follows is where, not who.

    >>> _ba_place(normalize_key("بمطار")), _ba_place(normalize_key("بالشكر"))
    (True, False)
    """
    return key.startswith("ب") and key[1:].removeprefix("ال") in _PLACE_NOUNS


def _ba(head: str) -> bool:
    """Does a place's first word carry the preposition ب (بالرباط، بجمهورية السنغال)?

    Only before the article or a place noun: بغداد and بريطانيا start with ب of their own.

    >>> _ba(normalize_key("بالرباط")), _ba(normalize_key("بجمهورية")), _ba(normalize_key("بغداد"))
    (True, True, False)
    """
    rest = head[1:]
    return head.startswith("ب") and ((rest.startswith("ال") and len(rest) > 3) or rest in _PLACE_NOUNS)


# ----------------------------------------------------------------------------- links


def document_relations(
    doc_id: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    entity_of: Callable[[Mention], str | None],
    type_of: Callable[[str], str],
) -> Iterator[tuple[Relation, dict[str, Any]]]:
    """The relations and role links of one document, each with its evidence.

    Parameters
    ----------
    doc_id, sentences, mentions
        A document's id, its sentences (text kept where mentions are) and mentions.
    entity_of
        A mention's entity key, or None to leave it out.
    type_of
        An entity key's type (the entity's, not the mention's: resolution settles it).

    Yields
    ------
    (Relation, dict)
        The relation (entities as keys; a role as :func:`role_relation` makes it) and its
        evidence: ``doc``, ``sentence``, ``text``, ``highlights`` (the two entities'
        ``[start, end]`` offsets in ``text``) and ``trigger`` (the offsets of the words that
        state it: the verb, the noun or the title).
    """
    by_sentence: dict[int, list[tuple[str, Mention]]] = {}
    for m in mentions:
        key = entity_of(m)
        if key is not None:
            by_sentence.setdefault(m.sentence, []).append((key, m))
    text_of = {s.index: s for s in sentences}
    for index in sorted(by_sentence):
        found = by_sentence[index]
        if len({k for k, _ in found}) < 2:
            continue
        s = text_of[index]
        spans = [(m.start - s.start, m.end - s.start, key, type_of(key)) for key, m in found]
        sent = _Sentence(s.text, spans)
        rels = [*_relations(sent), *map(role_relation, sent.roles)]
        for rel in rels:
            marks = sorted({(a, b) for a, b, k, _ in spans if k in rel.entities})
            yield (
                rel,
                {
                    "doc": doc_id,
                    "sentence": index,
                    "text": s.text,
                    "highlights": [list(x) for x in marks],
                    "trigger": [rel.start, rel.end],
                },
            )


@dataclass(slots=True)
class RelationTally:
    """Relations counted per link and type, mergeable across partitions.

    Evidence is kept in the order it comes, ``evidence_cap`` items per link and type: the
    tallies of consecutive parts of a corpus, merged in order, equal the tally of the
    whole (the dask engine relies on it).
    """

    evidence_cap: int = 5
    #: ``(a, b)`` with ``a < b`` → type → counts (``dirs`` and ``glosses`` are folded by :meth:`links`).
    entries: dict[tuple[str, str], dict[str, dict[str, Any]]] = field(default_factory=dict)

    def add(self, relation: Relation, evidence: Any) -> None:
        """Count one relation found in a sentence, with what is kept as its evidence."""
        a, b = sorted(relation.entities)
        entry = self._entry((a, b), relation.type, relation.cypher)
        entry["count"] += 1
        if relation.direction is not None:
            entry["dirs"].add(relation.direction)
        entry["glosses"][relation.gloss] = entry["glosses"].get(relation.gloss, 0) + 1
        if len(entry["evidence"]) < self.evidence_cap and evidence not in entry["evidence"]:
            entry["evidence"].append(evidence)

    def _entry(self, pair: tuple[str, str], kind: str, cypher: str) -> dict[str, Any]:
        return self.entries.setdefault(pair, {}).setdefault(
            kind, {"count": 0, "dirs": set(), "glosses": {}, "cypher": cypher, "evidence": []}
        )

    def merge(self, other: RelationTally) -> RelationTally:
        """Add ``other`` (the tally of later documents) into this one; return self."""
        for pair, types in other.entries.items():
            for kind, theirs in types.items():
                entry = self._entry(pair, kind, theirs["cypher"])
                entry["count"] += theirs["count"]
                entry["dirs"] |= theirs["dirs"]
                for gloss, n in theirs["glosses"].items():
                    entry["glosses"][gloss] = entry["glosses"].get(gloss, 0) + n
                for item in theirs["evidence"]:
                    if len(entry["evidence"]) < self.evidence_cap and item not in entry["evidence"]:
                        entry["evidence"].append(item)
        return self

    def links(self) -> dict[tuple[str, str], dict[str, dict[str, Any]]]:
        """``{(a, b): {type: {"count": n, "direction": [source, target] | "both" | None,
        "gloss": ..., "cypher": ..., "evidence": [...]}}}`` with ``a < b`` (the key order of
        an undirected networkx edge), types sorted. ``direction`` is the one every directed
        observation agrees on, ``"both"`` when they disagree, ``None`` for a symmetric type;
        ``gloss`` the most frequent (the first seen on a tie)."""
        out: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
        for pair, types in self.entries.items():
            out[pair] = {}
            for kind in sorted(types):
                e = types[kind]
                dirs = e["dirs"]
                out[pair][kind] = {
                    "count": e["count"],
                    "direction": list(next(iter(dirs))) if len(dirs) == 1 else "both" if dirs else None,
                    "gloss": max(e["glosses"], key=e["glosses"].get),
                    "cypher": e["cypher"],
                    "evidence": list(e["evidence"]),
                }
        return out


def tally_relations(
    found: Iterable[tuple[Relation, Any]], evidence_cap: int = 5
) -> dict[tuple[str, str], dict[str, dict[str, Any]]]:
    """Relations found in many sentences, as the ``relations`` attribute of each link
    (see :meth:`RelationTally.links`).

    Parameters
    ----------
    found
        ``(relation, evidence)`` pairs: what :func:`find_relations` (or a :class:`Role`
        turned into a relation by :func:`role_relation`) returned for a sentence, and the
        text kept as evidence (the sentence, or a reference to it).
    evidence_cap
        Evidence kept per link and type.

    Examples
    --------
    >>> r = Relation("meeting", ("x", "y"), ("y", "x"), "استقبل", 0, 6, "received", "MET")
    >>> tally_relations([(r, "s1"), (r, "s2")])[("x", "y")]["meeting"]["direction"]
    ['y', 'x']
    """
    tally = RelationTally(evidence_cap)
    for rel, evidence in found:
        tally.add(rel, evidence)
    return tally.links()


def role_relation(role: Role) -> Relation:
    """A role link as a :class:`Relation` of type ``role`` (person → organization or country),
    so that :func:`tally_relations` counts it with the others (Cypher type ``ROLE``)."""
    return Relation(
        "role", (role.person, role.target), (role.person, role.target), role.title, role.start, role.end,
        role.gloss, "ROLE",
    )  # fmt: skip
