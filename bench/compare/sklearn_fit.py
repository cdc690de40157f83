"""scikit-learn LogisticRegression fits on the main set: fit time (best of repeats) and coefficients.

Usage: sklearn_fit.py DATA_DIR OUT_JSON REPEATS THREADS(1|all)
C = 1, no standardization, fit_intercept=True, max_iter large. X is passed as float32 (lbfgs and
liblinear convert it to float64 inside fit; that copy is part of their fit time).

scikit-learn 1.2's lbfgs minimizes sum_i l_i + ||w||^2/(2C) = m * J, and its tol is scipy's gtol on
that sum's gradient: tol 1e-4 there is max|dJ/dtheta| <= 1e-4/m here. So it is also run at
tol * m ("same stop as ours"), which is the library's criterion max|dJ/dtheta| <= tol.
liblinear penalizes the intercept (as a weight on a constant feature intercept_scaling); it runs with
intercept_scaling = 1e3, which makes that penalty ~1e-6 of the bias's and the objective J's.
"""
import json
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

from common import load

try:
    from threadpoolctl import threadpool_limits
except ImportError:
    threadpool_limits = None


def fit(x, y, repeats, **kw):
    best = float("inf")
    model = None
    for _ in range(repeats):
        model = LogisticRegression(C=1.0, fit_intercept=True, max_iter=100_000, **kw)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            t0 = time.perf_counter()
            model.fit(x, y)
            best = min(best, time.perf_counter() - t0)
    return best * 1e3, model


def main():
    data_dir, out_path, repeats, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    m, n = json.load(open(f"{data_dir}/manifest.json", encoding="utf-8"))["main"]
    x, y = load(data_dir, m, n)
    runs = []
    configs = []
    for tol in (1e-4, 1e-6):
        t = f"{tol:.0e}".replace("e-0", "e-")
        configs.append((f"lbfgs tol={t} (sklearn's tol)", tol, dict(solver="lbfgs", tol=tol)))
        configs.append((f"lbfgs tol={t} (gtol = tol*m: stop max abs grad J <= tol, as ours)", tol, dict(solver="lbfgs", tol=tol * m)))
        configs.append((f"liblinear tol={t} (intercept_scaling=1e3)", tol,
                        dict(solver="liblinear", tol=tol, intercept_scaling=1e3)))
    # lbfgs uses BLAS (X @ w) and OpenMP (the loss); 1 thread limits both (run.sh also sets
    # OPENBLAS_NUM_THREADS=1 and OMP_NUM_THREADS=1 for that process, for when threadpoolctl is missing).
    ctx = threadpool_limits(limits=1) if threadpool_limits and threads == "1" else None
    for name, tol, kw in configs:
        if kw["solver"] == "liblinear" and threads != "1":
            continue  # liblinear is single-threaded
        # liblinear takes seconds per fit: at most 2 repeats of it.
        ms, model = fit(x, y, min(repeats, 2) if kw["solver"] == "liblinear" else repeats, **kw)
        runs.append({"name": name, "tol": tol, "threads": threads, "ms": ms, "iterations": int(np.max(model.n_iter_)),
                     "w": model.coef_.ravel().astype(float).tolist(), "b": float(model.intercept_[0])})
        print(f"sklearn {name} [{threads} thr]: {ms:.1f} ms, {int(np.max(model.n_iter_))} iterations", flush=True)
    if ctx is not None:
        ctx.unregister()
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"system": f"scikit-learn {sklearn.__version__}", "fits": runs}, f)


if __name__ == "__main__":
    main()
