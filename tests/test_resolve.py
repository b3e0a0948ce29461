"""Entity resolution (issue 4): one node per real-world entity, different entities apart.

Documents are written inline with marked mentions, ``[[surface|TYPE]]`` (the format of
``tests/data/resolution_docs.txt``, parsed by ``benchmarks/bench_resolve.py``).
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
import sys
from pathlib import Path

import pytest

from shabaka import build_graph
from shabaka.cli import main
from shabaka.model import Document, Mention
from shabaka.resolve import RULES, AliasError, Resolution, Resolver, form_key, load_aliases
from shabaka.text import split_sentences

_spec = importlib.util.spec_from_file_location(
    "bench_resolve", Path(__file__).resolve().parent.parent / "benchmarks" / "bench_resolve.py"
)
bench = sys.modules.setdefault("bench_resolve", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(bench)


def resolve(text: str, resolver: Resolver | None = None) -> tuple[Resolution, dict[tuple[str, str], Mention]]:
    """Resolve marked documents; return the resolution and the mentions by (doc, surface)."""
    docs = bench.parse_documents(text)
    resolution = bench.resolve_documents(docs, resolver or Resolver())
    return resolution, {(m.doc_id, m.text): m for _, mentions, _ in docs for m in mentions}


def same(res: Resolution, mentions: dict, a: tuple[str, str], b: tuple[str, str]) -> bool:
    ka, kb = res.entity_of(mentions[a]), res.entity_of(mentions[b])
    return ka is not None and ka == kb


def entity(res: Resolution, mentions: dict, a: tuple[str, str]):
    return res.entities[res.entity_of(mentions[a])]


# -- the labelled pair set -----------------------------------------------------------


def test_pair_set_covers_every_case_and_scores_at_least_095():
    docs, pairs = bench.load_documents(), bench.load_pairs()
    assert len(pairs) >= 150
    cases = {"clitic", "orthography", "article", "translit", "partial", "title", "alias", "bracket", "type"}
    assert {(p.case, p.same) for p in pairs} == {(c, s) for c in cases for s in (True, False)}
    assert sum(p.a[0] != p.b[0] for p in pairs) >= 75  # many across documents
    precision, recall = bench.scores(pairs, bench.predictions(docs, bench.resolve_documents(docs, Resolver()), pairs))
    assert precision >= 0.95 and recall >= 0.95


def test_heldout_documents_merge_nothing_wrongly():
    docs = bench.load_documents(bench.DATA / "resolution_heldout.txt")
    pairs = bench.gold_pairs(docs)
    assert sum(p.same for p in pairs) >= 30 and len({p.a[0] for p in pairs}) == 10
    merged = bench.predictions(docs, bench.resolve_documents(docs, Resolver()), pairs)
    precision, recall = bench.scores(pairs, merged)
    assert precision == 1.0 and recall >= 0.8
    merged_cases = {p.case for p, m in zip(pairs, merged, strict=True) if m and p.same}
    assert {"merzoug", "mbs", "abdullah2"} <= merged_cases  # ولد مرزوك, ابن سلمان, العاهل ...


def test_pair_labels_agree_with_the_gold_entities_of_the_documents():
    gold = {
        (d.id, m.text): g for d, mentions, golds in bench.load_documents() for m, g in zip(mentions, golds, strict=True)
    }
    for p in bench.load_pairs():
        assert (gold[p.a] == gold[p.b] != "-") == p.same, p


# -- clitics ------------------------------------------------------------------------

CLITICS = """
## a
التقى [[عبد الحق الزموري|PER]] بنظيره في [[الرباط|LOC]]، وقال [[الزموري|PER]] إن [[المغرب|LOC]] مستعد.
## b
ونقل مقربون [[لزموري|PER]] أن الاجتماع عقد [[بالرباط|LOC]] بحضور ممثلين عن [[والمغرب|LOC]] [[وتونس|LOC]].
## c
وحضر المسؤولون [[وزموري|PER]] مباراة في [[بركان|LOC]] ثم سافروا إلى [[لبنان|LOC]] [[وليبيا|LOC]] و[[فرنسا|LOC]].
## d
وصل الوفد إلى [[بيروت|LOC]] قادما من [[وجدة|LOC]] بعد توقف في [[جدة|LOC]]،
وقال [[وليام بيرنز|PER]] إن [[تونس|LOC]] شريك.
## e
زار [[ليام هيغ|PER]] [[طرابلس|LOC]] عاصمة [[ليبيا|LOC]].
"""


def test_clitics_are_cut_to_the_bare_name():
    res, m = resolve(CLITICS)
    assert same(res, m, ("b", "بالرباط"), ("a", "الرباط"))
    assert same(res, m, ("b", "والمغرب"), ("a", "المغرب"))
    assert same(res, m, ("b", "وتونس"), ("d", "تونس"))
    assert same(res, m, ("c", "وليبيا"), ("e", "ليبيا"))
    for short in (("b", "لزموري"), ("c", "وزموري")):
        assert same(res, m, short, ("a", "عبد الحق الزموري"))
    assert entity(res, m, ("b", "بالرباط")).label == "الرباط"
    assert "clitic" in entity(res, m, ("b", "بالرباط")).resolution


def test_letters_of_the_name_are_not_cut():
    res, m = resolve(CLITICS)
    for doc, name in [("c", "بركان"), ("c", "لبنان"), ("d", "بيروت"), ("e", "ليبيا"), ("c", "فرنسا"), ("d", "وجدة")]:
        assert entity(res, m, (doc, name)).key == form_key(name)
    assert not same(res, m, ("d", "وجدة"), ("d", "جدة"))
    assert not same(res, m, ("d", "وليام بيرنز"), ("e", "ليام هيغ"))
    assert entity(res, m, ("d", "وليام بيرنز")).label == "وليام بيرنز"


def test_two_clitic_spellings_of_an_unseen_name_meet_at_the_bare_name():
    res, m = resolve(
        """
## a
وأكد مصدر مطلع أن اللقاء جمع الوزير [[ووليام ماركس|PER]] في العاصمة.
## b
وقالت مصادر مقربة [[لوليام ماركس|PER]] إن الزيارة ستتواصل.
## c
والتقى الوفد [[ووليد سعدون|PER]] في المساء.
"""
    )
    assert same(res, m, ("a", "ووليام ماركس"), ("b", "لوليام ماركس"))
    assert entity(res, m, ("a", "ووليام ماركس")).label == "وليام ماركس"
    # one spelling only, but وليد is a listed given name and ووليد none: و is cut
    assert entity(res, m, ("c", "ووليد سعدون")).label == "وليد سعدون"


def test_a_clitic_is_cut_from_a_listed_given_name_seen_once() -> None:
    res, m = resolve(
        """
## a
وحضر الاجتماع كل من الوزير [[وكريستوفر ماكلين|PER]] والسفير.
## b
وقال المدرب [[وسيم الحداد|PER]] إن الفريق جاهز.
"""
    )
    assert entity(res, m, ("a", "وكريستوفر ماكلين")).label == "كريستوفر ماكلين"
    assert entity(res, m, ("b", "وسيم الحداد")).label == "وسيم الحداد"  # وسيم is a name, not و + سيم


# -- orthography ---------------------------------------------------------------------

ORTHOGRAPHY = """
## a
أعلنت [[إسبانيا|LOC]] و[[السفارة الأمريكية|ORG]] أن [[“داعش”|ORG]] خطر، قال [[مصطفى الرميد|PER]] إن [[FBI|ORG]] يتابع.
## b
أعلنت [[اسبانيا|LOC]] و[[السفارة الأميركية|ORG]] أن [[«داعش»|ORG]] ضعف، قال [[مصطفي الرميد|PER]] إن [[f.b.i.|ORG]] حقق.
## c
وصلت [[آسيا|LOC]] إلى [[جدة|LOC]] ثم [[جده|LOC]]، وذكرت [[الرباط|LOC]] و[[الربـــاط|LOC]] أن
 [[حَمُّوشِي|PER]] و[[حموشي|PER]] و[[U.S.|LOC]] و[[US|LOC]] في [[اسيا|LOC]].
"""


def test_orthographic_variants_are_one_entity():
    res, m = resolve(ORTHOGRAPHY)
    pairs = [
        (("a", "إسبانيا"), ("b", "اسبانيا")),
        (("c", "آسيا"), ("c", "اسيا")),
        (("a", "مصطفى الرميد"), ("b", "مصطفي الرميد")),
        (("c", "جدة"), ("c", "جده")),
        (("c", "الرباط"), ("c", "الربـــاط")),
        (("c", "حَمُّوشِي"), ("c", "حموشي")),
        (("a", "السفارة الأمريكية"), ("b", "السفارة الأميركية")),
        (("a", "“داعش”"), ("b", "«داعش»")),
        (("a", "FBI"), ("b", "f.b.i.")),
        (("c", "U.S."), ("c", "US")),
    ]
    for a, b in pairs:
        assert same(res, m, a, b), (a, b)
    assert entity(res, m, ("a", "السفارة الأمريكية")).resolution == ["spelling"]
    assert not same(res, m, ("a", "السفارة الأمريكية"), ("c", "U.S."))
    assert form_key('"داعش"') == form_key("داعش")


# -- articles, transliterations, partial names -------------------------------------------

NAMES = """
## a
استقبل [[عبد اللطيف حموشي|PER]] السفير [[دايفيد فيشر|PER]]، وأكد [[فيشر|PER]] أن التعاون متين.
وحضر [[روبرت كارتر|PER]].
## b
قال [[عبد اللطيف الحموشي|PER]] إن [[ديفيد فيشر|PER]] زار المقر، وأشاد [[الحموشي|PER]] بالزيارة.
وحضر [[روبير كارتر|PER]].
## c
التقى [[دافيد فيشر|PER]] [[وليام تومسون|PER]] و[[ويليام تومسون|PER]]،
ثم زار [[حموشي|PER]] مدينة [[الخليل|LOC]] مع [[خليل|PER]].
## d
تحدث [[ديفيد ميلر|PER]] و[[دانيال ميلر|PER]] و[[توماس مولر|PER]]، ثم قال [[مولر|PER]] إن الاتفاق قريب.
## e
نقلت الوكالة عن [[ميلر|PER]] أن المحادثات متعثرة، وقال [[دانيال مولر|PER]]، وهو باحث شاب، إنها ستستمر.
وقال [[محمد بنعلي|PER]] إن [[محمود بنعلي|PER]] سيتقاعد.
## f
قال [[كارتر|PER]] إن الفريق جاهز، وأكد [[تومسون|PER]] ذلك.
"""


def test_the_article_inside_a_name():
    res, m = resolve(NAMES)
    assert same(res, m, ("a", "عبد اللطيف حموشي"), ("b", "عبد اللطيف الحموشي"))
    assert same(res, m, ("b", "الحموشي"), ("c", "حموشي"))
    assert not same(res, m, ("c", "الخليل"), ("c", "خليل"))  # a city and a man
    assert "article" in entity(res, m, ("a", "عبد اللطيف حموشي")).resolution


def test_transliterations_merge_and_close_names_stay_apart():
    res, m = resolve(NAMES)
    assert same(res, m, ("a", "دايفيد فيشر"), ("b", "ديفيد فيشر"))
    assert same(res, m, ("a", "دايفيد فيشر"), ("c", "دافيد فيشر"))
    assert same(res, m, ("a", "روبرت كارتر"), ("b", "روبير كارتر"))
    assert same(res, m, ("c", "وليام تومسون"), ("c", "ويليام تومسون"))
    assert "translit" in entity(res, m, ("a", "دايفيد فيشر")).resolution
    assert not same(res, m, ("d", "ديفيد ميلر"), ("a", "دايفيد فيشر"))  # same first name
    assert not same(res, m, ("d", "ديفيد ميلر"), ("d", "دانيال ميلر"))  # same surname
    assert not same(res, m, ("d", "دانيال ميلر"), ("d", "توماس مولر"))  # surnames a letter apart
    assert not same(res, m, ("d", "دانيال ميلر"), ("e", "دانيال مولر"))  # ... seen with different first names
    assert not same(res, m, ("e", "محمد بنعلي"), ("e", "محمود بنعلي"))  # Arabic names: vowels matter


def test_partial_names_link_in_the_document_then_in_the_corpus():
    res, m = resolve(NAMES)
    assert same(res, m, ("a", "فيشر"), ("a", "دايفيد فيشر"))  # same document
    assert same(res, m, ("d", "مولر"), ("d", "توماس مولر"))  # same document, not the other Miller
    assert same(res, m, ("f", "كارتر"), ("a", "روبرت كارتر"))  # the one full name in the corpus
    assert same(res, m, ("f", "تومسون"), ("c", "ويليام تومسون"))
    assert entity(res, m, ("e", "ميلر")).label == "ميلر"  # two Millers: ambiguous, apart
    assert not same(res, m, ("e", "ميلر"), ("d", "دانيال ميلر"))
    fisher = entity(res, m, ("a", "فيشر"))
    assert fisher.label == "دايفيد فيشر" and "فيشر" in fisher.aliases and "partial" in fisher.resolution


STATES = """
## a
وقع [[المغرب|LOC]] اتفاقا جديدا، وقالت [[المملكة المغربية|LOC]] إن التعاون سيتسع. وأكد بلاغ أن [[المملكة|LOC]] ملتزمة.
## b
زار وفد من [[المملكة العربية السعودية|LOC]] [[المملكة المغربية|LOC]]، وقالت [[المملكة|LOC]] إنها ترحب.
## c
وقالت [[المملكة|LOC]] في بيان إنها تتابع الوضع.
## d
وزار الوفد [[السعودية|LOC]] ثم [[الجمهورية التونسية|LOC]]، وقال مسؤول إن [[الجمهورية|LOC]] شريك مهم.
"""


def test_a_state_noun_alone_is_the_one_state_of_its_document_named_with_it():
    res, m = resolve(STATES)
    morocco = entity(res, m, ("a", "المغرب"))
    assert same(res, m, ("a", "المملكة"), ("a", "المغرب"))
    assert "المملكة" in morocco.aliases and "partial" in morocco.resolution
    assert same(res, m, ("d", "الجمهورية"), ("d", "الجمهورية التونسية"))
    assert not same(res, m, ("b", "المملكة"), ("b", "المملكة المغربية"))  # two kingdoms: ambiguous
    assert not same(res, m, ("b", "المملكة"), ("b", "المملكة العربية السعودية"))
    assert entity(res, m, ("c", "المملكة")).label == "المملكة"  # no kingdom named in c


# -- titles, types -------------------------------------------------------------------

TITLES = """
## a
استقبل [[المدير العام للأمن الوطني عبد اللطيف حموشي|PER]] [[السفير جون سميث|ORG]] في الرباط.
## b
وقال [[الرئيس|PER]] إن [[السيدة ليلى بناني|PER]]، مديرة المعهد الوطني للإحصاء، ستشارك.
## c
وأكد السفير [[جون سميث|PER]] أن [[وزيرة الصحة ليلى بناني|PER]] زارت واشنطن.
وقال [[عبد اللطيف حموشي|PER]] إن الزيارة مهمة.
"""


def test_titles_become_roles_and_title_only_spans_are_dropped():
    res, m = resolve(TITLES)
    assert same(res, m, ("a", "المدير العام للأمن الوطني عبد اللطيف حموشي"), ("c", "عبد اللطيف حموشي"))
    assert same(res, m, ("b", "السيدة ليلى بناني"), ("c", "وزيرة الصحة ليلى بناني"))
    assert res.entity_of(m["b", "الرئيس"]) is None
    hammouchi = entity(res, m, ("c", "عبد اللطيف حموشي"))
    assert hammouchi.label == "عبد اللطيف حموشي" and hammouchi.roles == ["المدير العام للأمن الوطني"]
    assert "title" in hammouchi.resolution
    bennani = entity(res, m, ("b", "السيدة ليلى بناني"))
    assert bennani.roles == ["السيدة", "مديرة المعهد الوطني للإحصاء", "وزيرة الصحة"]
    smith = entity(res, m, ("a", "السفير جون سميث"))
    assert smith.type == "PER" and smith.roles == ["السفير"]  # tagged ORG once, PER once, titled twice


def test_type_conflicts_go_to_the_majority():
    res, m = resolve("""
## a
زار [[نزار بركة|PER]] مدينة [[طنجة|LOC]].
## b
قال [[نزار بركة|ORG]] إن [[طنجة|ORG]] مدينة صاعدة.
## c
أكد [[نزار بركة|PER]] أن [[طنجة|LOC]] جاهزة.
""")
    assert entity(res, m, ("b", "نزار بركة")).type == "PER"
    assert entity(res, m, ("b", "طنجة")).type == "LOC"


# -- aliases ------------------------------------------------------------------------

ALIASES = """
## a
أعلن [[مكتب التحقيقات الفيدرالي|ORG]] و[[إف بي آي|ORG]] و[[FBI|ORG]] و[[سي آي إيه|ORG]]
و[[CIA|ORG]] أن [[داعش|ORG]] ضعف.
## b
قالت [[وكالة الاستخبارات المركزية الأمريكية|ORG]] إن [[تنظيم الدولة الإسلامية|ORG]] و[[تنظيم القاعدة|ORG]] نشطان.
## c
أشادت [[المديرية العامة لمراقبة التراب الوطني|ORG]] و[[ديستي|ORG]] و[[DGST|ORG]]
بدعم [[الولايات المتحدة|LOC]] و[[أمريكا|LOC]].
## d
وقالت [[الولايات المتحدة الأمريكية|LOC]] إن [[DGSN|ORG]] شريك، فيما أكدت [[الشركة الوطنية للنقل|ORG]] و[[SNTL|ORG]] ذلك.
"""


def test_builtin_aliases_merge_acronyms_and_long_names():
    res, m = resolve(ALIASES)
    groups = [
        [("a", "مكتب التحقيقات الفيدرالي"), ("a", "إف بي آي"), ("a", "FBI")],
        [("a", "سي آي إيه"), ("a", "CIA"), ("b", "وكالة الاستخبارات المركزية الأمريكية")],
        [("a", "داعش"), ("b", "تنظيم الدولة الإسلامية")],
        [("c", "المديرية العامة لمراقبة التراب الوطني"), ("c", "ديستي"), ("c", "DGST")],
        [("c", "الولايات المتحدة"), ("c", "أمريكا"), ("d", "الولايات المتحدة الأمريكية")],
    ]
    for group in groups:
        assert all(same(res, m, group[0], other) for other in group[1:]), group
        assert "alias" in entity(res, m, group[0]).resolution
    keys = {res.entity_of(m[g[0]]) for g in groups}
    assert len(keys) == len(groups)  # all different entities
    assert not same(res, m, ("b", "تنظيم الدولة الإسلامية"), ("b", "تنظيم القاعدة"))
    assert not same(res, m, ("c", "DGST"), ("d", "DGSN"))
    assert not same(res, m, ("d", "الشركة الوطنية للنقل"), ("d", "SNTL"))  # not in the table


def test_the_users_table_forces_merges_and_splits(tmp_path):
    table = tmp_path / "aliases.csv"
    table.write_text(
        "# my newsroom's names\nalias,canonical,type\n"
        "SNTL,الشركة الوطنية للنقل,ORG\n"
        "ديستي,!=المديرية العامة لمراقبة التراب الوطني\n",
        encoding="utf-8",
    )
    res, m = resolve(ALIASES, Resolver(aliases=table))
    assert same(res, m, ("d", "الشركة الوطنية للنقل"), ("d", "SNTL"))
    assert not same(res, m, ("c", "ديستي"), ("c", "المديرية العامة لمراقبة التراب الوطني"))
    assert same(res, m, ("c", "DGST"), ("c", "المديرية العامة لمراقبة التراب الوطني"))


def test_a_bad_alias_table_names_its_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("alias,canonical\nFBI,\n", encoding="utf-8")
    with pytest.raises(AliasError, match=r"bad.csv:2"):
        load_aliases(bad)
    bad.write_text("name,type\nFBI,ORG\n", encoding="utf-8")
    with pytest.raises(AliasError, match="header"):
        load_aliases(bad)


def test_an_acronym_in_brackets_is_learned_as_an_alias():
    res, m = resolve("""
## a
أعلنت [[الهيئة الوطنية للنزاهة والوقاية من الرشوة|ORG]] (الهيئة الوطنية) عن تقرير.
وأشار [[المجلس الأعلى للحسابات|ORG]] (رويترز) إلى نقص.
وقالت [[الوكالة الوطنية للموانئ|ORG]] (ANP) إن الحركة ارتفعت.
## b
قالت [[الهيئة الوطنية|ORG]] إن الرشوة تراجعت، وذكرت [[رويترز|ORG]] أن [[ANP|ORG]] [[وANP|ORG]] رفعت الرسوم.
""")
    assert same(res, m, ("a", "الهيئة الوطنية للنزاهة والوقاية من الرشوة"), ("b", "الهيئة الوطنية"))
    assert same(res, m, ("a", "الوكالة الوطنية للموانئ"), ("b", "ANP"))
    assert same(res, m, ("b", "وANP"), ("b", "ANP"))
    assert not same(res, m, ("a", "المجلس الأعلى للحسابات"), ("b", "رويترز"))
    assert "bracket" in entity(res, m, ("b", "ANP")).resolution


# -- output, determinism, scale ------------------------------------------------------


def test_label_key_aliases_and_rules():
    res, m = resolve(NAMES)
    e = entity(res, m, ("a", "عبد اللطيف حموشي"))
    assert e.key == form_key(e.label) and e.label in e.aliases
    assert e.aliases == sorted({"عبد اللطيف حموشي", "عبد اللطيف الحموشي", "الحموشي", "حموشي"})
    assert set(e.resolution) <= set(RULES)
    for key, ent in res.entities.items():
        assert key == ent.key == form_key(ent.label)


def test_same_entities_whatever_the_order_of_documents():
    docs = bench.load_documents()
    first = bench.resolve_documents(docs, Resolver())
    shuffled = docs[:]
    random.Random(4).shuffle(shuffled)
    again = bench.resolve_documents(shuffled, Resolver())
    assert first.entities == again.entities
    left, right = Resolver(), Resolver()
    for i, (doc, mentions, _) in enumerate(docs):
        (left if i % 2 else right).add(doc.id, mentions, split_sentences(doc.text, doc.id))
    assert left.merge(right).resolve().entities == first.entities


def test_resolution_works_on_distinct_forms():
    names = [f"شخص{i} عائلة{i}" for i in range(300)]
    r = Resolver()
    for d in range(200):
        mentions = [Mention(f"d{d}", 0, 0, 0, 1, names[(d * 7 + k) % 300], "PER") for k in range(20)]
        r.add(f"d{d}", mentions)
    res = r.resolve()
    assert len(res.entities) == 300


# -- wiring: build_graph and the CLI ----------------------------------------------------


def test_build_graph_and_cli_take_an_alias_table(tmp_path):
    gazetteer = tmp_path / "g.csv"
    gazetteer.write_text("name,type,aliases\nالشركة الوطنية للنقل,ORG,\nSNTL,ORG,\nطنجة,LOC,\n", encoding="utf-8")
    table = tmp_path / "a.csv"
    table.write_text("alias,canonical\nSNTL,الشركة الوطنية للنقل\n", encoding="utf-8")
    docs = [
        Document("d1", "أعلنت الشركة الوطنية للنقل عن خط جديد إلى طنجة."),
        Document("d2", "قالت SNTL إن طنجة أولوية."),
    ]
    plain = build_graph(docs, extractor="gazetteer", gazetteer=gazetteer)
    assert plain.number_of_nodes() == 3
    G = build_graph(docs, extractor="gazetteer", gazetteer=gazetteer, aliases=table)
    assert G.number_of_nodes() == 2
    node = G.nodes[form_key("الشركة الوطنية للنقل")]
    assert node["aliases"] == ["SNTL", "الشركة الوطنية للنقل"] and node["resolution"] == ["alias"]
    folder = tmp_path / "docs"
    folder.mkdir()
    for doc in docs:
        (folder / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8")
    out = tmp_path / "g.json"
    args = ["build", str(folder), "--extractor", "gazetteer", "--gazetteer", str(gazetteer), "-q"]
    assert main([*args, "--aliases", str(table), "--json", str(out)]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["nodes"]) == 2


def test_gazetteer_aliases_are_forced_merges(tmp_path):
    gazetteer = tmp_path / "g.csv"
    gazetteer.write_text("name,type,aliases\nالمكتب الوطني للماء,ORG,ONEE|مكتب الماء\n", encoding="utf-8")
    doc = Document("d", "قال المكتب الوطني للماء إن ONEE ستوسع الشبكة.")
    G = build_graph([doc], extractor="gazetteer", gazetteer=gazetteer)
    assert list(G.nodes(data="resolution")) == [(form_key("المكتب الوطني للماء"), ["gazetteer"])]


def test_the_rule_table_is_the_order_of_the_docs_and_the_readme():
    import shabaka.resolve

    documented = re.findall(r"^``(\w+)``", shabaka.resolve.__doc__, flags=re.MULTILINE)
    assert documented == list(RULES)
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"`resolution` names the rules that merged it, in the order(.*?)\.\n", readme, re.DOTALL)
    assert listed is not None and re.findall(r"`(\w+)`", listed.group(1)) == list(RULES)


def test_a_rule_left_out_of_the_settings_is_not_applied():
    from shabaka.resolve import ResolveSettings

    text = "## d1\nزار [[الرباط|LOC]] ثم عاد [[بالرباط|LOC]]."
    merged, _ = resolve(text)
    assert [e.resolution for e in merged.entities.values()] == [["clitic"]]
    rules = tuple(r for r in RULES if r != "clitic")
    apart, _ = resolve(text, Resolver(settings=ResolveSettings(rules=rules)))
    assert len(apart.entities) == 2
    with pytest.raises(ValueError, match="rule must be one of"):
        Resolver(settings=ResolveSettings(rules=("clitics",)))


NASAB = """
## a
استقبل [[فيصل بن تركي بن ناصر|PER]] وفدا، وكان والده [[تركي بن ناصر|PER]] قد زار المدينة.
وقال [[فيصل بن تركي|PER]] إن الزيارة ناجحة.
## b
وأشاد [[الملك فهد|PER]] بجهود نجله [[سعود بن فهد|PER]] في المشروع.
## c
وحضر [[راشد بن سعيد آل نهيان|PER]] الحفل، وأكد [[راشد آل نهيان|PER]] أهمية التعاون.
"""


def test_a_nasab_chain_links_its_start_never_its_father():
    res, m = resolve(NASAB)
    assert not same(res, m, ("a", "تركي بن ناصر"), ("a", "فيصل بن تركي بن ناصر"))  # the father
    assert same(res, m, ("a", "فيصل بن تركي"), ("a", "فيصل بن تركي بن ناصر"))  # the chain cut before بن
    assert not same(res, m, ("b", "الملك فهد"), ("b", "سعود بن فهد"))  # the king is the son's father
    assert same(res, m, ("c", "راشد آل نهيان"), ("c", "راشد بن سعيد آل نهيان"))  # given and family name


FRAGMENTS = """
## a
وقال [[أحمد|PER]] إن الاجتماع انتهى، وأضاف [[عبد الله|PER]] أن النتائج جيدة، ورد [[خالد الراشد|PER]] بالموافقة.
## b
وزار [[يوسف بن علي|PER]] المعرض، وقال [[يوسف|PER]] إنه سعيد.
"""


def test_a_given_name_alone_is_no_entity_unless_a_full_name_claims_it():
    res, m = resolve(FRAGMENTS)
    assert res.entity_of(m["a", "أحمد"]) is None
    assert res.entity_of(m["a", "عبد الله"]) is None
    assert entity(res, m, ("a", "خالد الراشد")).label == "خالد الراشد"
    assert same(res, m, ("b", "يوسف"), ("b", "يوسف بن علي"))  # the start of its nasab chain, same document


def test_a_latin_acronym_and_the_arabic_name_are_one_node():
    docs = [
        Document("a", "أعلن المكتب الشريف للفوسفاط عن أرباح قياسية هذا العام."),
        Document("b", "وقالت مجموعة OCP إن صادراتها ارتفعت، فيما وقعت TOTAL اتفاقا مع شركة توتال إنرجيز."),
    ]
    G = build_graph(docs)
    ocp = [d for _, d in G.nodes(data=True) if "OCP" in d["aliases"]]
    assert len(ocp) == 1 and "المكتب الشريف للفوسفاط" in ocp[0]["aliases"]
    total = [d for _, d in G.nodes(data=True) if "TOTAL" in d["aliases"]]
    assert len(total) == 1 and "توتال إنرجيز" in total[0]["aliases"]


def test_a_latin_acronym_after_a_body_is_its_short_name():
    docs = [
        Document("a", "أعلنت الوكالة الوطنية للموانئ ANP عن توسعة الرصيف، وقالت ANP إن الأشغال تبدأ غدا."),
        Document("b", "ووقعت الوكالة الوطنية للموانئ اتفاقية جديدة."),
    ]
    G = build_graph(docs)
    anp = [d for _, d in G.nodes(data=True) if "ANP" in d["aliases"]]
    assert len(anp) == 1 and "الوكالة الوطنية للموانئ" in anp[0]["aliases"]
    assert "bracket" in anp[0]["resolution"]


NISBA = """
## a
أعلنت [[وزارة الصحة الأردنية|ORG]] عن حالات جديدة، وقالت [[وزارة الصحة|ORG]] إن الوضع مستقر.
## b
وقالت [[وزارة الصحة|ORG]] المصرية في بيان إن الحملة مستمرة.
"""


def test_a_body_without_its_nisba_is_the_body_of_its_document():
    res, m = resolve(NISBA)
    assert same(res, m, ("a", "وزارة الصحة"), ("a", "وزارة الصحة الأردنية"))
    assert not same(res, m, ("b", "وزارة الصحة"), ("a", "وزارة الصحة الأردنية"))  # another document


CENTRAL_BANKS = """
## a
وقرر [[البنك المركزي المغربي|ORG]] إبقاء سعر الفائدة دون تغيير في اجتماعه الفصلي.
## b
وقال [[البنك المركزي|ORG]] في بلاغ إن التضخم في المغرب تراجع، وإن الاقتصاد المغربي سينمو.
## c
وأعلن [[البنك المركزي|ORG]] أن احتياطي تونس من العملة الصعبة ارتفع، وأن الدينار التونسي استقر.
## d
وحذر [[البنك المركزي|ORG]] من ارتفاع الأسعار.
"""


def test_a_body_without_its_nationality_is_the_body_of_the_country_its_document_names_most():
    res, m = resolve(CENTRAL_BANKS)
    assert same(res, m, ("b", "البنك المركزي"), ("a", "البنك المركزي المغربي"))  # المغرب، المغربي
    assert not same(res, m, ("c", "البنك المركزي"), ("a", "البنك المركزي المغربي"))  # a Tunisian story
    assert not same(res, m, ("d", "البنك المركزي"), ("a", "البنك المركزي المغربي"))  # no country named


HEADLESS = """
## a
وأعلنت [[مديرية الأمن العام|ORG]] القبض على مطلوبين، وقال الناطق باسم [[الأمن العام|ORG]] إن التحقيق جار.
## b
وقالت [[المديرية العامة للحماية المدنية|ORG]] إن فرقها أخمدت حريقا.
## c
وأوضح [[الأمن العام|ORG]] أن الحملة مستمرة، وتدخلت [[الحماية المدنية|ORG]] لإسعاف المصابين.
## d
وأعلنت [[مديرية الأمن العام|ORG]] و[[المديرية العامة للأمن العام|ORG]] حالة التأهب.
"""


def test_a_body_without_its_head_word_is_the_body_named_with_it():
    res, m = resolve(HEADLESS)
    assert same(res, m, ("a", "الأمن العام"), ("a", "مديرية الأمن العام"))  # the same document
    assert same(res, m, ("c", "الحماية المدنية"), ("b", "المديرية العامة للحماية المدنية"))  # one body named so
    assert entity(res, m, ("a", "الأمن العام")).label == "مديرية الأمن العام"
    # two bodies of the corpus are named with الأمن العام: in a document that names neither, none is chosen
    assert not same(res, m, ("c", "الأمن العام"), ("a", "مديرية الأمن العام"))
    assert not same(res, m, ("c", "الأمن العام"), ("d", "المديرية العامة للأمن العام"))


PLACE_WORDS = """
## a
وتصاعدت الهجمات في [[منطقة الساحل|LOC]] خلال العام الماضي.
## b
وتحول [[الساحل|LOC]] إلى ساحة للجماعات المسلحة، فيما زار الوفد [[مدينة الصدر|LOC]].
## c
وقال [[الصدر|PER]] إن الانتخابات ستجري في موعدها.
"""


def test_a_place_named_with_a_word_for_an_area_is_the_place_named_without_it():
    res, m = resolve(PLACE_WORDS)
    assert same(res, m, ("a", "منطقة الساحل"), ("b", "الساحل"))
    assert entity(res, m, ("a", "منطقة الساحل")).label == "الساحل"
    assert not same(res, m, ("b", "مدينة الصدر"), ("c", "الصدر"))  # a person, not the place


NASAB_CHAIN = """
## a
واستقبل [[خالد بن فهد بن سعود|PER]] الوفد في مكتبه.
## b
وأشاد [[خالد بن فهد|PER]] بنتائج الزيارة، وحضر اللقاء [[سالم بن علي|PER]].
## c
وقال [[سالم بن علي بن حمد|PER]] و[[سالم بن علي بن ناصر|PER]] إن الاتفاق جاهز.
"""


def test_a_name_and_its_fathers_name_is_the_one_longer_chain_of_the_corpus():
    res, m = resolve(NASAB_CHAIN)
    assert same(res, m, ("b", "خالد بن فهد"), ("a", "خالد بن فهد بن سعود"))
    # two longer chains begin with it: neither is chosen
    assert not same(res, m, ("b", "سالم بن علي"), ("c", "سالم بن علي بن حمد"))
    assert not same(res, m, ("b", "سالم بن علي"), ("c", "سالم بن علي بن ناصر"))


STATE_NOUN = """
## a
وقال الوزير إن [[الأردن|LOC]] يتمتع بتغطية صحية شاملة متاحة في أي منطقة [[بالمملكة|LOC]].
## b
وزار الوفد [[المغرب|LOC]] و[[تونس|LOC]]، وأشاد بتجربة [[المملكة|LOC]].
"""


def test_a_state_noun_alone_is_the_country_its_story_names_most():
    res, m = resolve(STATE_NOUN)
    assert same(res, m, ("a", "بالمملكة"), ("a", "الأردن"))
    assert not same(res, m, ("b", "المملكة"), ("b", "المغرب"))  # two countries named as often: neither


def test_abd_written_together_with_the_name_is_the_same_person(tmp_path) -> None:
    from shabaka import build_graph

    (tmp_path / "a.txt").write_text("وقال الوزير سامر عبد الكريم إن المشروع جاهز للتنفيذ.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("وأكد الوزير سامر عبدالكريم أن المستشفى جاهز.\n", encoding="utf-8")
    graph = build_graph(tmp_path)
    people = [d for _, d in graph.nodes(data=True) if "الكريم" in d["label"]]
    assert len(people) == 1
    assert set(people[0]["documents"]) == {"a", "b"}


def test_a_club_named_without_its_club_word_is_the_club_of_the_document(tmp_path) -> None:
    from shabaka import build_graph

    (tmp_path / "a.txt").write_text(
        "يستعد النادي الأهلي لمواجهة الزمالك في مباراة القمة من الدوري الممتاز، "
        "ويتصدر الأهلي جدول الترتيب بعد فوزه في الجولة الماضية على الإسماعيلي بهدفين.\n",
        encoding="utf-8",
    )
    nodes = [{d["label"], *d["aliases"]} for _, d in build_graph(tmp_path).nodes(data=True)]
    assert sum(1 for names in nodes if names & {"الأهلي", "النادي الأهلي"}) == 1


def test_a_surname_read_as_another_type_is_the_person_of_its_document() -> None:
    from shabaka.model import Mention
    from shabaka.resolve import Resolver

    def mention(doc: str, start: int, text: str, kind: str) -> Mention:
        return Mention(doc, 0, 0, start, start + len(text), text, kind, 1.0)

    resolver = Resolver()
    resolver.add("a", [mention("a", 0, "سليم بوزيدة", "PER"), mention("a", 40, "بوزيدة", "LOC")])
    result = resolver.resolve()
    short = mention("a", 40, "بوزيدة", "LOC")
    assert result.entity_of(short) == result.entity_of(mention("a", 0, "سليم بوزيدة", "PER"))


BRAND = """
## a
وقعت [[شركة نورسال|ORG]] اتفاقا مع الحكومة، وقالت [[نورسال|ORG]] إن الاتفاق يشمل ثلاث مدن.
وأعلنت [[ومؤسسة الراية|ORG]] دعمها، وقالت [[الراية|ORG]] إن الدعم يبدأ الشهر المقبل.
## b
وقالت [[نورسال|ORG]] في بيان إن أرباحها ارتفعت.
"""


def test_a_body_without_its_company_word_is_the_body_of_its_document():
    res, m = resolve(BRAND)
    assert same(res, m, ("a", "نورسال"), ("a", "شركة نورسال"))
    assert same(res, m, ("a", "الراية"), ("a", "ومؤسسة الراية"))  # the word under a proclitic
    assert not same(res, m, ("b", "نورسال"), ("a", "شركة نورسال"))  # another document


NATIONAL = """
## a
أعلن [[المجلس الأعلى الانتقالي|ORG]] قراره، ورحب [[المجلس الأعلى الليبي|ORG]] بالخطوة.
## b
وقالت [[الهيئة العامة المستقلة|ORG]] إن [[الهيئة العامة التونسية|ORG]] و[[الهيئة العامة المغربية|ORG]] اتفقتا.
"""


def test_a_body_named_with_a_nisba_is_the_body_named_with_its_nationality():
    res, m = resolve(NATIONAL)
    assert same(res, m, ("a", "المجلس الأعلى الانتقالي"), ("a", "المجلس الأعلى الليبي"))
    # two bodies of two countries: neither is the third one, nor the other
    assert not same(res, m, ("b", "الهيئة العامة المستقلة"), ("b", "الهيئة العامة التونسية"))
    assert not same(res, m, ("b", "الهيئة العامة التونسية"), ("b", "الهيئة العامة المغربية"))


def test_a_place_sharing_a_players_consonants_stays_apart_in_another_story(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("وأضاع المهاجم بكاري كوني فرصة التسجيل في الدقيقة الأخيرة.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("وانتقدت الحكومة استضافة كينيا اجتماعا للمعارضة.", encoding="utf-8")
    graph = build_graph([tmp_path / "a.txt", tmp_path / "b.txt"])
    docs = {d["label"]: sorted(d["documents"]) for _, d in graph.nodes(data=True)}
    assert docs["كينيا"] == ["b"]
    assert docs["بكاري كوني"] == ["a"]


def test_the_end_of_a_compound_name_in_another_story_is_no_short_name() -> None:
    from shabaka.model import Mention
    from shabaka.resolve import Resolver

    def mention(doc: str, start: int, text: str, kind: str) -> Mention:
        return Mention(doc, 0, 0, start, start + len(text), text, kind, 1.0)

    resolver = Resolver()
    resolver.add("a", [mention("a", 0, "خالد بن سعد بن عبدالله", "PER")])
    resolver.add("b", [mention("b", 10, "الله", "PER")])  # the model's half of عبد | الله
    result = resolver.resolve()
    assert result.entity_of(mention("b", 10, "الله", "PER")) != result.entity_of(
        mention("a", 0, "خالد بن سعد بن عبدالله", "PER")
    )


FESTIVAL = """
## a
أعلن [[مهرجان الرباط السينمائي الدولي|MISC]] برنامجه، وقال مدير [[مهرجان الرباط السينمائي|MISC]] إن الدورة تبدأ غدا.
"""


def test_an_event_named_with_and_without_its_closing_nisba_is_one() -> None:
    res, m = resolve(FESTIVAL)
    assert same(res, m, ("a", "مهرجان الرباط السينمائي"), ("a", "مهرجان الرباط السينمائي الدولي"))


def test_syria_in_either_spelling_and_its_long_form_is_one_place(tmp_path) -> None:
    text = "وصل الوفد إلى الجمهورية العربية السورية أمس، وقال إن سورية تستعد للمؤتمر."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    places = [d for _, d in build_graph([tmp_path / "a.txt"]).nodes(data=True) if d["type"] == "LOC"]
    assert len(places) == 1


def test_a_surname_with_a_nisba_is_no_short_name_of_a_family_name_without_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("وحضر الحفل الوزير سلطان أحمد الجابر مع عدد من المسؤولين.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "وسجل اللاعب هدفين في المباراة التي أقيمت على الملعب البلدي ضمن الجولة الخامسة من الدوري. "
        "وسجل الأهداف كل من جابري في الدقيقة 6 وزميله حمدي في الدقيقة 50.\n",
        encoding="utf-8",
    )
    nodes = {d["label"]: d["documents"] for _, d in build_graph(tmp_path).nodes(data=True)}
    assert nodes.get("جابري") == ["b"]
    assert nodes.get("سلطان أحمد الجابر") == ["a"]
