"""The ``shabaka`` command: ``build``, ``demo``, ``tag`` and ``evaluate-ner``.

Imports stay inside the commands so that ``shabaka --help`` answers at once.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from shabaka import __version__

log = logging.getLogger("shabaka")

EXTRACTOR_NAMES = ("embedded", "camel", "gazetteer", "known-names")  # checked against the registry in tests


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
    p.add_argument(
        "--extractor", default="embedded", choices=EXTRACTOR_NAMES, help="entity extractor (default: embedded)"
    )
    p.add_argument(
        "--gazetteer", metavar="FILE", help="CSV/YAML list of names (name,type,aliases); added to the extractor's finds"
    )
    p.add_argument("--aliases", metavar="FILE", help="CSV alias table for entity resolution")
    p.add_argument(
        "--window",
        default="sentence",
        choices=("sentence", "paragraph", "document"),
        help="co-mention window (default: sentence)",
    )
    p.add_argument(
        "--min-weight", type=int, default=1, metavar="N", help="keep edges seen in at least N windows (default: 1)"
    )
    p.add_argument(
        "--evidence-cap",
        type=int,
        default=5,
        metavar="N",
        help="evidence sentences kept per node and edge (default: 5)",
    )
    p.add_argument(
        "--no-known-names",
        action="store_true",
        help="with the embedded or camel extractor, do not also match the names of the alias tables",
    )
    p.add_argument("--no-clean", action="store_true", help="keep page boilerplate (menus, tickers, comment forms)")
    p.add_argument(
        "--keep-boilerplate",
        action="store_true",
        help="debug cleaning: write what was removed from each file next to it, as FILE.removed",
    )
    p.add_argument(
        "--engine",
        default="local",
        choices=("local", "dask"),
        help="local: one streaming process (default); dask: partitions mapped by Dask",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: a dask.distributed scheduler address (tcp://host:8786), or synchronous, "
        "threads, processes (default: a local cluster, one worker process per core)",
    )
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
    tag.add_argument(
        "--extractor", default="embedded", choices=EXTRACTOR_NAMES, help="entity extractor (default: embedded)"
    )
    tag.add_argument("--gazetteer", metavar="FILE", help="the list of names, for --extractor gazetteer")
    ev = sub.add_parser(
        "evaluate-ner",
        help="score an extractor on a gold-tagged CoNLL file: precision, recall and F1 per type and overall",
    )
    ev.add_argument("file", metavar="FILE", help="CoNLL file (token gold-tag per line, blank line between sentences)")
    ev.add_argument(
        "--extractor", default="embedded", choices=EXTRACTOR_NAMES, help="entity extractor (default: embedded)"
    )
    ev.add_argument("--gazetteer", metavar="FILE", help="the list of names, for --extractor gazetteer")
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
    from shabaka.config import Settings
    from shabaka.ingest import IngestReport
    from shabaka.pipeline import build_graph, summary

    settings = Settings(
        extractor=args.extractor,
        gazetteer=args.gazetteer,
        aliases=args.aliases,
        window=args.window,
        min_weight=args.min_weight,
        evidence_cap=args.evidence_cap,
        known_names=not args.no_known_names,
        clean=not args.no_clean,
        keep_boilerplate=args.keep_boilerplate,
        engine=args.engine,
        scheduler=args.scheduler,
    )
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
    from shabaka.config import Settings
    from shabaka.conll import tag_conll
    from shabaka.export import atomic_write
    from shabaka.extract import make_extractor
    from shabaka.pipeline import extractor_options

    settings = Settings(extractor=args.extractor, gazetteer=args.gazetteer)
    extractor = make_extractor(args.extractor, **extractor_options(args.extractor, settings))
    source = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8-sig")  # noqa: SIM115
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

    from shabaka.config import Settings
    from shabaka.conll import TYPES, format_scores, predict_bio, read_gold, span_scores
    from shabaka.export import atomic_write
    from shabaka.extract import make_extractor
    from shabaka.extract.base import bio_to_spans, normalize_type
    from shabaka.pipeline import extractor_options

    with open(args.file, encoding="utf-8-sig") as fh:
        try:
            gold = read_gold(fh, args.column)
        except ValueError as exc:
            raise ValueError(f"{args.file}: {exc}") from None
    if not gold:
        raise ValueError(f"{args.file}: no sentences (expected `token tag` lines, a blank line between sentences)")
    if args.types:
        types = []
        for name in args.types.split(","):
            kind = normalize_type(name.strip())
            if kind is None:
                raise ValueError(f"--types: unknown type {name.strip()!r} (use {', '.join(TYPES)})")
            types.append(kind)
    else:
        seen = {span.type for _, tags in gold for span in bio_to_spans(tags)}
        types = [t for t in TYPES if t in seen] or list(TYPES)
    settings = Settings(extractor=args.extractor, gazetteer=args.gazetteer)
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
    except (ValueError, RuntimeError, OSError) as exc:
        print(f"shabaka: error: {exc}", file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
