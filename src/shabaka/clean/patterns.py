"""The patterns of page chrome: word lists and regular expressions, matched on :func:`fold`-ed text.

Every pattern runs in linear time on any line, however long and whatever it repeats
(checked by ``benchmarks/bench_hostile.py --scaling`` and ``tests/test_hostile2.py``):
repetitions that could overlap are possessive (``\\W*+``, ``[^«»]*+``) or bounded
(``{1,253}``), so the regular expression engine never backtracks over them.
"""

from __future__ import annotations

import re

from shabaka.arabic import LETTER_MAP, CharMap
from shabaka.text import INVISIBLE

_FOLD = CharMap(
    {
        **LETTER_MAP,  # diacritics, alef forms, alef maksura, teh marbuta, as in matching keys
        ord("\u0640"): None,  # tatweel
        **{0x0660 + i: str(i) for i in range(10)},  # Arabic-Indic digits
        **{0x06F0 + i: str(i) for i in range(10)},
        **dict.fromkeys(map(ord, INVISIBLE)),
    }
)


def fold(text: str) -> str:
    """Fold Arabic spelling variants so that keyword patterns match loosely.

    Diacritics, tatweel and invisible characters (:data:`shabaka.text.INVISIBLE`) go, alef forms become ا, ى becomes ي,
    ة becomes ه, and Arabic-Indic digits become ASCII digits.

    >>> fold("قد يهمك أيضــــــًا")
    'قد يهمك ايضا'
    """
    return _FOLD(text)


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
    r"منذ\s++\d*+\s*+(?:دقيقة|دقائق|دقيقتين|ساعة|ساعات|ساعتين|يوم|أيام|يومين|أسبوع)",
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
    r"^\W*+(?:اترك تعليقا|أضف تعليق|إضافة تعليق|اكتب تعليق|أرسل تعليق|إرسال التعليق|علق على|"
    r"\d*+\s*+تعليقات?(?:\s*+\(\d++\))?\s*+$|التعليقات|تعليقات القراء|تعليقات فيسبوك)",
    r"لن يتم نشر|الحقول الإلزامية|الحقول المطلوبة|بريدك الإلكتروني|عنوان بريدك",
    r"شروط الاستخدام|شروط النشر|^\W*+ا?وافق على|رمز التحقق|characters left|security code|captcha",
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
    r"\S@[^\s.@]{1,253}+\.\w",  # an e-mail address; bounded, possessive: no backtracking
    r"www\.|https?://",
)
#: Headers of "related articles", "most read" and similar link lists (a page-end marker).
RELATED_HEADER_RX = _rx(
    r"^\W*+(?:قد يهمك|قد يعجبك|مواضيع ذات صلة|مواضيع متعلقة|مقالات ذات صلة|أخبار ذات صلة|ذات صلة|"
    r"الأكثر قراءة|الأكثر مشاهدة|الأكثر تعليقا|الأكثر تداولا|المزيد من|المزيد في|أخبار أخرى|آخر الأخبار|اخر الاخبار|"
    r"أحدث الأخبار|أخبار عاجلة|عاجل|شريط الأخبار|موضوعات مقترحة|مقترحات|تابع أيضا|شاهد أيضا|لا تفوت|"
    r"مختارات|اخترنا لك|ننصحك بقراءة|قد يعجبك أيضا|من نفس القسم|في نفس السياق|ترشيحات|مواد إضافية|"
    r"أخبار متعلقة|أخبار مقترحة|مقالات مقترحة|الأكثر شعبية|ذات علاقة|قد تهمك|روابط ذات صلة|"
    r"read more|related|most read|latest news)",
)
#: "Follow our news on Google News / WhatsApp ...": a line that closes the article, before the
#: teasers of other stories.
FOLLOW_NEWS_RX = _rx(
    r"^\W*+(?:تابعوا|تابعونا|تابعنا|تابع)(?!\w).{0,80}?(?:أخبار|الأخبار|أخبارنا|آخر|المستجدات).{0,60}?"
    r"(?:google|جوجل|غوغل|واتساب|تلغرام|تيليجرام|فيسبوك|تويتر|يوتيوب)",
)
#: Inline "read also" teasers (one line, may sit inside the article).
READ_ALSO_RX = _rx(r"^\W*+(?:اقرأ أيضا|اقرأ ايضا|إقرأ أيضا|اقرأ المزيد|اقرأ كذلك|للمزيد|طالع أيضا|يهمك أيضا)")
#: Tags and keywords lines (a page-end marker).
TAGS_RX = _rx(
    r"^\W*+(?:الوسوم|وسوم|كلمات مفتاحية|الكلمات المفتاحية|الكلمات الدالة|كلمات دالة|tags)(?!\w)",
    r"^\s*+(?:#\w++[\s,،]*+){2,}+$",
)
_SOCIAL = (
    "شارك|شاركها|شاركوا|مشاركة|المشاركة|انشر|تابعنا|تابعونا|اشترك|اشتركوا|الاشتراك|النشرة البريدية|فيسبوك|فايسبوك|"
    "فيس بوك|تويتر|إكس|واتساب|واتس|تيليجرام|تلغرام|تليغرام|انستغرام|إنستغرام|انستجرام|يوتيوب|لينكد إن|تيك توك|"
    "طباعة|نسخ الرابط|الرابط المختصر|أرسل لصديق|facebook|twitter|whatsapp|telegram|instagram|youtube|linkedin|"
    "tiktok|email|print|share|messenger|pinterest|reddit|x"
)
#: Share and follow buttons.
SOCIAL_RX = _rx(rf"(?<!\w)(?:{_SOCIAL})(?!\w)")
_SOCIAL_START_RX = _rx(r"^\W*+(?:شارك|شاركها|انشر|تابعنا|تابعونا|اشترك|اشتركوا|share|follow)(?!\w)")
_NAV = (
    "الرئيسية|الصفحة الرئيسية|الرئيسيه|أخبار|الأخبار|سياسة|السياسة|اقتصاد|الاقتصاد|رياضة|الرياضة|ثقافة|"
    "الثقافة|فن|فنون|منوعات|محليات|دوليات|عربيات|برلمان|جامعات|حوادث|قضايا|تقارير|تكنولوجيا|التكنولوجيا|"
    "صحة|الصحة|مجتمع|المجتمع|دولي|دولية|الدولية|محلي|محلية|وطني|وطنية|جهوية|جهات|عربي|عربية|العالم|عالم|"
    "رأي|الرأي|آراء|مقالات|كتاب|كتاب الرأي|أعمدة|حوارات|تحقيقات|ملفات|فيديو|فيديوهات|صور|الصور|ملتيميديا|"
    "بودكاست|إنفوغرافيك|اتصل بنا|من نحن|سياسة الخصوصية|أعلن معنا|الأرشيف|أرشيف|خريطة الموقع|بحث|القائمة|"
    "إغلاق|اغلاق|تسجيل الدخول|الوضع الليلي|المزيد|التالي|السابق|تحميل المزيد|إعلان|اعلان|مساحة إعلانية|"
    "المقال السابق|المقال التالي|مغاربية|المغرب العربي|الخليج|لايف ستايل|الطقس|العملات|"
    "home|menu|search|close|login|ads?|advertisement|sponsored|english|français|francais"
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
    r"pic\.twitter\.com|\(@\w++\)|^\W*+@\w++\W*+$",  # what is left of an embedded post
)
#: The end of a sentence: . ! ? ؟ possibly followed by closing quotes or brackets
#: (but not an ellipsis, which ends truncated teaser excerpts).
SENTENCE_END_RX = re.compile(r"(?<![.…])[.!?؟][\"”»)\]']*\s*$")
#: A breadcrumb trail: "الرئيسية / قسم / ..." or "Home > ...".
BREADCRUMB_RX = _rx(r"^\W*+(?:الرئيسية|الصفحة الرئيسية|الرئيسيه|home)\s*+[/|»›>\-–]")
#: Glue between headlines run together in a ticker: " ... ", " … ", " * ", " + ".
GLUE_RX = re.compile(r"\s(?:\.{3}|…|\*|\+)\s")
#: Two dots after a word: how a headline sets its topic apart ("الزوراء.. يحسم"); several in a
#: line with no sentence end are headlines run together.
TWO_DOTS_RX = re.compile(r"\w[\"”»]?\.\.(?!\.)\s")
#: A site-name label ends with a dash, bar or colon ("الخبر اليوم -").
LABEL_END_RX = re.compile(r"\s[-–—|:]\s*$")
#: The end of a Latin sentence or quotation (a French or English quote in an article).
LATIN_SENTENCE_END_RX = re.compile(r"[.!?»\"”]\s*$")
#: A paragraph cut short: it ends with an ellipsis.
ELLIPSIS_END_RX = re.compile(r"(?:\.\.\.|…)\s*$")
#: Separators of menus, breadcrumbs and run-together teaser lists.
MENU_SEPARATORS_RX = re.compile(r"\s[|»›>•·]\s|\s[|»›>•·]$|^[|»›>]\s")
_QUOTED_RX = re.compile(r"«[^«»]*+»")  # possessive, no « inside: linear


def _menu_separators(text: str) -> int:
    """Number of menu separators in a line (guillemets of a «quotation» are not separators).

    >>> _menu_separators("الرئيسية » سياسة » لبنان"), _menu_separators("« Ce projet est un modèle »")
    (2, 0)
    """
    return len(MENU_SEPARATORS_RX.findall(_QUOTED_RX.sub(" ", text)))


#: The caption of an archive photo (مستشفى القدس - أرشيفية، (صورة أرشيفية)).
CAPTION_RX = _rx(r"(?:^|[-–—(|/]\s*)(?:صورة\s+)?(?:أرشيفية|ارشيفية|أرشيف|ارشيف)\W*$")
#: Lines introducing the writer: "كتب ...", "بقلم ...", "city - name", "المصدر: ...".
BYLINE_RX = _rx(
    r"^\W*+(?:كتب|كتبت|بقلم|إعداد|اعداد|تقرير|حاوره|حاورته|ترجمة|تحرير|المحرر|مراسل|مراسلة|مراسلنا|by)(?!\w)",
    r"^[^.،,:]{2,40}\s?[-–—/:]\s?[^.،,]{2,40}$",
    r"^\W*+(?:المصدر|مصدر|وكالات|المصادر)(?!\w)",
    r"^\W*+(?:د|ذ|أ|أ\.د)\.\s?\w+|^\W*+(?:الدكتور|الدكتورة|الأستاذ|الأستاذة)\s\w+",  # a name with its title
)
