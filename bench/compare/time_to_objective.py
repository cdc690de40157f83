"""Time to objective: LogReg.Simd (L-BFGS, Newton) against scikit-learn (lbfgs, newton-cholesky), one thread, tol 1e-8.

Usage: /usr/bin/python3 bench/compare/time_to_objective.py [DATA_DIR] [REPEATS] [OUT_MD]
Data: the peer comparison's main set (gen_data.py; 100,000 x 100 float32, raw, C = 1) and breast cancer
standardized by this script (float64, population standard deviation, as StandardScaler), C = 1. Every fit is
judged by one float64 evaluator (common.objective): J - J*, with J* from Newton's method in float64.
Stop rules: LogReg.Simd stops at max|dJ/dtheta| <= 1e-8; scikit-learn's newton-cholesky uses the same rule on the
same J (on a float64 copy of X, made outside the timing); its lbfgs is given gtol = tol * m, the same rule on its sum-scaled objective.
"""
import json
import os
import subprocess
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from common import load, objective  # noqa: E402
from compare import reference_optimum  # noqa: E402

try:
    from threadpoolctl import threadpool_limits
except ImportError:
    threadpool_limits = None


def sklearn_fit(x, y, solver, repeats):
    m = x.shape[0]
    if solver == "newton-cholesky":
        # scikit-learn 1.2's newton-cholesky fails on float32 X (its lbfgs fallback mixes dtypes): it gets a
        # float64 copy, made outside the timing.
        x = x.astype(np.float64)
    tol = 1e-8 * m if solver == "lbfgs" else 1e-8
    best, model = float("inf"), None
    for _ in range(repeats):
        model = LogisticRegression(C=1.0, solver=solver, tol=tol, max_iter=100_000)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            t0 = time.perf_counter()
            model.fit(x, y)
            best = min(best, time.perf_counter() - t0)
    return {"system": "scikit-learn", "solver": solver, "ms": best * 1e3, "iterations": int(np.max(model.n_iter_)),
            "w": model.coef_.ravel().tolist(), "b": float(model.intercept_[0])}


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else "/tmp/logreg-compare"
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    out_md = sys.argv[3] if len(sys.argv) > 3 else None
    if not os.path.exists(f"{data_dir}/manifest.json"):
        subprocess.run([sys.executable, f"{here}/gen_data.py", data_dir], check=True)
    m, n = json.load(open(f"{data_dir}/manifest.json", encoding="utf-8"))["main"]
    x, y = load(data_dir, m, n)

    raw = np.genfromtxt(f"{here}/../../data/breast_cancer.csv", delimiter=",", names=True)
    names = raw.dtype.names
    bx = np.column_stack([raw[c] for c in names if c != "malignant"]).astype(np.float64)
    by = raw["malignant"].astype(np.float64)
    bx = (bx - bx.mean(axis=0)) / bx.std(axis=0)
    bx.tofile(f"{data_dir}/breast_cancer_std_x.f64")
    by.tofile(f"{data_dir}/breast_cancer_std_y.f64")
    open(f"{data_dir}/breast_cancer_std.shape", "w").write(f"{bx.shape[0]}x{bx.shape[1]}")

    sets = [(f"{m}x{n} float32", x, y, repeats), (f"breast cancer {bx.shape[0]}x{bx.shape[1]} float64 standardized", bx, by, repeats * 20)]
    fits = []
    ctx = threadpool_limits(limits=1) if threadpool_limits else None
    for label, xs, ys, reps in sets:
        for solver in ("lbfgs", "newton-cholesky"):
            f = sklearn_fit(xs, ys, solver, reps)
            f["data"] = label
            print(f"scikit-learn {solver} tol=1e-8 on {label} [1 thr]: {f['ms']:.3f} ms, {f['iterations']} iterations", flush=True)
            fits.append(f)
    if ctx is not None:
        ctx.unregister()

    peer = f"{here}/LogRegPeer/bin/Release/net10.0/LogRegPeer.dll"
    subprocess.run(["dotnet", "build", "-c", "Release", "--nologo", "-v", "q", f"{here}/LogRegPeer/LogRegPeer.csproj"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["dotnet", peer, "--newton", data_dir, f"{data_dir}/newton.json", str(repeats)], check=True)
    fits += json.load(open(f"{data_dir}/newton.json", encoding="utf-8"))["fits"]

    lines = ["| data | system | solver | fit ms (1 thread, best) | iterations | J - J* | (J - J*)/J* | vs LogReg.Simd newton |",
             "|---|---|---|---:|---:|---:|---:|---:|"]
    for label, xs, ys, _ in sets:
        j_star = objective(xs, ys, *reference_optimum(xs, ys))
        ours = next(f for f in fits if f["data"] == label and f["system"] == "LogReg.Simd" and f["solver"] == "newton")
        for f in (f for f in fits if f["data"] == label):
            j = objective(xs, ys, f["w"], f["b"])
            lines.append(f"| {label} | {f['system']} | {f['solver']} | {f['ms']:.3f} | {f['iterations']} | {j - j_star:.2e} | {(j - j_star) / j_star:.2e} | {f['ms'] / ours['ms']:.1f}x |")
    text = "\n".join(lines)
    print(text)
    if out_md:
        with open(out_md, "w", encoding="utf-8") as out:
            out.write(text + "\n")


if __name__ == "__main__":
    main()
