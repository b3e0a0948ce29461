"""Trigger words in their other senses, and relations told about something else: sentences
written for these tests, each guarding one rule of precision (issue 14)."""

from __future__ import annotations

from test_relations import relations


def test_waqa_occurs_signs_only_a_document():
    # وقع also means "occurred" and one signs decrees: with no agreement named, nothing is signed
    assert relations("وقعت اشتباكات عنيفة بين [[الجيش|ORG|a]] و[[هيئة تحرير الشام|ORG|b]] في ريف إدلب.") == {
        ("conflict", None, ("a", "b"))
    }
    assert relations("وقع [[اللاعب محمد صلاح|PER|a]] في فخ التسلل أمام [[تشيلسي|ORG|b]].") == set()
    assert relations("وقع [[وزير المالية|PER|a]] قرارا بإعفاء [[شركة أرامكو|ORG|b]] من الرسوم.") == set()
    # the document may stand after a long list of titles, or before (الاتفاقية التي وقعها)
    signed = "وقع [[المغرب|LOC|a]]، ممثلا في وزير الطاقة والمعادن والتنمية المستدامة، و[[فرنسا|LOC|b]] مذكرة تفاهم."
    assert relations(signed) == {("agreement", None, ("a", "b"))}
    before = "وتشمل المذكرة الثانية التعاون في مجال العمل، ووقعها [[سامي بكري|PER|a]]، ونظيره [[لوكاس موريل|PER|b]]."
    assert relations(before) == {("agreement", None, ("a", "b"))}
