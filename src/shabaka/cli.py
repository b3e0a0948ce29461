"""The ``shabaka`` command: ``build``, ``demo``, ``tag`` and ``evaluate-ner``.

Imports stay inside the commands so that ``shabaka --help`` answers at once. Exit status:
0 done, 1 nothing could be read, 2 an error the user can fix (a
:class:`~shabaka.errors.ShabakaError`, reported in one line), 3 a bug in shabaka (any
other exception: its traceback is shown with a request to report it), 130 interrupted.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from shabaka import __version__
from shabaka.errors import DataFileError, InputError, SettingsError, ShabakaError

if TYPE_CHECKING:
    from shabaka.config import Settings

log = logging.getLogger("shabaka")

#: Where bugs are reported (printed with the traceback of an unexpected error).
REPORT_URL = "the project's issue tracker (see README.md)"

#: The flags of the :class:`~shabaka.config.Settings` fields: field -> (flag, metavar, help).
#: Types, defaults and choices come from ``Settings`` and the registries; a boolean field
#: that is on by default gets a ``--no-...`` flag.
SETTING_FLAGS: dict[str, tuple[str, str | None, str]] = {
    "extractor": ("--extractor", None, "entity extractor (default: %(default)s)"),
    "gazetteer": ("--gazetteer", "FILE", "CSV/YAML list of names (name,type,aliases); added to the extractor's finds"),
    "aliases": ("--aliases", "FILE", "CSV alias table for entity resolution"),
    "window": ("--window", None, "co-mention window (default: %(default)s)"),
    "min_weight": ("--min-weight", "N", "keep edges seen in at least N windows (default: %(default)s)"),
    "evidence_cap": ("--evidence-cap", "N", "evidence sentences kept per node and edge (default: %(default)s)"),
    "known_names": (
        "--no-known-names",
        None,
        "with the embedded or camel extractor, do not also match the names of the alias tables",
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
    for name in SETTING_FLAGS:
        _add_setting(p, name)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


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
    _add_setting(tag, "gazetteer", "the list of names, for --extractor gazetteer")
    ev = sub.add_parser(
        "evaluate-ner",
        help="score an extractor on a gold-tagged CoNLL file: precision, recall and F1 per type and overall",
    )
    ev.add_argument("file", metavar="FILE", help="CoNLL file (token gold-tag per line, blank line between sentences)")
    _add_setting(ev, "extractor")
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


def _build(args: argparse.Namespace, paths: Sequence[str]) -> int:
    from shabaka.ingest import IngestReport
    from shabaka.pipeline import build_graph, summary

    settings = _settings(args)
    report = IngestReport()
    G = build_graph(paths, settings, report=report, progress=not args.quiet and sys.stderr.isatty())
    if args.report:
        report.write_json(args.report, result=summary(G, report))
    if not report.documents:
        log.error("no documents could be read from %s", ", ".join(paths))
        return 1
    outputs = _write_outputs(G, args)
    print(summary(G, report))
    for path in outputs:
        print(f"wrote {path}")
    return 0


def _write_outputs(G: object, args: argparse.Namespace) -> list[str]:
    from shabaka import export
    from shabaka.render import write_html

    html = args.output or (None if any((args.json, args.gexf, args.graphml, args.csv)) else "graph.html")
    written = []
    if html:
        write_html(G, html)  # type: ignore[arg-type]
        written.append(html)
    for path, writer in (
        (args.json, export.write_json),
        (args.gexf, export.write_gexf),
        (args.graphml, export.write_graphml),
    ):
        if path:
            writer(G, path)  # type: ignore[arg-type]
            written.append(path)
    if args.csv:
        written.extend(str(p) for p in export.write_csv(G, args.csv))  # type: ignore[arg-type]
    return written


def _tag(args: argparse.Namespace) -> int:
    from shabaka.conll import tag_conll
    from shabaka.export import atomic_write
    from shabaka.extract import make_extractor
    from shabaka.extract.combine import extractor_options

    settings = _settings(args)
    extractor = make_extractor(args.extractor, **extractor_options(args.extractor, settings))
    source = sys.stdin if args.file == "-" else _open_input(args.file)
    with source:
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

    with _open_input(args.file) as fh:
        try:
            gold = read_gold(fh, args.column)
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
    logging.basicConfig(format="shabaka: %(levelname)s: %(message)s", level=logging.WARNING)
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


def _open_input(path: str) -> IO[str]:
    """Open a text file given on the command line, or raise :class:`~shabaka.errors.InputError` naming it."""
    try:
        return open(path, encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}); check the path") from None


if __name__ == "__main__":
    sys.exit(main())
