#!/usr/bin/env bash
# shellcheck disable=SC2086 # the *_FLAGS variables are word-split on purpose
# The GPU run of training/encoder.py (MODEL.md, "GPU run"), from the repository root:
#     bash training/gpu_run.sh
# Data: shared/data, else .gpu_carry/data (written here by `training/encoder.py pack`, carried
# to the device machine), else ../shared/data; or DATA=... . Results under $OUT (gpu_out when
# unset): encoder.log, scores.json, tokenizer.json, silver.conll.xz, and the fine-tuned model in
# bf16 (finetuned-bf16.pt.NN parts: `cat` them) when it fits the device tool's return limits.
# Each phase's budget (minutes) and the model's size are variables, defaults below; pretraining and
# labelling are shortened where the phases before them ran long, so that the whole run ends within
# TOTAL_MIN (9: under the device tool's 10 minutes a command; call it with timeout_s=590). PRETRAIN_FLAGS,
# FINETUNE_FLAGS, LABEL_FLAGS: more options of a phase, word-split (PRETRAIN_FLAGS="--compile --lr 5e-4").
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
OUT=${OUT:-gpu_out} WORK=${WORK:-/tmp/encoder_work} PY=${PY:-python3} TOTAL_MIN=${TOTAL_MIN:-9}
TOKENIZE_MIN=${TOKENIZE_MIN:-1.5} PRETRAIN_MIN=${PRETRAIN_MIN:-4.5} FINETUNE_MIN=${FINETUNE_MIN:-1.2}
LABEL_MIN=${LABEL_MIN:-1} MAX_TOKENS=${MAX_TOKENS:-50000000} VOCAB=${VOCAB:-16000}
LAYERS=${LAYERS:-8} DIM=${DIM:-512} HEADS=${HEADS:-8} SEQ_LEN=${SEQ_LEN:-128} BATCH=${BATCH:-256}
EPOCHS=${EPOCHS:-10} SENTENCES=${SENTENCES:-100000} THREADS=${THREADS:-0} WORKERS=${WORKERS:-$(nproc)}
# the most bytes and files that come back from $OUT (16 MiB a file, 8 files, 64 MiB in all), with a margin
PART=15M MAX_PARTS=3
if [ -z "${DATA:-}" ]; then
  for d in shared/data .gpu_carry/data ../shared/data; do
    if [ -d "$d/anercorp_camel" ] && [ -d "$d/news_text" ]; then DATA=$d && break; fi
  done
fi
[ -n "${DATA:-}" ] || { echo "gpu_run: no data folder: run training/encoder.py pack and carry .gpu_carry" >&2; exit 2; }
mkdir -p "$OUT" "$WORK"
LOG=$OUT/encoder.log
export PYTHONPATH=src PYTHONUNBUFFERED=1
# fit BUDGET RESERVE: BUDGET, or less so that RESERVE minutes of TOTAL_MIN are left after it (at least 0.2)
fit() {
  awk -v b="$1" -v r="$2" -v t="$TOTAL_MIN" -v s="$SECONDS" \
    'BEGIN { left = t - s / 60 - r; if (left < b) b = left; if (b < 0.2) b = 0.2; printf "%.2f", b }'
}
say() { echo "[gpu_run $(date -u +%T)] $*" | tee -a "$LOG"; }
# phase MINUTES NAME ARGS...: the phase, killed 90 s after its own budget should have ended it
phase() {
  local limit
  limit=$(awk -v m="$1" 'BEGIN { print int(m * 60 + 90) }')
  say "$2 (budget $1 min, data $DATA)"
  timeout "$limit" "$PY" training/encoder.py "$2" --data "$DATA" --work "$WORK" --minutes "$1" --threads "$THREADS" \
    "${@:3}" 2>&1 | tee -a "$LOG"
}
# ship FILE: copied under $OUT, in numbered parts of $PART when larger
ship() {
  [ -f "$1" ] || { say "not shipped: no $1"; return; }
  if [ "$(stat -c %s "$1")" -le 15000000 ]; then cp "$1" "$OUT/"; else split -b "$PART" -d "$1" "$OUT/$(basename "$1")."; fi
}
say "start; $(nvidia-smi --query-gpu=name,memory.total --format=csv,noheader 2>/dev/null || echo no GPU)"
"$PY" -c "import torch, tokenizers; print('torch', torch.__version__, 'cuda', torch.cuda.is_available(), 'tokenizers', tokenizers.__version__)" 2>&1 | tee -a "$LOG"
phase "$TOKENIZE_MIN" tokenize --max-tokens "$MAX_TOKENS" --vocab "$VOCAB" --workers "$WORKERS"
phase "$(fit "$PRETRAIN_MIN" "$(awk -v f="$FINETUNE_MIN" -v l="$LABEL_MIN" 'BEGIN { print f + l + 1 }')")" pretrain --layers "$LAYERS" --dim "$DIM" --heads "$HEADS" --seq-len "$SEQ_LEN" --batch "$BATCH" ${PRETRAIN_FLAGS:-}
phase "$FINETUNE_MIN" finetune --epochs "$EPOCHS" ${FINETUNE_FLAGS:-}
ship "$WORK/scores.json"
ship "$WORK/tokenizer.json"
phase "$(fit "$LABEL_MIN" 0.5)" label --sentences "$SENTENCES" ${LABEL_FLAGS:-}
ship "$WORK/silver.conll.xz"
if [ -f "$WORK/finetuned.pt" ]; then
  "$PY" - "$WORK" <<'PYEOF'
import sys

import torch

state = torch.load(f"{sys.argv[1]}/finetuned.pt", map_location="cpu", weights_only=False)
state["model"] = {k: v.to(torch.bfloat16) if v.is_floating_point() else v for k, v in state["model"].items()}
torch.save(state, f"{sys.argv[1]}/finetuned-bf16.pt")
PYEOF
  size=$(stat -c %s "$WORK/finetuned-bf16.pt")
  if [ "$size" -le $((MAX_PARTS * 15 * 1024 * 1024)) ]; then
    split -b "$PART" -d "$WORK/finetuned-bf16.pt" "$OUT/finetuned-bf16.pt."
  else
    say "model not shipped: $size bytes in bf16, more than $MAX_PARTS parts of $PART"
  fi
fi
say "done; under $OUT: $(ls -l "$OUT" | tail -n +2 | awk '{ printf "%s %s, ", $9, $5 }')"
