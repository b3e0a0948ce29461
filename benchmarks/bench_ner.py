"""Benchmark the embedded NER model (or any registered extractor) on held-out Arabic NER data.

Prints entity-level micro precision/recall/F1 (exact span and type, seqeval-style) overall
and per type on:

- the ANERcorp CAMeL-Lab test split (all 4 types; the main number),
- the Wojood public sample test split (first tag column; PERS->PER, ORG->ORG,
  GPE/LOC/FAC->LOC, other types ignored; scored on PER/ORG/LOC, with a 95 % bootstrap
  interval over sentences),
- AQMAR (all 28 Wikipedia articles, each article one document; MIS*->MISC),
- CAraNER (COVID-era news, evaluation only: PER/LOC/ORG, its TIT and MIS read as O), exact
  span and type, and span only (types ignored), with 95 % bootstrap intervals,

then the same ANERcorp test and CAraNER through the product's whole extraction path, as
``shabaka build`` runs it with default settings (known names of the alias tables, names
found by their shape, then the model; spans merged and bylines dropped as a build does,
:func:`shabaka.extract.combine.combined_spans`): what the product finds on news,
plus the model's size on disk, load time, tagging throughput on the ANERcorp test (tokens
per CPU-second and per wall-second, one process, the first pass: caches start empty)
and peak memory (max RSS). Usage, from the repository root::

    python benchmarks/bench_ner.py [--data ../shared/data] [--extractor embedded] [--crf-only] [--model-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from shabaka.config import Settings  # noqa: E402
from shabaka.conll import TYPES, aqmar_type, format_scores, predict_bio, read_gold, span_scores, spans_to_bio  # noqa: E402
from shabaka.extract import make_extractor  # noqa: E402
from shabaka.extract.base import normalize_type  # noqa: E402
from shabaka.extract.combine import combined_spans, extractor_names, make_extractors  # noqa: E402

TYPES4 = list(TYPES)
TYPES3 = ["PER", "LOC", "ORG"]


def load(path: Path, map_type=normalize_type) -> list[tuple[list[str], list[str]]]:
    with open(path, encoding="utf-8-sig") as fh:
        return read_gold(fh, 1, map_type)


def bootstrap_f1(gold, pred, types, rounds: int = 1000, seed: int = 13) -> tuple[float, float]:
    """95 % percentile interval of micro-F1, resampling sentences."""
    per_sent = []
    for g, p in zip(gold, pred, strict=True):
        s = span_scores([g], [p], types)["micro"]
        per_sent.append((s["support"], s["predicted"], s["correct"]))
    rng = random.Random(seed)
    n = len(per_sent)
    values = []
    for _ in range(rounds):
        gs = ps = ok = 0
        for _ in range(n):
            a, b, c = per_sent[rng.randrange(n)]
            gs, ps, ok = gs + a, ps + b, ok + c
        p = ok / ps if ps else 0.0
        r = ok / gs if gs else 0.0
        values.append(2 * p * r / (p + r) if p + r else 0.0)
    values.sort()
    return values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1]


def caraner(data: Path) -> list[tuple[list[str], list[str]]]:
    """CAraNER's agreed labels, PER/LOC/ORG kept (TIT and MIS read as O); ``# sent_id`` lines skipped."""
    with lzma.open(data / "caraner" / "caraner.conll.xz", "rt", encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("# ")]
    return read_gold(lines, 1, lambda t: t if t in TYPES3 else None)


def untyped(tags: list[list[str]]) -> list[list[str]]:
    """Tags with every type replaced by one (``PER``, a name :func:`span_scores` reads): span-only scoring."""
    return [[t if t == "O" else t[:2] + "PER" for t in sent] for sent in tags]


def product_bio(extractors, sentences: list[list[str]]) -> list[list[str]]:
    """IOB2 tags of the build's extractors (:func:`combined_spans`), the sentences sent as one document."""
    spans = combined_spans(extractors, [[list(s) for s in sentences]])[0]
    return [spans_to_bio(found, len(tokens)) for found, tokens in zip(spans, sentences, strict=True)]


def caraner_scores(results: dict, key: str, title: str, cgold, cpred) -> None:
    """CAraNER exact span and type, and span only, with intervals, printed and stored under ``key``."""
    csc = span_scores(cgold, cpred, TYPES3)
    lo, hi = bootstrap_f1(cgold, cpred, TYPES3)
    results[key] = csc
    results[key + "_ci95"] = [lo, hi]
    report(
        f"{title}CAraNER (PER/LOC/ORG; TIT, MIS as O), exact span and type",
        csc,
        f"  micro-F1 95% CI [{lo:.3f}, {hi:.3f}]",
    )
    span_only = span_scores(untyped(cgold), untyped(cpred), ["PER"])["PER"]
    lo, hi = bootstrap_f1(untyped(cgold), untyped(cpred), ["PER"])
    results[key + "_span_only"] = span_only
    print(
        f"{title}CAraNER span only (types ignored): P {span_only['p']:.3f} R {span_only['r']:.3f} "
        f"F1 {span_only['f']:.3f}  95% CI [{lo:.3f}, {hi:.3f}]"
    )


def report(name: str, scores: dict, extra: str = "") -> None:
    print()
    print(format_scores(scores, f"== {name}{extra}"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--extractor", default="embedded")
    ap.add_argument("--crf-only", action="store_true", help="embedded: CRF alone, without the BiLSTM")
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    ap.add_argument("--model-dir", type=Path, help="embedded: another model folder (train_ner.py --out)")
    args = ap.parse_args(argv)
    data: Path = args.data
    results: dict = {}

    t0 = time.perf_counter()
    options = {"ensemble": False} if args.crf_only else {}
    if args.model_dir:
        options["model_dir"] = args.model_dir
    extractor = make_extractor(args.extractor, **options)
    extractor.extract([["تجربة"]])  # forces the lazy model load
    load_s = time.perf_counter() - t0
    results["load_seconds"] = load_s

    test = load(data / "anercorp_camel" / "ANERCorp_CamelLab_test.txt")
    sents = [t for t, _ in test]
    ntok = sum(map(len, sents))
    t0, c0 = time.perf_counter(), time.process_time()
    pred = predict_bio(extractor, sents)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    results["tokens_per_second"] = ntok / elapsed
    results["tokens_per_cpu_second"] = ntok / cpu
    sc = span_scores([g for _, g in test], pred, TYPES4)
    results["anercorp_test"] = sc
    lo, hi = bootstrap_f1([g for _, g in test], pred, TYPES4)
    results["anercorp_test_ci95"] = [lo, hi]
    report("ANERcorp-CAMeL test (PER/LOC/ORG/MISC)", sc, f"  micro-F1 95% CI [{lo:.3f}, {hi:.3f}]")
    sc3 = span_scores([g for _, g in test], pred, TYPES3)
    print(f"micro-F1 on PER/LOC/ORG only: {sc3['micro']['f']:.3f}")
    results["anercorp_test_3types_f1"] = sc3["micro"]["f"]

    wj = load(data / "wojood_sample" / "test.txt")
    wpred = predict_bio(extractor, [t for t, _ in wj])
    wsc = span_scores([g for _, g in wj], wpred, TYPES3)
    lo, hi = bootstrap_f1([g for _, g in wj], wpred, TYPES3)
    results["wojood_test"] = wsc
    results["wojood_test_ci95"] = [lo, hi]
    report("Wojood sample test (PER/LOC/ORG, mapped)", wsc, f"  micro-F1 95% CI [{lo:.3f}, {hi:.3f}]")

    gold_a, pred_a = [], []
    for f in sorted((data / "aqmar" / "articles").glob("*.txt")):
        art = load(f, aqmar_type)
        gold_a += [g for _, g in art]
        pred_a += predict_bio(extractor, [t for t, _ in art])
    asc = span_scores(gold_a, pred_a, TYPES4)
    asc3 = span_scores(gold_a, pred_a, TYPES3)
    results["aqmar"] = asc
    results["aqmar_3types_f1"] = asc3["micro"]["f"]
    report("AQMAR, all 28 articles (PER/LOC/ORG/MISC)", asc)
    print(f"micro-F1 on PER/LOC/ORG only: {asc3['micro']['f']:.3f}")

    car = caraner(data)
    cgold = [g for _, g in car]
    caraner_scores(results, "caraner", "", cgold, predict_bio(extractor, [t for t, _ in car]))

    if args.extractor == "embedded" and not args.crf_only:
        settings = Settings(model_dir=args.model_dir)
        names = " + ".join(extractor_names(settings))
        print(
            f"\n==== PRODUCT PATH: shabaka build's extraction with default settings ({names}, merged as a build does)"
        )
        extractors = make_extractors(settings)
        psc = span_scores([g for _, g in test], product_bio(extractors, sents), TYPES4)
        results["product_anercorp_test"] = psc
        report("PRODUCT PATH: ANERcorp-CAMeL test (PER/LOC/ORG/MISC)", psc)
        caraner_scores(
            results, "product_caraner", "PRODUCT PATH: ", cgold, product_bio(extractors, [t for t, _ in car])
        )

    model_dir = getattr(extractor, "model_dir", None)
    if args.extractor == "embedded":
        from shabaka.extract.embedded import MODEL_DIR

        folder = Path(model_dir) if model_dir else MODEL_DIR
        size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
        results["model_bytes"] = size
        print(f"\nmodel size: {size / 2**20:.2f} MiB ({folder})")
    print(f"load time: {load_s:.2f} s (imports + model, first call)")
    print(
        f"throughput: {results['tokens_per_cpu_second']:.0f} tokens per CPU-second, "
        f"{results['tokens_per_second']:.0f} per wall-second (ANERcorp test, {ntok} tokens, one process, first pass)"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["peak_rss_mib"] = rss
    print(f"peak RSS: {rss:.0f} MiB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
