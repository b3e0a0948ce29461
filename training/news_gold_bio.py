"""The open splits of the real-news gold as BIO training sentences for the CRF.

``benchmarks/data/news_gold/`` gives, per article, its gold entities (type and every surface
form in the excerpt), the names that are only page chrome (``not_entities``) and the names
that may or may not be produced (``optional``), not token-level tags. This module projects
that gold onto the tokens the pipeline tags (:func:`shabaka.text.sentence_tokens` on the
excerpt, as the build splits a document) and writes ``(tokens, IOB2 tags)`` sentences, the
form :func:`train_ner.read_tagged` returns:

* every occurrence of an entity's forms is tagged with the entity's type, longest spans
  first (``الرجاء البيضاوي`` before ``الرجاء``), each token in one span at most;
* a span matches a form as ``bench_news`` matches a node to a form (:func:`bench_news.keys`:
  normalized, a proclitic of the first word dropped once), so ``وإسبانيا`` is tagged where
  the gold lists ``إسبانيا``; the clitic stays inside the span (the convention of ANERcorp
  and of the run time's spans);
* a sentence in which a chrome or optional name occurs outside a tagged span is left out:
  its right tags are not known (an optional name may be a name or not; a chrome name is
  a real name that is only not counted for the article), and tagging it O would teach the
  model that it is not a name. Everything else untagged is O.

Only the open splits (``bench_news.OPEN_SPLITS``) can be read here; the closed ones are
refused. Usage (CoNLL on stdout, to look at)::

    PYTHONPATH=src python training/news_gold_bio.py dev,dev2,dev3 > /tmp/news.conll
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from shabaka.text import sentence_tokens

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bench_news import GOLD_DIR, OPEN_SPLITS, Article, keys, load_gold

Tagged = list[tuple[list[str], list[str]]]


def parse_splits(text: str) -> list[str]:
    """The comma list ``text`` of open splits; a closed or unknown split is an error.

    >>> parse_splits("dev, dev3")
    ['dev', 'dev3']
    """
    splits = [s.strip() for s in text.split(",") if s.strip()]
    wrong = [s for s in splits if s not in OPEN_SPLITS]
    if wrong or not splits:
        raise SystemExit(
            f"news gold splits {wrong or text!r}: choose among the open splits {', '.join(OPEN_SPLITS)} "
            "(the closed ones are never trained on)"
        )
    return splits


def tag_sentence(words: Sequence[str], entities: Sequence[tuple[set[str], str]], blocked: set[str]) -> list[str] | None:
    """IOB2 tags of ``words``: each span whose :func:`keys` meet an entity's keys gets its
    type, longest spans first (on one length, left to right; entities before ``blocked``
    names); None when a ``blocked`` (chrome or optional) name occurs outside those spans.

    >>> from bench_news import all_keys
    >>> entities = [(all_keys(["إسبانيا"]), "LOC"), (all_keys(["ناصر بوريطة", "بوريطة"]), "PER")]
    >>> tag_sentence(["زار", "وإسبانيا", "ناصر", "بوريطة"], entities, set())
    ['O', 'B-LOC', 'B-PER', 'I-PER']
    """
    longest = max((len(k.split()) for ek, _ in entities for k in ek), default=0)
    longest = max([longest, *(len(k.split()) for k in blocked)])
    tags = ["O"] * len(words)
    free = [True] * len(words)
    for n in range(min(longest, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            if not all(free[i : i + n]):
                continue
            span_keys = keys(" ".join(words[i : i + n]))
            kind = next((t for ek, t in entities if span_keys & ek), None)
            if kind is None and span_keys & blocked:
                return None
            if kind is not None:
                tags[i : i + n] = [f"B-{kind}"] + [f"I-{kind}"] * (n - 1)
                free[i : i + n] = [False] * n
    return tags


def article_sentences(article: Article) -> tuple[Tagged, int]:
    """The tagged sentences of one article, and how many were left out (see :func:`tag_sentence`)."""
    entities = [(ek, e["type"]) for e, ek in zip(article.entities, article.entity_keys, strict=True)]
    blocked = article.chrome | article.optional
    text = article.path.read_text(encoding="utf-8")
    out: Tagged = []
    skipped = 0
    for _, words, _, _ in sentence_tokens(text, article.id):
        tags = tag_sentence(words, entities, blocked)
        if tags is None:
            skipped += 1
        else:
            out.append((list(words), tags))
    return out, skipped


def news_gold_sentences(splits: Sequence[str], gold_dir: Path = GOLD_DIR) -> Tagged:
    """The tagged sentences of the articles of ``splits`` (open splits only), in file order."""
    chosen = set(parse_splits(",".join(splits)))
    out: Tagged = []
    skipped = 0
    for article in load_gold(gold_dir):
        if article.split in chosen:
            sentences, left_out = article_sentences(article)
            out += sentences
            skipped += left_out
    tokens = sum(len(t) for t, _ in out)
    print(
        f"news gold {','.join(splits)}: {len(out)} sentences, {tokens} tokens "
        f"({skipped} left out: a chrome or optional name in them)",
        file=sys.stderr,
    )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) != 1:
        raise SystemExit("usage: news_gold_bio.py SPLITS   (a comma list of open splits, e.g. dev,dev2)")
    for words, tags in news_gold_sentences(parse_splits(args[0])):
        print("\n".join(f"{w} {t}" for w, t in zip(words, tags, strict=True)), end="\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
