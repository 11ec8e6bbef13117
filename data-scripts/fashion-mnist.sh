#!/usr/bin/env bash
# Fashion-MNIST as Parquet: installs Debian's dataset-fashion-mnist when its IDX files are missing,
# then writes OUT/fashion-mnist/{train,test} (label, features: 784 pixels scaled to [0, 1]).
# Idempotent: an existing complete output is left as is.
# Usage: data-scripts/fashion-mnist.sh [OUT=data]
source "$(dirname "$0")/common.sh"
OUT="${1:-data}"
IDX=/usr/share/datasets/fashion-mnist
if [ ! -f "$IDX/train-images-idx3-ubyte.gz" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get install -y -qq dataset-fashion-mnist >/dev/null || {
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq dataset-fashion-mnist >/dev/null; }
  echo "installed dataset-fashion-mnist under $IDX"
fi
datagen --dataset fashion-mnist --out "$(cd "$ROOT" && realpath -m "$OUT")" --fashion-mnist-dir "$IDX"
