"""A document's publication date, from its metadata, its HTML head, its dateline or its URL.

:func:`document_date` tries, in order:

1. ``meta``: the ``date`` field of a ``.jsonl`` / ``.csv`` record (ISO ``2024-03-12``,
   ``2024-03-12T10:00:00Z``, ``12/03/2024``, ``12 مارس 2024``…);
2. ``html``: the page's metadata (``article:published_time``, JSON-LD ``datePublished``,
   ``<time datetime>``…) read by htmldate (which trafilatura brings), without its
   guessing from the page's text;
3. ``text``: a dateline in the first :data:`HEAD_CHARS` characters. Month names in their
   Egyptian and Gulf (يناير، أبريل، يونيو)، Levantine and Iraqi (كانون الثاني، نيسان، تموز)
   and Maghrebi forms (جانفي، فيفري، أفريل، ماي، جوان، جويلية، أوت، يوليوز، غشت، شتنبر،
   نونبر، دجنبر), English and French ones, numeric dates (day first), Arabic-Indic digits,
   and Hijri dates (``20 ذو الحجة 1434``), converted to the Gregorian calendar;
4. ``url``: a ``/2024/03/12/`` path.

A date is never returned silently wrong: a page shows the site's "today" in its header,
event dates in its text and teasers of other articles, so a dateline is only taken where
it looks like a stamp — with a time of day (``1-2-2017 | 21:35``), after a label
(``تاريخ النشر:``), alone on its line, or as "today" (``اليوم الاثنين 23 جانفي 2017``) —
and only when the stamps of the strongest kind agree. ``غدا الخميس (20 تموز 2023)`` is
read as the day before. When the text's date and the URL's disagree, the answer is
``None`` (unknown).

A Hijri date is converted with the Umm al-Qura calendar when the ``hijridate`` package is
installed, else with the tabular Islamic calendar, which can be a day off
(:attr:`DateInfo.approximate`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from shabaka.arabic import CharMap

#: Only the start of a text is searched for its dateline.
HEAD_CHARS = 1000

_FOLD = CharMap(
    str.maketrans(
        {
            "أ": "ا",
            "إ": "ا",
            "آ": "ا",
            "ٱ": "ا",
            "ة": "ه",
            "ى": "ي",
            "ـ": " ",
            **{chr(0x0660 + i): str(i) for i in range(10)},
            **{chr(0x06F0 + i): str(i) for i in range(10)},
        }
    )
)  # fmt: skip  (one character for one, so offsets are kept)

_GREGORIAN_MONTHS = {
    1: "يناير جانفي كانون الثاني january janvier jan",
    2: "فبراير فيفري شباط february fevrier février feb",
    3: "مارس اذار آذار march mars mar",
    4: "ابريل أبريل افريل أفريل نيسان april avril apr",
    5: "مايو ماي أيار ايار may mai",
    6: "يونيو يونيه جوان حزيران june juin jun",
    7: "يوليو يوليه يوليوز جويلية جويليه تموز july juillet jul",
    8: "اغسطس أغسطس غشت اوت أوت آب august aout août aug",
    9: "سبتمبر شتنبر ايلول أيلول september septembre sep sept",
    10: "اكتوبر أكتوبر تشرين الأول october octobre oct",
    11: "نوفمبر نونبر تشرين الثاني november novembre nov",
    12: "ديسمبر دجنبر كانون الأول december decembre décembre dec",
}
#: Several-word month names, before their one-word prefixes (تشرين الأول before a bare تشرين).
_TWO_WORD = {"كانون الثاني": 1, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12}
_HIJRI_MONTHS = {
    1: "محرم", 2: "صفر", 3: "ربيع الأول|ربيع الاول", 4: "ربيع الآخر|ربيع الثاني|ربيع الاخر",
    5: "جمادى الأولى|جمادى الاولى|جمادي الاولي", 6: "جمادى الآخرة|جمادى الثانية|جمادى الاخرة",
    7: "رجب", 8: "شعبان", 9: "رمضان", 10: "شوال", 11: "ذو القعدة|ذي القعدة", 12: "ذو الحجة|ذي الحجة",
}  # fmt: skip
_WEEKDAYS = (
    "الاحد الاثنين الإثنين الثلاثاء الاربعاء الخميس الجمعة السبت "
    "monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche"
)


def _fold(text: str) -> str:
    return _FOLD(text).lower()


def _alternation(names: Mapping[str, int]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_MONTH_OF = {
    _fold(n): m for m, names in _GREGORIAN_MONTHS.items() for n in names.split() if n not in ("الأول", "الثاني")
}
_MONTH_OF.update({_fold(n): m for n, m in _TWO_WORD.items()})
for _bare in ("كانون", "تشرين"):
    _MONTH_OF.pop(_fold(_bare), None)
_HIJRI_OF = {_fold(n): m for m, names in _HIJRI_MONTHS.items() for n in names.split("|")}
_MONTH = rf"(?P<month>{_alternation(_MONTH_OF)})(?:\s*/\s*(?:{_alternation(_MONTH_OF)}))?"
_HMONTH = rf"(?P<hmonth>{_alternation(_HIJRI_OF)})"
_DAY = r"(?<![\d:])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[3-4]|19|20)\d\d)(?!\d)"
_PATTERNS = [
    re.compile(rf"{_DAY}\s*[,،]?\s*(?:من\s+)?{_MONTH}\b\s*[,،]?\s*{_YEAR}"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*,\s*{_YEAR}"),
    re.compile(rf"{_DAY}\s+(?:من\s+)?{_HMONTH}\s*[,،]?\s*{_YEAR}(?:[ \t]?ه(?=\s|$))?"),
    re.compile(r"(?<![\d:/.-])(?P<year>(?:19|20)\d\d)[-/.](?P<m>[01]?\d)[-/.](?P<day>[0-3]?\d)(?![\d/])"),
    re.compile(r"(?<![\d:/.-])(?P<day>[0-3]?\d)[-/.](?P<m>[01]?\d)[-/.](?P<year>(?:19|20)\d\d)(?![\d/.-]?\d)"),
]
_TIME = re.compile(r"(?<!\d)[0-2]?\d:[0-5]\d(?!\d)")
_LABEL = re.compile(
    r"(تاريخ النشر|نشر في|نشر بتاريخ|تاريخ الخبر|publié le|published|posted on|posted|date)\s*[:：]?\s*$"
)
_WEEKDAY = re.compile(rf"(?:\b|و|يوم\s+)(?:{'|'.join(_fold(w) for w in _WEEKDAYS.split())})\s*[,،(]?\s*$")
_TODAY = re.compile(r"(?:اليوم|مساء اليوم|صباح اليوم|today)\s+(?:\S+\s+)?[,،(]?\s*$")
_TOMORROW = re.compile(r"(?:غدا|غدًا|غداً)\s*[,،]?\s*(?:\S+\s*)?[,،(]?\s*$")
_YESTERDAY = re.compile(r"(?:امس|البارحه)\s*[,،]?\s*(?:\S+\s*)?[,،(]?\s*$")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/([01]?\d)/([0-3]?\d)(?:/|$|[^\d])")
_ARABIC = re.compile(r"[\u0600-\u06ff]")


@dataclass(frozen=True, slots=True)
class DateInfo:
    """A document's date and where it came from.

    ``source`` is ``"meta"`` (a record's field), ``"html"`` (the page's metadata),
    ``"text"`` (a dateline) or ``"url"``; ``evidence`` the text it was read from;
    ``calendar`` ``"gregorian"`` or ``"hijri"`` (converted); ``approximate`` is true for a
    Hijri date converted with the tabular calendar (it can be a day off).
    """

    date: date
    source: str
    evidence: str
    calendar: str = "gregorian"
    approximate: bool = False

    @property
    def iso(self) -> str:
        """The date as ``YYYY-MM-DD``."""
        return self.date.isoformat()


@dataclass(frozen=True, slots=True)
class _Candidate:
    date: date
    start: int
    rank: int  # 0: stamped (a time of day or a label), 1: alone on its line, 2: today, 3: in running text
    evidence: str
    calendar: str
    approximate: bool


def document_date(
    text: str, meta: Mapping[str, Any] | None = None, html: str | None = None, url: str | None = None
) -> DateInfo | None:
    """The publication day of a document, or ``None`` when it cannot be told for sure.

    Parameters
    ----------
    text
        The document's text (its start is searched for a dateline).
    meta
        A record's fields; ``date`` (or ``published``, ``pubdate``) is used first.
    html
        The page's HTML, whose metadata comes second.
    url
        The page's address, whose ``/YYYY/MM/DD/`` path comes last, and vetoes a
        dateline that disagrees with it.

    Returns
    -------
    DateInfo or None

    Examples
    --------
    >>> document_date("الرباط\\nالثلاثاء 15 ديسمبر 2020 على الساعة 00:20\\nخبر").iso
    '2020-12-15'
    >>> document_date("أعلن الوزير أن الاجتماع سيعقد في 3 مارس 2021.") is None
    True
    >>> document_date("", meta={"date": "2024-03-12T10:00:00Z"}).source
    'meta'
    """
    for key in ("date", "published", "pubdate", "published_at"):
        value = (meta or {}).get(key)
        if value and (found := parse_date(str(value))):
            return DateInfo(found.date, "meta", str(value), found.calendar, found.approximate)
    if html and (found := _html_date(html)):
        return found
    url_date = _url_date(url) if url else None
    found = _text_date(text)
    if found and url_date and found.date != url_date.date:
        return None  # two sources disagree: unknown, not a guess
    return found or url_date


def parse_date(value: str) -> DateInfo | None:
    """A date written alone (a record's field): ISO, numeric day first, or with a month name.

    >>> parse_date("2024-03-12T10:00:00+01:00").iso, parse_date("١٢ مارس ٢٠٢٤").iso
    ('2024-03-12', '2024-03-12')
    >>> parse_date("next week") is None
    True
    """
    cands = _candidates(value.strip())
    days = {c.date for c in cands}
    if len(days) != 1:
        return None
    c = cands[0]
    return DateInfo(c.date, "meta", value, c.calendar, c.approximate)


def _html_date(html: str) -> DateInfo | None:
    """The publication date in a page's metadata (htmldate, without its text heuristics)."""
    from htmldate import find_date  # trafilatura's dependency; imported on use (~0.2 s)

    found = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    if not found:
        return None
    return DateInfo(date.fromisoformat(found), "html", found)


def _url_date(url: str) -> DateInfo | None:
    m = _URL_DATE.search(url)
    if not m:
        return None
    try:
        return DateInfo(date(int(m[1]), int(m[2]), int(m[3])), "url", m.group(0).strip("/"))
    except ValueError:
        return None


def _text_date(text: str) -> DateInfo | None:
    """The dateline of a text: the stamps of the strongest kind, if they agree."""
    every = _candidates(text[:HEAD_CHARS])
    cands = [c for c in every if c.rank < 3]
    if not cands:
        return None
    best = min(c.rank for c in cands)
    chosen = [c for c in cands if c.rank == best]
    gregorian = [c for c in chosen if c.calendar == "gregorian"] or chosen
    if len({c.date for c in gregorian}) != 1:
        return None
    twins = [h for h in every if h.calendar == "hijri" and any(abs(h.start - g.start) < 60 for g in gregorian)]
    if any(abs((h.date - gregorian[0].date).days) > 1 for h in twins):
        return None  # a Hijri twin (الموافق ...) that disagrees
    c = gregorian[0]
    return DateInfo(c.date, "text", c.evidence, c.calendar, c.approximate)


def _candidates(text: str) -> list[_Candidate]:
    """Every full date in ``text``, ranked by how much it looks like a stamp."""
    folded = _fold(text)
    arabic = bool(_ARABIC.search(text))
    out: list[_Candidate] = []
    taken: list[range] = []
    for n, pattern in enumerate(_PATTERNS):
        for m in pattern.finditer(folded):
            if any(m.start() in r or m.end() - 1 in r for r in taken):
                continue
            found = _to_date(m, arabic, day_first_numeric=n == len(_PATTERNS) - 1)
            if found is None:
                continue
            day, calendar, approximate = found
            before, after = folded[max(0, m.start() - 40) : m.start()], folded[m.end() : m.end() + 25]
            if _TOMORROW.search(before):
                day -= timedelta(days=1)
            elif _YESTERDAY.search(before):
                day += timedelta(days=1)
            taken.append(range(m.start(), m.end()))
            out.append(
                _Candidate(
                    day, m.start(), _rank(folded, m, before, after), text[m.start() : m.end()], calendar, approximate
                )
            )
    return out


def _to_date(m: re.Match[str], arabic: bool, day_first_numeric: bool) -> tuple[date, str, bool] | None:
    """The date a match names, or None (no such day, or day and month may be swapped)."""
    groups = m.groupdict()
    year, day = int(groups["year"]), int(groups["day"])
    try:
        if groups.get("hmonth"):
            return hijri_to_gregorian(year, _HIJRI_OF[groups["hmonth"]], day)
        if year < 1900:
            return None
        if groups.get("month"):
            return date(year, _MONTH_OF[groups["month"]], day), "gregorian", False
        month = int(groups["m"])
        if day_first_numeric and not arabic and day <= 12 and month <= 12 and day != month:
            return None  # 03/04/2021 in a Latin-script page: day or month first?
        return date(year, month, day), "gregorian", False
    except ValueError:
        return None


def _rank(folded: str, m: re.Match[str], before: str, after: str) -> int:
    line_start = folded.rfind("\n", 0, m.start()) + 1
    line_end = folded.find("\n", m.end())
    line = folded[line_start : line_end if line_end >= 0 else len(folded)]
    if (
        _TIME.match(after.lstrip(" |-–،,"))
        or _TIME.search(after[:22])
        or _TIME.search(before[-14:])
        or _LABEL.search(before)
    ):
        return 0
    rest = line.replace(folded[m.start() : m.end()], " ")
    rest = re.sub(rf"{'|'.join(_fold(w) for w in _WEEKDAYS.split())}|[\d\s|,،:()\-–/]|هـ", "", rest)
    if len(rest) <= 2:
        return 1
    if _TODAY.search(before) or _WEEKDAY.search(before) or _TOMORROW.search(before) or _YESTERDAY.search(before):
        return 2
    return 3


def hijri_to_gregorian(year: int, month: int, day: int) -> tuple[date, str, bool]:
    """A Hijri date in the Gregorian calendar: ``(date, "hijri", approximate)``.

    Umm al-Qura (exact for 1343–1500 AH) with the ``hijridate`` package, else the tabular
    Islamic calendar (astronomical epoch, 15 July 622 Julian; leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 of
    each 30), which can be a day off: ``approximate`` is then true.

    >>> hijri_to_gregorian(1434, 12, 20)[0].isoformat() in ("2013-10-25", "2013-10-26", "2013-10-24")
    True
    """
    if not 1 <= day <= 30 or not 1 <= month <= 12:
        raise ValueError(f"no Hijri date {year}-{month}-{day}")
    try:
        from hijridate import Hijri  # optional: the Umm al-Qura table

        g = Hijri(year, month, day).to_gregorian()
        return date(g.year, g.month, g.day), "hijri", False
    except (ImportError, ValueError, OverflowError):
        pass  # not installed, or a date outside its table (before 1343 or after 1500 AH)
    days = day + ((59 * (month - 1) + 1) // 2) + (year - 1) * 354 + (3 + 11 * year) // 30
    return date.fromordinal(days + 227013), "hijri", True


def date_summary(dates: Iterable[date | DateInfo | None]) -> dict[str, Any] | None:
    """First and last date and a count per month: the time attributes of a node or a link.

    Parameters
    ----------
    dates
        The dates of the documents (or evidence sentences) behind the node or link; unknown
        ones (``None``) are skipped.

    Returns
    -------
    dict or None
        ``{"first": "YYYY-MM-DD", "last": "YYYY-MM-DD", "months": {"YYYY-MM": n}, "dated": n}``
        (months in order), or ``None`` when no date is known.

    Examples
    --------
    >>> date_summary([date(2024, 3, 2), None, date(2023, 12, 30), date(2024, 3, 20)])
    {'first': '2023-12-30', 'last': '2024-03-20', 'months': {'2023-12': 1, '2024-03': 2}, 'dated': 3}
    """
    days = sorted(d.date if isinstance(d, DateInfo) else d for d in dates if d is not None)
    if not days:
        return None
    months: dict[str, int] = {}
    for d in days:
        months[d.strftime("%Y-%m")] = months.get(d.strftime("%Y-%m"), 0) + 1
    return {"first": days[0].isoformat(), "last": days[-1].isoformat(), "months": months, "dated": len(days)}
