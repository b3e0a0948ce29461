"""The :class:`Resolver`: the rules of :data:`RULES` applied in order (see :mod:`shabaka.resolve`)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from shabaka.arabic import proclitic_variants, skeleton
from shabaka.config import ResolveSettings, check_choice
from shabaka.extract.patterns import PROVINCE_WORDS, PatternWords, nation, nationality, pattern_words
from shabaka.lexicon import (
    EDGE_CHARS,
    QUOTE_TABLE,
    AliasTable,
    builtin_aliases,
    form_key,
    gazetteer_aliases,
    given_names,
    load_aliases,
    person_words,
)
from shabaka.model import Entity, Mention, Sentence
from shabaka.resolve.forms import Form, Groups, label_of, majority_type
from shabaka.resolve.keys import spelling_key, strip_article, word_set
from shabaka.resolve.titles import Parsed, context_roles, decliticize, has_title, parse_title
from shabaka.text import normalize_key, strip_bidi_controls, token_texts


def _typed(g: Form, *types: str) -> bool:
    """Whether the mentions of ``g`` have a type and the one most of them have is among ``types``."""
    return g.types.total() > 0 and majority_type(g.types) in types


@dataclass(frozen=True, slots=True)
class Rule:
    """A merge rule: what it does, and the :class:`Resolver` method applying it to the
    groups of forms (None: applied where forms are made, ``title``, or where entities
    are made, ``partial``)."""

    description: str
    step: str | None = None


#: The merge rules, in the order they are applied; an entity's ``resolution`` attribute
#: names the rules that merged it. ``alias`` and ``gazetteer`` share one step (the rows of
#: the tables, in sorted order); ``spelling`` also names a form seen with several surfaces.
RULES: dict[str, Rule] = {
    "title": Rule("a title cut from the span"),
    "alias": Rule("a row of the alias table", "_merge_table"),
    "gazetteer": Rule("a name and its aliases in the gazetteer", "_merge_table"),
    "clitic": Rule("a proclitic cut from the first word", "_merge_clitics"),
    "bracket": Rule("a short name in brackets or quotes (or a Latin acronym) after a long one", "_merge_brackets"),
    "spelling": Rule("spelling variants of the same form", "_merge_spellings"),
    "article": Rule("the article inside a name", "_merge_articles"),
    "translit": Rule("vowel-letter variants of a transliterated name", "_merge_translit"),
    "partial": Rule("a surname (or a state noun) alone linked to the full name"),
    "fragment": Rule("a given name alone, linked to no full name, listed or bracketed, is no entity"),
}

#: Common Arabic given names: their vowel letters are meaningful (محمد ≠ محمود), so the
#: ``translit`` rule never treats two of them, or one of them, as variants.
NATIVE_NAMES = """
محمد محمود أحمد حامد حمد حميد حماد حمدي حمود حمادي سعيد سعد سعود سعدي سعاد كريم كرم كريمة سليمان سلمان
سليم سالم سلمى سلامة سلام علي عليا علياء جميل جمال جميلة كمال كامل حسن حسين حسان حسني حسناء منير منار
رشيد راشد خالد خليل خلود فريد فريدة ماجد مجيد مجدي سامي سمية سمير سميرة سامر نادر نادرة نادية فاطمة زين
زينب جواد عادل عدلي نبيل نبيلة هشام هاشم وليد أمين أمينة أيمن إيمان رامي ريم ريما مريم ياسين ياسمين
ياسر ناصر نصر نصير منصور عمر عمار عامر عمرو بدر طارق رضا رضوان إدريس عزيز عزيزة حكيم حكيمة نور نورة
نوري لطيفة لطفي عائشة خديجة سناء هدى هادي مهدي شريف شريفة صالح صلاح فيصل فايز فوزي فوزية رحيم رحمة
حليمة حليم مالك مليكة ملك منى مني هاني هناء جلال جليل بشير بشرى بشار سهيل سهيلة سهى ربيع ربيعة زكي زكية
"""

#: News agencies and captions seen in brackets after a name, never its alias.
_NOT_ALIASES = "رويترز فرانس برس أ ف ب و م ع ومع واس قنا وام الأناضول سانا بترا كونا وكالات صور فيديو تصوير"

_BRACKET = re.compile(r"\s*\(([^()]{1,80})\)")
#: A short name in quotes right after a body's name (المؤسسة العامة للحي الثقافي "كتارا").
_QUOTED = re.compile(r'\s*["«“]\s*([^"«»“”()]{1,40}?)\s*["»”]')
#: A Latin acronym written right after a body's Arabic name (المكتب الشريف للفوسفاط OCP).
_APPOSED_ACRONYM = re.compile(r"\s*[-–]?\s*([A-Z][A-Z0-9&]{1,7})\b")
_DIGIT = re.compile(r"\d")


#: The words of a nasab chain: what follows them names a father (or a forefather), not the person.
NASAB = frozenset(("بن", "ابن", "بنت"))
#: Words that open a compound given name: what follows them is no name alone (عبد الله).
COMPOUND_FIRSTS = frozenset(("عبد",))


def nasab_short_forms(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The short forms of a person's name with a nasab (X بن Y ...): the given name alone,
    the chain cut before a later بن or آل, and the given name with the family name.

    >>> [" ".join(f) for f in nasab_short_forms(tuple("حمدان بن محمد بن راشد ال مكتوم".split()))]
    ['حمدان', 'حمدان بن محمد', 'حمدان بن محمد بن راشد', 'حمدان ال مكتوم']
    >>> nasab_short_forms(("خالد", "الحربي"))
    []
    """
    if len(words) < 3 or words[1] not in NASAB:
        return []
    family = next((i for i in range(2, len(words)) if words[i] == "ال"), None)
    cuts = [words[:i] for i in range(3, len(words)) if words[i] in NASAB or i == family]
    return [words[:1], *cuts, *([(words[0], *words[family:])] if family else [])]


def _apposed_acronym(name: str, right: str) -> re.Match[str] | None:
    """The Latin acronym right after an Arabic name, read like one in brackets."""
    return _APPOSED_ACRONYM.match(right) if re.search("[\u0600-\u06ff]", name) else None


#: Words that open a club's name and are left out in its short name (النادي الأهلي: الأهلي).
CLUB_WORDS = "النادي نادي فريق"

#: Nouns that stand alone for a state named with them (المملكة for المملكة المغربية).
STATE_NOUNS = "المملكة الجمهورية السلطنة الإمارة"


@dataclass(slots=True)
class Resolution:
    """The outcome of resolution: entities by key, the entity of every form, and the
    per-document links of short names (``(doc_id, key of the short name) → key``)."""

    entities: dict[str, Entity]
    form_entity: dict[str, str]
    doc_links: dict[tuple[str, str], str] = field(default_factory=dict)

    def entity_of(self, mention: Mention) -> str | None:
        """The key of the entity a mention belongs to (None if it was dropped)."""
        key = self.form_entity.get(form_key(mention.text))
        key = None if key is None else self.doc_links.get((mention.doc_id, key), key)
        return key if key in self.entities else None


@dataclass(frozen=True, slots=True)
class _Found:
    """What the merge steps work from: the name forms, the clitic cuts, the bracketed aliases."""

    forms: dict[str, Form]
    base: dict[str, str]
    brackets: list[tuple[str, str]]


class Resolver:
    """Collects mentions document by document, then resolves them into entities.

    Parameters
    ----------
    aliases : the user's alias table (CSV), read on top of the built-in one
    gazetteer : a gazetteer (CSV or YAML): its names and aliases are forced merges
    settings : a :class:`ResolveSettings`

    Examples
    --------
    >>> from shabaka.model import Mention
    >>> r = Resolver()
    >>> r.add("d1", [Mention("d1", 0, 0, 0, 6, "الرباط", "LOC"), Mention("d1", 1, 0, 9, 16, "بالرباط", "LOC")])
    >>> hammouchi = Mention("d2", 0, 0, 0, 17, "عبد اللطيف حموشي", "PER")
    >>> r.add("d2", [hammouchi, Mention("d2", 1, 0, 20, 26, "لحموشي", "PER")])
    >>> res = r.resolve()
    >>> for e in res.entities.values():
    ...     print(e.label, e.aliases, e.resolution)
    الرباط ['الرباط', 'بالرباط'] ['clitic']
    عبد اللطيف حموشي ['عبد اللطيف حموشي', 'لحموشي'] ['clitic', 'partial']
    """

    def __init__(
        self,
        aliases: str | Path | None = None,
        *,
        gazetteer: str | Path | None = None,
        settings: ResolveSettings | None = None,
    ) -> None:
        self.settings = settings or ResolveSettings()
        for name in self.settings.rules or ():
            check_choice("rule", name, RULES)
        self._rules = frozenset(RULES if self.settings.rules is None else self.settings.rules)
        self.table = AliasTable().update(builtin_aliases())
        if gazetteer is not None:
            self.table.update(gazetteer_aliases(gazetteer))
        if aliases is not None:
            self.table.update(load_aliases(aliases))
        self._surfaces: dict[str, Counter[str]] = defaultdict(Counter)  # raw key → surfaces
        self._types: dict[str, Counter[str]] = defaultdict(Counter)
        self._docs: dict[str, set[str]] = defaultdict(set)
        self._roles: dict[str, Counter[str]] = defaultdict(Counter)  # roles written around the mentions
        self._brackets: Counter[tuple[str, str]] = Counter()  # (short key, long raw key)
        self._bracketed: Counter[str] = Counter()  # keys seen in brackets after a body's name
        self._words: Counter[str] = Counter()  # words of the sentences given, for the clitic rule
        self._nations: dict[str, Counter[str]] = defaultdict(Counter)  # document -> the countries its words name

    def add(self, doc_id: str, mentions: Sequence[Mention], sentences: Sequence[Sentence] | None = None) -> None:
        """Record the mentions of one document; with its ``sentences``, also the roles
        written around them and the aliases in brackets after them."""
        by_index = {s.index: s for s in sentences or ()}
        for s in by_index.values():
            keys = list(map(normalize_key, [t.text for t in s.tokens] if s.tokens else token_texts(s.text)))
            self._words.update(keys)
            self._nations[doc_id].update(n for n in map(nation, keys) if n)
        for m in mentions:
            key = form_key(m.text)
            if not key:
                continue
            surface = strip_bidi_controls(m.text)  # a label must not be shown reordered
            self._surfaces[key][" ".join(surface.translate(QUOTE_TABLE).strip(EDGE_CHARS).split())] += 1
            self._types[key][m.type] += 1
            self._docs[key].add(doc_id)
            s = by_index.get(m.sentence)
            if s is None or not s.text:
                continue
            left, right = s.text[: m.start - s.start], s.text[m.end - s.start :]
            if m.type == "PER":
                self._roles[key].update(context_roles(left, right))
            if m.type in ("ORG", "MISC") and (
                b := _BRACKET.match(right) or _QUOTED.match(right) or _apposed_acronym(m.text, right)
            ):
                self._learn_bracket(key, b.group(1), mentions, m.end + b.start(1))

    def _learn_bracket(self, key: str, inside: str, mentions: Sequence[Mention], start: int) -> None:
        short = form_key(inside)
        self._bracketed[short] += 1
        inner = next((m for m in mentions if m.start == start), None)
        a, b = sorted((len(short.split()), len(key.split())))
        if (
            short
            and not _DIGIT.search(short)
            and short.split()[0] not in word_set(_NOT_ALIASES)
            and (inner is None or inner.type in ("ORG", "MISC") or len(short.split()) == 1)  # مازن read as PER
            and a <= self.settings.bracket_short_words
            and b >= max(self.settings.bracket_long_words, a + 1)
        ):
            self._brackets[short, key] += 1

    def merge(self, other: Resolver) -> Resolver:
        """Add what ``other`` collected into this resolver; return self.

        Merging the resolvers of consecutive partitions in order leaves the same state
        as adding all their documents to one resolver (the dask engine relies on it).
        """
        for mine, theirs in ((self._surfaces, other._surfaces), (self._types, other._types),
                             (self._roles, other._roles)):  # fmt: skip
            for key, counts in theirs.items():
                mine[key].update(counts)
        for key, docs in other._docs.items():
            self._docs[key] |= docs
        self._brackets.update(other._brackets)
        self._bracketed.update(other._bracketed)
        self._words.update(other._words)
        for doc, nations in other._nations.items():
            self._nations[doc].update(nations)
        return self

    # -- resolution ------------------------------------------------------------------

    def resolve(self) -> Resolution:
        """Merge forms into entities and return the :class:`Resolution`."""
        forms, name_of = self._name_forms()
        base = self._clitic_bases(forms) if "clitic" in self._rules else {}
        unseen: dict[str, Form] = defaultdict(Form)  # forms seen only with a clitic: their types and documents
        for key, target in base.items():
            if target not in forms:
                unseen[target].types.update(forms[key].types)
                unseen[target].docs |= forms[key].docs
        forms.update(unseen)
        brackets = sorted((short, name_of[raw]) for short, raw in self._brackets if name_of.get(raw))
        brackets = brackets if "bracket" in self._rules else []
        table = self.table
        groups = Groups(
            [*forms, *base.values(), *(k for a, b, _ in table.merges for k in (a, b)), *(s for s, _ in brackets)],
            table.splits,
            (k for k, f in forms.items() if f.surfaces),
        )
        found = _Found(forms, base, brackets)
        for step in dict.fromkeys(RULES[name].step for name in RULES if name in self._rules):
            if step is not None:
                getattr(self, step)(groups, found)
        for key, f in forms.items():  # labels: surfaces without clitics where the clitic rule applied
            cut = base.get(key)
            if cut is not None and groups.find(cut) == groups.find(key):
                f.labels.update({decliticize(s, cut.split()[0]): n for s, n in f.surfaces.items()})
                f.rules.add("clitic")
            else:
                f.labels.update(f.surfaces)
        return self._entities(groups, forms, name_of)

    def _merge_table(self, groups: Groups, found: _Found) -> None:
        """``alias`` and ``gazetteer``: the rows of the alias table and the gazetteer, in sorted order."""
        for a, b, rule in sorted(self.table.merges):
            if rule in self._rules:
                groups.union(a, b, rule)

    def _merge_clitics(self, groups: Groups, found: _Found) -> None:
        """``clitic``: each form with a proclitic and its form without it (see :meth:`_clitic_bases`)."""
        for key, target in sorted(found.base.items()):
            groups.union(key, target, "clitic")

    def _merge_brackets(self, groups: Groups, found: _Found) -> None:
        """``bracket``: a short name in brackets and the long name before it."""
        for short, name in found.brackets:
            groups.union(short, name, "bracket")

    def _merge_spellings(self, groups: Groups, found: _Found) -> None:
        """``spelling``: the forms :func:`spelling_key` makes the same."""
        self._union_by(groups, spelling_key, "spelling")

    def _merge_articles(self, groups: Groups, found: _Found) -> None:
        """``article``: the forms equal without their articles (see :func:`_article_key`)."""
        self._union_by(groups, lambda k: _article_key(k, found.forms.get(k)), "article")

    def _merge_translit(self, groups: Groups, found: _Found) -> None:
        """``translit``: see :meth:`_translit`."""
        self._translit(groups, {k: f for k, f in found.forms.items() if k not in found.base})

    def _name_forms(self) -> tuple[dict[str, Form], dict[str, str | None]]:
        """Cut titles: each raw form → its name form (None: only a title), and what is known of the name forms."""
        forms: dict[str, Form] = defaultdict(Form)
        name_of: dict[str, str | None] = {}
        person = {raw: majority_type(types) == "PER" for raw, types in self._types.items()}
        titled = {raw for raw in self._surfaces if has_title(raw, person[raw])} if "title" in self._rules else set()
        for raw in sorted(self._surfaces):
            if raw in titled:
                parsed = {s: parse_title(s, person[raw]) for s in self._surfaces[raw]}
            else:
                parsed = {s: Parsed("", s) for s in self._surfaces[raw]}
            first = parsed[min(parsed)]
            name = form_key(first.name)
            seen_bare = name in self._surfaces and name not in titled
            if not name or (first.complement_only and not (seen_bare and self._types[raw]["PER"])):
                name_of[raw] = None
                continue
            name_of[raw] = name
            f = forms[name]
            for surface, p in parsed.items():
                f.surfaces[p.name.strip()] += self._surfaces[raw][surface]
                if p.role:
                    f.roles[p.role] += self._surfaces[raw][surface]
            f.types.update(self._types[raw])
            f.roles.update(self._roles[raw])
            f.docs |= self._docs[raw]
            if raw != name:
                f.rules.add("title")
        for f in forms.values():
            if len(f.surfaces) > 1:
                f.rules.add("spelling")
        return dict(forms), name_of

    def _clitic_bases(self, forms: dict[str, Form]) -> dict[str, str]:
        """Forms whose first word carries a proclitic → the form without it (see ``clitic`` in :data:`RULES`).

        The cut is made when the form without it is known (seen, or in the alias table or
        gazetteer), or when the word without it is seen at least as often as with it
        (for a person, with or without the article; after و + ال, or with لل, seen at all), or,
        for a person, when the word without its one-letter proclitic is a word of listed persons'
        names and the word with it is none (وكريستوفر راي → كريستوفر راي; not وسيم:
        :func:`~shabaka.lexicon.person_words`),
        or when two forms with different clitics reduce to it (ووليام، لوليام → وليام); never
        across a ``!=`` row of the alias table.
        """
        words = Counter(self._words)
        for key, f in forms.items():
            words.update(dict.fromkeys(key.split(), f.surfaces.total()))
        known = {*forms, *(k for a, b, _ in self.table.merges for k in (a, b))}
        protected = {p for p in self.table.splits if len(p) == 2 and all(" " not in k for k in p)}
        # a bare form that two forms with different clitics both reduce to (ووليام، لوليام → وليام)
        proposers: dict[str, set[str]] = defaultdict(set)
        for key in forms:
            head, sep, rest = key.partition(" ")
            for cand in proclitic_variants(head)[1:]:
                proposers[cand + sep + rest].add(head)

        def shared(form: str) -> bool:
            heads = proposers[form]
            return (
                len(form.split(" ", 1)[0]) > 3
                and sum(not any(h in proclitic_variants(other)[1:] for other in heads) for h in heads) >= 2
            )

        def attested(head: str, cand: str, tail: str, person: bool) -> bool:
            definite = cand.startswith("ال") and len(cand) > 4 and (head[:1] == "و" or "لل" in head[:3])
            seen = words[cand] + (words["ال" + cand] if person else 0)  # a person's name: حموشي, الحموشي
            listed = (  # one letter cut only: وبروز is no و + ب + روز
                person and len(cand) == len(head) - 1 and cand in person_words() and head not in person_words()
            )
            return cand + tail in known or seen >= max(words[head], 1) or definite or listed

        out = {}
        for key, f in forms.items():
            head, sep, rest = key.partition(" ")
            variants = proclitic_variants(head)[1:]
            if any(frozenset((head, c)) in protected for c in variants):
                continue  # the alias table says the first letter belongs to the name (وجدة)
            cut = next((c for c in reversed(variants) if attested(head, c, sep + rest, f.person)), None)
            cut = cut or next((c for c in variants if shared(c + sep + rest)), None)
            if cut is not None:
                out[key] = cut + sep + rest
        return out

    @staticmethod
    def _union_by(groups: Groups, key_of: Callable[[str], str | None], rule: str) -> None:
        """Merge the forms that ``key_of`` gives the same (not None) key."""
        buckets: dict[str, list[str]] = defaultdict(list)
        for k in sorted(groups.parent):
            if (b := key_of(k)) is not None:
                buckets[b].append(k)
        for keys in buckets.values():
            for k in keys[1:]:
                groups.union(keys[0], k, rule)

    def _translit(self, groups: Groups, forms: dict[str, Form]) -> None:
        """Merge multi-word person names whose words have the same skeletons (see ``translit``)."""
        buckets: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        words_of = {}
        for k, f in sorted(forms.items()):
            words = strip_article(spelling_key(k).split())
            if f.person and len(words) > 1:
                words_of[k] = words
                buckets[tuple(skeleton(w) for w in words)].append(k)
        firsts: dict[str, set[str]] = defaultdict(set)  # surname → the first names seen with it
        for words in words_of.values():
            firsts[words[-1]].add(skeleton(words[0]))
        native = word_set(NATIVE_NAMES)
        for keys in buckets.values():
            for i, a in enumerate(keys):
                for b in keys[i + 1 :]:
                    pairs = list(zip(words_of[a], words_of[b], strict=True))
                    differ = [p for p in pairs if p[0] != p[1]]
                    surnames = pairs[-1]
                    if (
                        len(differ) < len(pairs)
                        and not any(w in native for p in differ for w in p)
                        and firsts[surnames[0]] == firsts[surnames[1]]  # else two families (ميلر, مولر)
                    ):
                        groups.union(a, b, "translit")

    def _entities(self, groups: Groups, forms: dict[str, Form], name_of: dict[str, str | None]) -> Resolution:
        merged: dict[str, Form] = {}
        for root, members in groups.groups().items():
            if len(members) == 1 and root in forms:
                g = forms[root]  # most forms are alone in their group
            else:
                g = Form()
                for k in sorted(members & forms.keys()):
                    g.add(forms[k])
            g.rules |= groups.rules_of(root)
            merged[root] = g
        links = self._partial_links(groups, forms, merged) if "partial" in self._rules else {}
        linked: dict[str, set[str]] = defaultdict(set)  # root -> the documents where it stands for a full name
        for d, r in links:
            linked[r].add(d)
        shown = {root for root, g in merged.items() if g.surfaces and (g.docs - linked.get(root, set()))}
        if "fragment" in self._rules:
            known = self.table.types.keys() | {k for m in self.table.merges for k in m[:2]}
            known |= self._bracketed.keys()  # in brackets after a body's name: its acronym
            shown = {
                root
                for root in shown
                if known & groups.members[root]
                or not _given_name_alone(merged[root], groups.members[root] & forms.keys())
            }
        for (_, root), target in links.items():
            if not merged[target].types:  # a body of the alias tables named in the corpus only by a short name
                merged[target].types.update(merged[root].types)
            merged[target].surfaces.update(merged[root].surfaces)
            merged[target].roles.update(merged[root].roles)
            merged[target].rules |= {*merged[root].rules, "partial"}
        key_of: dict[str, str] = {}
        entities: dict[str, Entity] = {}
        for root in sorted(set(links.values()) | shown):
            g = merged[root]
            label = next((self.table.labels[k] for k in sorted(groups.members[root]) if k in self.table.labels), None)
            label = label or (label_of(g) if g.labels else self.table.names.get(root, root))
            forced = next((self.table.types[k] for k in sorted(groups.members[root]) if k in self.table.types), None)
            key_of[root] = form_key(label)
            entities[key_of[root]] = Entity(
                key=key_of[root],
                label=label,
                type=forced or majority_type(g.types + Counter(PER=g.roles.total())),
                aliases=sorted(g.surfaces),
                roles=sorted(g.roles),
                resolution=sorted(g.rules & RULES.keys()),
            )
        for root in merged:
            key_of.setdefault(root, form_key(min(merged[root].surfaces or [root])))
        form_entity = {raw: key_of[groups.find(name)] for raw, name in name_of.items() if name is not None}
        doc_links = {(doc, key_of[root]): key_of[target] for (doc, root), target in links.items()}
        return Resolution({k: entities[k] for k in sorted(entities)}, form_entity, doc_links)

    def _partial_links(
        self, groups: Groups, forms: dict[str, Form], merged: dict[str, Form]
    ) -> dict[tuple[str, str], str]:
        """Per document, the full name a short person name stands for (see ``partial``); a
        one-word name that the alias tables do not know is read as a short person name
        whatever its type (the model reads بوريطة as a place next to ناصر بوريطة).

        A short name may have several words (ولد مرزوك, بن سلمان: the end of one longer
        name); a leading ابن is read as بن (ابن سلمان = محمد بن سلمان).
        """

        def name_words(k: str) -> tuple[str, ...]:
            words = strip_article(spelling_key(k).split())
            return ("بن", *words[1:]) if words[:1] == ("ابن",) and len(words) > 1 else words

        exact: dict[tuple[str, ...], set[str]] = defaultdict(set)
        loose: dict[tuple[str, ...], set[str]] = defaultdict(set)
        heads: dict[tuple[str, ...], set[str]] = defaultdict(set)  # the start of a nasab chain: in its document only
        full_groups = set()
        for k in sorted(forms):
            words = name_words(k)
            if forms[k].person and len(words) > 1:
                root = groups.find(k)
                full_groups.add(root)
                for n in range(1, len(words)):
                    if words[-n - 1] in NASAB:
                        continue  # after بن: the father's name, another person
                    if words[-n - 1] in COMPOUND_FIRSTS:
                        continue  # after عبد: half of one name (عبد | الله), no short name
                    exact[words[-n:]].add(root)
                    loose[_loose_key(words[-n:])].add(root)
                for short in nasab_short_forms(words):
                    heads[short].add(root)
        links: dict[tuple[str, str], str] = {}
        known = {k for a, c, _ in self.table.merges for k in (a, c)}
        for root, g in sorted(merged.items()):
            members = groups.members[root]
            surname = all(len(k.split()) == 1 and k not in known for k in members)  # بوريطة read as a place
            if not (g.types["PER"] or g.roles or surname):
                continue
            cands: set[str] = set()
            for k in groups.members[root]:
                cands |= exact.get(name_words(k), set())
            spelled = True  # found by its spelling, not only by its consonants
            if not cands and root not in full_groups:
                for k in groups.members[root]:
                    cands |= loose.get(_loose_key(name_words(k)), set())
                spelled = False
            cands = {c for c in cands if c != root and not groups.conflict(root, c)}
            # a name read as no person that matches only by its consonants (غانا, غني) is no
            # short name of a person in another document
            elsewhere = spelled or bool(g.types["PER"])
            own = {c for k in groups.members[root] for c in heads.get(name_words(k), ())} - {root}
            own = {c for c in own if not groups.conflict(root, c)}
            # a chain of a name and its father's (محمد بن سلمان) names the one longer chain of the corpus
            chain = {c for k in groups.members[root] if len(name_words(k)) >= 3 for c in heads.get(name_words(k), ())}
            chain = {c for c in chain if c != root and not groups.conflict(root, c)}
            for doc in sorted(g.docs):
                here = [c for c in cands if doc in merged[c].docs]
                if not here:
                    here = [c for c in own if doc in merged[c].docs]
                if len(here) == 1 or (not here and len(cands) == 1 and root not in full_groups and elsewhere):
                    links[doc, root] = (here or sorted(cands))[0]
                elif not here and not cands and len(chain) == 1:
                    links[doc, root] = next(iter(chain))
        for (doc, root), target in sorted(links.items()):  # a short name of a short name: to the longest
            seen = {root}
            while (doc, target) in links and target not in seen:
                seen.add(target)
                target = links[doc, target]
            links[doc, root] = target
        links.update(self._state_noun_links(groups, forms, merged))
        links.update(self._nisba_links(groups, forms, merged))
        links.update(self._place_word_links(groups, forms, merged))
        return links

    def _nisba_links(
        self, groups: Groups, forms: dict[str, Form], merged: dict[str, Form]
    ) -> dict[tuple[str, str], str]:
        """Per document, a body's (or an event's) name without its closing nisba (وزارة الصحة), without its
        opening club word (الأهلي for النادي الأهلي) or without the word for a company, a party
        ... that opens it (``brand`` words of the name patterns, under a proclitic or not: ألبا
        for شركة ألبا، فتح for وحركة فتح) linked to the one body of the document named with it
        (وزارة الصحة الأردنية، النادي الأهلي، شركة ألبا); and a body named with a closing nisba
        that is no nationality linked to the one body of the document named the same with a
        nationality instead (المجلس الأعلى الانتقالي to المجلس الأعلى الليبي); in a document that
        names no such body, a body's name without its nationality linked to the body of another
        document named with the nationality of the country this one names most, by name or nisba
        (البنك المركزي in a story that names مصر and المصري most: البنك المركزي المصري); and a
        body's name without its head word (الأمن العام for مديرية الأمن العام, الأمن الوطني for
        المديرية العامة للأمن الوطني) linked to the body of its document named with it, or, in a
        document that names none, to the one body of the corpus named with it; see ``partial``."""

        words_of = pattern_words()
        brands = words_of.brands

        longer: dict[str, set[str]] = defaultdict(set)  # name without its nisba or club word -> bodies named with it
        national: dict[str, set[str]] = defaultdict(set)  # name without its nationality -> bodies named with it
        nation_of: dict[str, str] = {}  # body named with a nationality -> the country's stem (see nation)
        headed: dict[str, set[str]] = defaultdict(set)  # name without its head word -> bodies named with it
        for k in sorted(forms):
            words = k.split()
            if short := _headless(words, words_of):
                headed[short].add(groups.find(k))
                longer[short].add(groups.find(k))
            if len(words) >= 3 and words[-1].startswith("ال") and words[-1].endswith(("ي", "يه")):
                longer[" ".join(words[:-1])].add(groups.find(k))
                if nationality(words[-1]):
                    national[" ".join(words[:-1])].add(groups.find(k))
                    nation_of[groups.find(k)] = nation(words[-1]) or ""
            if len(words) >= 2 and (
                words[0] in word_set(CLUB_WORDS) or not brands.isdisjoint(proclitic_variants(words[0]))
            ):
                longer[" ".join(words[1:])].add(groups.find(k))
        for k in sorted(groups.parent.keys() - forms.keys()):  # the alias tables' names not in the corpus
            words = k.split()
            if len(words) >= 2 and nationality(words[-1]):  # الهلال السوداني، الهلال السعودي
                national[" ".join(words[:-1])].add(groups.find(k))
                nation_of[groups.find(k)] = nation(words[-1]) or ""
        links: dict[tuple[str, str], str] = {}
        for root, g in sorted(merged.items()):
            if not _typed(g, "ORG", "MISC"):  # a body, or an event named like one (مهرجان القاهرة السينمائي الدولي)
                continue
            cands = {c for k in groups.members[root] for c in longer.get(k, ())} - {root}
            if not cands:  # المجلس الأعلى الانتقالي: the same body named with its nationality
                stems = [" ".join(k.split()[:-1]) for k in groups.members[root] if _other_nisba(k)]
                cands = {c for stem in stems for c in national.get(stem, ())} - {root}
            kind = majority_type(g.types)
            cands = {c for c in cands if not groups.conflict(root, c) and _typed(merged[c], "ORG", "MISC")}
            cands = {c for c in cands if majority_type(merged[c].types) == kind}
            abroad = {c for k in groups.members[root] for c in national.get(k, ())} - {root}
            abroad = {c for c in abroad if c in cands or (not merged[c].types and not groups.conflict(root, c))}
            unheaded = {c for k in groups.members[root] for c in headed.get(k, ())} & cands
            for doc in sorted(g.docs):
                here = [c for c in cands if doc in merged[c].docs]
                if not here:  # named elsewhere: with the nationality of this document, or by one body only
                    top = self._top_nation(doc)
                    here = [c for c in abroad if nation_of[c] == top] or sorted(unheaded)
                if len(here) == 1:
                    links[doc, root] = here[0]
        return links

    def _top_nation(self, doc: str) -> str | None:
        """The country a document names most (by name or nisba, see :func:`nation`), if one does."""
        (first, n), *rest = self._nations[doc].most_common(2) or [("", 0)]
        return first if n and not (rest and rest[0][1] == n) else None

    @staticmethod
    def _place_word_links(
        groups: Groups, forms: dict[str, Form], merged: dict[str, Form]
    ) -> dict[tuple[str, str], str]:
        """In every document, a place named with the word for a town, an area or a province
        that opens it (منطقة الساحل، ولاية صفاقس) linked to the place named without it (الساحل،
        صفاقس), where the corpus names one; see ``partial``."""
        openers = pattern_words().towns | PROVINCE_WORDS

        links: dict[tuple[str, str], str] = {}
        for root, g in sorted(merged.items()):
            if not _typed(g, "LOC"):
                continue
            bare = {k.split(" ", 1)[1] for k in groups.members[root] if k.split(" ", 1)[0] in openers and " " in k}
            cands = {groups.find(b) for b in bare if b in groups.parent} - {root}
            cands = [c for c in cands if _typed(merged[c], "LOC") and not groups.conflict(root, c)]
            if len(cands) == 1:
                links.update(((doc, root), cands[0]) for doc in g.docs)
        return links

    def _state_noun_links(
        self, groups: Groups, forms: dict[str, Form], merged: dict[str, Form]
    ) -> dict[tuple[str, str], str]:
        """Per document, the place a state noun alone stands for (see ``partial``): the one
        place of the document named with it (المملكة المغربية), or else the country the
        document names most (:meth:`_top_nation`), where it is a place of the document (الأردن)."""
        named: dict[str, set[str]] = defaultdict(set)  # state noun -> places named with it
        countries: dict[str, set[str]] = defaultdict(set)  # a country's stem -> places named so (الاردن)
        for k in sorted(forms):
            words = spelling_key(k).split()
            if len(words) > 1 and words[0] in word_set(STATE_NOUNS):
                named[words[0]].add(groups.find(k))
            if len(words) == 1 and (stem := nation(k)) and not nationality(k):
                countries[stem].add(groups.find(k))

        links: dict[tuple[str, str], str] = {}
        for root, g in sorted(merged.items()):
            if not _typed(g, "LOC"):
                continue
            nouns = {spelling_key(k) for k in groups.members[root]} & word_set(STATE_NOUNS)
            cands = {c for w in nouns for c in named[w] if c != root and not groups.conflict(root, c)}
            for doc in sorted(g.docs):
                here = [c for c in cands if doc in merged[c].docs and _typed(merged[c], "LOC")]
                if not here and nouns:
                    top = countries.get(self._top_nation(doc) or "", set()) - {root}
                    here = [
                        c
                        for c in top
                        if doc in merged[c].docs and _typed(merged[c], "LOC") and not groups.conflict(root, c)
                    ]
                if len(here) == 1:
                    links[doc, root] = here[0]
        return links


def _headless(words: Sequence[str], pattern: PatternWords) -> str | None:
    """A body's name without its head word, if the rest is a definite name of two words or
    more: مديرية الأمن العام → الأمن العام; after an adjective, the complement under لل as a
    definite name: المديرية العامة للأمن الوطني → الأمن الوطني.

    >>> _headless("المديريه العامه للامن الوطني".split(), pattern_words())
    'الامن الوطني'
    >>> _headless("مديريه الامن العام".split(), pattern_words()), _headless("وزاره الصحه".split(), pattern_words())
    ('الامن العام', None)
    """
    if len(words) < 3 or words[0] not in pattern.heads:
        return None
    rest = list(words[1:])
    if len(rest) >= 2 and rest[0] in pattern.adjectives and rest[1].startswith("لل") and len(rest[1]) > 3:
        rest = ["ال" + rest[1][2:], *rest[2:]]
    return " ".join(rest) if len(rest) >= 2 and rest[0].startswith("ال") else None


def _loose_key(words: Sequence[str]) -> tuple[tuple[str, bool], ...]:
    """The key of a short name matched by its consonants: each word's skeleton and whether it
    ends on the nisba's ي, which the skeleton drops (جابري is no short name of X الجابر).

    >>> _loose_key(("جابري",)) == _loose_key(("جابر",)), _loose_key(("ديفيد",)) == _loose_key(("دافيد",))
    (False, True)
    """
    return tuple((skeleton(w), w.endswith("ي")) for w in words)


def _other_nisba(key: str) -> bool:
    """Whether a body's name of three words or more ends on a nisba that is no nationality
    (المجلس الأعلى الانتقالي, not المجلس الأعلى الليبي)."""
    words = key.split()
    last = words[-1]
    return len(words) >= 3 and last.startswith("ال") and last.endswith(("ي", "يه")) and not nationality(last)


@cache
def _given_names() -> frozenset[str]:
    """:func:`given_names` as spelling keys."""
    return frozenset(spelling_key(w) for w in given_names())


def _given_name_alone(g: Form, keys: set[str]) -> bool:
    """Whether a person's forms are all one given name alone (أحمد، عبد الله): see ``fragment``."""
    if not keys or majority_type(g.types + Counter(PER=g.roles.total())) != "PER":
        return False
    for k in keys:
        words = spelling_key(k).split()
        compound = len(words) == 2 and words[0] == "عبد"  # عبد الله، عبد الرحمن
        if not compound and (len(words) != 1 or words[0] not in _given_names()):
            return False
    return True


def _article_key(key: str, form: Form | None) -> str | None:
    """The matching key of the ``article`` rule: a person's name without articles, or a
    one-word name without its article (with its type, so الخليل LOC stays apart from خليل PER)."""
    if form is None or not form.types:
        return None
    words = strip_article(spelling_key(key).split())
    if form.person:
        return "PER " + " ".join(words)
    return f"{majority_type(form.types)} {words[0]}" if len(words) == 1 else None
