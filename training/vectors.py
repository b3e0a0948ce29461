"""Step (a): subword-aware word vectors (gensim fastText, CBOW) learned from ``news_text/``.

    nice -n 10 python training/vectors.py --data ../shared/data --work /tmp/ner_work

Writes, under ``--work`` (never into the repository: derived from texts that must not ship):

- ``corpus.txt``: the news texts, one line per text line, tokenized as shabaka tokenizes
  (:func:`shabaka.text.tokenize`: clitics attached, punctuation split) and normalized with
  :func:`shabaka.extract.features.norm`, the key every feature uses;
- ``ft.model`` (+ ``ft.epoch``): the gensim model, saved after every epoch; a rerun resumes
  after the last finished epoch (fixed seed; with ``--workers`` > 1 gensim's threads make
  runs close but not bit-identical).

Each step is skipped when its output exists, so the command is also the resume command.
"""

from __future__ import annotations

import argparse
import itertools
import lzma
import sys
import time
from pathlib import Path

SEED = 13
#: Sources in the order they are read (the smallest and most news-like first), until ``--max-tokens``.
SOURCES = (
    "ant_corpus/ant_corpus.txt.xz",
    "bbc_arabic_2017/bbc_arabic_2017.txt.xz",
    "arwiki_comparable/arwiki_comparable_ar.txt.xz",
    "egynews2013/egynews2013.txt.xz",
)


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def news_files(data: Path) -> list[Path]:
    """The compressed texts under ``data/news_text``: :data:`SOURCES`, in that order, or, in a folder
    packed for the GPU machine (``training/encoder.py pack``), every ``*/*.txt.xz`` there."""
    root = data / "news_text"
    files = [root / rel for rel in SOURCES if (root / rel).exists()]
    return files or sorted(root.glob("*/*.txt.xz"))


def corpus_tokens(line: str) -> list[str]:
    """A text line as the corpus holds it: tokenized as shabaka tokenizes, each token normalized."""
    from shabaka.extract.features import norm
    from shabaka.text import token_texts

    return [norm(t) for t in token_texts(line)]


def corpus_lines(lines: list[str]) -> list[str]:
    """Corpus lines of text lines (:func:`corpus_tokens` joined by spaces), lines of under 3 tokens left out."""
    out = []
    for line in lines:
        toks = corpus_tokens(line)
        if len(toks) >= 3:
            out.append(" ".join(toks))
    return out


def write_corpus(data: Path, out: Path, max_tokens: int, workers: int = 1) -> int:
    """Normalized, tokenized text lines of the news sources into ``out``; returns the token count.
    With ``workers`` > 1, blocks of lines are normalized in that many processes (same output)."""
    from multiprocessing import Pool

    tmp = out.with_suffix(".part")
    total = 0
    pool = Pool(workers) if workers > 1 else None
    with open(tmp, "w", encoding="utf-8") as dst:
        for path in news_files(data):
            with lzma.open(path, "rt", encoding="utf-8") as src:
                blocks = iter(lambda: list(itertools.islice(src, 20_000)), [])
                for block in pool.imap(corpus_lines, blocks) if pool else map(corpus_lines, blocks):
                    for line in block:
                        dst.write(line + "\n")
                        total += line.count(" ") + 1
                        if total >= max_tokens:
                            break
                    if total >= max_tokens:
                        break
            log(f"corpus: {path.parent.name}/{path.name} read, {total:,} tokens so far")
            if total >= max_tokens:
                break
    if pool:
        pool.terminate()
    tmp.rename(out)
    return total


def train_vectors(
    corpus: Path, work: Path, dim: int, epochs: int, workers: int, min_count: int, stop_after: int | None = None
) -> None:
    """gensim fastText CBOW, one epoch at a time with a linear learning-rate decay over ``epochs``,
    saved after each; ``stop_after`` ends the run after that epoch (the schedule is unchanged)."""
    from gensim.models import FastText

    path, done_path = work / "ft.model", work / "ft.epoch"
    done = int(done_path.read_text()) if done_path.exists() and path.exists() else 0
    if done:
        model = FastText.load(str(path))
        log(f"resuming after epoch {done}")
    else:
        model = FastText(
            vector_size=dim, window=5, min_count=min_count, sg=0, min_n=3, max_n=5, bucket=400_000,
            workers=workers, seed=SEED, sample=1e-4,
        )  # fmt: skip
        model.build_vocab(corpus_file=str(corpus))
        log(f"vocabulary: {len(model.wv):,} words")
    words = model.corpus_total_words
    alpha0, alpha_min = 0.05, 0.0001
    for epoch in range(done, min(epochs, stop_after or epochs)):
        a = alpha0 - (alpha0 - alpha_min) * epoch / epochs
        b = alpha0 - (alpha0 - alpha_min) * (epoch + 1) / epochs
        model.train(corpus_file=str(corpus), total_words=words, epochs=1, start_alpha=a, end_alpha=b)
        model.save(str(path))
        done_path.write_text(str(epoch + 1))
        log(f"epoch {epoch + 1}/{epochs} saved")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--work", type=Path, default=Path("/tmp/ner_work"))
    ap.add_argument("--max-tokens", type=int, default=30_000_000)
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--stop-after", type=int, help="stop after this epoch (the shipped classes: 4 of 5)")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    corpus = args.work / "corpus.txt"
    if not corpus.exists():
        log(f"corpus: {write_corpus(args.data, corpus, args.max_tokens):,} tokens")
    train_vectors(corpus, args.work, args.dim, args.epochs, args.workers, args.min_count, args.stop_after)
    log("done")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
