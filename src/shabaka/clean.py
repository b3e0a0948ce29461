"""Page boilerplate removal: only the article reaches the extractor.

Scraped news pages carry, above and below the article, text that is not the article:
tickers of unrelated headlines, menus, share buttons, comment forms, "related articles"
lists, dated teasers, copyright and address footers. Names in that text must not become
nodes of the graph, so :func:`clean_text` keeps the article body and drops the rest.
:func:`extract_html` does the same for HTML pages: every block of the page on its own
line, cleaned by the same rules, with trafilatura's main-content extraction casting
the deciding vote on which prose is the article (comments and teasers are not);
title, date, author, url and site name are kept as metadata.

How plain text is judged
------------------------
Every non-empty line is a *block*. Each block gets one of three kinds:

``prose``
    a paragraph of running text: at least :attr:`CleanSettings.prose_min_words` words
    with punctuation, or :attr:`CleanSettings.prose_long_words` words at all, or a
    shorter line that ends like a sentence (and passed every chrome rule).
``chrome``
    page furniture, recognised by its *form*, with a reason: a long line of headlines
    glued together without punctuation or joined by " | ", " ... " (a ticker or menu),
    a short line that is a date/time stamp, a form label (ends with ``*``, "البريد
    الإلكتروني"), a share or menu line, a copyright or address footer, a "related
    articles" header (and the list of titles under it), a Latin-only label in an
    Arabic page, a line repeating an earlier one ("site name - headline"), or a
    teaser (a title followed by an excerpt cut short with "...").
    Keyword rules only ever judge *short* lines: a prose paragraph that mentions
    "البريد الإلكتروني" is never dropped for it.
``text``
    any other short line: a headline, byline, subheading, quote, bullet point.

The article is then found by *position*. Prose blocks close to each other form
clusters; a cluster ends at a page-end marker (comment form, copyright, tags, a
"related articles" header) or at a gap holding several chrome lines. The article is
the cluster with the most prose characters, looking only before the first comment form
or copyright line when there is prose before it (what follows is comments and
teasers); a cluster of comparable size in the same page section is kept too (an
article cut in two by an ad box). Inside the article span, ``text`` lines are kept
(short paragraphs, quotes, bullet facts) and chrome lines dropped. Above it, the
headline, subtitle and byline are kept (walking up over dates, captions and repeated
lines, stopping at a ticker, a link list or a page-end marker); below it, a signature
line (the author's name, the agency) is kept. If no prose is found at all, every
``text`` line is kept, and a page is never emptied: at worst its longest line is kept.

Everything is deterministic, and every removed line comes with its reason
(:attr:`CleanResult.reasons`); :func:`write_removed` writes them for inspection.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from shabaka.arabic import LETTER_MAP
from shabaka.config import CleanSettings, check_choice
from shabaka.text import INVISIBLE

__all__ = [
    "CleanResult",
    "CleanSettings",  # defined in shabaka.config with the other settings
    "classify_lines",
    "clean_html",
    "clean_text",
    "extract_html",
    "html_lines",
    "write_removed",
]


#: The rules of the cleaner, by name, in the order they are tried; :attr:`CleanSettings.rules`
#: chooses those applied (all by default). The reason a line is removed for is recorded in
#: :attr:`CleanResult.reasons` (several rules may give the same reason, e.g. ``menu``).
RULES: dict[str, str] = {
    # every line
    "ticker": "a long line without punctuation: headlines glued together (reason: ticker)",
    "menu list": "a line with several menu separators | » › • · (reason: menu)",
    "glued ticker": "headlines joined by ' ... ', ' * ' or ' + ' (reason: ticker)",
    "repeated paragraph": "a paragraph repeating an earlier line (reason: repeat)",
    # short lines: chrome by their form
    "copyright": "a copyright line; ends the article",
    "tags": "a tags line; ends the article",
    "comment form": "a comment form label; ends the article",
    "related header": 'a "related articles" header; ends the article',
    "read also": 'a "read also" line',
    "latin line": "a short or unpunctuated Latin line in an Arabic page",
    "date": "a date or time stamp",
    "page ui": "page interface words (print, font size, ...)",
    "share": "share and follow buttons",
    "address": "a postal or contact address",
    "dated byline": "a byline with a date between separators is not a menu",
    "menu": "menu separators or a breadcrumb",
    "nav words": "a line made only of menu words",
    "repeat": "a short line repeating an earlier title (the headline with the site's name)",
    "site-prefixed title": 'a line starting with an earlier "Site name -" label',
    "byline": "a short line naming the author or agency",
    "short paragraph": "a short line ending like a sentence is prose",
    # the article
    "teaser": 'a title followed by an excerpt cut with "..." (both lines)',
    "related link": 'the short lines under a "related articles" or "read also" header',
    "comments after article": "prose after the first comment form or copyright line is not the article",
    "second article part": "a prose cluster of comparable size in the same page section is kept too",
    "between article parts": "between two kept clusters only prose stays",
    "headline": "the headline, subtitle and byline above the article are kept",
    "signature": "a signature line right after the article is kept",
    "never empty": "a page is never emptied: at worst its longest line is kept",
}


DEFAULT_SETTINGS = CleanSettings()


@dataclass(slots=True)
class CleanResult:
    """The kept text of a page and a record of what was removed.

    ``kept_chars`` is ``len(text)``; ``removed_chars`` counts the characters of the
    removed lines (stripped). ``removed[i]`` was removed for ``reasons[i]``.
    """

    text: str
    kept_chars: int
    removed_chars: int
    removed: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- matching

_FOLD = {
    **LETTER_MAP,  # diacritics, alef forms, alef maksura, teh marbuta, as in matching keys
    ord("\u0640"): None,  # tatweel
    **{0x0660 + i: str(i) for i in range(10)},  # Arabic-Indic digits
    **{0x06F0 + i: str(i) for i in range(10)},
    **dict.fromkeys(map(ord, INVISIBLE)),
}


def fold(text: str) -> str:
    """Fold Arabic spelling variants so that keyword patterns match loosely.

    Diacritics, tatweel and invisible characters (:data:`shabaka.text.INVISIBLE`) go, alef forms become ا, ى becomes ي,
    ة becomes ه, and Arabic-Indic digits become ASCII digits.

    >>> fold("قد يهمك أيضــــــًا")
    'قد يهمك ايضا'
    """
    return text.translate(_FOLD)


def _rx(*alternatives: str) -> re.Pattern[str]:
    """Compile alternatives written in plain Arabic, folded like the text they match."""
    return re.compile("|".join(f"(?:{fold(a)})" for a in alternatives), re.IGNORECASE)


#: Characters that end or split a sentence, or delimit a quotation.
PUNCTUATION = '.،,؛;:!?؟«»"“”()[]…'
_PUNCT_RX = re.compile("[" + re.escape(PUNCTUATION) + "]")
_ARABIC_RX = re.compile("[\u0600-\u06ff]")
_LATIN_RX = re.compile("[A-Za-z]")

_MONTHS = (
    "يناير|فبراير|مارس|أبريل|إبريل|ابريل|مايو|ماي|يونيو|يونيه|يوليو|يوليوز|أغسطس|غشت|سبتمبر|شتنبر|"
    "أكتوبر|نوفمبر|نونبر|ديسمبر|دجنبر|كانون الثاني|كانون الأول|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|"
    "أيلول|تشرين الأول|تشرين الثاني|jan\\w*|feb\\w*|mar\\w*|apr\\w*|may|jun\\w*|jul\\w*|aug\\w*|sep\\w*|"
    "oct\\w*|nov\\w*|dec\\w*"
)
_WEEKDAYS = "الأحد|الإثنين|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت"
#: A date or time: a clock time, a numeric date, a month name, GMT/UTC, "n hours ago".
DATE_RX = _rx(
    r"\b\d{1,2}:\d{2}(?::\d{2})?\b",
    r"\b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\b",
    rf"(?<!\w)(?:{_MONTHS})(?!\w)",
    r"\b(?:GMT|UTC)\b",
    r"منذ\s+\d*\s*(?:دقيقة|دقائق|دقيقتين|ساعة|ساعات|ساعتين|يوم|أيام|يومين|أسبوع)",
)
#: Words that may sit beside a date in a date stamp without making it text.
_DATE_WORDS_RX = _rx(
    DATE_RX.pattern,
    rf"(?<!\w)(?:{_WEEKDAYS})(?!\w)",
    r"(?<!\w)(?:آخر|اخر|تحديث|تم|التحديث|نشر|النشر|بتاريخ|في|بتوقيت|غرينتش|جرينتش|مكة|المكرمة|ص|م|am|pm|الساعة|updated|published|on)(?!\w)",
    r"\b\d+\b",
)

#: A line ending with * is a form field label; the rest are comment-form phrases.
FORM_RX = _rx(
    r"\*\s*$",
    r"^\s*\*",
    r"^\W*(?:اترك تعليقا|أضف تعليق|إضافة تعليق|اكتب تعليق|أرسل تعليق|إرسال التعليق|علق على|"
    r"\d*\s*تعليقات?(?:\s*\(\d+\))?\s*$|التعليقات|تعليقات القراء|تعليقات فيسبوك)",
    r"لن يتم نشر|الحقول الإلزامية|الحقول المطلوبة|بريدك الإلكتروني|عنوان بريدك",
    r"شروط الاستخدام|شروط النشر|^\W*ا?وافق على|رمز التحقق|characters left|security code|captcha",
    r"^\s*(?:الاسم|الإسم|البريد الإلكتروني|البريد الالكتروني|الموقع الإلكتروني|التعليق|إرسال|أرسل)\s*:?\s*$",
)
#: Copyright lines and publisher footers.
COPYRIGHT_RX = _rx(
    r"©|\(c\)|all rights reserved|copyright|حقوق النشر|حقوق الطبع|الحقوق محفوظة|جميع الحقوق",
    r"developed by|powered by|designed by|maintained by|تصميم وتطوير|تطوير وتصميم|برمجة وتطوير",
)
#: Postal and contact details (a publisher's address block).
ADDRESS_RX = _rx(
    r"(?<!\w)(?:بناية|مبنى|الطابق|ص\s*\.?\s*ب|صندوق البريد|صندوق بريد|هاتف|فاكس|الهاتف|tel|fax|phone)(?!\w)",
    r"\S+@\S+\.\w+",
    r"www\.|https?://",
)
#: Headers of "related articles", "most read" and similar link lists (a page-end marker).
RELATED_HEADER_RX = _rx(
    r"^\W*(?:قد يهمك|قد يعجبك|مواضيع ذات صلة|مواضيع متعلقة|مقالات ذات صلة|أخبار ذات صلة|ذات صلة|"
    r"الأكثر قراءة|الأكثر مشاهدة|الأكثر تعليقا|الأكثر تداولا|المزيد من|المزيد في|أخبار أخرى|آخر الأخبار|اخر الاخبار|"
    r"أحدث الأخبار|أخبار عاجلة|عاجل|شريط الأخبار|موضوعات مقترحة|مقترحات|تابع أيضا|شاهد أيضا|لا تفوت|"
    r"مختارات|اخترنا لك|ننصحك بقراءة|قد يعجبك أيضا|من نفس القسم|في نفس السياق|"
    r"read more|related|most read|latest news)",
)
#: Inline "read also" teasers (one line, may sit inside the article).
READ_ALSO_RX = _rx(r"^\W*(?:اقرأ أيضا|اقرأ ايضا|إقرأ أيضا|اقرأ المزيد|اقرأ كذلك|للمزيد|طالع أيضا|يهمك أيضا)")
#: Tags and keywords lines (a page-end marker).
TAGS_RX = _rx(
    r"^\W*(?:الوسوم|وسوم|كلمات مفتاحية|الكلمات المفتاحية|الكلمات الدالة|كلمات دالة|tags)(?!\w)",
    r"^\s*(?:#\w+[\s,،]*){2,}$",
)
_SOCIAL = (
    "شارك|شاركها|شاركوا|مشاركة|المشاركة|انشر|تابعنا|تابعونا|اشترك|اشتركوا|الاشتراك|النشرة البريدية|فيسبوك|فايسبوك|"
    "فيس بوك|تويتر|إكس|واتساب|واتس|تيليجرام|تلغرام|تليغرام|انستغرام|إنستغرام|انستجرام|يوتيوب|لينكد إن|تيك توك|"
    "طباعة|نسخ الرابط|الرابط المختصر|أرسل لصديق|facebook|twitter|whatsapp|telegram|instagram|youtube|linkedin|"
    "tiktok|email|print|share|messenger|pinterest|reddit|x"
)
#: Share and follow buttons.
SOCIAL_RX = _rx(rf"(?<!\w)(?:{_SOCIAL})(?!\w)")
_SOCIAL_START_RX = _rx(r"^\W*(?:شارك|شاركها|انشر|تابعنا|تابعونا|اشترك|اشتركوا|share|follow)(?!\w)")
_NAV = (
    "الرئيسية|الصفحة الرئيسية|الرئيسيه|أخبار|الأخبار|سياسة|السياسة|اقتصاد|الاقتصاد|رياضة|الرياضة|ثقافة|"
    "الثقافة|فن|فنون|منوعات|محليات|دوليات|عربيات|برلمان|جامعات|حوادث|قضايا|تقارير|تكنولوجيا|التكنولوجيا|"
    "صحة|الصحة|مجتمع|المجتمع|دولي|دولية|الدولية|محلي|محلية|وطني|وطنية|جهوية|جهات|عربي|عربية|العالم|عالم|"
    "رأي|الرأي|آراء|مقالات|كتاب|كتاب الرأي|أعمدة|حوارات|تحقيقات|ملفات|فيديو|فيديوهات|صور|الصور|ملتيميديا|"
    "بودكاست|إنفوغرافيك|اتصل بنا|من نحن|سياسة الخصوصية|أعلن معنا|الأرشيف|أرشيف|خريطة الموقع|بحث|القائمة|"
    "إغلاق|اغلاق|تسجيل الدخول|الوضع الليلي|المزيد|التالي|السابق|تحميل المزيد|إعلان|اعلان|مساحة إعلانية|"
    "المقال السابق|المقال التالي|مغاربية|المغرب العربي|الخليج|لايف ستايل|الطقس|العملات|"
    "home|menu|search|close|login|ads?|advertisement|sponsored"
)
#: Words of menus, section labels and buttons: a short line made only of them is a menu.
NAV_WORD_RX = _rx(rf"^(?:{_NAV})$")
#: A line that tells the reader to go somewhere: back to top, skip, mobile version.
UI_RX = _rx(
    r"إلى الأعلى|الى الاعلى|للأعلى|أعلى الصفحة|العودة للرئيسية|العودة إلى الرئيسية|انتقل إلى المحتوى|"
    r"تخطى إلى المحتوى|تخطي إلى المحتوى|النسخة الكاملة|عدد المشاهدات|عدد القراءات|مشاهدات\s*:?\s*\d|"
    r"اضغط هنا|انقر هنا|حمل التطبيق|حمل تطبيق|تطبيق الموقع|"
    r"استمع إلى|استمع الى|استمع للمقال|دقائق للقراءة|مدة القراءة|"
    r"back to top|skip to|mobile version|site icon|scroll to|cookie|listen to",
    r"pic\.twitter\.com|\(@\w+\)|^\W*@\w+\W*$",  # what is left of an embedded post
)
#: The end of a sentence: . ! ? ؟ possibly followed by closing quotes or brackets
#: (but not an ellipsis, which ends truncated teaser excerpts).
SENTENCE_END_RX = re.compile(r"(?<![.…])[.!?؟][\"”»)\]']*\s*$")
#: A breadcrumb trail: "الرئيسية / قسم / ..." or "Home > ...".
BREADCRUMB_RX = _rx(r"^\W*(?:الرئيسية|الصفحة الرئيسية|الرئيسيه|home)\s*[/|»›>\-–]")
#: Glue between headlines run together in a ticker: " ... ", " … ", " * ", " + ".
GLUE_RX = re.compile(r"\s(?:\.{3}|…|\*|\+)\s")
#: A site-name label ends with a dash, bar or colon ("الخبر اليوم -").
LABEL_END_RX = re.compile(r"\s[-–—|:]\s*$")
#: The end of a Latin sentence or quotation (a French or English quote in an article).
LATIN_SENTENCE_END_RX = re.compile(r"[.!?»\"”]\s*$")
#: A paragraph cut short: it ends with an ellipsis.
ELLIPSIS_END_RX = re.compile(r"(?:\.\.\.|…)\s*$")
#: Separators of menus, breadcrumbs and run-together teaser lists.
MENU_SEPARATORS_RX = re.compile(r"\s[|»›>•·]\s|\s[|»›>•·]$|^[|»›>]\s")
_QUOTED_RX = re.compile(r"«[^»]*»")


def _menu_separators(text: str) -> int:
    """Number of menu separators in a line (guillemets of a «quotation» are not separators).

    >>> _menu_separators("الرئيسية » سياسة » لبنان"), _menu_separators("« Ce projet est un modèle »")
    (2, 0)
    """
    return len(MENU_SEPARATORS_RX.findall(_QUOTED_RX.sub(" ", text)))


#: Lines introducing the writer: "كتب ...", "بقلم ...", "city - name", "المصدر: ...".
BYLINE_RX = _rx(
    r"^\W*(?:كتب|كتبت|بقلم|إعداد|اعداد|تقرير|حاوره|حاورته|ترجمة|تحرير|المحرر|مراسل|مراسلة|مراسلنا|by)(?!\w)",
    r"^[^.،,:]{2,40}\s?[-–—/:]\s?[^.،,]{2,40}$",
    r"^\W*(?:المصدر|مصدر|وكالات|المصادر)(?!\w)",
    r"^\W*(?:د|ذ|أ|أ\.د)\.\s?\w+|^\W*(?:الدكتور|الدكتورة|الأستاذ|الأستاذة)\s\w+",  # a name with its title
)


# --------------------------------------------------------------------------- blocks


@dataclass(slots=True)
class Block:
    """One non-empty line of the page and the verdict on it.

    ``kind`` is ``prose``, ``text`` or ``chrome``; ``reason`` says why a line is
    chrome (or, in the end, why it was removed); ``end_marker`` marks chrome that ends
    an article (comment form, copyright, tags, related-articles header).
    """

    index: int
    text: str
    folded: str
    words: int
    kind: str = "text"
    reason: str = ""
    end_marker: bool = False
    byline: bool = False
    keep: bool = False
    repeat_of: int = -1


def _longest_unpunctuated_run(text: str) -> int:
    """Largest number of words between two punctuation marks.

    >>> _longest_unpunctuated_run("واحد اثنان، ثلاثة أربعة خمسة.")
    3
    """
    return max(len(part.split()) for part in _PUNCT_RX.split(text))


def _is_ticker(block: Block, punct: bool, settings: CleanSettings) -> bool:
    """Headlines glued into one line: many words and (almost) no punctuation."""
    if SENTENCE_END_RX.search(block.text):
        return False
    if not punct and block.words >= settings.ticker_min_words:
        return True
    return _longest_unpunctuated_run(block.text) > settings.ticker_run_words


def _is_date_line(folded: str, words: int, settings: CleanSettings) -> bool:
    if not DATE_RX.search(folded):
        return False
    rest = _DATE_WORDS_RX.sub(" ", folded)
    rest_words = [w for w in re.split(r"[\W_]+", rest) if w]
    return len(rest_words) <= settings.date_max_other_words


def _is_nav_line(folded: str) -> bool:
    """A line made only of menu/section words and separators."""
    parts = [p.strip() for p in re.split(r"\s*[|»›>•·/\-–—]\s*", folded) if p.strip()]
    if not parts:
        return True
    for part in parts:
        if NAV_WORD_RX.match(part):
            continue
        words = part.split()
        # a part may be a few nav words side by side ("سياسة اقتصاد رياضة")
        i = 0
        while i < len(words):
            two = " ".join(words[i : i + 2])
            if i + 1 < len(words) and NAV_WORD_RX.match(two):
                i += 2
            elif NAV_WORD_RX.match(words[i]):
                i += 1
            else:
                return False
    return True


def _byline_with_date(folded: str, settings: CleanSettings) -> bool:
    """A byline and a date joined by a separator: "عمان - رنا العبادي | 08-04-2025"."""
    parts = [p for p in MENU_SEPARATORS_RX.split(folded) if p.strip()]
    return (
        len(parts) == 2
        and bool(BYLINE_RX.search(parts[0].strip()))
        and _is_date_line(parts[1], len(parts[1].split()), settings)
    )


def _social_line(folded: str) -> bool:
    if _SOCIAL_START_RX.search(folded):
        return True
    tokens = [w for w in re.split(r"[\W_]+", folded) if w]
    hits = len(SOCIAL_RX.findall(folded))
    return bool(tokens) and hits * 2 >= len(tokens)


def _latin_label(block: Block, settings: CleanSettings) -> bool:
    """A Latin line in an Arabic page that is short or does not end like a sentence (a Latin
    sentence or quotation may belong to the article)."""
    latin = not _ARABIC_RX.search(block.folded) and _LATIN_RX.search(block.folded)
    return bool(latin) and (block.words < settings.sentence_min_words or not LATIN_SENTENCE_END_RX.search(block.text))


ChromeTest = Callable[[Block, CleanSettings], bool]

#: The form rules of short lines, tried in order: (rule, reason recorded, whether the line
#: ends the article, test). A rule with reason ``""`` says the line is *not* chrome and
#: stops the search.
CHROME_TESTS: tuple[tuple[str, str, bool, ChromeTest], ...] = (
    ("copyright", "copyright", True, lambda b, s: bool(COPYRIGHT_RX.search(b.folded))),
    ("tags", "tags", True, lambda b, s: bool(TAGS_RX.search(b.folded))),
    ("comment form", "comment form", True, lambda b, s: bool(FORM_RX.search(b.folded))),
    ("related header", "related header", True, lambda b, s: bool(RELATED_HEADER_RX.search(b.folded)) and b.words <= 8),
    ("read also", "read also", False, lambda b, s: bool(READ_ALSO_RX.search(b.folded))),
    ("latin line", "latin line", False, _latin_label),
    ("date", "date", False, lambda b, s: _is_date_line(b.folded, b.words, s)),
    ("page ui", "page ui", False, lambda b, s: bool(UI_RX.search(b.folded))),
    ("share", "share", False, lambda b, s: _social_line(b.folded)),
    ("address", "address", False, lambda b, s: bool(ADDRESS_RX.search(b.folded))),
    ("dated byline", "", False, lambda b, s: bool(_menu_separators(b.text)) and _byline_with_date(b.folded, s)),
    ("menu", "menu", False, lambda b, s: bool(_menu_separators(b.text) or BREADCRUMB_RX.search(b.folded))),
    ("nav words", "menu", False, lambda b, s: _is_nav_line(b.folded)),
)


@lru_cache(maxsize=64)
def _active(settings: CleanSettings) -> frozenset[str]:
    """The names of the rules ``settings`` applies (checked against :data:`RULES`)."""
    for name in settings.rules or ():
        check_choice("rule", name, RULES)
    return frozenset(RULES if settings.rules is None else settings.rules)


def _chrome_reason(block: Block, settings: CleanSettings) -> tuple[str, bool]:
    """Why a short line is page chrome (``""`` if it is not), and whether it ends an article
    (the first rule of :data:`CHROME_TESTS` that applies)."""
    on = _active(settings)
    for rule, reason, ends, test in CHROME_TESTS:
        if rule in on and test(block, settings):
            return reason, ends
    return "", False


def classify_lines(text: str, settings: CleanSettings = DEFAULT_SETTINGS) -> list[Block]:
    """Split ``text`` into non-empty lines and give each its kind (prose, text or chrome).

    Parameters
    ----------
    text : a scraped page as plain text, one paragraph or page element per line
    settings : thresholds

    Returns
    -------
    One :class:`Block` per non-empty line, in order.

    Examples
    --------
    >>> page = "الرئيسية | سياسة | رياضة\\nجميع الحقوق محفوظة © 2024"
    >>> [(b.kind, b.reason) for b in classify_lines(page)]
    [('chrome', 'menu'), ('chrome', 'copyright')]
    """
    blocks: list[Block] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            folded = fold(line)
            blocks.append(Block(len(blocks), line, folded, len(line.split())))
    first_seen: dict[str, int] = {}  # line key -> index of its first occurrence
    titles: dict[str, int] = {}  # earlier short lines long enough to be a repeated title
    labels: list[str] = []  # earlier "Site name -" lines: a line starting with one is the page <title>
    on = _active(settings)
    for b in blocks:
        key = re.sub(r"[\W_]+", " ", b.folded).strip().lower()
        punct = bool(_PUNCT_RX.search(b.text))
        if "ticker" in on and _is_ticker(b, punct, settings):
            b.kind, b.reason = "chrome", "ticker"
        elif "menu list" in on and _menu_separators(b.text) >= settings.list_min_separators:
            b.kind, b.reason = "chrome", "menu"
        elif (
            "glued ticker" in on
            and len(GLUE_RX.findall(b.text)) >= settings.list_min_separators
            and not SENTENCE_END_RX.search(b.text)
        ):
            b.kind, b.reason = "chrome", "ticker"
        elif (b.words >= settings.prose_min_words and punct) or b.words >= settings.prose_long_words:
            b.kind = "prose"
            if "repeated paragraph" in on and key in first_seen:
                b.kind, b.reason, b.repeat_of = "chrome", "repeat", first_seen[key]
        else:
            if b.words <= settings.short_max_words:
                b.reason, b.end_marker = _chrome_reason(b, settings)
            if not b.reason:
                b.repeat_of = _repeated(key, first_seen, titles, settings.repeat_min_words) if "repeat" in on else -1
                if b.repeat_of >= 0:
                    b.reason = "repeat"
                elif "site-prefixed title" in on and any(key.startswith(label) for label in labels):
                    b.reason = "site-prefixed title"
            if b.reason:
                b.kind = "chrome"
            elif "byline" in on and b.words <= 8 and BYLINE_RX.search(b.folded):
                b.byline = True
            elif "short paragraph" in on and b.words >= settings.sentence_min_words and SENTENCE_END_RX.search(b.text):
                b.kind = "prose"  # a short paragraph: it ends like a sentence
        if key and key not in first_seen:
            first_seen[key] = b.index
            if b.kind != "prose" and len(key.split()) >= settings.repeat_min_words:
                titles.setdefault(key, b.index)
            if b.kind != "prose" and b.words <= settings.label_max_words and LABEL_END_RX.search(b.text):
                labels.append(f"{key} ")
    if "teaser" in on:
        _mark_teasers(blocks)
    if "related link" in on:
        _mark_link_lists(blocks, settings)
    return blocks


def _mark_teasers(blocks: list[Block]) -> None:
    """A title line followed by a paragraph cut short with "..." is a teaser of another article."""
    for title, excerpt in itertools.pairwise(blocks):
        if title.kind == "text" and excerpt.kind == "prose" and ELLIPSIS_END_RX.search(excerpt.text):
            title.kind = excerpt.kind = "chrome"
            title.reason = excerpt.reason = "teaser"


def _repeated(key: str, first_seen: dict[str, int], titles: dict[str, int], min_words: int) -> int:
    """Index of the earlier line that a short line repeats or contains, else -1.

    ``titles`` maps the keys of earlier short lines of at least ``min_words`` words to
    their index; every run of words of the line is looked up (lines are short).
    """
    if not key:
        return -1
    if key in first_seen:
        return first_seen[key]
    words = key.split()
    for size in range(len(words) - 1, min_words - 1, -1):
        for start in range(len(words) - size + 1):
            index = titles.get(" ".join(words[start : start + size]), -1)
            if index >= 0:
                return index
    return -1


def _mark_link_lists(blocks: list[Block], settings: CleanSettings) -> None:
    """Short lines listed under a "related articles"/"read also" header are chrome."""
    i = 0
    while i < len(blocks):
        b = blocks[i]
        header = b.reason == "related header" or (b.reason == "read also" and b.folded.rstrip().endswith(":"))
        header = header or (b.reason == "read also" and len(b.folded.split()) <= 3)
        if not header:
            i += 1
            continue
        taken = 0
        j = i + 1
        while j < len(blocks) and taken < settings.related_max_items:
            nxt = blocks[j]
            if nxt.kind == "prose" or nxt.byline or (nxt.kind == "chrome" and nxt.reason != "date"):
                break  # a list holds titles, maybe dated; anything else ends it
            if nxt.kind == "text":
                if _opens_article(blocks, j):
                    break  # the line right above the first paragraph is the headline
                nxt.kind, nxt.reason = "chrome", "related link"
                taken += 1
            j += 1
        i = j


def _opens_article(blocks: list[Block], j: int) -> bool:
    """Whether block ``j`` is followed by prose, with only bylines and dates in between."""
    for nxt in blocks[j + 1 :]:
        if nxt.kind == "prose":
            return True
        if not (nxt.byline or nxt.reason == "date"):
            return False
    return False


# --------------------------------------------------------------------------- article span


def _clusters(blocks: list[Block], settings: CleanSettings) -> list[list[int]]:
    """Indices of prose blocks, grouped into clusters of nearby paragraphs."""
    prose = [b.index for b in blocks if b.kind == "prose"]
    clusters: list[list[int]] = []
    for i in prose:
        if clusters:
            gap = blocks[clusters[-1][-1] + 1 : i]
            chrome = sum(g.kind == "chrome" for g in gap)
            hard = any(g.end_marker for g in gap)
            if not hard and chrome < settings.gap_max_chrome and len(gap) <= settings.gap_max_lines:
                clusters[-1].append(i)
                continue
        clusters.append([i])
    return clusters


def _prose_chars(blocks: list[Block], cluster: list[int]) -> int:
    return sum(len(blocks[i].text) for i in cluster)


def _select(
    blocks: list[Block], clusters: list[list[int]], settings: CleanSettings, anchor: set[str] | None = None
) -> list[list[int]]:
    """The article's clusters: the largest, and those of comparable size in its page section.

    With ``anchor`` (lines known to belong to the article), the main cluster is the one
    with most prose characters among those lines, when any cluster has some.
    """
    sizes = [_prose_chars(blocks, c) for c in clusters]
    votes = [sum(len(blocks[i].text) for i in c if blocks[i].text in anchor) for c in clusters] if anchor else []
    if any(votes):
        main = max(range(len(clusters)), key=lambda k: (votes[k], -k))
    else:
        # the article comes before its comments and the footer: prose after them is comments or teasers
        ends = [b.index for b in blocks[clusters[0][-1] :] if b.reason in ("comment form", "copyright")]
        ends = ends if "comments after article" in _active(settings) else []
        candidates = [k for k, c in enumerate(clusters) if not ends or c[-1] < ends[0]]
        main = max(candidates, key=lambda k: (sizes[k], -k))
    chosen = [main]
    for direction in (-1, 1):
        k = main + direction
        while 0 <= k < len(clusters):
            first, last = sorted((clusters[k - direction], clusters[k]))
            between = blocks[first[-1] + 1 : last[0]]
            if any(b.end_marker for b in between):
                break
            if "second article part" in _active(settings) and sizes[k] >= settings.secondary_min_share * sizes[main]:
                chosen.append(k)
            k += direction
    return [clusters[k] for k in sorted(chosen)]


def _keep_head(blocks: list[Block], start: int, settings: CleanSettings, anchor: set[str] | None = None) -> None:
    """Keep the headline, subtitle and byline above the article's first paragraph.

    Walking up from the first paragraph: dates, menus, captions and other chrome are
    passed over until the headline is met; bylines are kept; at most ``head_max_text``
    lines of headline and subtitle are kept, next to each other; above them only a
    byline (maybe behind a date line) is still taken. A ticker, a link list or a
    page-end marker stops the walk. A line repeating an earlier title-like
    line (the headline repeated with the site's name) keeps that earlier line: it is
    the page's title.
    """
    texts = 0
    closed = False  # headline found and a gap met above it: only a byline may still come
    for j in range(start - 1, max(-1, start - 1 - settings.head_window), -1):
        b = blocks[j]
        if b.kind == "prose" or b.end_marker or b.reason in ("ticker", "related link"):
            return
        if closed:
            if b.byline:
                b.keep = True
            elif b.reason != "date":
                return
            continue
        title = blocks[b.repeat_of] if b.reason == "repeat" else None
        if title and title.kind == "text" and title.words >= settings.repeat_min_words and not title.keep:
            title.keep = True
            texts += 1
        elif b.byline:
            b.keep = True
            continue
        elif b.kind == "chrome" or (
            _real_words(b.text) < settings.head_min_words and not (anchor and b.text in anchor)
        ):
            closed = texts > 0  # headline and subtitle sit together: a gap above them ends the head
            continue
        else:
            b.keep = True
            texts += 1
        if texts >= settings.head_max_text:
            closed = True


def _real_words(text: str) -> int:
    """Words of two letters or more (initials like "أ ف ب" do not make a headline).

    >>> _real_words("أ ف ب"), _real_words("زيارة رسمية للوزير")
    (0, 3)
    """
    return sum(len(w) > 1 for w in re.findall(r"\w+", text))


def _keep_tail(blocks: list[Block], end: int, settings: CleanSettings) -> None:
    """Keep a signature line (author's name, source) right after the article."""
    if end + 1 < len(blocks):
        b = blocks[end + 1]
        name_like = 2 <= b.words <= settings.tail_max_words and not re.search(r"\d", b.text)
        if b.kind == "text" and (name_like or b.byline):
            b.keep = True


def clean_text(text: str, *, settings: CleanSettings = DEFAULT_SETTINGS, anchor: str | None = None) -> CleanResult:
    """Keep the article body of a scraped plain-text page.

    Parameters
    ----------
    text : the page, one paragraph or page element per line
    settings : thresholds (see :class:`CleanSettings`)
    anchor : optional text known to be the article's (e.g. what trafilatura found in the
        HTML page): the prose cluster sharing most lines with it is the article, rather
        than the largest one, and a short headline found in it is kept

    Returns
    -------
    A :class:`CleanResult`: the kept lines joined by newlines, character counts, and
    the removed lines with their reasons.

    Examples
    --------
    >>> page = '''الرئيسية | سياسة | اقتصاد
    ... وزير الخارجية يستقبل نظيره الموريتاني
    ... نواكشوط - سعيد ولد أحمد
    ... استقبل وزير الخارجية، صباح اليوم، نظيره الموريتاني، وبحث الجانبان سبل تعزيز التعاون الثنائي.
    ... اترك تعليقاً
    ... جميع الحقوق محفوظة © 2024'''
    >>> result = clean_text(page)
    >>> print(result.text)
    وزير الخارجية يستقبل نظيره الموريتاني
    نواكشوط - سعيد ولد أحمد
    استقبل وزير الخارجية، صباح اليوم، نظيره الموريتاني، وبحث الجانبان سبل تعزيز التعاون الثنائي.
    >>> result.reasons
    ['menu', 'comment form', 'copyright']

    A page with a single short paragraph is never emptied:

    >>> clean_text("زار الوزير الرباط").text
    'زار الوزير الرباط'
    """
    blocks = classify_lines(text, settings)
    if not blocks:
        return CleanResult("", 0, 0)
    on = _active(settings)
    clusters = _clusters(blocks, settings)
    if clusters:
        anchor_lines = {" ".join(line.split()) for line in anchor.splitlines()} if anchor else None
        chosen = _select(blocks, clusters, settings, anchor_lines)
        for n, cluster in enumerate(chosen):
            for i in range(cluster[0], cluster[-1] + 1):
                b = blocks[i]
                b.keep = b.kind != "chrome"
            if n + 1 < len(chosen) and "between article parts" in on:  # between two kept clusters: only prose stays
                for i in range(cluster[-1] + 1, chosen[n + 1][0]):
                    if blocks[i].kind == "text":
                        blocks[i].reason = "between article parts"
        if "headline" in on:
            _keep_head(blocks, chosen[0][0], settings, anchor_lines)
        if "signature" in on:
            _keep_tail(blocks, chosen[-1][-1], settings)
    else:  # no paragraph of prose: keep every line that is not chrome
        for b in blocks:
            b.keep = b.kind != "chrome"
    if "never empty" in on and not any(b.keep for b in blocks):
        max(blocks, key=lambda b: len(b.text)).keep = True
    for b in blocks:
        if not b.keep and not b.reason:
            b.reason = "outside article" if b.kind != "prose" else "other prose cluster"
    kept = "\n".join(b.text for b in blocks if b.keep)
    removed = [b for b in blocks if not b.keep]
    return CleanResult(
        kept,
        len(kept),
        sum(len(b.text) for b in removed),
        [b.text for b in removed],
        [b.reason for b in removed],
    )


def write_removed(result: CleanResult, path: str | os.PathLike[str]) -> Path:
    """Write what cleaning removed from a page, one ``[reason] line`` per line.

    Used by the ``--keep-boilerplate`` debug option: the file sits next to the
    document so a reader can check that nothing of the article was lost.

    Parameters
    ----------
    result : the cleaning result of one document
    path : the file to write (its folder is created)

    Returns
    -------
    The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "doc.removed.txt"
    >>> r = clean_text("الرئيسية | رياضة\\nزار الوزير الرباط أمس، والتقى عددا من المسؤولين لبحث مشاريع التنمية.")
    >>> print(write_removed(r, out).read_text(encoding="utf-8"), end="")
    # kept 68 chars, removed 16 chars
    [menu] الرئيسية | رياضة
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"# kept {result.kept_chars} chars, removed {result.removed_chars} chars"]
    reasons = result.reasons or ["removed"] * len(result.removed)
    lines += [f"[{reason}] {line}" for reason, line in zip(reasons, result.removed, strict=False)]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


# --------------------------------------------------------------------------- HTML


#: Elements whose text starts on a new line when a page is turned into lines.
BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "fieldset"),
        *("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "label"),
        *("legend", "li", "main", "marquee", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody"),
        *("td", "tfoot", "th", "thead", "tr", "ul"),
    }
)
#: Elements whose content is never page text.
SKIP_TAGS = frozenset(
    {"head", "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "select", "option"}
    | {"button", "input", "textarea"}
)


#: Void elements: they have no end tag.
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)


class _BlockText(HTMLParser):
    """The visible text of a page, a line per block element (see :func:`html_lines`).

    html.parser is a flat tokenizer: no nesting limit (libxml2 gives up beyond 256
    levels), so the deepest page is still read.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: list[str] = []  # the open elements whose content is not page text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            if tag not in VOID_TAGS:
                self.hidden.append(tag)
        elif not self.hidden:
            self.parts.append("\n" if tag in BLOCK_TAGS else " ")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            if tag in self.hidden:
                while self.hidden.pop() != tag:
                    pass
        elif not self.hidden:
            self.parts.append("\n" if tag in BLOCK_TAGS else " ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_lines(html: str | bytes) -> str:
    """All visible text of an HTML page, one block element (paragraph, cell, list item) per line.

    The lines :func:`extract_html` cleans, and what ingest reads of a page where no main
    text is found. Scripts, styles, forms' controls and the ``<head>`` are left out.

    >>> print(html_lines("<div><p>زيارة</p><ul><li><a>رابط</a> <span>منذ ساعة</span></li></ul></div>"))
    زيارة
    رابط منذ ساعة
    >>> html_lines("<div>" * 1000 + "<p>نص <b>عميق</b></p><script>alert(1)</script>")
    'نص عميق'
    """
    parser = _BlockText()
    parser.feed(html.decode("utf-8", errors="replace") if isinstance(html, bytes) else html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


#: How :func:`extract_html` finds the article (see there).
HTML_METHODS = ("hybrid", "lines", "trafilatura")


def extract_html(
    html: str | bytes, *, method: str = "hybrid", settings: CleanSettings = DEFAULT_SETTINGS
) -> tuple[str, dict[str, str]]:
    """Main text of an HTML page, and its metadata (title, date, author, url, sitename).

    Parameters
    ----------
    html : the page, as text or bytes (the encoding is detected)
    method : how the article is found:

        ``hybrid`` (default)
            every block of the page on its own line (:func:`html_lines`), cleaned by
            :func:`clean_text` with trafilatura's main text as *anchor*: trafilatura's
            reading of the page structure picks the article among the prose clusters
            (not the comments or teasers), the line rules keep the headline and byline
            and drop menus, tickers and "related" lists that trafilatura lets through.
        ``lines``
            :func:`html_lines` then :func:`clean_text`, without trafilatura's vote.
        ``trafilatura``
            trafilatura's main text as it is.

        ``benchmarks/bench_clean.py`` measures the three.

    Returns
    -------
    ``(text, meta)``: the article, one paragraph per line (``""`` when none is found),
    and the metadata trafilatura found.

    Examples
    --------
    >>> page = (
    ...     "<html><head><title>زيارة رسمية</title><meta name='author' content='سعاد بنيس'></head>"
    ...     "<body><nav><a href='/'>الرئيسية</a> | <a>رياضة</a> | <a>فن</a></nav><article><h1>زيارة رسمية</h1>"
    ...     "<p>استقبل رئيس الحكومة، صباح اليوم، وفدا اقتصاديا رفيع المستوى لبحث فرص الاستثمار "
    ...     "في قطاعي الطاقة والنقل، وفق بلاغ رسمي صدر عقب اللقاء الذي دام ساعتين.</p></article>"
    ...     "<footer>جميع الحقوق محفوظة</footer></body></html>"
    ... )
    >>> text, meta = extract_html(page)
    >>> text.splitlines()[0]  # the headline
    'زيارة رسمية'
    >>> "الرئيسية" in text, "الحقوق" in text  # menu and footer left out
    (False, False)
    >>> meta["title"], meta["author"]
    ('زيارة رسمية', 'سعاد بنيس')
    """
    result, meta = clean_html(html, method=method, settings=settings)
    return result.text, meta


def clean_html(
    html: str | bytes, *, method: str = "hybrid", settings: CleanSettings = DEFAULT_SETTINGS
) -> tuple[CleanResult, dict[str, str]]:
    """Like :func:`extract_html`, with the full :class:`CleanResult` of the page.

    The result's counts and removed lines are over the page's lines
    (:func:`html_lines`), so ingest can record them and ``--keep-boilerplate`` can
    write them (:func:`write_removed`). With ``method="trafilatura"`` nothing is
    known of what was removed: ``removed`` is empty and ``removed_chars`` counts the
    characters of the page's lines beyond the kept ones.

    Parameters
    ----------
    html : the page, as text or bytes
    method : ``hybrid``, ``lines`` or ``trafilatura`` (see :func:`extract_html`)

    Returns
    -------
    ``(result, meta)``

    Examples
    --------
    >>> page = "<p>الرئيسية | رياضة</p><p>زار الوزير الرباط أمس، والتقى عددا من المسؤولين لبحث التنمية.</p>"
    >>> result, meta = clean_html(page)
    >>> result.removed, result.reasons
    (['الرئيسية | رياضة'], ['menu'])
    """
    import trafilatura

    check_choice("method", method, HTML_METHODS)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    data = doc.as_dict() if doc is not None else {}
    meta = {k: str(data[k]) for k in ("title", "date", "author", "url", "sitename") if data.get(k)}
    main = data.get("text") or ""
    lines = html_lines(html)
    if method == "trafilatura" or not lines.strip():
        page_chars = sum(len(line) for line in lines.splitlines())
        return CleanResult(main, len(main), max(0, page_chars - len(main))), meta
    result = clean_text(lines, settings=settings, anchor=main if method == "hybrid" else None)
    if not result.text and main:
        return CleanResult(main, len(main), result.removed_chars), meta
    return result, meta
