"""Tests of page boilerplate removal (:mod:`shabaka.clean`).

The sample pages under ``tests/data/pages`` are invented, in the style of Arabic news
sites. ``.txt`` pages are labelled line by line: ``+ `` article (must be kept), ``- ``
page chrome (must be removed); ``.html`` pages are checked by content.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shabaka.clean import (
    CleanResult,
    CleanSettings,
    classify_lines,
    clean_html,
    clean_text,
    extract_html,
    html_lines,
    write_removed,
)

PAGES = Path(__file__).parent / "data" / "pages"
#: The benchmark's labelled pages (benchmarks/bench_clean.py): 38 pages, 551 lines.
BENCHMARK_PAGES = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "clean"


def labelled(name: str) -> tuple[str, list[str], list[str]]:
    """A labelled page: its text (labels stripped), its body lines, its chrome lines."""
    body, chrome, lines = [], [], []
    for raw in (PAGES / name).read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        line = " ".join(raw[2:].split())
        lines.append(line)
        (body if raw.startswith("+ ") else chrome).append(line)
    return "\n".join(lines), body, chrome


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.glob("*.txt")))
def test_labelled_pages_keep_exactly_the_body(name: str) -> None:
    text, body, chrome = labelled(name)
    result = clean_text(text)
    assert result.text.splitlines() == body
    assert sorted(result.removed) == sorted(chrome)


@pytest.mark.parametrize("path", sorted(BENCHMARK_PAGES.glob("*.txt")), ids=lambda p: p.stem)
def test_benchmark_pages_keep_exactly_the_body(path: Path) -> None:
    """Every line of the benchmark's labelled pages is judged as labelled (all 551 are today)."""
    lines = [
        (raw[0], " ".join(raw[2:].split())) for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()
    ]
    result = clean_text("\n".join(line for _, line in lines))
    assert result.text.splitlines() == [line for label, line in lines if label == "+"]
    assert len(result.removed) == sum(label == "-" for label, _ in lines)


def test_ticker_form_footer_and_site_title_are_removed() -> None:
    text, _, _ = labelled("portal_ticker_form.txt")
    result = clean_text(text)
    why = dict(zip(result.removed, result.reasons, strict=True))
    ticker = next(line for line in result.removed if line.startswith("إدريس الفاسي"))
    assert why[ticker] == "ticker"  # headlines glued on one line, no punctuation
    assert why["الاسم *"] == "comment form"
    assert why["البريد الإلكتروني *"] == "comment form"
    assert why["آخر تحديث 09:14:02 GMT"] == "date"
    assert why["قد يهمك أيضا :"] == "related header"
    assert why["إيقاف مهربين قرب بن قردان"] == "related link"
    assert why["جميع الحقوق محفوظة لمؤسسة النهار المغاربي 2024 ©"] == "copyright"
    assert why["النهار المغاربي - ليبيا وتونس تعيدان فتح معبر رأس جدير أمام حركة البضائع"] == "site-prefixed title"
    # names from the ticker never reach the extractor
    for name in ("إدريس الفاسي", "الترجي", "ميتا", "الحمامات"):
        assert name not in result.text
    assert result.text.splitlines()[0] == "طرابلس - منير الشريف"  # the byline stays


def test_headline_and_byline_at_the_top_stay() -> None:
    text, _, _ = labelled("short_paragraphs_quotes.txt")
    lines = clean_text(text).text.splitlines()
    assert lines[0] == "المخرجة هند الصبري تفوز بجائزة لجنة التحكيم في مهرجان قرطاج"
    assert lines[1] == "تونس: أسماء بن عمر"


def test_short_paragraphs_quotes_and_bullets_inside_the_article_stay() -> None:
    text, _, _ = labelled("short_paragraphs_quotes.txt")
    kept = clean_text(text).text.splitlines()
    assert "وقالت الصبري عند تسلمها الجائزة:" in kept
    assert '"هذا الفيلم مهدى إلى كل النساء اللواتي صنعن ذاكرتنا بصمت."' in kept
    assert '- جائزة الجمهور: فيلم "الساحة" من الجزائر.' in kept


def test_dated_teasers_and_repeated_lines_are_removed() -> None:
    text, _, _ = labelled("teasers_and_dates.txt")
    result = clean_text(text)
    why = dict(zip(result.removed, result.reasons, strict=True))
    assert why["GMT 07:35 2016 الأحد ,14 آب / أغسطس"] == "date"
    assert "عمرو دياب" not in result.text
    assert result.reasons.count("repeat") == 1  # the second "القاهرة اليوم"


def test_single_paragraph_article_is_not_emptied() -> None:
    text, body, _ = labelled("single_paragraph.txt")
    assert clean_text(text).text.splitlines() == body
    one = "زار وزير الصحة مستشفى الولادة في مكناس واطلع على سير الأشغال."
    assert clean_text(one).text == one
    assert clean_text("عاجل").text == "عاجل"  # even a page of a single chrome-looking line


def test_page_of_short_lines_only_keeps_its_text_lines() -> None:
    page = "الرئيسية | رياضة\nالوداد يفوز على الرجاء\nهدف في الدقيقة 90\n© 2025 الموقع"
    assert clean_text(page).text == "الوداد يفوز على الرجاء\nهدف في الدقيقة 90"


def test_clean_article_is_left_whole() -> None:
    text, _, _ = labelled("clean_article.txt")
    result = clean_text(text)
    assert result.text == text
    assert result.removed_chars == 0
    assert "البريد الإلكتروني" in result.text  # keyword rules never judge prose


def test_counts_add_up() -> None:
    text, _, chrome = labelled("portal_ticker_form.txt")
    result = clean_text(text)
    assert result.kept_chars == len(result.text)
    assert result.removed_chars == sum(map(len, chrome))
    assert len(result.reasons) == len(result.removed)


def test_empty_text() -> None:
    assert clean_text("") == CleanResult("", 0, 0)
    assert clean_text(" \n\n ").text == ""


def test_settings_change_the_verdict() -> None:
    line = " ".join(["كلمة"] * 30)
    assert classify_lines(line)[0].reason == "ticker"
    assert classify_lines(line, CleanSettings(ticker_min_words=40, ticker_run_words=60))[0].kind == "prose"


def test_same_page_in_a_fresh_process_gives_the_same_result(tmp_path: Path) -> None:
    # no state carried between calls or processes (hash seeds, caches): run it elsewhere and compare
    import json
    import os
    import subprocess
    import sys

    text, _, _ = labelled("portal_ticker_form.txt")
    clean_text("\n".join(reversed(text.splitlines())))  # warm the caches with another page first
    code = "import json, sys; from shabaka.clean import clean_text; r = clean_text(sys.stdin.read()); "
    code += "print(json.dumps([r.text, r.removed, r.reasons]))"
    env = {**os.environ, "PYTHONHASHSEED": "123", "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, env=env, check=True)
    result = clean_text(text)
    assert json.loads(out.stdout) == [result.text, result.removed, result.reasons]


def test_write_removed(tmp_path: Path) -> None:
    text, _, chrome = labelled("single_paragraph.txt")
    out = write_removed(clean_text(text), tmp_path / "sub" / "doc.removed.txt")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# kept ")
    assert [line.split("] ", 1)[1] for line in lines[1:]] == chrome
    assert lines[1] == "[menu] الرئيسية"


def test_html_main_text_and_metadata() -> None:
    text, meta = extract_html((PAGES / "news_article.html").read_bytes())
    lines = text.splitlines()
    assert lines[0] == "افتتاح خط بحري جديد بين طنجة وجنوة"
    assert lines[1] == "طنجة - يوسف البقالي"
    assert lines[-1].startswith("ويأتي هذا الخط")
    for chrome in ("الرجاء", "الحسيمة", "إغلاق الطريق", "الحقوق", "شارك", "تعليق"):
        assert chrome not in text
    assert meta["title"] == "افتتاح خط بحري جديد بين طنجة وجنوة"
    assert meta["author"] == "يوسف البقالي"
    assert meta["date"] == "2025-05-06"
    assert meta["sitename"] == "الساحل نيوز"


def test_html_without_semantic_markup() -> None:
    text, meta = extract_html((PAGES / "div_soup.html").read_bytes())
    assert text.splitlines()[0] == "الأردن يستضيف مؤتمرا إقليميا حول شح المياه"
    assert text.count("\n") == 4  # headline, byline line, three paragraphs
    for chrome in ("الفيصلي", "الزرقاء", "سد الموجب", "تسجيل الدخول", "محليات", "هاتف"):
        assert chrome not in text
    assert meta["title"] == "الأردن يستضيف مؤتمرا إقليميا حول شح المياه"


def test_html_methods() -> None:
    html = (PAGES / "div_soup.html").read_bytes()
    raw, _ = extract_html(html, method="trafilatura")
    assert "ويتوقع المنظمون" in raw
    assert extract_html(html, method="lines")[0] == extract_html(html)[0]
    with pytest.raises(ValueError, match="method"):
        extract_html(html, method="magic")


def test_html_lines_one_block_per_line() -> None:
    lines = html_lines((PAGES / "div_soup.html").read_bytes()).splitlines()
    assert "الرئيسية | محليات | عربي ودولي" in lines
    assert "عمان - رنا العبادي | 08-04-2025" in lines


def test_html_without_text() -> None:
    assert extract_html("<html><body></body></html>")[0] == ""


def test_cleaning_twice_changes_nothing() -> None:
    # ingest cleans the text extract_html returns: a second pass must be harmless
    for page in PAGES.glob("*.txt"):
        once = clean_text(labelled(page.name)[0]).text
        assert clean_text(once).text == once, page.name
    for page in PAGES.glob("*.html"):
        text, _ = extract_html(page.read_bytes())
        assert clean_text(text).text == text, page.name


def test_clean_html_records_what_was_removed() -> None:
    result, meta = clean_html((PAGES / "news_article.html").read_bytes())
    assert result.text == extract_html((PAGES / "news_article.html").read_bytes())[0]
    assert {"الرئيسية", "رياضة"} <= set(result.removed)
    assert result.removed_chars == sum(map(len, result.removed))
    assert meta["sitename"] == "الساحل نيوز"
    raw, _ = clean_html((PAGES / "news_article.html").read_bytes(), method="trafilatura")
    assert raw.removed == [] and raw.removed_chars > 0


def test_short_article_lines_that_look_like_chrome_words_stay() -> None:
    para = "وأكد المسؤول، في تصريح للصحافة، أن الوزارة ستواصل متابعة الوضع عن كثب خلال الأسابيع المقبلة."
    lines = [
        "الرئيسية | تعليم",
        "العودة إلى المدارس وسط مخاوف من الاكتظاظ",
        para,
        "مشاهدات من الميدان",
        para.replace("الوزارة", "المديرية"),
        "وعلق على ذلك المتحدث باسم النقابة:",
        '"الأقسام مكتظة والأساتذة غير كافين."',
        para.replace("الوزارة", "الأكاديمية"),
        "جميع الحقوق محفوظة © 2025",
    ]
    assert clean_text("\n".join(lines)).text.splitlines() == lines[1:-1]


def test_a_title_between_two_parts_of_the_article_is_removed_as_such() -> None:
    # an ad box cuts the article in two: both parts stay, the teaser title between them goes
    path = BENCHMARK_PAGES / "08_ad_box_midarticle.txt"
    lines = [" ".join(raw[2:].split()) for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()]
    result = clean_text("\n".join(lines))
    why = dict(zip(result.removed, result.reasons, strict=True))
    assert why["أسعار النفط تتراجع بعد قرار أوبك بلس"] == "between article parts"


LEDE = (
    "افتتحت مساء الخميس فعاليات الدورة العاشرة لمعرض الكتاب بمدينة القيروان بحضور عدد كبير من الكتاب "
    "والناشرين القادمين من عدة بلدان، وقد اختارت الهيئة المنظمة هذا العام شعار القراءة للجميع وخصصت "
    "جناحا كاملا لكتب الأطفال ..."
)
TEASER_PAGE = "\n".join(
    [
        "معرض الكتاب بالقيروان يفتح أبوابه للقراء!",
        "نشر هذا المقال في العدد الورقي - بتاريخ 2025/03/02",
        LEDE,
        "بقية المقال في العدد الورقي",
        "في نفس السياق",
        "قدم المخرج الشاب سامي الورتاني عرضه المسرحي الأول في مدينة سوسة أمام جمهور غفير من محبي الفن "
        "الرابع، وتناول العرض قصة عائلة بسيطة تواجه صعوبات الحياة اليومية في حي شعبي قديم.",
        "10:15 - 2025/03/01",
        "اختتمت في صفاقس أيام السينما المتوسطية بتتويج فيلم قصير من المغرب بالجائزة الكبرى للمسابقة "
        "الرسمية، فيما نال فيلم وثائقي من لبنان جائزة لجنة التحكيم الخاصة بعد منافسة قوية.",
        "08:30 - 2025/02/28",
        "تحتضن مدينة بنزرت نهاية الأسبوع القادم مهرجانا للموسيقى الشبابية بمشاركة فرق من عدة ولايات "
        "ومن الجزائر وليبيا، وتقام العروض في الساحات العامة وعلى شاطئ المدينة مجانا.",
        "18:40 - 2025/02/27",
    ]
)


def test_a_lede_cut_with_an_ellipsis_under_the_headline_is_kept() -> None:
    result = clean_text(TEASER_PAGE)
    assert LEDE in result.text  # the first paragraph of prose is no teaser
    assert "سامي الورتاني" not in result.text  # prose under "in the same context" is teasers


def test_a_real_teaser_list_is_still_removed() -> None:
    page = "\n".join(
        [
            "مقال اليوم",
            "انطلقت صباح اليوم أشغال الندوة الدولية حول المياه في مدينة فاس بمشاركة خبراء من عشرين بلدا، "
            "وناقش المشاركون سبل ترشيد استهلاك المياه في الزراعة والصناعة والمدن الكبرى خلال السنوات المقبلة.",
            "قراءة في كتاب جديد",
            "صدر حديثا كتاب يتناول تاريخ المدن العتيقة في شمال إفريقيا ويقدم قراءة جديدة لتطورها ...",
        ]
    )
    result = clean_text(page)
    assert "صدر حديثا كتاب" not in result.text


def test_a_dateline_above_the_first_paragraph_stays() -> None:
    body = (
        "أعلنت وزارة الزراعة اليوم الأحد عن خطة جديدة لدعم صغار المزارعين في الأرياف، تشمل قروضا ميسرة "
        "وبذورا محسنة وتدريبا على الري الحديث، على أن تبدأ في الربيع المقبل."
    )
    kept = clean_text("الرئيسية\nاقتصاد\nخطة لدعم صغار المزارعين\nحمص\n" + body).text.splitlines()
    assert kept[-2:] == ["حمص", body]  # a known place alone on the line above the body
    kept = clean_text("خطة لدعم صغار المزارعين\nسليم بوعلام\n" + body).text.splitlines()
    assert "سليم بوعلام" not in kept  # a name that is no place: an author, not a dateline


def test_an_archive_photo_caption_and_a_language_link_are_chrome() -> None:
    body = (
        "أعلنت وزارة الصحة اليوم الأحد عن بناء ثلاثة مستشفيات حكومية جديدة في المحافظات الشمالية، "
        "على أن تبدأ باستقبال المرضى نهاية العام المقبل بعد تجهيزها بالكامل."
    )
    text = "اتصل بنا أعلن معنا ENGLISH\nثلاثة مستشفيات حكومية جديدة\nمستشفى النور - أرشيفية\n" + body
    result = clean_text(text)
    why = dict(zip(result.removed, result.reasons, strict=True))
    assert why["مستشفى النور - أرشيفية"] == "caption"  # not a byline "city - name"
    assert "اتصل بنا أعلن معنا ENGLISH" in why
    assert result.text.splitlines() == ["ثلاثة مستشفيات حكومية جديدة", body]


@pytest.mark.parametrize("header", ["ترشيحات ..", "مواد إضافية", "أخبار متعلقة", "الأكثر شعبية"])
def test_more_related_article_headers(header: str) -> None:
    body = (
        "أعلنت وزارة الزراعة اليوم الأحد عن خطة جديدة لدعم صغار المزارعين في الأرياف، تشمل قروضا ميسرة "
        "وبذورا محسنة وتدريبا على الري الحديث، على أن تبدأ في الربيع المقبل."
    )
    result = clean_text(f"{body}\n{header}\nوزير المالية يلتقي وفد البنك الدولي في العاصمة\n")
    assert result.text.strip() == body


def test_headlines_laid_side_by_side_with_wide_gaps_are_a_ticker() -> None:
    body = (
        "أعلنت وزارة الزراعة اليوم الأحد عن خطة جديدة لدعم صغار المزارعين في الأرياف، تشمل قروضا ميسرة "
        "وبذورا محسنة وتدريبا على الري الحديث، على أن تبدأ في الربيع المقبل."
    )
    ticker = 'توقيف المحامي سمير دلال    الرئيس: "لا أحد فوق القانون"    أمطار غزيرة في الشمال غدا'
    result = clean_text(f"{ticker}\n{body}\n")
    assert result.text.strip() == body
    assert result.reasons == ["ticker"]


CUT_SHORT = (
    "وأكد المدير أن المشروع سيستمر في مرحلته الثانية بالتعاون مع عدد من الجهات المحلية والدولية المعنية "
    "بتنمية المناطق الريفية في الجنوب وأن التمويل مضمون حتى نهاية السنة المقبلة على الأقل بحسب الخطة المعتمدة من"
)
FIRST = (
    "افتتح وزير الزراعة أمس مشروعا لري الأراضي في الجنوب بكلفة عشرين مليون دينار، "
    "وقال إن المشروع يخدم آلاف المزارعين في ثلاث محافظات."
)


@pytest.mark.parametrize("before", [FIRST, FIRST + "\nوأضاف المدير في كلمته خلال الحفل أن:"])
def test_a_last_paragraph_cut_short_is_no_ticker(before: str) -> None:
    result = clean_text(f"مشروع جديد للري في الجنوب\n{before}\n{CUT_SHORT}\n")
    assert CUT_SHORT in result.text
    assert FIRST in result.text


def test_a_ticker_at_the_end_after_chrome_stays_chrome() -> None:
    result = clean_text(f"مشروع جديد للري في الجنوب\n{FIRST}\nجميع الحقوق محفوظة 2024\n{CUT_SHORT}\n")
    assert CUT_SHORT not in result.text


RUN_TOGETHER = (
    "بعد جولة طويلة.. الوزير يعود إلى العاصمة ويعلن خطته الجديدة للقطاع الزراعي في الجنوب "
    'الفنانة سلمى الخطيب: "المسرح بيتي الأول" بعد غياب.. كشف تفاصيل صفقة الغاز مع الشركة الإيطالية'
)


def test_headlines_run_together_under_a_latest_news_header_are_chrome() -> None:
    page = f"آخر الأخبار\n{RUN_TOGETHER}\n\nمشروع جديد للري في الجنوب\n{FIRST}\n"
    result = clean_text(page)
    assert RUN_TOGETHER not in result.text
    assert "مشروع جديد للري في الجنوب" in result.text  # the headline below the list stays
    assert FIRST in result.text


def test_a_paragraph_with_two_dots_that_ends_a_sentence_stays() -> None:
    paragraph = RUN_TOGETHER + "."
    assert paragraph in clean_text(f"آخر الأخبار\n{paragraph}\n{FIRST}\n").text


def test_a_last_line_of_no_arabic_after_the_article_is_no_paragraph() -> None:
    junk = " ".join(["xx"] * 60)
    assert junk not in clean_text(f"مشروع جديد للري في الجنوب\n{FIRST}\n{junk}\n").text


def test_a_list_of_other_stories_right_above_the_article_is_no_headline() -> None:
    titles = [
        "افتتاح معرض الكتاب في العاصمة وسط إقبال كبير",
        "ارتفاع أسعار الذهب في السوق المحلية اليوم",
        "الفريق الوطني يواصل تحضيراته للبطولة القارية",
        "وفاة الفنان القدير بعد صراع طويل مع المرض",
        "أمطار غزيرة على المناطق الشمالية الليلة الماضية",
        "ضبط شحنة من السلع المهربة في الميناء الجنوبي",
    ]
    result = clean_text("\n".join([*titles, FIRST]) + "\n")
    assert FIRST in result.text
    assert not any(t in result.text for t in titles)
    # a headline and a subtitle above the article stay
    kept = clean_text(f"{titles[0]}\n{titles[1]}\n{FIRST}\n").text
    assert titles[0] in kept and titles[1] in kept
