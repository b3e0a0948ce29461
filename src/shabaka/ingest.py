"""Reading documents from files and folders, one at a time, never stopping on a bad file.

Supported inputs (folders are walked recursively, in sorted order; dotfiles are ignored):

========== =================================================================
extension  what is read
========== =================================================================
.txt       UTF-8 (with or without BOM); UTF-16 with BOM and Windows-1256 are
           detected; the encoding is stored in ``Document.meta["encoding"]``
.jsonl     one JSON object per line with ``text`` and optional ``id``, ``title``,
           ``date``, ``source``, ``url``; a broken line is reported and skipped
.csv       the same fields as columns (``text`` required)
.html .htm main text extracted; title, date and author kept as metadata
========== =================================================================

A file that cannot be used (binary, empty, undecodable, unknown extension,
unreadable) is reported in the :class:`IngestReport` with its reason, and a warning
naming the file is logged; the run goes on.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from shabaka.clean import clean_text, extract_html
from shabaka.model import Document

log = logging.getLogger("shabaka")

EXTENSIONS = (".txt", ".jsonl", ".csv", ".html", ".htm")
FIELDS = ("title", "date", "source", "url")


class SkipFile(Exception):
    """Raised inside a reader: this file (or record) cannot be used, for the reason given."""


@dataclass(slots=True)
class Skipped:
    """A file, or a record in a file, that was not used, and why."""

    path: str
    reason: str


@dataclass(slots=True)
class IngestReport:
    """What ingest read: files, documents, skipped files and records, encodings seen."""

    files: int = 0
    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    encodings: Counter[str] = field(default_factory=Counter)

    def skip(self, path: str, reason: str) -> None:
        """Record and log one skipped file or record."""
        self.skipped.append(Skipped(path, reason))
        log.warning("skipped %s: %s", path, reason)


def find_files(paths: Iterable[str | os.PathLike[str]], report: IngestReport) -> Iterator[Path]:
    """Yield input files under ``paths`` (files as given, folders walked recursively)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):  # does not follow symlinked folders: no loops
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root, name)
        elif path.exists():
            yield path
        else:
            report.skip(str(path), "no such file or folder")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file's bytes; return ``(text, encoding)``.

    Raises :class:`SkipFile` for binary or undecodable content.

    >>> decode_text("سلام".encode("cp1256"))
    ('سلام', 'windows-1256')
    >>> decode_text(b"\\xff\\xfe" + "سلام".encode("utf-16-le"))
    ('سلام', 'utf-16')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:8192]:
        raise SkipFile("binary file (NUL bytes); expected text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(3, len(data) // 1000):  # a few broken bytes in a UTF-8 file: keep the rest
        return text, f"utf-8 ({bad} invalid bytes replaced)"
    text = data.decode("cp1256", errors="replace")
    letters = [c for c in text if c.isalpha()]
    arabic = sum("\u0600" <= c <= "\u06ff" for c in letters)
    if letters and arabic / len(letters) > 0.5 and "\ufffd" not in text:
        return text, "windows-1256"
    raise SkipFile("not UTF-8, UTF-16 or Windows-1256 text; re-save the file as UTF-8")


def _record_document(record: dict[str, object], default_id: str, path: Path) -> Document:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise SkipFile("no 'text' value")
    doc_id = str(record.get("id") or default_id)
    meta = {k: str(record[k]) for k in FIELDS if record.get(k) not in (None, "")}
    return Document(doc_id, text, path=str(path), **meta)


def _read_jsonl(path: Path, data: bytes, report: IngestReport) -> Iterator[Document]:
    text, _ = decode_text(data)
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise SkipFile("line is not a JSON object")
            yield _record_document(record, f"{path.stem}:{lineno}", path)
        except json.JSONDecodeError as exc:
            report.skip(where, f"invalid JSON ({exc.msg}); the other lines are kept")
        except SkipFile as exc:
            report.skip(where, str(exc))


def _read_csv(path: Path, data: bytes, report: IngestReport) -> Iterator[Document]:
    text, _ = decode_text(data)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if "text" not in (reader.fieldnames or []):
        raise SkipFile(f"no 'text' column (columns: {', '.join(reader.fieldnames or [])})")
    for row in reader:
        where = f"{path}:{reader.line_num}"
        try:
            yield _record_document(row, f"{path.stem}:{reader.line_num}", path)
        except SkipFile as exc:
            report.skip(where, str(exc))


def read_file(path: Path, report: IngestReport, *, clean: bool = True) -> Iterator[Document]:
    """Yield the documents of one file; problems are recorded in ``report``."""
    suffix = path.suffix.lower()
    try:
        if suffix not in EXTENSIONS:
            raise SkipFile(f"unknown extension {suffix or '(none)'!r}; use {', '.join(EXTENSIONS)}")
        data = path.read_bytes()
        if not data.strip():
            raise SkipFile("empty file")
        report.files += 1
        if suffix == ".jsonl":
            docs: Iterable[Document] = _read_jsonl(path, data, report)
        elif suffix == ".csv":
            docs = _read_csv(path, data, report)
        elif suffix in (".html", ".htm"):
            body, meta = extract_html(data)
            if not body.strip():
                raise SkipFile("no main text found in the HTML page")
            report.encodings["html"] += 1
            docs = [Document(path.stem, body, path=str(path), **{k: meta[k] for k in FIELDS if k in meta})]
        else:
            text, encoding = decode_text(data)
            if not text.strip():
                raise SkipFile("only whitespace")
            report.encodings[encoding.split(" ")[0]] += 1
            if encoding not in ("utf-8", "utf-16"):
                log.info("%s: read as %s", path, encoding)
            docs = [Document(path.stem, text, path=str(path), meta={"encoding": encoding})]
        for doc in docs:
            if clean:
                result = clean_text(doc.text)
                doc.text = result.text
                doc.meta.update(chars_kept=result.kept_chars, chars_removed=result.removed_chars)
            yield doc
    except SkipFile as exc:
        report.skip(str(path), str(exc))
    except OSError as exc:
        report.skip(str(path), f"cannot read ({exc.strerror or exc})")


def read_documents(
    paths: Iterable[str | os.PathLike[str]], report: IngestReport | None = None, *, clean: bool = True
) -> Iterator[Document]:
    """Yield every document under ``paths``, one at a time (nothing is kept in memory).

    Document ids are file stems, or the ``id`` field of ``.jsonl``/``.csv`` records; a
    repeated id gets a ``~2``, ``~3`` ... suffix so that no document hides another.

    Parameters
    ----------
    paths : files or folders
    report : filled with counts and skipped files; pass one to read it afterwards
    clean : remove page boilerplate (menus, tickers, comment forms) before extraction

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("زار حموشي واشنطن.", encoding="utf-8")
    >>> _ = (folder / "b.bin").write_bytes(b"\\x00\\x01")
    >>> report = IngestReport()
    >>> [d.id for d in read_documents([folder], report)]
    ['a']
    >>> [s.reason for s in report.skipped]
    ["unknown extension '.bin'; use .txt, .jsonl, .csv, .html, .htm"]
    """
    report = report if report is not None else IngestReport()
    seen: Counter[str] = Counter()
    for path in find_files(paths, report):
        for doc in read_file(path, report, clean=clean):
            seen[doc.id] += 1
            if seen[doc.id] > 1:
                doc.id = f"{doc.id}~{seen[doc.id]}"
            report.documents += 1
            yield doc
