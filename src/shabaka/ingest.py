"""Reading documents from files and folders, one at a time, never stopping on a bad file.

Supported inputs (folders are walked recursively, in sorted order; dotfiles are ignored):

========== =================================================================
extension  what is read
========== =================================================================
.txt       UTF-8 (with or without BOM); UTF-16 with BOM and Windows-1256 are
           detected; the encoding is stored in ``Document.meta["encoding"]``
.jsonl     one JSON object per line with ``text`` and optional ``id``, ``title``,
           ``date``, ``source``, ``url``; a broken line is reported and skipped
.csv       the same fields as columns (``text`` required, any letter case)
.html .htm main text extracted; title, date and author kept as metadata
========== =================================================================

A file that cannot be used (binary, empty, undecodable, unknown extension,
unreadable, a pipe or device, a broken symbolic link) is reported in the
:class:`IngestReport` with its reason, and a warning naming the file is logged; the
run goes on. So does it when a reader fails on a hostile file in a way nobody
foresaw: the file is reported with the error, the documents read before are kept.

Hostile input is defused here, once for every later stage:

* text files are streamed (the encoding is detected on their first MiB, invalid bytes
  are replaced by U+FFFD and counted in a note), and a text longer than
  :data:`MAX_DOCUMENT_CHARS` becomes several documents (``id``, ``id#2`` ...), cut
  at line breaks: memory stays bounded whatever the size of a file;
* bidi embedding, override and isolate controls (:data:`~shabaka.text.BIDI_CONTROLS`)
  are removed from texts, ids and metadata, so that no label or panel can be shown
  reordered; their count is kept in ``Document.meta["bidi_controls_removed"]``;
* symbolic links to folders are not followed (no loops), and a file reached twice
  (a link to a file read already, a folder given twice) is read once.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import os
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from shabaka.clean import DEFAULT_SETTINGS, CleanResult, clean_html, clean_text, html_lines, write_removed
from shabaka.config import CleanSettings
from shabaka.dates import document_date
from shabaka.model import Document
from shabaka.text import BIDI_CONTROLS, strip_bidi_controls

log = logging.getLogger("shabaka")

EXTENSIONS = (".txt", ".jsonl", ".csv", ".html", ".htm")
#: What ``--keep-boilerplate`` writes beside an input file; folders walks skip these.
REMOVED_SUFFIX = ".removed"
FIELDS = ("title", "date", "source", "url")

#: A document holds at most this many characters; a longer text (a 50 MB dump) is
#: read as several documents, cut at a line break (or a space) before the limit.
MAX_DOCUMENT_CHARS = 1_000_000
#: The encoding of a text file is decided on its first bytes.
SAMPLE_BYTES = 2**20
#: Largest CSV field accepted (the csv module's default is 128 KiB).
CSV_FIELD_LIMIT = 2**31 - 1


class SkipFile(Exception):
    """Raised inside a reader: this file (or record) cannot be used, for the reason given."""


@dataclass(slots=True)
class Skipped:
    """A file, or a record in a file (``path:line``), that was not used, and why."""

    path: str
    reason: str


@dataclass(slots=True)
class Note:
    """Something to know about a file that was read (bytes replaced, split into parts)."""

    path: str
    note: str


@dataclass(slots=True)
class IngestReport:
    """What ingest read: files, documents, skipped files and records, encodings seen, notes.

    ``non_arabic`` counts the documents read but left out of the build for having little
    Arabic text (see :data:`~shabaka.config.MIN_ARABIC_SHARE`); they are in ``skipped`` too.
    """

    files: int = 0
    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    encodings: Counter[str] = field(default_factory=Counter)
    notes: list[Note] = field(default_factory=list)
    records_skipped: int = 0
    non_arabic: int = 0

    def skip(self, path: str, reason: str) -> None:
        """Record and log one skipped file or record."""
        self.skipped.append(Skipped(path, reason))
        log.warning("skipped %s: %s", path, reason)

    def skip_record(self, path: Path, line: int, reason: str) -> None:
        """Record and log one skipped record (line ``line`` of ``path``); the file's other records are kept."""
        self.records_skipped += 1
        self.skip(f"{path}:{line}", reason)

    def note(self, path: str, note: str) -> None:
        """Record and log (at info level) a note about a file that was read."""
        self.notes.append(Note(path, note))
        log.info("%s: %s", path, note)

    def merge(self, other: IngestReport) -> IngestReport:
        """Add ``other``'s counts and lists to these (nothing is logged again); return self."""
        self.files += other.files
        self.documents += other.documents
        self.skipped += other.skipped
        self.encodings.update(other.encodings)
        self.notes += other.notes
        self.records_skipped += other.records_skipped
        self.non_arabic += other.non_arabic
        return self

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data: counts, encodings, skipped (path and reason) and notes.

        >>> r = IngestReport(files=2, documents=3)
        >>> r.skip_record(Path("feed.jsonl"), 4, "invalid JSON")
        >>> r.to_dict()["summary"]  # doctest: +NORMALIZE_WHITESPACE
        {'files_read': 2, 'documents': 3, 'skipped': 1, 'files_skipped': 0, 'records_skipped': 1,
         'non_arabic_skipped': 0}
        """
        return {
            "summary": {
                "files_read": self.files,
                "documents": self.documents,
                "skipped": len(self.skipped),
                "files_skipped": len(self.skipped) - self.records_skipped - self.non_arabic,
                "records_skipped": self.records_skipped,
                "non_arabic_skipped": self.non_arabic,
            },
            "encodings": dict(sorted(self.encodings.items())),
            "skipped": [asdict(s) for s in self.skipped],
            "notes": [asdict(n) for n in self.notes],
        }

    def write_json(self, path: str | os.PathLike[str], **extra: Any) -> None:
        """Write :meth:`to_dict` (and ``extra`` top-level fields) as UTF-8 JSON, atomically."""
        from shabaka.export import atomic_write

        with atomic_write(path, encoding="utf-8") as f:
            json.dump({**extra, **self.to_dict()}, f, ensure_ascii=False, indent=1)


def find_files(paths: Iterable[str | os.PathLike[str]], report: IngestReport) -> Iterator[Path]:
    """Yield input files under ``paths`` (files as given, folders walked recursively).

    Symbolic links to folders are reported and not followed (a link can make a loop);
    links to files are read, once: a file reached twice is reported the second time.
    """
    seen: dict[tuple[int, int], Path] = {}
    for path in _candidates(paths, report):
        try:
            st = path.stat()
        except OSError:
            yield path  # read_file says what is wrong with it
            continue
        first = seen.setdefault((st.st_dev, st.st_ino), path)
        if first is path:
            yield path
        else:
            report.skip(str(path), f"same file as {first}, read once")


def _candidates(paths: Iterable[str | os.PathLike[str]], report: IngestReport) -> Iterator[Path]:
    def unreadable(exc: OSError) -> None:
        report.skip(str(exc.filename), f"cannot read folder ({exc.strerror or exc})")

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, onerror=unreadable):  # followlinks=False: no loops
                for name in sorted(dirs):
                    if name.startswith("."):
                        dirs.remove(name)
                    elif os.path.islink(os.path.join(root, name)):
                        report.skip(os.path.join(root, name), "symbolic link to a folder, not followed (avoids loops)")
                dirs.sort()
                for name in sorted(files):
                    if not name.startswith(".") and not name.endswith(REMOVED_SUFFIX):  # our own debug output
                        yield Path(root, name)
        elif path.exists() or path.is_symlink():
            yield path
        else:
            report.skip(str(path), "no such file or folder")


def _detect(sample: bytes, *, complete: bool) -> tuple[str, str]:
    """The Python codec and the encoding name of text whose first bytes are ``sample``.

    ``complete`` says that ``sample`` is the whole file (else a character cut at its
    end is not counted as invalid). Raises :class:`SkipFile` for binary or undecodable
    content.
    """
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "utf-16"
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "utf-8"
    if b"\x00" in sample[:8192]:
        raise SkipFile("binary file (NUL bytes); expected text")
    bad = codecs.getincrementaldecoder("utf-8")("replace").decode(sample, final=complete).count("\ufffd")
    if bad <= max(3, len(sample) // 1000):  # a few broken bytes in a UTF-8 file: keep the rest
        return "utf-8", "utf-8"
    letters = [c for c in sample.decode("cp1256", errors="replace") if c.isalpha()]
    if letters and sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters) > 0.5:
        return "cp1256", "windows-1256"
    raise SkipFile("not UTF-8, UTF-16 or Windows-1256 text; re-save the file as UTF-8")


def _open_text(f: IO[bytes], newline: str, report: IngestReport) -> tuple[IO[str], str]:
    """A text stream over the binary file ``f`` and its encoding name, detected on its first
    bytes (and counted in ``report``)."""
    sample = f.read(SAMPLE_BYTES)
    codec, encoding = _detect(sample, complete=len(sample) < SAMPLE_BYTES)
    report.encodings[encoding] += 1
    f.seek(0)
    return io.TextIOWrapper(f, encoding=codec, errors="replace", newline=newline), encoding


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a part of ``text`` that starts at ``start``: after the last line
    break, else the last space, of its second half; else at ``start + limit``."""
    end = start + limit
    for sep in "\n ":
        at = text.rfind(sep, start + limit // 2, end)
        if at >= 0:
            return at + 1
    return end


def split_parts(pieces: Iterable[str], limit: int = MAX_DOCUMENT_CHARS) -> Iterator[str]:
    """Re-cut a stream of text pieces into parts of at most ``limit`` characters, at
    line breaks where possible; parts that are only whitespace are left out.

    >>> list(split_parts(["one two\\nthree", " four\\n", "  "], limit=10))
    ['one two\\n', 'three ', 'four\\n  ']
    """
    carry = ""
    for piece in pieces:
        text, start = carry + piece, 0
        while len(text) - start > limit:
            end = _cut(text, start, limit)
            if not text[start:end].isspace():
                yield text[start:end]
            start = end
        carry = text[start:]
    if carry and not carry.isspace():
        yield carry


def _documents(
    doc_id: str, pieces: Iterable[str], path: Path, report: IngestReport, fields: dict[str, str] | None = None
) -> Iterator[Document]:
    """The documents of one text: parts of at most :data:`MAX_DOCUMENT_CHARS`, bidi controls removed.

    ``fields`` are metadata (title, date, source, url), copied to every part.
    """
    doc_id = strip_bidi_controls(doc_id)
    clean_fields = {k: strip_bidi_controls(v) for k, v in (fields or {}).items()}
    n = 0
    for n, part in enumerate(split_parts(pieces, MAX_DOCUMENT_CHARS), 1):
        meta: dict[str, Any] = {"part": n} if n > 1 else {}
        if removed := sum(part.count(c) for c in BIDI_CONTROLS):
            meta["bidi_controls_removed"] = removed
        part_id = doc_id if n == 1 else f"{doc_id}#{n}"
        yield Document(part_id, strip_bidi_controls(part), path=str(path), meta=meta, **clean_fields)
    if n > 1:
        report.note(str(path), f"long text read as {n} documents of at most {MAX_DOCUMENT_CHARS:,} characters")


def _record_documents(record: dict[str, Any], default_id: str, path: Path, report: IngestReport) -> Iterator[Document]:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise SkipFile("no 'text' value")
    fields = {k: str(record[k]) for k in FIELDS if record.get(k) not in (None, "")}
    return _documents(str(record.get("id") or default_id), [text], path, report, fields)


def _read_txt(path: Path, f: IO[bytes], report: IngestReport) -> Iterator[Document]:
    stream, encoding = _open_text(f, "", report)
    replaced = 0
    for doc in _documents(path.stem, iter(lambda: stream.read(MAX_DOCUMENT_CHARS), ""), path, report):
        bad = doc.text.count("\ufffd")
        replaced += bad
        doc.meta["encoding"] = f"{encoding} ({bad} invalid bytes replaced)" if bad else encoding
        yield doc
    if replaced:
        report.note(str(path), f"{replaced} invalid bytes replaced by U+FFFD")
    if encoding != "utf-8":
        log.info("%s: read as %s", path, encoding)


def _read_jsonl(path: Path, f: IO[bytes], report: IngestReport) -> Iterator[Document]:
    stream, _ = _open_text(f, "\n", report)  # only \n ends a record: U+2028 may sit inside a string
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise SkipFile("line is not a JSON object")
            yield from _record_documents(record, f"{path.stem}:{lineno}", path, report)
        except json.JSONDecodeError as exc:
            report.skip_record(path, lineno, f"invalid JSON ({exc.msg}); the other lines are kept")
        except RecursionError:
            report.skip_record(path, lineno, "JSON nested too deeply; the other lines are kept")
        except SkipFile as exc:
            report.skip_record(path, lineno, str(exc))


def _read_csv(path: Path, f: IO[bytes], report: IngestReport) -> Iterator[Document]:
    stream, _ = _open_text(f, "", report)
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))  # a long article is one field
    rows = csv.reader(stream)
    header = [h.strip().lower() for h in next(rows, [])]
    if "text" not in header:
        raise SkipFile(f"no 'text' column (columns: {', '.join(header)})")
    while True:
        try:
            row = next(rows, None)
        except csv.Error as exc:
            report.skip_record(path, rows.line_num, f"broken CSV ({exc}); the rows before it were kept")
            return
        if row is None:
            return
        if any(cell.strip() for cell in row):
            try:
                yield from _record_documents(
                    dict(zip(header, row, strict=False)), f"{path.stem}:{rows.line_num}", path, report
                )
            except SkipFile as exc:
                report.skip_record(path, rows.line_num, str(exc))


def _read_html(
    path: Path, f: IO[bytes], report: IngestReport, clean: bool, cleaner: CleanSettings
) -> Iterator[tuple[Document, CleanResult | None]]:
    """The page's main text; cleaned of page chrome (:func:`~shabaka.clean.clean_html`) when ``clean``."""
    data = f.read()
    codec, encoding = _detect(data, complete=True)  # lxml would read undeclared UTF-8 as Latin-1
    page = data.decode(codec, errors="replace")
    result, meta = clean_html(page, method="hybrid" if clean else "trafilatura", settings=cleaner)
    body = result.text
    if not body.strip():
        body = html_lines(page)
        if not body:
            raise SkipFile("no text found in the HTML page")
        report.note(str(path), "no main text found; all the text of the page was read")
    report.encodings[encoding] += 1
    fields = {k: meta[k] for k in FIELDS if meta.get(k) and k != "date"}
    found = document_date(body, html=page, url=fields.get("url"))  # the page's metadata, not trafilatura's guess
    if found is not None:
        fields["date"] = found.iso
    docs = _documents(path.stem, [body], path, report, fields)
    for n, doc in enumerate(docs):
        yield doc, result if clean and n == 0 else None


def _cleaned(
    docs: Iterable[Document], clean: bool, cleaner: CleanSettings
) -> Iterator[tuple[Document, CleanResult | None]]:
    """Each document with its boilerplate removed (:func:`~shabaka.clean.clean_text`) when ``clean``."""
    for doc in docs:
        result = clean_text(doc.text, settings=cleaner) if clean else None
        if result is not None:
            doc.text = result.text
        yield doc, result


_READERS = {".txt": _read_txt, ".jsonl": _read_jsonl, ".csv": _read_csv}
HTML = (".html", ".htm")


def _os_reason(path: Path, exc: OSError) -> str:
    if path.is_symlink() and not path.exists():
        return "broken symbolic link (its target does not exist, or the links make a loop)"
    return f"cannot read ({exc.strerror or exc})"


def read_file(
    path: Path,
    report: IngestReport,
    *,
    clean: bool = True,
    keep_boilerplate: bool = False,
    cleaner: CleanSettings = DEFAULT_SETTINGS,
) -> Iterator[Document]:
    """Yield the documents of one file; problems are recorded in ``report``.

    With ``clean``, page boilerplate is removed and each document's ``meta`` records
    ``chars_kept`` and ``chars_removed``; with ``keep_boilerplate`` too, the removed
    lines are written next to the file (``NAME.removed``, or ``NAME.ID.removed`` for a
    document of a ``.jsonl``/``.csv`` file) with the reason of each. ``cleaner``: the
    cleaner's thresholds and rules.

    Whatever goes wrong with the file is reported, never raised (except
    :class:`KeyboardInterrupt`); documents yielded before a failure are kept.
    """
    suffix = path.suffix.lower()
    done = 0
    try:
        reader = _READERS.get(suffix)
        if reader is None and suffix not in HTML:
            raise SkipFile(f"unknown extension {suffix or '(none)'!r}; use {', '.join(EXTENSIONS)}")
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise SkipFile("not a regular file (a pipe, device or socket)")
        if st.st_size == 0:
            raise SkipFile("empty file")
        with path.open("rb") as f:
            if reader is None:
                docs = _read_html(path, f, report, clean, cleaner)
            else:
                docs = _cleaned(reader(path, f, report), clean, cleaner)
            for doc, result in docs:
                if result is not None:
                    doc.meta.update(chars_kept=result.kept_chars, chars_removed=result.removed_chars)
                    if keep_boilerplate:
                        name = path.name if doc.id == path.stem else f"{path.name}.{doc.id}"
                        write_removed(result, path.with_name(f"{name}{REMOVED_SUFFIX}"))
                done += 1
                yield doc
        if not done and suffix in (".txt", *HTML):
            raise SkipFile("only whitespace")
        report.files += 1
    except SkipFile as exc:
        report.skip(str(path), str(exc))
    except OSError as exc:
        report.skip(str(path), _os_reason(path, exc))
    except Exception as exc:  # a reader or a library failing on hostile input: report the file, go on
        log.debug("error reading %s", path, exc_info=True)
        kept = f"; the {done} documents before it were kept" if done else ""
        report.files += bool(done)
        report.skip(str(path), f"could not be read ({type(exc).__name__}: {exc}){kept}")


def read_documents(
    paths: Iterable[str | os.PathLike[str]],
    report: IngestReport | None = None,
    *,
    clean: bool = True,
    keep_boilerplate: bool = False,
    cleaner: CleanSettings = DEFAULT_SETTINGS,
) -> Iterator[Document]:
    """Yield every document under ``paths``, one at a time (nothing is kept in memory).

    Document ids are file stems, or the ``id`` field of ``.jsonl``/``.csv`` records; a
    repeated id gets a ``~2``, ``~3`` ... suffix so that no document hides another.

    Parameters
    ----------
    paths : files or folders
    report : filled with counts and skipped files; pass one to read it afterwards
    clean : remove page boilerplate (menus, tickers, comment forms) before extraction
    keep_boilerplate : write what cleaning removed next to each file (see :func:`read_file`)
    cleaner : the cleaner's thresholds and rules

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
        for doc in read_file(path, report, clean=clean, keep_boilerplate=keep_boilerplate, cleaner=cleaner):
            doc.id = unique_id(doc.id, seen)
            report.documents += 1
            yield doc


def unique_id(doc_id: str, seen: Counter[str]) -> str:
    """``doc_id`` the first time, then ``doc_id~2``, ``doc_id~3`` ... (``seen`` counts them).

    >>> seen = Counter()
    >>> [unique_id(i, seen) for i in ("a", "b", "a", "a")]
    ['a', 'b', 'a~2', 'a~3']
    """
    seen[doc_id] += 1
    return doc_id if seen[doc_id] == 1 else f"{doc_id}~{seen[doc_id]}"
