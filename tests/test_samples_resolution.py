"""On the bundled sample articles, no real entity is split and no two are merged.

The ground truth below is written by hand: every surface form under which each real
entity appears in the samples (clitics and all). It does not come from the resolver.
The extractor is a parameter: with ``gazetteer`` (the samples' own list) every mention
must be known here and every entity found; another extractor (``embedded``, once its
model is trained) is checked on the mentions it shares with the ground truth.
"""

from __future__ import annotations

import itertools

import pytest

from shabaka.config import Settings
from shabaka.extract.combine import make_extractors
from shabaka.ingest import read_documents
from shabaka.phases import extract_phase, feed_resolver, new_resolver

TRUTH: dict[str, list[str]] = {
    # places
    "Rabat": ["الرباط", "والرباط"],
    "Casablanca": ["الدار البيضاء"],
    "Morocco": ["المغرب"],
    "United States": ["الولايات المتحدة", "للولايات المتحدة الأمريكية"],
    "Washington": ["واشنطن"],
    "Tunisia": ["تونس", "وتونس"],
    "Jordan": ["والأردن"],
    "Egypt": ["ومصر"],
    "Nouakchott": ["نواكشوط"],
    "Berkane": ["بركان", "ببركان"],
    "Oujda": ["وجدة", "ووجدة"],
    "Algeria": ["الجزائر"],
    "Algiers": ["الجزائر العاصمة"],
    "Amman": ["عمّان"],
    "Gaza": ["قطاع غزة", "غزة"],
    "Ouarzazate": ["ورزازات"],
    "Tarfaya": ["وطرفاية"],
    "Rafah crossing": ["معبر رفح"],
    "Noor solar plant": ["لمحطة نور للطاقة الشمسية"],
    # organizations
    "World Bank": ["البنك الدولي", "والبنك الدولي"],
    "FAO": ["الفاو", "ومنظمة الأغذية والزراعة"],
    "Ministry of Equipment and Water": ["لوزارة التجهيز والماء"],
    "Ministry of Agriculture": ["وزارة الفلاحة المغربية"],
    "AmCham Morocco": ["غرفة التجارة الأمريكية في المغرب"],
    "RS Berkane": ["نهضة بركان"],
    "Zamalek": ["الزمالك"],
    "USM Alger": ["اتحاد الجزائر"],
    "United Nations": ["الأمم المتحدة"],
    "UNRWA": ["الأونروا", "وكالة الأمم المتحدة لإغاثة وتشغيل اللاجئين الفلسطينيين في الشرق الأدنى"],
    "European Union": ["الاتحاد الأوروبي"],
    "MASEN": ["الوكالة المغربية للطاقة المستدامة", "مازن"],
    "US Exim Bank": ["بنك التصدير والاستيراد الأمريكي"],
    "FRMF": ["الجامعة الملكية المغربية لكرة القدم", "FRMF"],
    # people
    "Hind Alaoui": ["هند العلوي"],
    "Karim El Fassi": ["كريم الفاسي"],
    "Julia Hartmann": ["جوليا هارتمان", "جوليا هارتمن", "هارتمان"],
    "Daniel Miller": ["دانيال ميلر", "دانيال ميللر", "ميلر", "ميللر"],
    "Thomas Muller": ["توماس مولر"],
    "Salma Benjelloun": ["سلمى بنجلون", "بنجلون"],
    "Youssef Mrabet": ["يوسف المرابط"],
    "Hamza Moussaoui": ["حمزة الموساوي"],
    "Ilyas Benali": ["إلياس بنعلي"],
    "Robert Carter": ["روبرت كارتر"],
    "Souad Bennis": ["سعاد بنيس"],
}
ENTITY_OF_SURFACE = {s: name for name, surfaces in TRUTH.items() for s in surfaces}


@pytest.mark.parametrize("extractor", ["gazetteer", "embedded"])
def test_no_entity_split_and_none_merged(samples, sample_gazetteer, extractor):
    settings = Settings(extractor=extractor, gazetteer=sample_gazetteer if extractor == "gazetteer" else None)
    resolver = new_resolver(settings)
    records = list(feed_resolver(extract_phase(read_documents([samples]), make_extractors(settings)), resolver))
    resolution = resolver.resolve()
    found = [(m, resolution.entity_of(m)) for r in records for m in r.mentions]
    unknown = sorted({m.text for m, _ in found if m.text not in ENTITY_OF_SURFACE})
    if extractor == "gazetteer":
        assert not unknown, f"mentions missing from the ground truth: {unknown}"
        assert {m.text for m, _ in found} == set(ENTITY_OF_SURFACE)
    known = [(ENTITY_OF_SURFACE[m.text], key, m) for m, key in found if m.text in ENTITY_OF_SURFACE]
    assert all(key is not None for _, key, _ in known)
    for (truth_a, key_a, a), (truth_b, key_b, b) in itertools.combinations(known, 2):
        if truth_a == truth_b:
            assert key_a == key_b, f"{truth_a} split: {a.text} ({a.doc_id}) → {key_a}, {b.text} ({b.doc_id}) → {key_b}"
        else:
            assert key_a != key_b, f"{truth_a} and {truth_b} merged into {key_a}: {a.text}, {b.text}"
