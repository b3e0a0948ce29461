"""GPU step, optional: a small Arabic encoder pretrained on ``news_text/`` labels news for the CRF.

Distillation in five phases, one subcommand each (from the repository root, ``PYTHONPATH=src``;
``training/gpu_run.sh`` runs them on the GPU machine, MODEL.md says how and what to do after)::

    python training/encoder.py pack      --data ../shared/data --out .gpu_carry/data   # here, on CPU
    python training/encoder.py tokenize  --data DATA --work WORK --minutes 1.5
    python training/encoder.py pretrain  --data DATA --work WORK --minutes 5
    python training/encoder.py finetune  --data DATA --work WORK --minutes 1
    python training/encoder.py label     --data DATA --work WORK --minutes 1 --sentences 100000

- ``pack``: the news texts (the first ``--max-tokens``, in :data:`vectors.SOURCES` order, raw lines
  and document breaks kept, xz) and the ANERcorp and CAraNER files, in a ``data`` folder small
  enough to travel to the GPU machine (the device tool carries 64 MiB, the repository included).
- ``tokenize``: the normalized corpus (:func:`vectors.write_corpus`), a WordPiece vocabulary
  (``tokenizers``) learned on its first ``--sample-tokens``, and the corpus as subword ids
  (``ids.npy``, a ``[SEP]`` after every line).
- ``pretrain``: masked-LM training (15 % of subwords; 80 % ``[MASK]``, 10 % random, 10 % kept) of a
  pre-LayerNorm transformer encoder on random ``--seq-len`` windows of ``ids.npy``, bf16 on CUDA.
- ``finetune``: token classification (:data:`shabaka.extract.neural.LABELS`, first subword of each
  word) on ANERcorp train minus its last 10 % (the dev split of ``train_ner.py --dev``); keeps the
  epoch best on dev and writes ``scores.json``: dev and ANERcorp test micro-F1 with per-type
  scores, and CAraNER (PER/LOC/ORG, typed and span only) as it is scored in ``bench_ner.py``,
  **evaluation only**: nothing is chosen on it.
- ``label``: news sentences (raw tokens as :func:`shabaka.text.token_texts` gives them, cut as
  :func:`silver.pieces` cuts them) tagged by the fine-tuned model (IOB2-valid Viterbi over its
  probabilities), each kept if its least sure token has ``--min-confidence``: ``silver.conll.xz``,
  the CoNLL file that ``train_ner.py --silver-sentences`` trains the CRF on with ANERcorp.

Every phase stops at its ``--minutes`` (wall clock of the phase's work, summed over reruns) and
leaves its outputs in ``--work``; a finished phase is skipped on a rerun, and pretraining and
fine-tuning resume from their checkpoints (saved every ``--save-seconds`` and at the end). The
learning rate warms up, then decays linearly to 0 at ``--steps`` or at ``--minutes``, whichever
comes first, so that a run cut by its time budget still ends its schedule. Seeds are fixed
(``--seed``); where the time budget ends a phase, runs on machines of other speeds differ.
The texts of ``news_text/`` never enter the repository: ``--work`` and the silver file stay outside.
"""

from __future__ import annotations

import argparse
import itertools
import json
import lzma
import math
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import silver
import train_ner
import vectors

from shabaka.conll import TYPES, span_scores
from shabaka.extract.features import norm
from shabaka.extract.neural import LABELS, viterbi_batch
from shabaka.text import token_texts

ROOT = Path(__file__).resolve().parents[1]
SEED = 13
SPECIALS = ["[PAD]", "[UNK]", "[MASK]", "[SEP]"]
PAD, UNK, MASK, SEP = range(len(SPECIALS))
#: Subwords kept of one word (a URL or a run of digits can have dozens; the first one carries the label).
MAX_PIECES = 8
LABEL_INDEX = {lab: i for i, lab in enumerate(LABELS)}


def _bench_ner():
    """``benchmarks/bench_ner.py``: the home of the CAraNER reader and of span-only scoring."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_ner

    return bench_ner


class Clock:
    """A phase's time budget: ``spent`` carries the seconds of earlier runs (from a checkpoint)."""

    def __init__(self, minutes: float, spent: float = 0.0):
        self.budget, self.spent, self.start = minutes * 60, spent, time.monotonic()

    def elapsed(self) -> float:
        return self.spent + time.monotonic() - self.start

    def fraction(self) -> float:
        return self.elapsed() / self.budget if self.budget > 0 else 1.0

    def over(self) -> bool:
        return self.fraction() >= 1.0


def lr_at(progress: float, peak: float, warmup: float = 0.06) -> float:
    """Linear warm-up over the first ``warmup`` of the run, then linear decay to 0."""
    if progress < warmup:
        return peak * progress / warmup
    return peak * max(0.0, 1.0 - progress) / (1.0 - warmup)


# ----------------------------------------------------------------------------- pack (CPU, before the GPU run)


def pack(data: Path, out: Path, max_tokens: int) -> None:
    """Raw news lines (document breaks kept) and the gold files the GPU phases read, under ``out``."""
    target = out / "news_text" / "packed" / "packed.txt.xz"
    for sub in ("anercorp_camel", "caraner"):
        (out / sub).mkdir(parents=True, exist_ok=True)
        for path in (data / sub).iterdir():
            shutil.copyfile(path, out / sub / path.name)
    if target.exists():
        vectors.log(f"pack: {target} exists, kept")
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    total = 0
    with lzma.open(tmp, "wt", encoding="utf-8", preset=9) as dst:
        for path in vectors.news_files(data):
            with lzma.open(path, "rt", encoding="utf-8") as src:
                for line in src:
                    dst.write(line)
                    total += len(line.split())
                    if total >= max_tokens:
                        break
            vectors.log(f"pack: {path.name} read, {total:,} tokens so far")
            if total >= max_tokens:
                break
    tmp.rename(target)
    vectors.log(f"pack: {total:,} tokens, {target.stat().st_size / 2**20:.1f} MiB in {target}")


# ----------------------------------------------------------------------------- tokenizer and ids


def load_tokenizer(work: Path):
    from tokenizers import Tokenizer

    return Tokenizer.from_file(str(work / "tokenizer.json"))


def train_tokenizer(corpus: Path, out: Path, vocab: int, sample_tokens: int) -> None:
    """WordPiece on whitespace-split normalized tokens of the corpus' first ``sample_tokens``."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    def sample() -> Iterator[str]:
        seen = 0
        with open(corpus, encoding="utf-8") as fh:
            for line in fh:
                yield line
                seen += line.count(" ") + 1
                if seen >= sample_tokens:
                    return

    tok = Tokenizer(models.WordPiece(unk_token="[UNK]", max_input_chars_per_word=50))
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tok.decoder = decoders.WordPiece()
    trainer = trainers.WordPieceTrainer(vocab_size=vocab, min_frequency=2, special_tokens=SPECIALS, show_progress=False)
    tok.train_from_iterator(sample(), trainer)
    tok.save(str(out))


def encode_corpus(tok, corpus: Path, out: Path, clock: Clock, chunk: int = 20_000) -> int:
    """The corpus as one stream of subword ids, ``[SEP]`` after each line (until the clock runs out)."""
    parts: list[np.ndarray] = []
    dtype = np.uint16 if tok.get_vocab_size() <= 2**16 else np.int32
    with open(corpus, encoding="utf-8") as fh:
        while not clock.over():
            lines = [line.split() for _, line in zip(range(chunk), fh, strict=False)]
            if not lines:
                break
            for enc in tok.encode_batch(lines, is_pretokenized=True, add_special_tokens=False):
                parts.append(np.array([*enc.ids, SEP], dtype=dtype))
    ids = np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)
    np.save(out, ids)
    return len(ids)


def phase_tokenize(args) -> None:
    work: Path = args.work
    clock = Clock(args.minutes)
    corpus = work / "corpus.txt"
    if not corpus.exists():
        total = vectors.write_corpus(args.data, corpus, args.max_tokens, args.workers)
        vectors.log(f"corpus: {total:,} tokens")
    if not (work / "tokenizer.json").exists():
        train_tokenizer(corpus, work / "tokenizer.json", args.vocab, args.sample_tokens)
        vectors.log(f"tokenizer: {load_tokenizer(work).get_vocab_size():,} subwords")
    if not (work / "ids.npy").exists():
        n = encode_corpus(load_tokenizer(work), corpus, work / "ids.npy", clock)
        vectors.log(f"ids: {n:,} subwords, {clock.elapsed():.0f}s")


def word_pieces(tok, sentences: Sequence[Sequence[str]]) -> list[list[list[int]]]:
    """Per sentence, the subword ids of each (raw) word, normalized as the corpus is, at most
    :data:`MAX_PIECES` a word (``[UNK]`` for a word with none)."""
    encs = tok.encode_batch([[norm(w) for w in words] for words in sentences], is_pretokenized=True,
                            add_special_tokens=False)  # fmt: skip
    out = []
    for words, enc in zip(sentences, encs, strict=True):
        pieces: list[list[int]] = [[] for _ in words]
        for i, w in zip(enc.ids, enc.word_ids, strict=True):
            if w is not None and len(pieces[w]) < MAX_PIECES:
                pieces[w].append(i)
        out.append([p or [UNK] for p in pieces])
    return out


def windows(pieces: list[list[int]], max_len: int) -> list[tuple[int, int]]:
    """Word ranges ``[lo, hi)`` whose subwords fit in ``max_len`` (a long sentence in pieces)."""
    out, lo, n = [], 0, 0
    for i, p in enumerate(pieces):
        if n + len(p) > max_len and i > lo:
            out.append((lo, i))
            lo, n = i, 0
        n += len(p)
    out.append((lo, len(pieces)))
    return out


# ----------------------------------------------------------------------------- model


def build_model(cfg: dict):
    """A pre-LayerNorm transformer encoder (learned positions), an MLM head tied to the embeddings,
    and a token-classification head; ``cfg`` holds vocab, dim, layers, heads, ffn, max_len."""
    import torch
    import torch.nn.functional as F
    from torch import nn

    class Block(nn.Module):
        def __init__(self, dim: int, heads: int, ffn: int, dropout: float):
            super().__init__()
            self.heads, self.dropout = heads, dropout
            self.ln1, self.ln2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
            self.qkv, self.proj = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)
            self.ff = nn.Sequential(nn.Linear(dim, ffn), nn.GELU(), nn.Linear(ffn, dim))
            self.drop = nn.Dropout(dropout)

        def forward(self, x, attn_mask):
            b, t, d = x.shape
            q, k, v = self.qkv(self.ln1(x)).view(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
            a = F.scaled_dot_product_attention(
                q, k, v, attn_mask=attn_mask, dropout_p=self.dropout if self.training else 0.0
            )
            x = x + self.drop(self.proj(a.transpose(1, 2).reshape(b, t, d)))
            return x + self.drop(self.ff(self.ln2(x)))

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            dim = cfg["dim"]
            self.tok = nn.Embedding(cfg["vocab"], dim, padding_idx=PAD)
            self.pos = nn.Embedding(cfg["max_len"], dim)
            self.drop = nn.Dropout(cfg["dropout"])
            self.blocks = nn.ModuleList(
                Block(dim, cfg["heads"], cfg["ffn"], cfg["dropout"]) for _ in range(cfg["layers"])
            )
            self.ln = nn.LayerNorm(dim)
            self.mlm = nn.Sequential(nn.Linear(dim, dim), nn.GELU(), nn.LayerNorm(dim))
            self.mlm_bias = nn.Parameter(torch.zeros(cfg["vocab"]))
            self.tagger = nn.Linear(dim, len(LABELS))
            self.apply(self._init)

        @staticmethod
        def _init(m):
            if isinstance(m, nn.Linear | nn.Embedding):
                nn.init.normal_(m.weight, std=0.02)
            if isinstance(m, nn.Linear) and m.bias is not None:
                nn.init.zeros_(m.bias)

        def forward(self, ids, mask=None):
            """Hidden states [batch, T, dim]; ``mask`` (bool, True = a real subword) for padded batches."""
            x = self.drop(self.tok(ids) + self.pos(torch.arange(ids.shape[1], device=ids.device)))
            attn_mask = None if mask is None else mask[:, None, None, :]
            for block in self.blocks:
                x = block(x, attn_mask)
            return self.ln(x)

        def mlm_logits(self, hidden):
            return self.mlm(hidden) @ self.tok.weight.T + self.mlm_bias

    return Encoder()


def device_setup(threads: int):
    import torch

    torch.manual_seed(SEED)
    if threads:
        torch.set_num_threads(threads)
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if dev.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    return torch, dev


def autocast(torch, dev):
    return torch.autocast(dev.type, dtype=torch.bfloat16, enabled=dev.type == "cuda")


def optimizer(torch, model, lr: float, dev):
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2 and "pos" not in n]
    rest = [p for n, p in model.named_parameters() if not (p.dim() >= 2 and "pos" not in n)]
    groups = [{"params": decay, "weight_decay": 0.01}, {"params": rest, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=lr, betas=(0.9, 0.98), eps=1e-6, fused=dev.type == "cuda")


def save(torch, path: Path, **state) -> None:
    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    tmp.replace(path)


# ----------------------------------------------------------------------------- pretraining


def phase_pretrain(args) -> None:
    work: Path = args.work
    if (work / "pretrained.pt").exists():
        vectors.log("pretrain: pretrained.pt exists, skipped")
        return
    torch, dev = device_setup(args.threads)
    vocab = load_tokenizer(work).get_vocab_size()
    ckpt = work / "pretrain.ckpt"
    if ckpt.exists():
        state = torch.load(ckpt, map_location="cpu", weights_only=False)
        cfg, step, spent = state["cfg"], state["step"], state["elapsed"]
        vectors.log(f"pretrain: resuming after step {step} ({spent:.0f}s)")
    else:
        cfg = {
            "vocab": vocab, "dim": args.dim, "layers": args.layers, "heads": args.heads,
            "ffn": args.ffn or 4 * args.dim, "max_len": args.seq_len, "dropout": 0.1,
        }  # fmt: skip
        state, step, spent = None, 0, 0.0
    model = build_model(cfg).to(dev)
    opt = optimizer(torch, model, args.lr, dev)
    gen = torch.Generator(device=dev)
    gen.manual_seed(SEED)
    if state:
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        gen.set_state(state["gen"])
    ids = torch.from_numpy(np.load(work / "ids.npy").astype(np.int64)).to(dev)
    seq = cfg["max_len"]
    if len(ids) <= seq:
        raise SystemExit(f"pretrain: {len(ids)} subwords in ids.npy, fewer than one window of {seq}")
    params = sum(p.numel() for p in model.parameters())
    vectors.log(f"pretrain: {params / 1e6:.1f} M parameters, {len(ids):,} subwords, {dev}, config {cfg}")
    forward = torch.compile(model) if args.compile else model  # same weights; the state dict stays model's
    clock = Clock(args.minutes, spent)
    last_save = time.monotonic()
    offsets = torch.arange(seq, device=dev)
    t_log, tokens_log, loss_sum = time.monotonic(), 0, torch.zeros((), device=dev)
    model.train()
    while True:
        progress = max(step / args.steps, clock.fraction())
        if progress >= 1.0:
            break
        for group in opt.param_groups:
            group["lr"] = lr_at(progress, args.lr)
        starts = torch.randint(0, len(ids) - seq, (args.batch,), device=dev, generator=gen)
        x = ids[starts[:, None] + offsets]
        pick = torch.rand(x.shape, device=dev, generator=gen) < 0.15
        pick &= x != SEP
        roll = torch.rand(x.shape, device=dev, generator=gen)
        inp = torch.where(pick & (roll < 0.8), MASK, x)
        rand_ids = torch.randint(len(SPECIALS), cfg["vocab"], x.shape, device=dev, generator=gen)
        inp = torch.where(pick & (roll >= 0.8) & (roll < 0.9), rand_ids, inp)
        with autocast(torch, dev):
            hidden = forward(inp)
            logits = model.mlm_logits(hidden[pick])
        loss = torch.nn.functional.cross_entropy(logits.float(), x[pick])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        tokens_log += x.numel()
        loss_sum += loss.detach()
        if step % args.log_every == 0:
            now = time.monotonic()
            vectors.log(
                f"pretrain step {step}: loss {float(loss_sum) / args.log_every:.3f}, "
                f"lr {opt.param_groups[0]['lr']:.2e}, {tokens_log / (now - t_log):,.0f} subwords/s, "
                f"{clock.elapsed():.0f}s"
            )
            t_log, tokens_log, loss_sum = now, 0, torch.zeros((), device=dev)
        if time.monotonic() - last_save >= args.save_seconds:
            save(torch, ckpt, cfg=cfg, model=model.state_dict(), opt=opt.state_dict(), gen=gen.get_state(),
                 step=step, elapsed=clock.elapsed())  # fmt: skip
            last_save = time.monotonic()
    save(torch, work / "pretrained.pt", cfg=cfg, model=model.state_dict(), step=step, elapsed=clock.elapsed())
    ckpt.unlink(missing_ok=True)
    memory = f", peak GPU memory {torch.cuda.max_memory_allocated() / 2**30:.1f} GiB" if dev.type == "cuda" else ""
    vectors.log(f"pretrain: done after {step} steps, {clock.elapsed():.0f}s{memory}")


# ----------------------------------------------------------------------------- fine-tuning and tagging


def encode_sentences(tok, sentences: Sequence[Sequence[str]], max_len: int):
    """Model inputs of tokenized sentences: (subword ids, index of each word's first subword,
    sentence number, first word) per window of at most ``max_len`` subwords."""
    out = []
    for k, pieces in enumerate(word_pieces(tok, sentences)):
        if not pieces:
            continue
        for lo, hi in windows(pieces, max_len):
            ids, firsts = [], []
            for p in pieces[lo:hi]:
                firsts.append(len(ids))
                ids.extend(p)
            out.append((ids, firsts, k, lo))
    return out


def batches(items: list, size: int, order: Sequence[int]) -> Iterator[list]:
    for lo in range(0, len(order), size):
        yield [items[i] for i in order[lo : lo + size]]


def pad_batch(torch, dev, group):
    n = max(len(ids) for ids, *_ in group)
    ids = np.full((len(group), n), PAD, dtype=np.int64)
    for r, (seq, *_) in enumerate(group):
        ids[r, : len(seq)] = seq
    t = torch.from_numpy(ids).to(dev)
    return t, t != PAD


def predict(torch, dev, model, tok, sentences: Sequence[Sequence[str]], max_len: int, batch: int = 256):
    """Per sentence, its IOB2 tags and each token's probability of its tag (Viterbi over the
    model's per-word probabilities, :func:`shabaka.extract.neural.viterbi_batch`)."""
    items = encode_sentences(tok, sentences, max_len)
    probs: list[np.ndarray] = [np.zeros((len(s), len(LABELS)), dtype=np.float32) for s in sentences]
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    model.eval()
    with torch.no_grad(), autocast(torch, dev):
        for group in batches(items, batch, order):
            ids, mask = pad_batch(torch, dev, group)
            p = torch.softmax(model.tagger(model(ids, mask)).float(), dim=-1).cpu().numpy()
            for r, (_, firsts, k, lo) in enumerate(group):
                probs[k][lo : lo + len(firsts)] = p[r, firsts]
    tags: list[list[str]] = [[] for _ in sentences]
    conf: list[np.ndarray] = [np.zeros(0) for _ in sentences]
    idx = sorted((k for k in range(len(sentences)) if len(sentences[k])), key=lambda k: len(sentences[k]))
    for lo in range(0, len(idx), 512):
        group = idx[lo : lo + 512]
        n = max(len(sentences[k]) for k in group)
        stack = np.full((len(group), n, len(LABELS)), 1.0 / len(LABELS), dtype=np.float32)
        for r, k in enumerate(group):
            stack[r, : len(probs[k])] = probs[k]
        for k, path in zip(group, viterbi_batch(stack, [len(sentences[k]) for k in group]), strict=True):
            tags[k] = [LABELS[j] for j in path]
            conf[k] = probs[k][np.arange(len(path)), path]
    return tags, conf


def tag_scores(gold: list[list[str]], pred: list[list[str]]) -> dict:
    return span_scores(gold, pred, TYPES)


def caraner_scores(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """CAraNER as ``bench_ner.py`` scores it: PER/LOC/ORG exact span and type, and span only."""
    bench = _bench_ner()
    return {
        "typed": span_scores(gold, pred, bench.TYPES3),
        "span_only": span_scores(bench.untyped(gold), bench.untyped(pred), ["PER"])["PER"],
    }


def phase_finetune(args) -> None:
    work: Path = args.work
    if (work / "scores.json").exists():
        vectors.log("finetune: scores.json exists, skipped")
        return
    torch, dev = device_setup(args.threads)
    tok = load_tokenizer(work)
    # a pretraining stopped before its end (killed at the device's time limit) still gives its last checkpoint
    path = next((p for p in (work / "pretrained.pt", work / "pretrain.ckpt") if p.exists()), None)
    if path is None:
        raise SystemExit(f"finetune: no pretrained.pt or pretrain.ckpt in {work}: run the pretrain phase first")
    base = torch.load(path, map_location="cpu", weights_only=False)
    cfg = base["cfg"]
    train_part, dev_set = train_ner.split_dev(train_ner.anercorp(args.data, "train"))
    items = encode_sentences(tok, [t for t, _ in train_part], cfg["max_len"])
    labels = {k: [LABEL_INDEX[y] for y in tags] for k, (_, tags) in enumerate(train_part)}
    model = build_model(cfg).to(dev)
    opt = optimizer(torch, model, args.lr, dev)
    ckpt = work / "finetune.ckpt"
    rng = np.random.default_rng(SEED)
    steps_per_epoch = math.ceil(len(items) / args.batch)
    total = steps_per_epoch * args.epochs
    if ckpt.exists():
        state = torch.load(ckpt, map_location="cpu", weights_only=False)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        rng.bit_generator.state = state["rng"]
        epoch, step, spent, best = state["epoch"], state["step"], state["elapsed"], state["best"]
        vectors.log(f"finetune: resuming after epoch {epoch}")
    else:
        model.load_state_dict(base["model"])
        epoch, step, spent, best = 0, 0, 0.0, {"dev_f1": -1.0, "epoch": 0}
    clock = Clock(args.minutes, spent)
    dgold = [y for _, y in dev_set]
    while epoch < args.epochs and not clock.over():
        model.train()
        order = rng.permutation(len(items))
        loss_sum = 0.0
        for group in batches(items, args.batch, order):
            progress = max(step / total, clock.fraction())
            if progress >= 1.0:
                break
            for g in opt.param_groups:
                g["lr"] = lr_at(progress, args.lr, warmup=0.1)
            ids, mask = pad_batch(torch, dev, group)
            target = np.full(ids.shape, -100, dtype=np.int64)
            for r, (_, firsts, k, lo) in enumerate(group):
                target[r, firsts] = labels[k][lo : lo + len(firsts)]
            with autocast(torch, dev):
                logits = model.tagger(model(ids, mask))
            loss = torch.nn.functional.cross_entropy(
                logits.float().reshape(-1, len(LABELS)), torch.from_numpy(target).to(dev).reshape(-1)
            )
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            loss_sum += float(loss.detach())
        epoch += 1
        pred, _ = predict(torch, dev, model, tok, [t for t, _ in dev_set], cfg["max_len"])
        f1 = tag_scores(dgold, pred)["micro"]["f"]
        vectors.log(
            f"finetune epoch {epoch}: loss {loss_sum / steps_per_epoch:.4f}, dev F1 {f1:.4f}, {clock.elapsed():.0f}s"
        )
        if f1 > best["dev_f1"]:
            best = {"dev_f1": f1, "epoch": epoch}
            save(torch, work / "finetuned.pt", cfg=cfg, model=model.state_dict(), epoch=epoch)
        save(torch, ckpt, model=model.state_dict(), opt=opt.state_dict(), rng=rng.bit_generator.state,
             epoch=epoch, step=step, elapsed=clock.elapsed(), best=best)  # fmt: skip
    model.load_state_dict(torch.load(work / "finetuned.pt", map_location="cpu", weights_only=False)["model"])

    def tagged(sentences: list[tuple[list[str], list[str]]]) -> tuple[list[list[str]], list[list[str]]]:
        return [y for _, y in sentences], predict(torch, dev, model, tok, [t for t, _ in sentences], cfg["max_len"])[0]

    result: dict = {"best_epoch": best["epoch"], "epochs_run": epoch, "seconds": round(clock.elapsed())}
    result["dev"] = tag_scores(*tagged(dev_set))
    result["anercorp_test"] = tag_scores(*tagged(train_ner.anercorp(args.data, "test")))
    result["caraner"] = caraner_scores(*tagged(_bench_ner().caraner(args.data)))
    (work / "scores.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    ckpt.unlink(missing_ok=True)
    vectors.log(
        f"finetune: dev F1 {result['dev']['micro']['f']:.4f}, ANERcorp test F1 "
        f"{result['anercorp_test']['micro']['f']:.4f} (ORG {result['anercorp_test']['ORG']['f']:.4f}), "
        f"CAraNER typed {result['caraner']['typed']['micro']['f']:.4f} / span only "
        f"{result['caraner']['span_only']['f']:.4f}"
    )


# ----------------------------------------------------------------------------- labelling (silver sentences)


def news_sentences(data: Path, min_tokens: int) -> Iterator[list[str]]:
    """Sentences of the news texts: raw tokens, cut as :func:`silver.pieces` cuts corpus lines."""
    for path in vectors.news_files(data):
        with lzma.open(path, "rt", encoding="utf-8") as src:
            for line in src:
                for sent in silver.pieces(" ".join(token_texts(line))):
                    if len(sent) >= min_tokens:
                        yield sent


def count_sentences(path: Path) -> int:
    """Sentences in a silver file (one xz stream per chunk of a run: lzma reads them as one text)."""
    if not path.exists():
        return 0
    n, inside = 0, False
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                inside = True
            elif inside:
                n, inside = n + 1, False
    return n + inside


def phase_label(args) -> None:
    """Tag news sentences, ``--chunk`` at a time, each chunk's kept sentences appended to the silver
    file as an xz stream of its own; ``silver.read`` counts the news sentences read, so a rerun
    goes on after them."""
    work: Path = args.work
    out, read_path = work / "silver.conll.xz", work / "silver.read"
    kept = count_sentences(out)
    if kept >= args.sentences:
        vectors.log(f"label: {out} holds {kept:,} sentences, skipped")
        return
    torch, dev = device_setup(args.threads)
    tok = load_tokenizer(work)
    state = torch.load(work / "finetuned.pt", map_location="cpu", weights_only=False)
    model = build_model(state["cfg"]).to(dev)
    model.load_state_dict(state["model"])
    clock = Clock(args.minutes)
    read = int(read_path.read_text()) if read_path.exists() and kept else 0
    source = itertools.islice(news_sentences(args.data, args.min_tokens), args.skip + read, None)
    tagged = names = 0
    while kept < args.sentences and not clock.over():
        chunk = list(itertools.islice(source, args.chunk))
        if not chunk:
            break
        tags, conf = predict(torch, dev, model, tok, chunk, state["cfg"]["max_len"], args.batch)
        lines = []
        for words, t, c in zip(chunk, tags, conf, strict=True):
            if c.min() >= args.min_confidence and kept < args.sentences:
                lines.append("".join(f"{w}\t{y}\n" for w, y in zip(words, t, strict=True)) + "\n")
                kept += 1
                names += sum(y.startswith("B-") for y in t)
        with lzma.open(out, "at", encoding="utf-8", preset=args.xz_preset) as fh:
            fh.write("".join(lines))
        tagged += len(chunk)
        read_path.write_text(str(read + tagged))
    vectors.log(
        f"label: {tagged:,} sentences tagged, {kept:,} in {out} (this run's kept sentences: {names:,} names), "
        f"{clock.elapsed():.0f}s"
    )


# ----------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="phase", required=True)

    def phase(name: str, minutes: float, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help)
        p.add_argument("--data", type=Path, default=Path("../shared/data"))
        p.add_argument("--work", type=Path, default=Path("/tmp/encoder_work"))
        p.add_argument("--minutes", type=float, default=minutes, help="time budget of this phase (summed over reruns)")
        p.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
        return p

    p = sub.add_parser("pack", help="news texts and gold files for the GPU machine (run here)")
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--out", type=Path, default=Path(".gpu_carry/data"))
    p.add_argument("--max-tokens", type=int, default=20_000_000)
    p = phase("tokenize", 1.5, "normalized corpus, WordPiece vocabulary, subword ids")
    p.add_argument("--max-tokens", type=int, default=50_000_000, help="news tokens in the corpus")
    p.add_argument("--vocab", type=int, default=16_000)
    p.add_argument("--workers", type=int, default=1, help="processes that normalize the corpus")
    p.add_argument("--sample-tokens", type=int, default=5_000_000, help="corpus tokens the vocabulary is learned on")
    p = phase("pretrain", 5.0, "masked-LM pretraining")
    p.add_argument("--dim", type=int, default=512)
    p.add_argument("--layers", type=int, default=8)
    p.add_argument("--heads", type=int, default=8)
    p.add_argument("--ffn", type=int, default=0, help="feed-forward width (0: 4 x dim)")
    p.add_argument("--seq-len", type=int, default=128)
    p.add_argument("--batch", type=int, default=256, help="windows per step")
    p.add_argument("--lr", type=float, default=7e-4)
    p.add_argument("--steps", type=int, default=1_000_000, help="most steps (the time budget usually ends first)")
    p.add_argument("--compile", action="store_true", help="torch.compile the encoder (compiling takes time)")
    p.add_argument("--log-every", type=int, default=200)
    p.add_argument("--save-seconds", type=float, default=60.0)
    p = phase("finetune", 1.0, "token classification on ANERcorp train; dev, test, CAraNER scores")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=2e-4)
    p = phase("label", 1.0, "tag news sentences: silver.conll.xz")
    p.add_argument("--sentences", type=int, default=100_000, help="sentences to keep")
    p.add_argument("--skip", type=int, default=0, help="news sentences passed over first")
    p.add_argument("--min-tokens", type=int, default=5)
    p.add_argument("--min-confidence", type=float, default=0.6, help="least probability of a kept sentence's tags")
    p.add_argument("--chunk", type=int, default=4096, help="sentences tagged at once")
    p.add_argument("--batch", type=int, default=512)
    p.add_argument("--xz-preset", type=int, default=6)
    args = ap.parse_args(argv)
    if args.phase == "pack":
        pack(args.data, args.out, args.max_tokens)
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    {"tokenize": phase_tokenize, "pretrain": phase_pretrain, "finetune": phase_finetune, "label": phase_label}[
        args.phase
    ](args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
