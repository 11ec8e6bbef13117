#!/usr/bin/env bash
# Synthetic text-like sparse classification data as Parquet, RCV1-shaped by default (800k rows,
# 47,236 features, ~75 nonzeros per row, Zipf feature frequencies, labels from a hidden sparse
# logistic model with 5% flipped). Deterministic for a seed; an existing output is left as is.
# Usage: data-scripts/synthetic-sparse.sh [OUT=data] [ROWS=800000] [FEATURES=47236] [NNZ=75] [SEED=42]
source "$(dirname "$0")/common.sh"
OUT="${1:-data}"
datagen --dataset sparse --out "$(cd "$ROOT" && realpath -m "$OUT")" --rows "${2:-800000}" \
  --features "${3:-47236}" --nnz "${4:-75}" --seed "${5:-42}"
