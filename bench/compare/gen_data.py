"""Writes the shared data sets of the peer comparison, once, for every system to read.

Format (little-endian, no header): x_<m>x<n>.f32 is X as float32, row-major (m*n values);
y_<m>x<n>.f32 is y as float32 0/1 (m values). manifest.json lists the shapes and the seed.
x ~ N(0, 1); y ~ Bernoulli(sigma(w* . x + 0.25)) with w* ~ N(0, 1) * 2 / sqrt(n), as
SyntheticData.Logistic in bench/LogReg.Simd.Bench (same model, numpy's generator).
"""
import json
import os
import sys

import numpy as np

SEED = 20261128
SHAPES = [(100_000, 100), (10_000, 100), (50_000, 1000), (1_000_000, 16)]


def generate(out_dir, m, n, seed):
    x_path = os.path.join(out_dir, f"x_{m}x{n}.f32")
    y_path = os.path.join(out_dir, f"y_{m}x{n}.f32")
    if os.path.exists(x_path) and os.path.getsize(x_path) == 4 * m * n and os.path.exists(y_path):
        return
    rng = np.random.default_rng([seed, m, n])
    truth = rng.standard_normal(n) * 2.0 / np.sqrt(n)
    x = np.empty((m, n), dtype=np.float32)
    y = np.empty(m, dtype=np.float32)
    block = 50_000
    for start in range(0, m, block):
        stop = min(m, start + block)
        xb = rng.standard_normal((stop - start, n))  # float64, then rounded once
        x[start:stop] = xb
        z = x[start:stop].astype(np.float64) @ truth + 0.25
        y[start:stop] = (rng.random(stop - start) < 1.0 / (1.0 + np.exp(-z))).astype(np.float32)
    x.astype("<f4").tofile(x_path)
    y.astype("<f4").tofile(y_path)


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    for m, n in SHAPES:
        generate(out_dir, m, n, SEED)
    manifest = {
        "seed": SEED,
        "shapes": [[m, n] for m, n in SHAPES],
        "main": [100_000, 100],
        "format": "raw little-endian float32; x row-major m*n, y m values in {0,1}",
    }
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
    print(f"data: {out_dir} ({', '.join(f'{m}x{n}' for m, n in SHAPES)}, seed {SEED})")


if __name__ == "__main__":
    main()
