"""HTML pages: their lines (:func:`html_lines`), cleaned with trafilatura's vote (:func:`clean_html`)."""

from __future__ import annotations

from html.parser import HTMLParser

from shabaka.clean.article import CleanResult, clean_text
from shabaka.clean.lines import DEFAULT_SETTINGS
from shabaka.config import CleanSettings, check_choice

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
