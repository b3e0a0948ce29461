"""Step (d), optional: label counts of word forms in news that a trained model tagged (a "silver" lexicon).

    PYTHONPATH=src python training/silver.py --model src/shabaka/extract/models --work /tmp/ner_work \\
        --out /tmp/ner_work/silver.tsv

Tags the first ``--tokens`` tokens of ``corpus.txt`` (step (a): news text, normalized, one text
line per line, never shipped) with the model in ``--model`` and writes, per normalized word form
seen at least ``--min-count`` times, how often each label was given to it with a confidence of
at least ``--min-confidence`` (``form<TAB>label:count ...``). ``train_ner.py --silver`` turns the
counts into lexicon features. A dev experiment must use a model trained without the dev split.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

#: Tokens that end a sentence of the corpus lines, and the longest piece tagged at once.
ENDS = {".", "؟", "!", "?"}
MAX_LEN = 60


def pieces(line: str) -> list[list[str]]:
    """A text line as sentences (cut after a full stop, or every ``MAX_LEN`` tokens)."""
    out: list[list[str]] = [[]]
    for tok in line.split():
        out[-1].append(tok)
        if tok in ENDS or len(out[-1]) >= MAX_LEN:
            out.append([])
    return [s for s in out if s]


def main(argv=None) -> int:
    from shabaka.extract.embedded import EmbeddedExtractor

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, required=True)
    ap.add_argument("--work", type=Path, default=Path("/tmp/ner_work"))
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--tokens", type=int, default=2_000_000)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-confidence", type=float, default=0.7)
    args = ap.parse_args(argv)
    t0 = time.time()
    tagger = EmbeddedExtractor(args.model, ensemble=False, propagate=False)
    counts: dict[str, Counter] = {}
    total = 0
    docs: list[list[list[str]]] = []

    def flush() -> None:
        for doc, tagged in zip(docs, tagger.tag_documents(docs), strict=True):
            for sent, (tags, conf) in zip(doc, tagged, strict=True):
                for tok, tag, c in zip(sent, tags, conf, strict=True):
                    if c >= args.min_confidence:
                        counts.setdefault(tok, Counter())[tag] += 1
        docs.clear()

    with open(args.work / "corpus.txt", encoding="utf-8") as fh:
        for line in fh:
            docs.append(pieces(line))
            total += len(line.split())
            if len(docs) >= 256:
                flush()
            if total >= args.tokens:
                break
    flush()
    with open(args.out, "w", encoding="utf-8") as fh:
        for form, c in sorted(counts.items()):
            if sum(c.values()) >= args.min_count:
                fh.write(form + "\t" + " ".join(f"{lab}:{k}" for lab, k in c.most_common()) + "\n")
    print(f"{total:,} tokens tagged, {len(counts):,} forms, {time.time() - t0:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
