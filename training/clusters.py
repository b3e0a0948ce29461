"""Step (b): word classes at several granularities from the step-(a) vectors, plus frequency bands.

    nice -n 10 python training/clusters.py --work /tmp/ner_work --data ../shared/data --out /tmp/ner_work/wordinfo.tsv

k-means (scikit-learn ``MiniBatchKMeans``, fixed seed) of the length-normalized fastText
vectors of every word of the vectors' vocabulary, at ``--ks`` clusters (coarse to fine),
and the ``wordfreq`` Zipf band (``int(zipf)``, 1–7) of each word (``wordfreq_ar``, the
forms normalized with :func:`shabaka.extract.features.norm`; the highest band wins).
Writes ``word<TAB>k…<TAB>band`` (``-`` where unknown) for the words of the vocabulary and
those with a band ≥ ``--min-band``: the ``wordinfo.tsv`` resource read by
:class:`shabaka.extract.features.Featurizer`. Skipped when ``--out`` exists.
"""

from __future__ import annotations

import argparse
import lzma
import sys
import time
from pathlib import Path

import numpy as np

SEED = 13


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def frequency_bands(data: Path) -> dict[str, int]:
    from shabaka.extract.features import norm

    bands: dict[str, int] = {}
    with lzma.open(data / "wordfreq_ar" / "wordfreq_large_ar.tsv.xz", "rt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            word, zipf, _ = line.rstrip("\n").split("\t")
            key = norm(word)
            band = int(float(zipf))
            if band > bands.get(key, 0):
                bands[key] = band
    return bands


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", type=Path, default=Path("/tmp/ner_work"))
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("/tmp/ner_work/wordinfo.tsv"))
    ap.add_argument("--ks", type=int, nargs="+", default=[64, 512, 2048])
    ap.add_argument("--min-band", type=int, default=3)
    args = ap.parse_args(argv)
    if args.out.exists():
        log(f"{args.out} exists: nothing to do")
        return 0
    from gensim.models import FastText
    from sklearn.cluster import MiniBatchKMeans

    model = FastText.load(str(args.work / "ft.model"))
    words = list(model.wv.index_to_key)
    vec = model.wv.vectors.astype(np.float32)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    log(f"{len(words):,} words")
    ids = []
    for k in args.ks:
        km = MiniBatchKMeans(k, batch_size=4096, n_init=1, max_iter=50, random_state=SEED)
        ids.append(km.fit_predict(vec))
        log(f"k={k} done")
    bands = frequency_bands(args.data)
    log(f"{len(bands):,} frequency entries")
    rows = {w: [str(int(c[i])) for c in ids] for i, w in enumerate(words)}
    tmp = args.out.with_suffix(".part")
    with open(tmp, "w", encoding="utf-8") as fh:
        for w in sorted(set(rows) | {w for w, b in bands.items() if b >= args.min_band}):
            if "\t" in w or not w:
                continue
            cl = rows.get(w, ["-"] * len(args.ks))
            band = bands.get(w)
            fh.write("\t".join([w, *cl, str(band) if band else "-"]) + "\n")
    tmp.rename(args.out)
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
