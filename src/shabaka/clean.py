"""Page boilerplate removal: only the article reaches the extractor.

(Being rewritten by the cleaning work of issue 6; this first version only extracts
HTML main text and keeps plain text whole.)
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class CleanResult:
    """The kept text of a page and a record of what was removed."""

    text: str
    kept_chars: int
    removed_chars: int
    removed: list[str] = field(default_factory=list)


def clean_text(text: str) -> CleanResult:
    """Keep the article body of a scraped plain-text page."""
    kept = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return CleanResult(kept, len(kept), 0, [])


def extract_html(html: str | bytes) -> tuple[str, dict[str, str]]:
    """Main text of an HTML page, and its metadata (title, date, author, url, sitename)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None:
        return "", {}
    data = doc.as_dict()
    meta = {k: str(data[k]) for k in ("title", "date", "author", "url", "sitename") if data.get(k)}
    return data.get("text") or "", meta
