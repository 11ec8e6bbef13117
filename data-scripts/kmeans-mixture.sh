#!/usr/bin/env bash
# Seed 000's K-Means data as Parquet: k=10 Gaussian clusters (unit variance, centres uniform in
# [-10, 10]^d) in d=10 dimensions, label = cluster. Deterministic for a seed; idempotent.
# Usage: data-scripts/kmeans-mixture.sh [OUT=data] [ROWS=1000000] [K=10] [D=10] [SEED=42]
source "$(dirname "$0")/common.sh"
OUT="${1:-data}"
datagen --dataset kmeans --out "$(cd "$ROOT" && realpath -m "$OUT")" --rows "${2:-1000000}" \
  --k "${3:-10}" --d "${4:-10}" --seed "${5:-42}"
