"""The seed's vectorized step in numpy, float32: ms per step, best of repeats, at a thread count.

Usage: numpy_step.py DATA_DIR OUT_JSON THREADS(1|all) REPEATS
"""
import json
import sys
import time

import numpy as np

from common import load, step_weights

try:
    from threadpoolctl import threadpool_info, threadpool_limits
except ImportError:  # the caller then sets OPENBLAS_NUM_THREADS for this process
    threadpool_info = None
    threadpool_limits = None


def step(x, y, w, b, lam):
    m = np.float32(x.shape[0])
    z = x @ w + b                       # Z = X w + b
    a = np.float32(1) / (np.float32(1) + np.exp(-z))  # A = sigmoid(Z)
    cost = -np.mean(y * np.log(a) + (np.float32(1) - y) * np.log(np.float32(1) - a)) + np.float32(0.5) * lam * (w @ w)
    dz = a - y                          # dZ = A - Y
    dw = (x.T @ dz) / m + lam * w       # dw = X^T dZ / m (+ L2, as the library's pass)
    db = np.mean(dz)                    # db = mean(dZ)
    return cost, dw, db


def step_gradient_only(x, y, w, b, lam):
    """The same step without the cost: the faster numpy variant, so the target is checked against it too."""
    m = np.float32(x.shape[0])
    a = np.float32(1) / (np.float32(1) + np.exp(-(x @ w + b)))
    dz = a - y
    return (x.T @ dz) / m + lam * w, np.mean(dz)


def best_ms(fn, repeats, target_s=0.01):
    fn()
    t0 = time.perf_counter()
    fn()
    once = time.perf_counter() - t0
    inner = max(1, int(target_s / max(once, 1e-9)))
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        best = min(best, (time.perf_counter() - t0) / inner)
    return best * 1e3


def main():
    data_dir, out_path, threads, repeats = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    with open(f"{data_dir}/manifest.json", encoding="utf-8") as f:
        shapes = json.load(f)["shapes"]
    limit = 1 if threads == "1" else None
    ctx = threadpool_limits(limits=limit, user_api="blas") if threadpool_limits and limit else None
    info = threadpool_info() if threadpool_info else []
    blas = [f"{i.get('internal_api')} {i.get('version')} ({i.get('threading_layer', '')}, {i.get('architecture', '')}, {i.get('num_threads')} threads)"
            for i in info if i.get("user_api") == "blas"]
    results = []
    for m, n in shapes:
        x, y = load(data_dir, m, n)
        w, b = step_weights(n)
        lam = np.float32(1.0 / m)
        cost, dw, db = step(x, y, w, b, lam)
        ms = best_ms(lambda: step(x, y, w, b, lam), repeats)
        ms_grad = best_ms(lambda: step_gradient_only(x, y, w, b, lam), repeats)
        results.append({"shape": f"{m}x{n}", "ms": ms, "ms_gradient_only": ms_grad,
                        "loss": float(cost), "db": float(db), "dw0": float(dw[0])})
        print(f"numpy step ({threads} thr) {m}x{n}: {ms:.3f} ms with cost, {ms_grad:.3f} ms gradient only; loss={cost:.7f}", flush=True)
    if ctx is not None:
        ctx.unregister()
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"system": f"numpy {np.__version__}", "threads": threads, "blas": blas, "steps": results}, f, indent=1)


if __name__ == "__main__":
    main()
