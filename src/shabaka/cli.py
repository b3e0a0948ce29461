"""The ``shabaka`` command: ``build``, ``demo``, ``tag`` and ``evaluate-ner``.

Imports stay inside the commands so that ``shabaka --help`` answers at once. Exit status:
0 done, 1 nothing could be read, 2 an error the user can fix (a
:class:`~shabaka.errors.ShabakaError`, reported in one line), 3 a bug in shabaka (any
other exception: its traceback is shown with a request to report it), 130 interrupted.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import logging
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING

from shabaka import __version__
from shabaka.errors import DataFileError, InputError, SettingsError, ShabakaError
from shabaka.outputs import Output, check_outputs

if TYPE_CHECKING:
    import networkx as nx

    from shabaka.config import Settings
    from shabaka.progress import Progress
    from shabaka.render import ViewSettings

log = logging.getLogger("shabaka")

#: Where bugs are reported (printed with the traceback of an unexpected error).
REPORT_URL = "the project's issue tracker (see README.md)"

#: The flags of the :class:`~shabaka.config.Settings` fields: field -> (flag, metavar, help).
#: Types, defaults and choices come from ``Settings`` and the registries; a boolean field
#: that is on by default gets a ``--no-...`` flag.
SETTING_FLAGS: dict[str, tuple[str, str | None, str]] = {
    "extractor": ("--extractor", None, "entity extractor (default: %(default)s)"),
    "model_dir": (
        "--model-dir",
        "DIR",
        "with the embedded extractor: another model folder (training/train_ner.py --out); default: the shipped one",
    ),
    "gazetteer": ("--gazetteer", "FILE", "CSV/YAML list of names (name,type,aliases); added to the extractor's finds"),
    "aliases": ("--aliases", "FILE", "CSV alias table for entity resolution"),
    "window": ("--window", None, "co-mention window (default: %(default)s)"),
    "min_weight": ("--min-weight", "N", "keep edges seen in at least N windows (default: %(default)s)"),
    "evidence_cap": ("--evidence-cap", "N", "evidence sentences kept per node and edge (default: %(default)s)"),
    "known_names": (
        "--no-known-names",
        None,
        "with the embedded or camel extractor, do not also run known-names (the typed names of the alias "
        "tables) nor name-patterns (names of bodies, events and clubs found by their shape)",
    ),
    "clean": ("--no-clean", None, "keep page boilerplate (menus, tickers, comment forms)"),
    "keep_boilerplate": (
        "--keep-boilerplate",
        None,
        "debug cleaning: write what was removed from each file next to it, as FILE.removed",
    ),
    "follow_links": (
        "--follow-links",
        None,
        "read the files that symbolic links inside an input folder point to outside it (default: reported, not read)",
    ),
    "engine": (
        "--engine",
        None,
        "local: one streaming process (default); dask: partitions mapped by Dask",
    ),
    "scheduler": (
        "--scheduler",
        "ADDRESS",
        "with --engine dask: a dask.distributed scheduler address (tcp://host:8786), or synchronous, "
        "threads, processes (default: a local cluster, one worker process per core)",
    ),
    "allow_non_arabic": (
        "--allow-non-arabic",
        None,
        "keep documents whose letters are less than 30%% Arabic (by default they are reported and left out)",
    ),
}


def _choices() -> dict[str, tuple[str, ...]]:
    from shabaka.config import ENGINES, WINDOWS
    from shabaka.extract import EXTRACTORS

    return {"extractor": tuple(EXTRACTORS), "window": WINDOWS, "engine": ENGINES}


def _add_setting(p: argparse.ArgumentParser, name: str, help_text: str | None = None) -> None:
    """Add the flag of the ``Settings`` field ``name`` to ``p``."""
    from dataclasses import fields

    from shabaka.config import Settings

    field = next(f for f in fields(Settings) if f.name == name)
    flag, metavar, default_help = SETTING_FLAGS[name]
    kwargs: dict[str, object] = {"dest": name, "help": help_text or default_help}
    if field.default is True:
        kwargs.update(action="store_false")
    elif field.default is False:
        kwargs.update(action="store_true")
    else:
        kwargs.update(default=field.default, metavar=metavar)
        if isinstance(field.default, int):
            kwargs.update(type=int)
        if name in _choices():
            kwargs.update(choices=_choices()[name])
    p.add_argument(flag, **kwargs)  # type: ignore[arg-type]


def _settings(args: argparse.Namespace) -> Settings:
    """The :class:`~shabaka.config.Settings` of parsed arguments (the fields that have a flag)."""
    from shabaka.config import Settings

    return Settings(**{name: getattr(args, name) for name in SETTING_FLAGS if hasattr(args, name)})


def _add_graph_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o",
        "--output",
        metavar="HTML",
        help="write the interactive graph page here (default: graph.html when no other output is asked for)",
    )
    p.add_argument("--json", metavar="FILE", help="write node-link JSON")
    p.add_argument("--gexf", metavar="FILE", help="write GEXF (Gephi)")
    p.add_argument("--graphml", metavar="FILE", help="write GraphML")
    p.add_argument("--csv", metavar="DIR", help="write nodes.csv and edges.csv (Neo4j LOAD CSV) into DIR")
    p.add_argument("--report", metavar="FILE", help="write what was read and skipped, and why, as JSON")
    p.add_argument("--lang", metavar="en|ar", help="the page's interface language (default en; ar: right to left)")
    p.add_argument(
        "--top-n", type=int, metavar="N", help="the page opens showing the top N entities (default 100, 0: all)"
    )
    for name in SETTING_FLAGS:
        _add_setting(p, name)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    p.add_argument(
        "--progress",
        action="store_true",
        help="progress bars even when standard error is not a terminal (by default: only on a terminal)",
    )
    p.add_argument(
        "-v", "--verbose", action="store_true", help="also log what is done (notes, and Dask's own INFO messages)"
    )


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``shabaka`` command."""
    parser = argparse.ArgumentParser(prog="shabaka", description="Entity graphs from Arabic news.")
    parser.add_argument("--version", action="version", version=f"shabaka {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the entity graph of files or folders of articles")
    build.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .jsonl, .csv, .html files or folders")
    _add_graph_options(build)
    demo = sub.add_parser("demo", help="build the bundled sample articles into shabaka-demo.html")
    _add_graph_options(demo)
    demo.set_defaults(output="shabaka-demo.html")
    tag = sub.add_parser(
        "tag",
        help="tag a CoNLL file: each token line comes back with the predicted tag as its last column",
    )
    tag.add_argument(
        "file", metavar="FILE", help="CoNLL file (token [gold-tag ...] per line, blank line between sentences), or -"
    )
    tag.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output)")
    _add_setting(tag, "extractor")
    _add_setting(tag, "model_dir")
    _add_setting(tag, "gazetteer", "the list of names, for --extractor gazetteer")
    ev = sub.add_parser(
        "evaluate-ner",
        help="score an extractor on a gold-tagged CoNLL file: precision, recall and F1 per type and overall",
    )
    ev.add_argument("file", metavar="FILE", help="CoNLL file (token gold-tag per line, blank line between sentences)")
    _add_setting(ev, "extractor")
    _add_setting(ev, "model_dir")
    _add_setting(ev, "gazetteer", "the list of names, for --extractor gazetteer")
    ev.add_argument(
        "--column", type=int, default=1, metavar="N", help="column of the gold tag (0 is the token; default: 1)"
    )
    ev.add_argument(
        "--types",
        metavar="LIST",
        help="comma list of the types scored (default: the types of PER, LOC, ORG, MISC found in the gold tags)",
    )
    ev.add_argument("--json", metavar="FILE", help="also write the scores to this JSON file")
    return parser


def _graph_outputs(args: argparse.Namespace) -> list[Output]:
    """The outputs a ``build`` or ``demo`` command writes, ``--report`` last."""
    from shabaka.export import CSV_FILES

    html = args.output or (None if any((args.json, args.gexf, args.graphml, args.csv)) else "graph.html")
    outputs = [
        Output(flag, path, example=f"graph.{kind}")
        for flag, path, kind in (
            ("-o", html, "html"),
            ("--json", args.json, "json"),
            ("--gexf", args.gexf, "gexf"),
            ("--graphml", args.graphml, "graphml"),
        )
        if path
    ]
    if args.csv:
        outputs.append(Output("--csv", args.csv, CSV_FILES))
    if args.report:
        outputs.append(Output("--report", args.report, example="report.json"))
    return outputs


def _progress(args: argparse.Namespace) -> Progress:
    from shabaka.progress import Progress

    return Progress(args.progress or (not args.quiet and sys.stderr.isatty()))


def _build(args: argparse.Namespace, paths: Sequence[str]) -> int:
    from shabaka.ingest import IngestReport
    from shabaka.pipeline import build_graph, summary

    settings = _settings(args)
    view = _view(args)
    outputs = _graph_outputs(args)
    check_outputs(outputs, inputs=[p for p in paths if os.path.isfile(p)])
    report = IngestReport()
    progress = _progress(args)
    G = build_graph(paths, settings, report=report, progress=progress)
    written = []
    if args.report:
        report.write_json(args.report, result=summary(G, report))
        written.append(args.report)
    if not report.documents:
        log.error("no documents could be read from %s", ", ".join(paths))
        for path in written:
            print(f"wrote {path}")
        _list_removed_files(report.removed_files)
        return 1
    graph_outputs = [o for o in outputs if o.flag != "--report"]
    with progress.bar("write", total=sum(len(o.targets()) for o in graph_outputs), unit="file") as bar:
        for out in graph_outputs:
            written.extend(_write(G, out, view))
            bar.update(len(out.targets()))
    print(summary(G, report))
    for path in written:
        print(f"wrote {path}")
    _list_removed_files(report.removed_files)
    return 0


#: Up to this many ``.removed`` files (``--keep-boilerplate``) get a ``wrote`` line each; more, one line.
MAX_LISTED_REMOVED = 10


def _list_removed_files(paths: Sequence[str]) -> None:
    """The ``wrote`` lines of the ``.removed`` files: one each, or their count and the folder
    that holds them all when there are more than :data:`MAX_LISTED_REMOVED`."""
    if len(paths) <= MAX_LISTED_REMOVED:
        for path in paths:
            print(f"wrote {path}")
        return
    folder = os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in paths])
    print(f"wrote {len(paths):,} .removed files (what cleaning removed) next to their input files, under {folder}")


def _view(args: argparse.Namespace) -> ViewSettings:
    """The page's settings from ``--lang`` and ``--top-n`` (checked before the build)."""
    from shabaka.render import ViewSettings

    return ViewSettings(**{k: v for k, v in (("lang", args.lang), ("top_n", args.top_n)) if v is not None})


def _write(G: nx.Graph, out: Output, view: ViewSettings) -> list[str]:
    """Write the graph to one output; the files written."""
    from shabaka import export
    from shabaka.render import write_html

    if out.flag == "--csv":
        return [str(p) for p in export.write_csv(G, out.path)]
    writers = {
        "-o": lambda G, path: write_html(G, path, settings=view),
        "--json": export.write_json,
        "--gexf": export.write_gexf,
        "--graphml": export.write_graphml,
    }
    writers[out.flag](G, out.path)
    return [out.path]


def _tag(args: argparse.Namespace) -> int:
    from shabaka.conll import tag_conll
    from shabaka.export import atomic_write
    from shabaka.extract import make_extractor
    from shabaka.extract.combine import extractor_options

    if args.output is not None:
        check_outputs(
            [Output("-o", args.output, example="tagged.conll")], inputs=[] if args.file == "-" else [args.file]
        )
    settings = _settings(args)
    extractor = make_extractor(args.extractor, **extractor_options(args.extractor, settings))
    with _input_lines(args.file) as source:
        lines = tag_conll(source, extractor)
        if args.output is None:
            for line in lines:
                print(line)
        else:
            with atomic_write(args.output, encoding="utf-8") as out:
                out.writelines(f"{line}\n" for line in lines)
    return 0


def _evaluate_ner(args: argparse.Namespace) -> int:
    import json

    from shabaka.conll import TYPES, format_scores, predict_bio, read_gold, span_scores
    from shabaka.export import atomic_write
    from shabaka.extract import make_extractor
    from shabaka.extract.base import bio_to_spans, normalize_type
    from shabaka.extract.combine import extractor_options

    if args.json:
        check_outputs([Output("--json", args.json, example="scores.json")], inputs=[args.file])
    with _input_lines(args.file) as source:
        lines = list(source)
    try:
        gold = read_gold(lines, args.column)
    except ShabakaError as exc:
        raise type(exc)(f"{args.file}: {exc}") from None
    if not gold:
        raise DataFileError(f"{args.file}: no sentences (expected `token tag` lines, a blank line between sentences)")
    if args.types:
        types = []
        for name in args.types.split(","):
            kind = normalize_type(name.strip())
            if kind is None:
                raise SettingsError(f"--types: unknown type {name.strip()!r} (use {', '.join(TYPES)})")
            types.append(kind)
    else:
        seen = {span.type for _, tags in gold for span in bio_to_spans(tags)}
        types = [t for t in TYPES if t in seen] or list(TYPES)
    settings = _settings(args)
    extractor = make_extractor(args.extractor, **extractor_options(args.extractor, settings))
    predicted = predict_bio(extractor, [tokens for tokens, _ in gold])
    scores = span_scores([tags for _, tags in gold], predicted, types)
    ntokens = sum(len(tokens) for tokens, _ in gold)
    print(
        format_scores(
            scores,
            f"{args.file}: {len(gold)} sentences, {ntokens} tokens, extractor {args.extractor}, exact span and type",
        )
    )
    ignored = sorted({s.type for tags in predicted for s in bio_to_spans(tags)} - set(types))
    if ignored:
        print(f"not scored (no such gold type; see --types): {', '.join(ignored)}")
    if args.json:
        with atomic_write(args.json, encoding="utf-8") as out:
            json.dump({"file": args.file, "extractor": args.extractor, "scores": scores}, out, indent=1)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = make_parser().parse_args(argv)
    _log_to_stderr(getattr(args, "verbose", False))
    try:
        if args.command == "build":
            return _build(args, args.paths)
        if args.command == "demo":
            from importlib.resources import files

            return _build(args, [str(files("shabaka") / "data" / "samples")])
        if args.command == "tag":
            return _tag(args)
        if args.command == "evaluate-ner":
            return _evaluate_ner(args)
    except KeyboardInterrupt:
        print("shabaka: interrupted; files already there were left as they were", file=sys.stderr)
        return 130
    except ShabakaError as exc:
        print(f"shabaka: error: {exc}", file=sys.stderr)
        return 2
    except Exception:
        traceback.print_exc()
        print(
            f"shabaka {__version__}: this is a bug in shabaka, not something you did wrong. Please report it "
            f"with the traceback above and the command you ran: {REPORT_URL}",
            file=sys.stderr,
        )
        return 3
    return 2


class _StderrHandler(logging.Handler):
    """A handler writing to the ``sys.stderr`` of the moment (tests and notebooks replace it),
    above the progress bars (which are redrawn below the message)."""

    def emit(self, record: logging.LogRecord) -> None:
        from tqdm import tqdm

        try:
            tqdm.write(self.format(record), file=sys.stderr)
        except Exception:
            self.handleError(record)


def _log_to_stderr(verbose: bool) -> None:
    """Log warnings (with ``verbose``, also INFO messages) to standard error.

    The level is set on the handler, so that the INFO messages of the libraries that log
    through the root logger (``dask.distributed`` starting and closing its cluster) are
    shown only with ``verbose`` too.
    """
    level = logging.INFO if verbose else logging.WARNING
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("shabaka: %(levelname)s: %(message)s"))
    handler.setLevel(level)
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _StderrHandler)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)


@contextlib.contextmanager
def _input_lines(path: str) -> Iterator[Iterator[str]]:
    """The lines of a UTF-8 text file given on the command line (``-``: standard input), read
    as they are needed; a BOM at its start is dropped.

    Raises :class:`~shabaka.errors.InputError` naming the file when it cannot be opened, and
    :class:`~shabaka.errors.DataFileError` naming the line and byte offset of the first bytes
    that are not UTF-8 (a CoNLL file is data: its encoding is not guessed).
    """
    name = "standard input" if path == "-" else path
    if path == "-" and not hasattr(sys.stdin, "buffer"):  # replaced by a text stream (a notebook, a test)
        yield iter(sys.stdin)
        return
    try:
        raw: IO[bytes] = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}); check the path") from None

    def lines() -> Iterator[str]:
        offset = 0
        for number, line in enumerate(raw, 1):
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line, offset = line[len(codecs.BOM_UTF8) :], len(codecs.BOM_UTF8)
            try:
                yield line.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise DataFileError(
                    f"{name}: line {number} (byte {offset + exc.start}) is not UTF-8 text "
                    f"({line[exc.start : exc.start + 4]!r}...); save the file as UTF-8 (an Arabic file in another "
                    f"encoding is often Windows-1256: iconv -f WINDOWS-1256 -t UTF-8 FILE > FILE.utf8)"
                ) from None
            offset += len(line)

    try:
        yield lines()
    finally:
        if path != "-":
            raw.close()


if __name__ == "__main__":
    sys.exit(main())
