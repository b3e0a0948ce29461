"""Time and peak memory of ``shabaka build`` on the hostile corpus at full size.

Cases (each runs in a fresh process, so that its peak RSS is its own):

========== ==================================================================
case       input
========== ==================================================================
big        one 50 MB UTF-8 text file (lines of 10-30 words, names among them)
big-read   the same file, ingest only (no extraction, no graph)
line       one 5 MB line with no punctuation at all
tiny       100,000 tiny files (one sentence each)
========== ==================================================================

The text is generated from an invented vocabulary and the names of the bundled sample
gazetteer (no corpus text). Usage::

    python benchmarks/bench_hostile.py                     # every case, gazetteer extractor
    python benchmarks/bench_hostile.py big line            # some cases
    python benchmarks/bench_hostile.py --extractor embedded --scale 0.1   # smaller files, another extractor
    python benchmarks/bench_hostile.py --scaling           # pathological inputs at 100 KB, 1 MB, 4 MB
    python benchmarks/bench_hostile.py --scaling letters names   # some of them
    python benchmarks/bench_hostile.py --encodings         # which encodings are detected right

``--scaling`` runs each pathological input of issue 18 (:data:`PATHOLOGICAL`) at 100 KB,
1 MB and 4 MB, each in a fresh process, and prints the CPU time of the work (imports
left out), the peak RSS of the process, the seconds per MB, and the ratios of time and
peak memory between 4 MB and 1 MB. The goal: every ratio at most 5 for the 4x larger
input, and no input over 60 s per MB. It exits with status 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from shabaka.pipeline import counted, sample_gazetteer

CASES = ("big", "big-read", "line", "tiny")
SYLLABLES = ("با", "تي", "سو", "مر", "كا", "لي", "دو", "نا", "ري", "فه", "جم", "قو", "عل", "حس", "ير", "وت")


def _names() -> list[str]:
    with open(sample_gazetteer(), encoding="utf-8", newline="") as f:
        return [row["name"] for row in csv.DictReader(f)]


def _words(rng: random.Random) -> Iterator[str]:
    names = _names()
    vocabulary = ["".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) for _ in range(5000)]
    while True:
        yield rng.choice(names) if rng.random() < 0.03 else rng.choice(vocabulary)


def write_big(path: Path, size: int, rng: random.Random) -> None:
    """Lines of 10 to 30 words ending with a period, until ``size`` bytes."""
    words = _words(rng)
    written = 0
    with path.open("w", encoding="utf-8") as f:
        while written < size:
            line = " ".join(next(words) for _ in range(rng.randint(10, 30))) + ".\n"
            written += f.write(line) * 2  # Arabic letters take 2 bytes in UTF-8


def write_line(path: Path, size: int, rng: random.Random) -> None:
    """One line of words, no punctuation, no line break."""
    words = _words(rng)
    with path.open("w", encoding="utf-8") as f:
        written = 0
        while written < size:
            written += f.write(" ".join(next(words) for _ in range(1000)) + " ") * 2


def write_tiny(folder: Path, count: int, rng: random.Random) -> None:
    names = _names()
    folder.mkdir()
    for i in range(count):
        (folder / f"{i:06}.txt").write_text(f"زار {rng.choice(names)} {rng.choice(names)} يوم {i}.", encoding="utf-8")


def run_case(case: str, data: Path, extractor: str) -> None:
    """In the child process: run one case and print its figures."""
    from shabaka.ingest import IngestReport, read_documents

    report = IngestReport()
    started = time.perf_counter()
    if case == "big-read":
        chars = sum(len(d.text) for d in read_documents([data], report))
        what = f"{counted(report.documents, 'document')}, {chars:,} characters"
    else:
        from shabaka.export import write_json
        from shabaka.pipeline import build_graph, summary

        G = build_graph([data], extractor=extractor, gazetteer=sample_gazetteer(), report=report)
        write_json(G, data.parent / f"{case}.json")
        what = summary(G, report)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{case:<9} {seconds:8.1f} s {peak:8.0f} MB peak RSS   {what}")


# --- pathological inputs (issue 18), for --scaling -------------------------------------

SIZES = (100_000, 1_000_000, 4_000_000)
PROSE = "زار كريم الفاسي مدينة الرباط والتقى سلمى بنجلون في مقر الوزارة، وتناول اللقاء ملفات التعاون."


def _repeat(unit: str, size: int) -> str:
    """``unit`` repeated to about ``size`` bytes of UTF-8."""
    return unit * max(1, size // len(unit.encode()))


def _text_case(unit: str) -> Callable[[Path, int], dict[str, object]]:
    """A .txt file: ``unit`` repeated, without a line break (every part of it alike; an Arabic
    letter in ``unit``, so that the document is not left out as non-Arabic)."""

    def write(folder: Path, size: int) -> dict[str, object]:
        path = folder / "input.txt"
        path.write_text(_repeat(unit, size), encoding="utf-8")
        return {"build": str(path)}

    return write


def _names(folder: Path, size: int) -> dict[str, object]:
    """One paragraph naming thousands of entities (``--window paragraph``)."""
    rng = random.Random(18)
    names = ["".join(rng.choices(SYLLABLES, k=3)) + f" {n}" for n in range(5000)]
    gazetteer = folder / "names.csv"
    with gazetteer.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([("name", "type"), *((n, "PER") for n in names)])
    path = folder / "input.txt"
    words, written = [], 0
    while written < size:
        words.append(rng.choice(names))
        written += len(words[-1].encode()) + 2
    path.write_text("، ".join(words) + ".", encoding="utf-8")
    return {"build": str(path), "gazetteer": str(gazetteer), "window": "paragraph"}


def _tag(folder: Path, size: int) -> dict[str, object]:
    """A CoNLL file of one sentence: no blank line at all (``shabaka tag``)."""
    path = folder / "input.conll"
    path.write_text(_repeat("كريم\nالفاسي\nزار\nالرباط\n", size), encoding="utf-8")
    return {"tag": str(path)}


def _html(folder: Path, size: int) -> dict[str, object]:
    """An HTML page of tiny elements (a million at 8 MB)."""
    path = folder / "input.html"
    path.write_text(f"<html><body><p>{PROSE}</p>" + _repeat("<i>ب</i>", size) + "</body></html>", encoding="utf-8")
    return {"build": str(path)}


def _csv(folder: Path, size: int) -> dict[str, object]:
    """A CSV file whose second row leaves a quote open: every later row is read again."""
    path = folder / "input.csv"
    rows = _repeat(f'r,"{PROSE}"\n', size)
    path.write_text('id,text\nbad,"نص مقطوع\n' + rows, encoding="utf-8")
    return {"build": str(path)}


def _ids(folder: Path, size: int) -> dict[str, object]:
    """JSONL records that all repeat one id (after its ~n forms), with lone surrogates."""
    path = folder / "input.jsonl"
    record = json.dumps({"id": "a", "text": PROSE + " \udc80"})  # the surrogate escaped: \\udc80
    count = max(1, size // len(record))
    lines = [json.dumps({"id": f"a~{n}", "text": PROSE}) for n in range(2, count // 2)]
    path.write_text("\n".join(lines + [record] * (count - len(lines))), encoding="ascii")
    return {"build": str(path)}


def _mixed(folder: Path, size: int) -> dict[str, object]:
    """Lines in UTF-8 and in Windows-1256, alternating (decoded line by line)."""
    path = folder / "input.txt"
    pair = PROSE.encode() + b"\n" + PROSE.encode("cp1256") + b"\n"
    path.write_bytes(pair * max(1, size // len(pair)))
    return {"build": str(path)}


#: name -> (what it attacked, how to write it at a size)
PATHOLOGICAL: dict[str, tuple[str, Callable[[Path, int], dict[str, object]]]] = {
    "letters": ("one letter, no space (ADDRESS_RX backtracked)", _text_case("ب")),
    "dots": ("ب. ب. without spaces", _text_case("ب.")),
    "periods": ("قال. قال. (every period a possible abbreviation)", _text_case("قال. ")),
    "line-words": ("one line of words, no punctuation (cut by length)", _text_case("كلمة ")),
    "brackets": ("[ب( repeated", _text_case("[ب(")),
    "at-signs": ("ب@ repeated (e-mail pattern)", _text_case("ب@")),
    "guillemets": ("« without » (quoted pattern)", _text_case("«ب")),
    "punctuation": ("- ، runs (^\\W* patterns)", _text_case("- ب،")),
    "marks": ("900 combining marks on each letter (NFKC)", _text_case("ب" + "\u064e\u0651\u0300" * 300)),
    "names": ("a paragraph naming thousands (--window paragraph)", _names),
    "tag": ("shabaka tag, no blank line", _tag),
    "html": ("HTML of tiny elements", _html),
    "csv": ("CSV with a quote left open", _csv),
    "ids": ("JSONL repeating one id, surrogates", _ids),
    "mixed": ("UTF-8 and Windows-1256 lines", _mixed),
}


def run_pathological(spec: dict[str, object]) -> None:
    """In the child process: the work of one pathological input; prints CPU seconds, peak MB."""
    from shabaka.export import write_json
    from shabaka.pipeline import build_graph

    cpu = time.process_time()
    if "tag" in spec:
        from shabaka.conll import tag_conll
        from shabaka.extract.gazetteer import GazetteerExtractor

        extractor = GazetteerExtractor(sample_gazetteer())
        with open(str(spec["tag"]), encoding="utf-8") as f:
            lines = sum(1 for _ in tag_conll(f, extractor))
        what = f"{lines} lines tagged"
    else:
        path = Path(str(spec["build"]))
        G = build_graph(
            [path],
            extractor="gazetteer",
            gazetteer=str(spec.get("gazetteer", sample_gazetteer())),
            window=str(spec.get("window", "sentence")),
        )
        write_json(G, path.with_suffix(".json"))
        what = ", ".join(
            (
                counted(len(G.graph["documents"]), "document"),
                counted(G.number_of_nodes(), "node"),
                counted(G.number_of_edges(), "edge"),
            )
        )
    seconds = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"cpu": seconds, "peak": peak, "what": what}))


def scaling(names: list[str], scale: float = 1.0) -> int:
    """Run the pathological inputs at each size (times ``scale``); print the table; 1 if a goal is missed."""
    print(f"{'input':<12} {'size':>6} {'CPU s':>8} {'peak MB':>8} {'s/MB':>6}   result")
    missed = []
    for name in names:
        what, write = PATHOLOGICAL[name]
        figures = []
        for size in (int(s * scale) for s in SIZES):
            with tempfile.TemporaryDirectory(prefix="shabaka-scaling-") as tmp:
                spec = write(Path(tmp), size)
                actual = sum(p.stat().st_size for p in Path(tmp).iterdir())
                cmd = [sys.executable, __file__, "--pathological", json.dumps(spec)]
                done = subprocess.run(cmd, capture_output=True, text=True)
                if done.returncode:
                    sys.exit(f"{name} at {_size(size)} failed:\n{done.stderr}")
                out = done.stdout
            result = json.loads(out.strip().splitlines()[-1])
            figures.append(result)
            per_mb = result["cpu"] / (actual / 1e6)
            if per_mb > 60:
                missed.append(f"{name} {size:,}: {per_mb:.0f} s/MB")
            row = f"{name:<12} {_size(size):>6} {result['cpu']:8.2f} {result['peak']:8.0f} {per_mb:6.2f}"
            print(f"{row}   {result['what']}", flush=True)
        time_ratio = figures[2]["cpu"] / max(figures[1]["cpu"], 1e-3)
        memory_ratio = figures[2]["peak"] / figures[1]["peak"]
        print(f"{'':<12} 4 MB / 1 MB: time x{time_ratio:.2f}, peak memory x{memory_ratio:.2f}   ({what})")
        if time_ratio > 5 or memory_ratio > 5:
            missed.append(f"{name}: time x{time_ratio:.2f}, memory x{memory_ratio:.2f}")
    print("goals met: every ratio <= 5 for a 4x larger input, no input over 60 s/MB" if not missed else "MISSED:")
    for line in missed:
        print(f"  {line}")
    return 1 if missed else 0


# --- encodings (issue 18): which detection is right, on files made in each encoding ----

SENTENCES = (
    "أعلنت وزارة الصحة عن افتتاح مستشفى جديد في مدينة طنجة خلال الشهر المقبل.",
    "قال المدرب إن الفريق استعد جيدا للمباراة النهائية رغم غياب لاعبين أساسيين.",
    "ارتفعت أسعار الخضر في الأسواق بسبب قلة الأمطار هذا الموسم.",
    "التقى رئيس البلدية ممثلي الجمعيات لبحث مشاريع الإنارة العمومية والطرق.",
    "وصل وفد من رجال الأعمال إلى العاصمة لتوقيع اتفاقيات في مجال الطاقة الشمسية.",
    "أكدت الشرطة توقيف شخصين يشتبه في تورطهما في سرقة محلات تجارية بالمدينة القديمة.",
    "يشارك أكثر من مئة عارض في معرض الكتاب الذي يفتتح أبوابه يوم السبت.",
    "دعت النقابة إلى إضراب عام احتجاجا على تأخر صرف الأجور منذ ثلاثة أشهر.",
)
#: encoding -> how a file of ``text`` is written in it
ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "windows-1256": lambda t: t.encode("cp1256"),
    "iso-8859-6": lambda t: t.replace("،", ",").encode("iso8859-6"),  # its Arabic comma sits elsewhere
    "utf-16 (BOM)": lambda t: t.encode("utf-16"),
    "utf-16-le (no BOM)": lambda t: t.encode("utf-16-le"),
    "utf-16-be (no BOM)": lambda t: t.encode("utf-16-be"),
    "utf-32 (BOM)": lambda t: t.encode("utf-32"),
    "utf-8 + windows-1256": lambda t: b"".join(
        line.encode("utf-8" if i % 2 else "cp1256") for i, line in enumerate(t.splitlines(keepends=True))
    ),
}


def _old_detect(data: bytes) -> str | None:
    """The detection before issue 18 (BOM of UTF-16, UTF-8, else an Arabic-letter ratio
    over Windows-1256), for comparison: the codec, or None where it gave up."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in data[:8192]:
        return None
    if data.decode("utf-8", errors="replace").count("\ufffd") <= max(3, len(data) // 1000):
        return "utf-8"
    letters = [c for c in data.decode("cp1256", errors="replace") if c.isalpha()]
    if letters and sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters) > 0.5:
        return "cp1256"
    return None


def encodings(files_per_encoding: int = 30) -> None:
    """Write files of 1 to 30 lines in each encoding; count how many each detection reads right."""
    from shabaka.ingest import IngestReport, read_documents

    rng = random.Random(6)
    print(f"{'encoding':<22} {'files':>5} {'charset-normalizer':>19} {'before':>7}")
    with tempfile.TemporaryDirectory(prefix="shabaka-encodings-") as tmp:
        for name, encode in ENCODINGS.items():
            right = old_right = 0
            for n in range(files_per_encoding):
                lines = [rng.choice(SENTENCES) for _ in range(1 + n % 30)]
                text = "\n".join(lines) + "\n"
                expected = text.replace("،", ",") if name == "iso-8859-6" else text
                path = Path(tmp, f"{n}.txt")
                path.write_bytes(data := encode(text))
                docs = list(read_documents([path], IngestReport(), clean=False))
                right += len(docs) == 1 and docs[0].text == expected
                old = _old_detect(data)
                old_right += old is not None and data.decode(old, errors="replace") == expected
            print(f"{name:<22} {files_per_encoding:>5} {right:>19} {old_right:>7}")


def _size(size: int) -> str:
    return f"{size // 1_000_000} MB" if size >= 1_000_000 else f"{size // 1000} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", default=list(CASES), help=f"among {', '.join(CASES)} (default: all)")
    parser.add_argument("--scaling", action="store_true", help="time the pathological inputs at 100 KB, 1 MB, 4 MB")
    parser.add_argument("--encodings", action="store_true", help="count right detections per encoding")
    parser.add_argument("--pathological", help=argparse.SUPPRESS)  # the child process of --scaling
    parser.add_argument("--extractor", default="gazetteer", choices=("gazetteer", "embedded", "camel"))
    parser.add_argument("--scale", type=float, default=1.0, help="size factor (default 1: 50 MB, 5 MB, 100k files)")
    parser.add_argument("--run", nargs=2, metavar=("CASE", "DATA"), help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.pathological:
        run_pathological(json.loads(args.pathological))
        return
    if args.encodings:
        encodings()
        return
    if args.scaling:
        names = args.cases if args.cases != list(CASES) else list(PATHOLOGICAL)
        if unknown := set(names) - set(PATHOLOGICAL):
            parser.error(f"unknown input(s): {', '.join(sorted(unknown))}; among {', '.join(PATHOLOGICAL)}")
        sys.exit(scaling(names, args.scale))
    if unknown := set(args.cases) - set(CASES):
        parser.error(f"unknown case(s): {', '.join(sorted(unknown))}")
    if args.run:
        run_case(args.run[0], Path(args.run[1]), args.extractor)
        return
    rng = random.Random(8)
    with tempfile.TemporaryDirectory(prefix="shabaka-bench-") as tmp:
        folder = Path(tmp)
        inputs = {"big": folder / "big.txt", "line": folder / "line.txt", "tiny": folder / "tiny"}
        inputs["big-read"] = inputs["big"]
        started = time.perf_counter()
        if {"big", "big-read"} & set(args.cases):
            write_big(inputs["big"], int(50e6 * args.scale), rng)
        if "line" in args.cases:
            write_line(inputs["line"], int(5e6 * args.scale), rng)
        if "tiny" in args.cases:
            write_tiny(inputs["tiny"], int(100_000 * args.scale), rng)
        print(f"inputs written in {time.perf_counter() - started:.1f} s; extractor: {args.extractor}")
        for case in args.cases:
            cmd = [sys.executable, __file__, "--extractor", args.extractor, "--run", case, str(inputs[case])]
            subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
