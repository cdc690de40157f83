"""Writes the two generated sparse sets of the sparse comparison (no downloads).

rcv1-shaped: 100,000 x 47,000, about 75 stored entries per row; news20-shaped: 20,000 x 1,350,000, about 450.
Columns follow a power law (the column of rank r appears with probability proportional to 1/(r + 10)), rows are
positive values scaled to unit L2 norm (as tf-idf rows), labels y ~ Bernoulli(sigma(X w*)) with w* ~ N(0, 1) * 6.

Files per set, little-endian, no header: <name>.indptr.i32 (m + 1), <name>.indices.i32 and <name>.data.f32 (nnz,
0-based sorted columns), <name>.y.f32 (m, 0/1), <name>.json (shape), and <name>.libsvm for liblinear-train
(labels +1/-1, 1-based indices, the same float32 values printed with 9 significant digits).
url-shaped (only for the CLI memory check): 50,000 x 3,231,961, about 110 per row.
Usage: gen_sparse.py OUT_DIR [rcv1|news20|url ...]
"""
import json
import os
import sys

import numpy as np

# url-shaped: url's index range and entries per row (3,231,961 features, ~116 per row), with 50,000 of its 2.4M rows.
SETS = {"rcv1": (100_000, 47_000, 75), "news20": (20_000, 1_350_000, 450), "url": (50_000, 3_231_961, 110)}
SEED = 20261129


def generate(out_dir, name):
    m, n, per_row = SETS[name]
    rng = np.random.default_rng([SEED, m, n])
    draws = int(per_row * 1.05)
    # Inverse CDF of p(r) ~ 1/(r + 10) on [0, n): r = (n + 10)^u * 10^(1-u) - 10.
    u = rng.random((m, draws))
    columns = np.minimum(n - 1, (np.exp(u * np.log(n + 10) + (1 - u) * np.log(10)) - 10).astype(np.int64))
    # A random permutation of the column ids, so frequent columns are spread over the index range.
    columns = rng.permutation(n)[columns]
    keys = np.unique(np.arange(m, dtype=np.int64)[:, None] * n + columns)
    rows, indices = keys // n, (keys % n).astype(np.int32)
    indptr = np.zeros(m + 1, dtype=np.int64)
    np.add.at(indptr, rows + 1, 1)
    indptr = np.cumsum(indptr).astype(np.int32)
    data = rng.random(len(indices)) + 0.05
    norms = np.sqrt(np.add.reduceat(data * data, indptr[:-1]))
    data = (data / np.repeat(norms, np.diff(indptr))).astype(np.float32)
    truth = rng.standard_normal(n) * 6.0
    z = np.add.reduceat(data.astype(np.float64) * truth[indices], indptr[:-1])
    y = (rng.random(m) < 1.0 / (1.0 + np.exp(-z))).astype(np.float32)

    prefix = os.path.join(out_dir, name)
    indptr.astype("<i4").tofile(prefix + ".indptr.i32")
    indices.astype("<i4").tofile(prefix + ".indices.i32")
    data.astype("<f4").tofile(prefix + ".data.f32")
    y.astype("<f4").tofile(prefix + ".y.f32")
    with open(prefix + ".json", "w", encoding="utf-8") as f:
        json.dump({"rows": m, "columns": n, "nnz": int(len(indices)), "seed": SEED}, f)
    with open(prefix + ".libsvm", "w", encoding="ascii") as f:
        for i in range(m):
            a, b = indptr[i], indptr[i + 1]
            items = " ".join(f"{c + 1}:{v:.9g}" for c, v in zip(indices[a:b].tolist(), data[a:b].tolist()))
            f.write(("+1 " if y[i] == 1 else "-1 ") + items + "\n")
    print(f"{name}: {m} x {n}, {len(indices)} stored ({len(indices) / m:.1f} per row), {y.mean():.3f} positive")


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    for name in sys.argv[2:] or list(SETS):
        generate(out_dir, name)


if __name__ == "__main__":
    main()
