"""Reading documents from files and folders, one at a time, never stopping on a bad file.

Supported inputs (folders are walked recursively, in sorted order; dotfiles are ignored):

========== =================================================================
extension  what is read
========== =================================================================
.txt       any encoding: BOMs (UTF-8, UTF-16, UTF-32) are honoured, UTF-8 is
           checked, others are detected by charset-normalizer on the text
           (Windows-1256, ISO-8859-6, UTF-16 without BOM ...); a file mixing
           UTF-8 and another encoding is decoded line by line; the encoding
           is stored in ``Document.meta["encoding"]``
.jsonl     one JSON object per line with ``text`` and optional ``id``, ``title``,
           ``date``, ``source``, ``url``; a broken line is reported and skipped
.csv       the same fields as columns (``text`` required, any letter case); read
           strictly: a row with more or fewer cells than the header, or a
           broken quote, is reported and skipped, the rows it swallowed read
.html .htm main text extracted; title, date and author kept as metadata; the
           encoding is detected on the text between the tags; only the first
           :data:`MAX_HTML_BYTES` of a larger page are read, and a page of more
           than :data:`MAX_HTML_ELEMENTS` elements is read without trafilatura
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
* symbolic links to folders are not followed (no loops), links to files outside the
  folder given are not read unless ``follow_links`` (``--follow-links``), and a file
  reached twice (a link to a file read already, a folder given twice) is read once;
* shabaka's own outputs found in an input folder (a graph page, ``nodes.csv``,
  ``edges.csv``, ``.removed`` files) are recognized and skipped;
* file names are handled as bytes: a name that is not UTF-8 (a zip made on Windows)
  is read like any other, and every name is shown escaped (:func:`shown`), so no
  control character or escape sequence in a name reaches the terminal;
* lone surrogates (``"\\udc80"`` in JSON) are replaced by U+FFFD in texts, ids and
  metadata, and reported; ids are made unique (``a``, ``a~2``, ``a~3`` ...) without
  ever colliding, for files and for :class:`~shabaka.model.Document` objects alike.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from shabaka.clean import DEFAULT_SETTINGS, CleanResult, clean_html, clean_text, html_lines, write_removed
from shabaka.config import CleanSettings
from shabaka.dates import document_date
from shabaka.errors import OutputError
from shabaka.export import EDGE_COLUMNS, NODE_COLUMNS, RELATION_COLUMNS, atomic_write
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
#: Only this many bytes of an HTML page are read: a news page is far smaller, and a
#: parser's memory grows with the number of elements (1M elements: over 1 GB).
MAX_HTML_BYTES = 4 * 2**20
#: A page with more elements than this (a news page has a few thousand) is read line by
#: line (:func:`~shabaka.clean.html_lines`, then the line cleaner), without trafilatura,
#: whose time grows faster than the number of elements.
MAX_HTML_ELEMENTS = 100_000
#: What marks shabaka's own graph page (written by :mod:`shabaka.render`).
GENERATOR_MARK = b'<meta name="generator" content="shabaka'
_SURROGATES = re.compile("[\ud800-\udfff]")
#: Characters a terminal could act on: C0 and C1 controls, DEL, line and paragraph
#: separators, bidi controls (escape sequences start with ESC, U+001B).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029" + BIDI_CONTROLS + "]")
#: Encoding names as reported (else the codec's own name).
_ENCODING_NAMES = {"cp1256": "windows-1256", "utf-8-sig": "utf-8"}


def _escape_char(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(name: str | os.PathLike[str] | bytes) -> str:
    """A file name (or any name) fit for a terminal, a log line or a report.

    Names are bytes on Linux: bytes that are not UTF-8 (a name in Windows-1256 or
    Latin-1 from an unpacked zip) are shown as ``\\xNN``, and control characters,
    line breaks and escape sequences as ``\\xNN`` or ``\\uNNNN``, so a name cannot
    print a fake log line or drive the terminal.

    >>> shown(os.fsdecode(b"caf\\xe9.txt")), shown("a\\nshabaka: done\\x1b[2J.txt")
    ('caf\\\\xe9.txt', 'a\\\\x0ashabaka: done\\\\x1b[2J.txt')
    """
    raw = name if isinstance(name, bytes) else os.fsencode(name)
    return _UNPRINTABLE.sub(_escape_char, raw.decode("utf-8", errors="backslashreplace"))


def _safe_id(doc_id: str) -> str:
    """A document id from a file name or a record: bidi controls removed, the rest as :func:`shown`."""
    return shown(strip_bidi_controls(doc_id).encode("utf-8", errors="surrogateescape"))


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
    ``removed_files`` lists the ``.removed`` files written (``keep_boilerplate``).

    Paths are stored as :func:`shown` makes them (escaped for a terminal).
    """

    files: int = 0
    documents: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    encodings: Counter[str] = field(default_factory=Counter)
    notes: list[Note] = field(default_factory=list)
    records_skipped: int = 0
    non_arabic: int = 0
    removed_files: list[str] = field(default_factory=list)

    def skip(self, path: str | os.PathLike[str], reason: str) -> None:
        """Record and log one skipped file or record."""
        self.skipped.append(Skipped(shown(path), reason))
        log.warning("skipped %s: %s", shown(path), reason)

    def skip_record(self, path: Path, line: int, reason: str) -> None:
        """Record and log one skipped record (line ``line`` of ``path``); the file's other records are kept."""
        self.records_skipped += 1
        self.skip(f"{os.fspath(path)}:{line}", reason)

    def note(self, path: str | os.PathLike[str], note: str, *, warn: bool = False) -> None:
        """Record and log a note about a file that was read (at info level, or as a warning
        when ``warn``: something in it was changed or left out)."""
        self.notes.append(Note(shown(path), note))
        log.log(logging.WARNING if warn else logging.INFO, "%s: %s", shown(path), note)

    def merge(self, other: IngestReport) -> IngestReport:
        """Add ``other``'s counts and lists to these (nothing is logged again); return self."""
        self.files += other.files
        self.documents += other.documents
        self.skipped += other.skipped
        self.encodings.update(other.encodings)
        self.notes += other.notes
        self.records_skipped += other.records_skipped
        self.non_arabic += other.non_arabic
        self.removed_files += other.removed_files
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
            "removed_files": self.removed_files,
        }

    def write_json(self, path: str | os.PathLike[str], **extra: Any) -> None:
        """Write :meth:`to_dict` (and ``extra`` top-level fields) as UTF-8 JSON, atomically."""
        with atomic_write(path, encoding="utf-8") as f:
            json.dump({**extra, **self.to_dict()}, f, ensure_ascii=False, indent=1)


def find_files(
    paths: Iterable[str | os.PathLike[str]], report: IngestReport, *, follow_links: bool = False
) -> Iterator[Path]:
    """Yield input files under ``paths`` (files as given, folders walked recursively).

    Symbolic links to folders are reported and not followed (a link can make a loop);
    links to files inside the folder walked are read, once: a file reached twice is
    reported the second time. Links to files outside that folder are reported and not
    read, unless ``follow_links``.
    """
    seen: dict[tuple[int, int], Path] = {}
    for path in _candidates(paths, report, follow_links):
        try:
            st = path.stat()
        except OSError:
            yield path  # read_file says what is wrong with it
            continue
        first = seen.setdefault((st.st_dev, st.st_ino), path)
        if first is path:
            yield path
        else:
            report.skip(path, f"same file as {shown(first)}, read once")


def _inside(target: Path, root: Path) -> bool:
    return target == root or root in target.parents


def _candidates(paths: Iterable[str | os.PathLike[str]], report: IngestReport, follow_links: bool) -> Iterator[Path]:
    def unreadable(exc: OSError) -> None:
        report.skip(str(exc.filename), f"cannot read folder ({exc.strerror or exc})")

    for raw in paths:
        if not isinstance(raw, (str, os.PathLike)) or not os.fspath(raw):
            report.skip(repr(raw), "not a path (expected a file or folder name)")
            continue
        path = Path(raw)
        if path.is_dir():
            root = path.resolve()
            for folder, dirs, files in os.walk(path, onerror=unreadable):  # followlinks=False: no loops
                for name in sorted(dirs):
                    if name.startswith("."):
                        dirs.remove(name)
                    elif os.path.islink(os.path.join(folder, name)):
                        report.skip(
                            os.path.join(folder, name), "symbolic link to a folder, not followed (avoids loops)"
                        )
                dirs.sort()
                for name in sorted(files):
                    if name.startswith(".") or name.endswith(REMOVED_SUFFIX):  # our own debug output
                        continue
                    candidate = Path(folder, name)
                    if not follow_links and candidate.is_symlink() and candidate.exists():
                        target = candidate.resolve()
                        if not _inside(target, root):
                            report.skip(
                                candidate,
                                f"symbolic link to {shown(target)}, outside {shown(path)}: not read "
                                "(--follow-links reads it)",
                            )
                            continue
                    yield candidate
        elif path.exists() or path.is_symlink():
            yield path
        else:
            report.skip(path, "no such file or folder")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),  # before UTF-16: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
_TAG_RX = re.compile(rb"<[^<>]*+>")


def _guess(data: bytes) -> str | None:
    """The Python codec charset-normalizer finds for ``data``, or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else codecs.lookup(best.encoding).name


def _wide_text(sample: bytes, codec: str) -> bool:
    """Is ``sample`` (with NUL bytes, no BOM) text in ``codec``, UTF-16 or UTF-32? Its NUL
    bytes must sit where the high bytes of characters are, and it must decode strictly."""
    if codec in ("utf-16-le", "utf-16-be"):
        high = 1 if codec == "utf-16-le" else 0
        if any(i % 2 != high for i in range(len(sample)) if sample[i] == 0):
            return False
        sample = sample[: len(sample) // 2 * 2]
    elif codec in ("utf-32-le", "utf-32-be"):
        sample = sample[: len(sample) // 4 * 4]
    else:
        return False
    try:
        text = sample.decode(codec)
    except UnicodeDecodeError:
        return False
    return sum(c.isprintable() or c.isspace() for c in text) >= 0.98 * len(text) and any(c.isalpha() for c in text)


def _encoding_name(codec: str) -> str:
    return _ENCODING_NAMES.get(codec, codec)


def _detect(sample: bytes, *, complete: bool, markup: bool = False) -> str:
    """The Python codec of text whose first bytes are ``sample``.

    A BOM decides; else text that is UTF-8 (but for a few broken bytes) is UTF-8; else
    charset-normalizer decides on the text (between the tags, with ``markup``) of the
    lines that are not UTF-8. ``complete`` says that ``sample`` is the whole file (else a
    character cut at its end is not counted as invalid). Raises :class:`SkipFile` for
    binary content.
    """
    for bom, codec, _ in _BOMS:
        if sample.startswith(bom):
            return codec
    if b"\x00" in sample[:8192]:
        codec = _guess(sample[:65536])
        if codec and _wide_text(sample[:65536], codec):
            return codec
        raise SkipFile("binary file (NUL bytes); expected text")
    bad = codecs.getincrementaldecoder("utf-8")("replace").decode(sample, final=complete).count("\ufffd")
    if bad <= max(3, len(sample) // 1000):  # a few broken bytes in a UTF-8 file: keep the rest
        return "utf-8"
    text = _TAG_RX.sub(b" ", sample) if markup else sample
    legacy = b"\n".join(line for line in text.split(b"\n") if not _is_utf8(line))
    codec = _guess(legacy)
    if codec is None or codec.startswith(("utf-16", "utf-32")):
        return "utf-8"  # no encoding fits better: UTF-8, its broken bytes replaced (and counted)
    return codec


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class _Decoded:
    """The lines of a binary file in a legacy encoding: each line is UTF-8 if it decodes as
    UTF-8 (a file mixing both; a few broken bytes are replaced), else ``codec``; counts
    the lines of each kind."""

    def __init__(self, f: IO[bytes], codec: str):
        self.f, self.codec, self.utf8_lines, self.legacy_lines = f, codec, 0, 0

    def __iter__(self) -> Iterator[str]:
        for line in iter(lambda: self.f.readline(SAMPLE_BYTES), b""):
            if line.isascii():
                yield line.decode("ascii")
            elif (text := line.decode("utf-8", errors="replace")).count("\ufffd") * 10 <= len(text):
                self.utf8_lines += 1
                yield text
            else:
                self.legacy_lines += 1
                yield line.decode(self.codec, errors="replace")


def _open_text(f: IO[bytes], report: IngestReport, newline: str | None) -> tuple[Iterable[str], str, _Decoded | None]:
    """The text of the binary file ``f`` as pieces, its encoding name (counted in
    ``report``) and, for a legacy encoding, the line decoder (which counts UTF-8 and
    legacy lines). Pieces are lines (ended as ``newline`` says, see :class:`io.TextIOWrapper`)
    or, for ``newline=None``, chunks of at most :data:`MAX_DOCUMENT_CHARS` characters."""
    sample = f.read(SAMPLE_BYTES)
    codec = _detect(sample, complete=len(sample) < SAMPLE_BYTES)
    name = _encoding_name(codec)
    report.encodings[name] += 1
    f.seek(0)
    if codec.startswith(("utf-8", "utf-16", "utf-32")):
        stream = io.TextIOWrapper(f, encoding=codec, errors="replace", newline="" if newline is None else newline)
        return (stream if newline is not None else iter(lambda: stream.read(MAX_DOCUMENT_CHARS), "")), name, None
    decoded = _Decoded(f, codec)
    return decoded, name, decoded


def _mixed_note(path: Path, report: IngestReport, decoded: _Decoded | None) -> None:
    if decoded is not None and decoded.utf8_lines and decoded.legacy_lines:
        report.note(
            path,
            f"mixed encodings: {decoded.utf8_lines} lines read as UTF-8, "
            f"{decoded.legacy_lines} as {_encoding_name(decoded.codec)}",
        )


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
    carry: list[str] = []
    size = 0
    for piece in pieces:
        carry.append(piece)
        size += len(piece)
        if size <= limit:
            continue
        text, start = "".join(carry), 0
        while len(text) - start > limit:
            end = _cut(text, start, limit)
            if not text[start:end].isspace():
                yield text[start:end]
            start = end
        carry, size = [text[start:]], len(text) - start
    text = "".join(carry)
    if text and not text.isspace():
        yield text


def scrub(text: str) -> tuple[str, int]:
    """``text`` with lone surrogates (which no UTF-8 writer accepts) replaced by U+FFFD, and their count.

    >>> scrub("زار\\udc80 الرباط")
    ('زار\\ufffd الرباط', 1)
    """
    return _SURROGATES.subn("\ufffd", text)


def _documents(
    doc_id: str, pieces: Iterable[str], path: Path, report: IngestReport, fields: dict[str, str] | None = None
) -> Iterator[Document]:
    """The documents of one text: parts of at most :data:`MAX_DOCUMENT_CHARS`, bidi controls removed.

    ``fields`` are metadata (title, date, source, url), copied to every part.
    """
    doc_id = _safe_id(doc_id)
    clean_fields = {k: strip_bidi_controls(v) for k, v in (fields or {}).items()}
    n = 0
    for n, part in enumerate(split_parts(pieces, MAX_DOCUMENT_CHARS), 1):
        meta: dict[str, Any] = {"part": n} if n > 1 else {}
        if removed := sum(part.count(c) for c in BIDI_CONTROLS):
            meta["bidi_controls_removed"] = removed
        part_id = doc_id if n == 1 else f"{doc_id}#{n}"
        yield Document(part_id, strip_bidi_controls(part), path=shown(path), meta=meta, **clean_fields)
    if n > 1:
        report.note(path, f"long text read as {n} documents of at most {MAX_DOCUMENT_CHARS:,} characters")


def _record_documents(
    record: dict[str, Any], default_id: str, path: Path, line: int, report: IngestReport
) -> Iterator[Document]:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise SkipFile("no 'text' value")
    fields = {k: str(record[k]) for k in FIELDS if record.get(k) not in (None, "")}
    doc_id = str(record.get("id") or default_id)
    replaced = 0
    text, n = scrub(text)
    replaced += n
    doc_id, n = scrub(doc_id)
    replaced += n
    for k, v in fields.items():
        fields[k], n = scrub(v)
        replaced += n
    if replaced:
        report.note(f"{os.fspath(path)}:{line}", f"{replaced} lone surrogates replaced by U+FFFD", warn=True)
    return _documents(doc_id, [text], path, report, fields)


def _read_txt(path: Path, f: IO[bytes], report: IngestReport) -> Iterator[Document]:
    pieces, encoding, decoded = _open_text(f, report, None)
    replaced = 0
    for doc in _documents(path.stem, pieces, path, report):
        bad = doc.text.count("\ufffd")
        replaced += bad
        doc.meta["encoding"] = f"{encoding} ({bad} invalid bytes replaced)" if bad else encoding
        yield doc
    if replaced:
        report.note(path, f"{replaced} invalid bytes replaced by U+FFFD")
    _mixed_note(path, report, decoded)
    if encoding != "utf-8":
        log.info("%s: read as %s", shown(path), encoding)


def _read_jsonl(path: Path, f: IO[bytes], report: IngestReport) -> Iterator[Document]:
    lines, _, decoded = _open_text(f, report, "\n")  # only \n ends a record: U+2028 may sit in a string
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise SkipFile("line is not a JSON object")
            yield from _record_documents(record, f"{path.stem}:{lineno}", path, lineno, report)
        except json.JSONDecodeError as exc:
            report.skip_record(path, lineno, f"invalid JSON ({exc.msg}); the other lines are kept")
        except RecursionError:
            report.skip_record(path, lineno, "JSON nested too deeply; the other lines are kept")
        except SkipFile as exc:
            report.skip_record(path, lineno, str(exc))
    _mixed_note(path, report, decoded)


class _Lines:
    """Lines given to the csv module, remembered until :meth:`take`: the raw lines of the
    last record, so that a malformed record's lines can be read again."""

    def __init__(self, lines: Iterable[str]):
        self.source = iter(lines)
        self.pending: list[str] = []  # lines to give again, before the source's
        self.taken: list[str] = []

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self.pending.pop() if self.pending else next(self.source)
        self.taken.append(line)
        return line

    def take(self) -> list[str]:
        taken, self.taken = self.taken, []
        return taken

    def again(self, lines: list[str]) -> None:
        self.pending.extend(reversed(lines))


def _read_csv(path: Path, f: IO[bytes], report: IngestReport) -> Iterator[Document]:
    """Rows of a CSV file, read strictly.

    A record that has not as many cells as the header (an unquoted comma), or a broken
    quote (a quote that is never closed swallows the rows after it) is reported with
    its line and skipped; the lines after its first are read again as rows of their own.
    """
    text, _, decoded = _open_text(f, report, "")
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))  # a long article is one field
    source = _Lines(text)
    rows = csv.reader(source, strict=True)
    header = [h.strip().lower() for h in next(rows, [])]
    if tuple(header) in (NODE_COLUMNS, EDGE_COLUMNS, RELATION_COLUMNS):  # shabaka's own CSV exports
        raise SkipFile("shabaka's own output (a graph export), not an input")
    if "text" not in header:
        raise SkipFile(f"no 'text' column (columns: {', '.join(header)})")
    line = rows.line_num
    source.take()
    while True:
        start = line + 1
        try:
            row = next(rows, None)
            problem = None
            if row is not None and row and len(row) != len(header):
                problem = f"{len(row)} cells, the header has {len(header)} (an unquoted comma or quote?)"
        except csv.Error as exc:
            row, problem = [], f"broken CSV ({exc})"
        lines = source.take()
        if problem:
            report.skip_record(path, start, f"malformed row: {problem}; row skipped, the other rows are kept")
            source.again(lines[1:])  # rows a broken quote swallowed are read again
            rows = csv.reader(source, strict=True)
            line = start
            continue
        if row is None:
            break
        line = start + len(lines) - 1
        if any(cell.strip() for cell in row):
            try:
                yield from _record_documents(
                    dict(zip(header, row, strict=False)), f"{path.stem}:{start}", path, start, report
                )
            except SkipFile as exc:
                report.skip_record(path, start, str(exc))
    _mixed_note(path, report, decoded)


def _read_html(
    path: Path, f: IO[bytes], report: IngestReport, clean: bool, cleaner: CleanSettings
) -> Iterator[tuple[Document, CleanResult | None]]:
    """The page's main text; cleaned of page chrome (:func:`~shabaka.clean.clean_html`) when ``clean``."""
    data = f.read(MAX_HTML_BYTES + 1)
    if GENERATOR_MARK in data[:4096]:
        raise SkipFile("shabaka's own output (a graph page), not an input")
    if len(data) > MAX_HTML_BYTES:
        data = data[:MAX_HTML_BYTES]
        report.note(
            path,
            f"HTML page larger than {MAX_HTML_BYTES // 2**20} MiB: only its first {MAX_HTML_BYTES // 2**20} MiB read",
            warn=True,
        )
    codec = _detect(data, complete=True, markup=True)  # lxml would read undeclared UTF-8 as Latin-1
    page = data.decode(codec, errors="replace")
    if data.count(b"<") > MAX_HTML_ELEMENTS:  # trafilatura's time grows faster than such a page
        report.note(
            path,
            f"HTML page of more than {MAX_HTML_ELEMENTS:,} elements: read line by line, without trafilatura",
            warn=True,
        )
        lines = html_lines(page)
        result, meta = (clean_text(lines, settings=cleaner) if clean else CleanResult(lines, len(lines), 0)), {}
    else:
        result, meta = clean_html(page, method="hybrid" if clean else "trafilatura", settings=cleaner)
    body = result.text
    if not body.strip():
        body = html_lines(page)
        if not body:
            raise SkipFile("no text found in the HTML page")
        report.note(path, "no main text found; all the text of the page was read")
    report.encodings[_encoding_name(codec)] += 1
    fields = {k: meta[k] for k in FIELDS if meta.get(k) and k != "date"}
    found = document_date(body, html=page, url=fields.get("url"))  # the page's metadata, not trafilatura's guess
    if found is not None:
        fields["date"] = found.iso
    docs = _documents(path.stem, [body], path, report, fields)
    for n, doc in enumerate(docs):
        if found is not None:
            doc.meta["date_source"] = found.source  # html, text or url
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


def _keep_removed(result: CleanResult, path: Path, target: Path, report: IngestReport) -> None:
    """Write what cleaning removed from ``path`` to ``target`` (``--keep-boilerplate``) and
    list it in ``report.removed_files``; a file that cannot be written is a warning naming
    it, and the document is read all the same."""
    try:
        write_removed(result, target)
    except OutputError as exc:  # names ``target`` and the reason
        report.note(path, f"--keep-boilerplate: {exc}; the document was read all the same", warn=True)
    else:
        report.removed_files.append(shown(target))


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
    document of a ``.jsonl``/``.csv`` file) with the reason of each, atomically and
    without following a symbolic link found there. ``cleaner``: the cleaner's
    thresholds and rules.

    Whatever goes wrong with the file is reported, never raised (except
    :class:`KeyboardInterrupt`); documents yielded before a failure are kept.
    """
    suffix = path.suffix.lower()
    done = 0
    try:
        reader = _READERS.get(suffix)
        if reader is None and suffix not in HTML:
            raise SkipFile(f"unknown extension {shown(suffix or '(none)')!r}; use {', '.join(EXTENSIONS)}")
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
                        name = path.name if doc.id == _safe_id(path.stem) else f"{path.name}.{doc.id.replace('/', '_')}"
                        _keep_removed(result, path, path.with_name(f"{name}{REMOVED_SUFFIX}"), report)
                done += 1
                yield doc
        if not done and suffix in (".txt", *HTML):
            raise SkipFile("only whitespace")
        report.files += 1
    except SkipFile as exc:
        report.skip(path, str(exc))
    except OSError as exc:
        report.skip(path, _os_reason(path, exc))
    except Exception as exc:  # a reader or a library failing on hostile input: report the file, go on
        log.debug("error reading %s", shown(path), exc_info=True)
        kept = f"; the {done} documents before it were kept" if done else ""
        report.files += bool(done)
        report.skip(path, f"could not be read ({type(exc).__name__}: {shown(str(exc))}){kept}")


def read_documents(
    paths: Iterable[str | os.PathLike[str]],
    report: IngestReport | None = None,
    *,
    clean: bool = True,
    keep_boilerplate: bool = False,
    cleaner: CleanSettings = DEFAULT_SETTINGS,
    follow_links: bool = False,
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
    follow_links : read files that symbolic links inside a folder point to outside it

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
    files = find_files(paths, report, follow_links=follow_links)
    yield from read_files(files, report, clean=clean, keep_boilerplate=keep_boilerplate, cleaner=cleaner)


def read_files(
    files: Iterable[Path],
    report: IngestReport,
    *,
    clean: bool = True,
    keep_boilerplate: bool = False,
    cleaner: CleanSettings = DEFAULT_SETTINGS,
) -> Iterator[Document]:
    """The documents of ``files`` as :func:`find_files` found them (not walked again), ids
    made unique, counted in ``report`` (see :func:`read_documents` for the parameters)."""
    seen: dict[str, int] = {}
    for path in files:
        for doc in read_file(path, report, clean=clean, keep_boilerplate=keep_boilerplate, cleaner=cleaner):
            doc.id = unique_id(doc.id, seen)
            report.documents += 1
            yield doc


def given_documents(docs: Iterable[Document], report: IngestReport) -> Iterator[Document]:
    """Copies of the :class:`~shabaka.model.Document` objects given to the API, made safe as
    ingest makes files' documents: lone surrogates replaced (reported), ids made unique (a
    renamed document is reported)."""
    seen: dict[str, int] = {}
    for given_doc in docs:
        doc = replace(given_doc, meta=dict(given_doc.meta))  # the caller's documents are left as they are
        replaced = 0
        for name in ("id", "text", *FIELDS):
            value = getattr(doc, name)
            if isinstance(value, str):
                value, n = scrub(value)
                setattr(doc, name, value)
                replaced += n
        if replaced:
            report.note(f"document {doc.id}", f"{replaced} lone surrogates replaced by U+FFFD", warn=True)
        given = doc.id
        doc.id = unique_id(doc.id, seen)
        if doc.id != given:
            report.note(f"document {given}", f"id used before: renamed {doc.id}", warn=True)
        report.documents += 1
        yield doc


def unique_id(doc_id: str, seen: dict[str, int]) -> str:
    """``doc_id`` the first time, then ``doc_id~2``, ``doc_id~3`` ..., never an id given
    before (``seen`` holds every id given, with the last suffix tried for it).

    >>> seen = {}
    >>> [unique_id(i, seen) for i in ("a", "b", "a", "a", "a~2")]
    ['a', 'b', 'a~2', 'a~3', 'a~2~2']
    """
    if doc_id not in seen:
        seen[doc_id] = 1
        return doc_id
    n = seen[doc_id]
    while True:
        n += 1
        candidate = f"{doc_id}~{n}"
        if candidate not in seen:
            break
    seen[doc_id] = n
    seen[candidate] = 1
    return candidate
