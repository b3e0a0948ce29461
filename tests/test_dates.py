"""Document dates on texts written for these tests (one rule each)."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from shabaka.dates import date_summary, document_date, hijri_to_gregorian, parse_date


def iso(text: str, **kwargs) -> str | None:
    found = document_date(text, **kwargs)
    return found.iso if found else None


def test_maghrebi_month_with_time():
    assert iso("أخبار الجهة\nالأربعاء 13 جوان 2018 - 10:15\nافتتح المهرجان دورته") == "2018-06-13"


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("الأحد 5 كانون الثاني 2020 | 09:30", "2020-01-05"),
        ("الأحد 5 كانون الأول 2020 | 09:30", "2020-12-05"),
        ("الخميس 7 تشرين الثاني 2019 | 18:05", "2019-11-07"),
        ("السبت 9 غشت 2014 - 11:00", "2014-08-09"),
        ("الثلاثاء 2 دجنبر 2014 - 08:45", "2014-12-02"),
    ],
)
def test_levantine_and_moroccan_months(stamp, expected):
    assert iso(f"بيروت\n{stamp}\nنص الخبر") == expected


def test_arabic_indic_digits():
    assert iso("الرياض\n١٥ أيار ٢٠١٩\nبدأت أعمال المؤتمر") == "2019-05-15"


def test_stamp_with_time_wins_over_the_site_header():
    text = "الاثنين 4 مارس 2024\nالأخبار المحلية\nعنوان المقال\n17 فبراير 2021 14:20\nنص المقال"
    assert iso(text) == "2021-02-17"


def test_two_stamps_that_disagree_give_unknown():
    text = "نشر في 3 مارس 2022 10:00\nتحديث\nنشر في 5 مارس 2022 12:00\nنص"
    assert document_date(text) is None


def test_event_date_in_running_text_is_not_the_dateline():
    assert document_date("أكد الوزير أن المعرض سيفتتح في 12 سبتمبر 2025 بحضور الضيوف.") is None


def test_today_in_the_lead():
    assert iso("أعلنت الوزارة اليوم الاثنين 6 يناير 2025 عن خطة جديدة.") == "2025-01-06"


def test_tomorrow_is_read_as_the_day_before():
    assert iso("قررت المحافظة تعطيل الدوام غداً الخميس (5 آب 2021) بسبب الحر.") == "2021-08-04"


def test_hijri_alone_is_converted():
    found = document_date("مكة المكرمة\n3 رمضان 1444\nبدأ توافد المعتمرين")
    assert found.calendar == "hijri"
    assert abs((found.date - date(2023, 3, 25)).days) <= 1


def test_hijri_without_the_umm_al_qura_table_is_approximate(monkeypatch):
    monkeypatch.setitem(sys.modules, "hijridate", None)  # the optional package is missing
    day, calendar, approximate = hijri_to_gregorian(1444, 9, 3)
    assert (calendar, approximate) == ("hijri", True)
    assert abs((day - date(2023, 3, 25)).days) <= 1


def test_a_hijri_twin_that_disagrees_gives_unknown():
    # 1 Ramadan 1444 is 23 March 2023, not 10 March
    assert document_date("الجمعة 10 مارس 2023 الموافق 1 رمضان 1444") is None


def test_record_field_comes_first():
    found = document_date("الثلاثاء 15 ديسمبر 2020 على الساعة 00:20", meta={"date": "2024-03-12T10:00:00Z"})
    assert (found.iso, found.source) == ("2024-03-12", "meta")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-12", "2024-03-12"),
        ("25/03/2024", "2024-03-25"),
        ("03/12/2024", None),  # 3 December or 12 March: unknown rather than a guess
        ("12 مارس 2024", "2024-03-12"),
        ("soon", None),
    ],
)
def test_record_field_forms(value, expected):
    found = parse_date(value)
    assert (found.iso if found else None) == expected


def test_html_metadata():
    html = (
        '<html><head><meta property="article:published_time" content="2022-11-05T10:30:00+01:00">'
        "</head><body><p>نص المقال</p></body></html>"
    )
    found = document_date("نص المقال", html=html)
    assert (found.iso, found.source) == ("2022-11-05", "html")


def test_url_path_when_the_text_has_none():
    found = document_date("نص بلا تاريخ", url="https://example.org/news/2019/2/28/slug")
    assert (found.iso, found.source) == ("2019-02-28", "url")


def test_url_vetoes_a_dateline_that_disagrees():
    text = "السبت 06-09-2014 17:41 | كتب: محرر"
    assert document_date(text, url="https://example.org/2015/01/01/story") is None


def test_day_and_month_may_be_swapped_in_a_latin_page():
    assert document_date("Posted 03/04/2021 10:00 by the editor") is None
    assert iso("Posted 23/04/2021 10:00 by the editor") == "2021-04-23"


def test_date_summary_counts_months_and_skips_unknown():
    known = document_date("الرباط\nالثلاثاء 15 ديسمبر 2020 على الساعة 00:20")
    summary = date_summary([known, None, date(2021, 1, 3), date(2020, 12, 1)])
    assert summary == {"first": "2020-12-01", "last": "2021-01-03", "months": {"2020-12": 2, "2021-01": 1}, "dated": 3}
    assert date_summary([None]) is None
