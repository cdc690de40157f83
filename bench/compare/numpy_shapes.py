"""The seed's numpy step (float32) at the eight shapes of the gradient benchmarks, on random data shaped as
GradientBenchmarks makes it (X uniform in [-1, 1], labels 0/1), so its time sits beside the Fused column of the
same machine's BenchmarkDotNet run.

Usage: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 numpy_shapes.py [REPEATS]   (prints a markdown table)
"""
import sys

import numpy as np

from numpy_step import best_ms, step, step_gradient_only

SHAPES = [(2000, 32), (10000, 100), (100000, 100), (1000000, 16), (50000, 1000), (5000, 3000), (20000, 10), (200000, 7)]


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    rng = np.random.default_rng(42)
    print("| shape | numpy step, ms | numpy gradient only, ms |")
    print("|---|---:|---:|")
    for m, n in SHAPES:
        x = (rng.random((m, n), dtype=np.float32) * 2 - 1)
        y = rng.integers(0, 2, m).astype(np.float32)
        w = ((rng.random(n, dtype=np.float32) - 0.5) * 0.2).astype(np.float32)
        b, lam = np.float32(0.1), np.float32(0.01)
        ms = best_ms(lambda: step(x, y, w, b, lam), repeats)
        ms_grad = best_ms(lambda: step_gradient_only(x, y, w, b, lam), repeats)
        print(f"| {m}x{n} | {ms:.3f} | {ms_grad:.3f} |", flush=True)
        del x


if __name__ == "__main__":
    main()
