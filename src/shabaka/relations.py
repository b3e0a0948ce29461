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
  is linked to the person by :func:`find_roles`, and is no actor of the event.

:func:`find_roles` reads titles before a person's name (``سفير الولايات المتحدة لدى
المغرب دايفيد فيشر``) and in apposition after it (``X، سفيرا لدى مالي``), using the
resolver's title list (:func:`shabaka.resolve.parse_title`) and the glosses of
``shabaka/data/roles.csv``.

Both functions are pure: a sentence's text and its mentions as ``(start, end,
entity_id, type)`` character spans in that text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from shabaka.model import Token
from shabaka.resolve import parse_title
from shabaka.text import normalize_key, tokenize

#: A mention given to :func:`find_relations`: start and end offsets in the sentence,
#: the entity's id and its type (PER, ORG, LOC, MISC).
MentionSpan = tuple[int, int, str, str]

#: Actors are looked for at most this many tokens before a trigger...
LEFT_TOKENS = 12
#: ... and after it (the subject of a verb-first sentence, then its object).
RIGHT_TOKENS = 14
#: Two actors joined by و are coordinated when at most this many tokens part them.
COORDINATION_TOKENS = 6
#: A trigger preceded, this many tokens before, by a negation or an attempt gives nothing.
NEGATION_TOKENS = 3

#: Tokens that end the clause of a trigger: punctuation, complementizers, relative
#: pronouns and clause-opening conjunctions (keys of :func:`shabaka.text.normalize_key`).
CLAUSE_BREAKS = frozenset(
    normalize_key(w)
    for w in ". ؛ ; : ؟ ? ! أن وأن بأن لأن إن وإن الذي التي الذين اللذين اللتين اللذان اللتان "
    "بينما فيما لكن ولكن لكنه لكنها حيث وحيث بعدما عندما إذ كما وكما ثم بعد".split()
)
#: Negations and attempts: what follows did not (or not yet) happen.
NEGATIONS = frozenset(
    normalize_key(w) for w in "لم لن لا ما عدم رفض رفضت يرفض ترفض نفى نفت ينفي تنفي حاول حاولت محاولة دون".split()
)
#: Words after which a place is where something happened, not a party to it.
LOCATIVES = frozenset(normalize_key(w) for w in "في فى داخل قرب وسط ضواحي بضواحي أنحاء".split())
#: Words that make the next actor the giver of what the trigger names (تلقى اتصالا من Y).
FROM_WORDS = frozenset(normalize_key(w) for w in "من قبل طرف".split())
_PUNCTUATION_BREAKS = frozenset(".؛;:؟?!")


class RelationTableError(ValueError):
    """A row of a relation or role table is malformed (the message names the file and row)."""


@dataclass(frozen=True, slots=True)
class TriggerRow:
    """One row of the trigger table: a relation type and the forms that express it."""

    type: str
    forms: tuple[tuple[str, ...], ...]  # normalized words of each form
    clitics: frozenset[str]
    direction: str  # active | reverse | symmetric
    target_prep: frozenset[str]
    source_types: frozenset[str]
    target_types: frozenset[str]
    gloss: str
    verb: str


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation stated by a sentence between two of its entities.

    ``entities`` are the two entity ids in the order of the sentence; ``direction`` is
    ``(source, target)``, or ``None`` when the relation is symmetric (``التقى``,
    ``وقع``). ``trigger`` is the text of the words that state it and ``start``, ``end``
    their offsets in the sentence; ``gloss`` its English label and ``verb`` the
    relationship type an export may use (``MET``, ``SIGNED_WITH``…).
    """

    type: str
    entities: tuple[str, str]
    direction: tuple[str, str] | None
    trigger: str
    start: int
    end: int
    gloss: str
    verb: str


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


def _split(cell: str) -> frozenset[str]:
    return frozenset(normalize_key(w) for w in cell.split())


@cache
def trigger_table() -> tuple[TriggerRow, ...]:
    """The rows of ``shabaka/data/relations.csv`` (comment lines start with ``#``)."""
    return load_triggers(str(files("shabaka") / "data" / "relations.csv"))


def load_triggers(path: str) -> tuple[TriggerRow, ...]:
    """Read a trigger table (the format of ``shabaka/data/relations.csv``).

    Raises
    ------
    RelationTableError
        When a row lacks a column or has an unknown direction; the message names the
        file and line.
    """
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        lines = [(n, line) for n, line in enumerate(f, 1) if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(line for _, line in lines)
    for (n, _), row in zip(lines[1:], reader, strict=True):
        try:
            direction = row["direction"].strip()
            if direction not in ("active", "reverse", "symmetric"):
                raise RelationTableError(f"{path}, line {n}: direction {direction!r} is not active, reverse or symmetric")
            forms = tuple(tuple(normalize_key(w) for w in f.split()) for f in row["forms"].split("|") if f.strip())
            rows.append(
                TriggerRow(
                    type=row["type"].strip(),
                    forms=forms,
                    clitics=frozenset(row["clitics"].split()),
                    direction=direction,
                    target_prep=_split(row["target_prep"]),
                    source_types=frozenset(row["source_types"].split()),
                    target_types=frozenset(row["target_types"].split()),
                    gloss=row["gloss"].strip(),
                    verb=row["verb"].strip(),
                )
            )
        except (KeyError, AttributeError) as e:
            raise RelationTableError(f"{path}, line {n}: missing column {e}; the header names the columns") from None
    return tuple(rows)


@cache
def _form_index() -> dict[str, list[tuple[tuple[str, ...], TriggerRow]]]:
    index: dict[str, list[tuple[tuple[str, ...], TriggerRow]]] = {}
    for row in trigger_table():
        for form in row.forms:
            index.setdefault(form[0], []).append((form, row))
    for forms in index.values():
        forms.sort(key=lambda fr: -len(fr[0]))  # longest form first
    return index


def _stems(key: str) -> list[tuple[str, frozenset[str]]]:
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
        if stem.startswith("لل") and len(stem) > 3:
            out.append((stem[2:], used | {"ل", "ال"}))
        elif stem[:1] in ("ب", "ل") and len(stem) > 2:
            out.append((stem[1:], used | {stem[0]}))
    for stem, used in list(out):
        if stem.startswith("ال") and len(stem) > 3:
            out.append((stem[2:], used | {"ال"}))
    return list(dict(out).items())


def _same_word(key: str, form_word: str) -> bool:
    """A later word of a several-word form: with or without the article."""
    return key == form_word or key.removeprefix("ال") == form_word.removeprefix("ال")


def _find_triggers(keys: Sequence[str], in_mention: Sequence[bool]) -> list[tuple[int, int, TriggerRow]]:
    """Trigger occurrences as (first token, end token, row), outside every mention."""
    found = []
    index = _form_index()
    i = 0
    while i < len(keys):
        match = None
        if not in_mention[i]:
            for stem, used in _stems(keys[i]):
                for form, row in index.get(stem, ()):
                    end = i + len(form)
                    if (
                        used <= row.clitics
                        and end <= len(keys)
                        and not any(in_mention[i:end])
                        and all(_same_word(keys[i + k], form[k]) for k in range(1, len(form)))
                        and (match is None or end > match[1])
                    ):
                        match = (i, end, row)
        if match:
            found.append(match)
            i = match[1]
        else:
            i += 1
    return found


def _is_break(key: str) -> bool:
    return key in CLAUSE_BREAKS or (bool(key) and all(c in _PUNCTUATION_BREAKS for c in key))


def _actors(
    tokens: Sequence[Token], mentions: Iterable[MentionSpan]
) -> tuple[list[_Actor], list[int | None]]:
    """The mentions as token spans, and the actor index of each token (None outside mentions)."""
    actors: list[_Actor] = []
    owner: list[int | None] = [None] * len(tokens)
    for start, end, entity, kind in sorted(mentions):
        covered = [i for i, t in enumerate(tokens) if t.start < end and t.end > start]
        if not covered or any(owner[i] is not None for i in covered):
            continue  # no token, or overlapping an earlier mention
        for i in covered:
            owner[i] = len(actors)
        actors.append(_Actor(entity, kind, covered[0], covered[-1]))
    return actors, owner


def _locative(actor: _Actor, keys: Sequence[str]) -> bool:
    """Is the actor where something happened (في القاهرة، بالرباط) rather than a party?"""
    return (actor.type == "LOC" and _ba(keys[actor.first])) or any(
        keys[j] in LOCATIVES for j in range(max(0, actor.first - 3), actor.first)
    )


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
    tokens = tokenize(sentence_text)
    keys = [normalize_key(t.text) for t in tokens]
    actors, owner = _actors(tokens, mentions)
    if len({a.entity for a in actors}) < 2:
        return []
    roles = find_roles(sentence_text, mentions)
    eligible = [
        a for a in actors
        if not _locative(a, keys)
        and not any(r.target == a.entity and r.start <= tokens[a.first].start < r.end for r in roles)
    ]  # fmt: skip
    out: dict[tuple[str, tuple[str, str], tuple[str, str] | None], Relation] = {}
    for first, end, row in _find_triggers(keys, [o is not None for o in owner]):
        if any(keys[j] in NEGATIONS for j in range(max(0, first - NEGATION_TOKENS), first)):
            continue
        for source, target, directed in _pairs(first, end, row, eligible, keys):
            if source.entity == target.entity:
                continue
            pair = (source.entity, target.entity) if source.first < target.first else (target.entity, source.entity)
            direction = (source.entity, target.entity) if directed else None
            trigger = sentence_text[tokens[first].start : tokens[end - 1].end]
            out.setdefault(
                (row.type, pair, direction),
                Relation(row.type, pair, direction, trigger, tokens[first].start, tokens[end - 1].end, row.gloss, row.verb),
            )
    return list(out.values())


def _clear(keys: Sequence[str], start: int, end: int) -> bool:
    """No clause break among tokens ``start`` to ``end`` (exclusive)."""
    return not any(_is_break(keys[j]) for j in range(start, end))


def _coordinated(a: _Actor, b: _Actor, keys: Sequence[str]) -> bool:
    """Is ``b`` joined to ``a`` by و (``X و Y``, ``X، ونظيره Y``)?"""
    gap = range(a.last + 1, b.first)
    if len(gap) > COORDINATION_TOKENS or not _clear(keys, a.last + 1, b.first):
        return False
    return any(keys[j].startswith("و") for j in [*gap, b.first])


def _pairs(
    first: int, end: int, row: TriggerRow, actors: Sequence[_Actor], keys: Sequence[str]
) -> list[tuple[_Actor, _Actor, bool]]:
    """(source, target, directed) for the actors a trigger relates."""
    left = [a for a in actors if a.last < first and first - a.last <= LEFT_TOKENS and _clear(keys, a.last + 1, first)]
    right = [a for a in actors if a.first >= end and a.first - end < RIGHT_TOKENS and _clear(keys, end, a.first)]
    left.sort(key=lambda a: -a.last)
    right.sort(key=lambda a: a.first)
    if left:
        subjects, rest = [left[0]], right
    elif right:
        subjects, rest = [right[0]], right[1:]
        while rest and _coordinated(subjects[-1], rest[0], keys):
            subjects.append(rest.pop(0))
    else:
        return []
    out: list[tuple[_Actor, _Actor, bool]] = []
    if row.direction == "symmetric" and len(subjects) > 1 and not row.target_prep:
        out += [(a, b, False) for k, a in enumerate(subjects) for b in subjects[k + 1 :]]
    if row.direction == "symmetric" and row.target_prep and keys[end : end + 1] == [normalize_key("بين")]:
        between = [a for a in right if a.first > end]
        if len(between) > 1 and _coordinated(between[0], between[1], keys):
            return [(between[0], between[1], False)]
        return []
    if not rest:
        return out
    objects = [rest[0]]
    for a in rest[1:]:
        if _coordinated(objects[-1], a, keys):
            objects.append(a)
    subject_end = max(s.last for s in subjects)
    for obj in objects:
        scope = range(max(end, subject_end + 1) if subjects[0].first > first else end, obj.first)
        if row.target_prep and not any(_prep(keys[j], row.target_prep) for j in [*scope, obj.first]):
            continue
        giver = any(keys[j] in FROM_WORDS for j in range(max(end, obj.first - 2), obj.first))
        for subj in subjects:
            src, dst = (obj, subj) if (row.direction == "reverse") != giver else (subj, obj)
            if src.type in row.source_types and dst.type in row.target_types:
                out.append((src, dst, row.direction != "symmetric"))
    return out


def _prep(key: str, preps: frozenset[str]) -> bool:
    """Is ``key`` one of ``preps``, or a word carrying one as a proclitic (للجزائر for ل)?"""
    return key in preps or any(len(p) == 1 and key.startswith(p) and len(key) > 3 for p in preps)


# ----------------------------------------------------------------------------- roles


@cache
def role_glosses() -> tuple[tuple[tuple[str, ...], str], ...]:
    """The titles of ``shabaka/data/roles.csv`` as normalized words, longest first, with their gloss."""
    path = str(files("shabaka") / "data" / "roles.csv")
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    for n, row in enumerate(csv.DictReader(lines), 2):
        if not row.get("title") or row.get("gloss") is None:
            raise RelationTableError(f"{path}, row {n}: a row needs a title and a gloss")
        out.append((tuple(normalize_key(w) for w in row["title"].split()), row["gloss"].strip()))
    return tuple(sorted(out, key=lambda tg: -len(tg[0])))


def _gloss_at(keys: Sequence[str], i: int) -> str | None:
    """The gloss of a roles-table title starting at token ``i`` (proclitic و allowed), else None."""
    for title, gloss in role_glosses():
        words = keys[i : i + len(title)]
        if len(words) == len(title) and all(_same_word(k, t) for k, t in zip(words[1:], title[1:], strict=True)):
            if any(s == title[0] for s, used in _stems(keys[i]) if used <= {"و", "ف"}):
                return gloss
    return None


def _title_at(tokens: Sequence[Token], keys: Sequence[str], i: int, text: str) -> bool:
    """Does a title (the resolver's or the role table's) start at token ``i``?"""
    if _gloss_at(keys, i) is not None:
        return True
    parsed = parse_title(text[tokens[i].start : tokens[i].end] + " X")
    return bool(parsed.role)


def find_roles(sentence_text: str, mentions: Sequence[MentionSpan]) -> list[Role]:
    """Person → organization or country links written in titles.

    A title just before a person's name (``وزير خارجية تركيا هاكان فيدان``, ``المتحدث
    باسم الاتحاد بيتر ستانو``) or in apposition after it (``الحسن ناصري، سفيرا
    بجمهورية السنغال``) links the person to each organization or country named in it.
    A place named after في once the title has its complement (``مديرة مكتب البنك
    الدولي في اليمن``) is where the office is, and is left out.

    Examples
    --------
    >>> s = "قال سفير الولايات المتحدة لدى المغرب دايفيد فيشر إن"
    >>> m = [(8, 25, "us", "LOC"), (30, 36, "ma", "LOC"), (37, 48, "fisher", "PER")]
    >>> [(r.person, r.target, r.gloss) for r in find_roles(s, m)]
    [('fisher', 'us', 'ambassador of'), ('fisher', 'ma', 'ambassador to')]
    """
    tokens = tokenize(sentence_text)
    keys = [normalize_key(t.text) for t in tokens]
    actors, owner = _actors(tokens, mentions)
    triggers = {j for first, end, _ in _find_triggers(keys, [o is not None for o in owner]) for j in range(first, end)}
    out: list[Role] = []
    for person in (a for a in actors if a.type == "PER"):
        spans = []
        # a title before the name: the farthest title word in the run of words just left of it
        start = None
        j = person.first - 1
        while j >= 0 and person.first - j <= 10:
            k = keys[j]
            if _is_break(k) or k in {"،", ","} or j in triggers:
                break
            if owner[j] is not None and actors[owner[j]].type == "PER":
                break
            if owner[j] is None and _title_at(tokens, keys, j, sentence_text):
                start = j
            j -= 1
        if start is not None:
            spans.append((start, person.first))
        # a title in apposition after the name: X، سفيرا لدى Y / X رئيس جمهورية Y / X : سفير ...
        j = person.last + 1
        if j < len(tokens) and keys[j] in {"،", ",", ":", "-"}:
            j += 1
        if j < len(tokens) and owner[j] is None and j not in triggers and _title_at(tokens, keys, j, sentence_text):
            stop = j + 1
            while stop < len(tokens) and stop - j < 10 and not _is_break(keys[stop]) and keys[stop] not in {"،", ","}:
                if stop in triggers or (owner[stop] is not None and actors[owner[stop]].type == "PER"):
                    break
                stop += 1
            spans.append((j, stop))
        for first, stop in spans:
            out += _role_links(person, first, stop, tokens, keys, actors, owner, sentence_text)
    return out


def _role_links(
    person: _Actor,
    first: int,
    stop: int,
    tokens: Sequence[Token],
    keys: Sequence[str],
    actors: Sequence[_Actor],
    owner: Sequence[int | None],
    text: str,
) -> list[Role]:
    """The role links of the title spanning tokens ``first`` to ``stop`` (exclusive)."""
    targets = []
    seen: set[int] = set()
    for j in range(first, stop):
        o = owner[j]
        if o is None or o in seen or actors[o].type not in ("ORG", "LOC") or actors[o].last >= stop:
            continue
        seen.add(o)
        before = keys[j - 1] if j > first else ""
        if targets and before in LOCATIVES:
            break  # مكتب البنك الدولي في اليمن: where the office is
        targets.append((actors[o], before, keys[j]))
    if not targets:
        return []
    end_token = max(a.last for a, _, _ in targets)
    title = text[tokens[first].start : tokens[end_token].end]
    gloss = next((g for i in range(first, end_token + 1) if (g := _gloss_at(keys, i)) is not None), "")
    out = []
    for actor, before, head in targets:
        prep = "to" if before == normalize_key("لدى") else "in" if before in LOCATIVES or _ba(head) else "of"
        out.append(Role(person.entity, actor.entity, title, f"{gloss} {prep}" if gloss else "", tokens[first].start, tokens[end_token].end))
    return out


#: Nouns that, under ب, introduce a place (بجمهورية السنغال، بمدينة طنجة).
_PLACE_NOUNS = frozenset(normalize_key(w) for w in "جمهورية مدينة مملكة دولة ولاية منطقة محافظة العاصمة مقر".split())


def _ba(head: str) -> bool:
    """Does a place's first word carry the preposition ب (بالرباط، بجمهورية السنغال)?

    Only before the article or a place noun: بغداد and بريطانيا start with ب of their own.

    >>> _ba(normalize_key("بالرباط")), _ba(normalize_key("بجمهورية")), _ba(normalize_key("بغداد"))
    (True, True, False)
    """
    rest = head[1:]
    return head.startswith("ب") and (rest.startswith("ال") and len(rest) > 3 or rest in _PLACE_NOUNS)
