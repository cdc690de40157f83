"""Time to the same objective on the generated sparse sets: LogReg.Simd (L-BFGS, float32 CSR, 1 and 2 threads; Newton, 1 thread),
scikit-learn (lbfgs and liblinear on scipy CSR, 1 thread) and liblinear-train -s 0 (Debian's liblinear-tools).

Every system solves the same problem: no intercept (liblinear-train without -B; liblinear's -B adds a penalized bias
feature, which is another objective), C = 1, the objective C sum_i loss_i + 0.5 ||w||^2, which is C m times this
project's J (lambda = 1/(C m)). Each fit runs in its own process (peak resident memory is the process's). Every w is
scored by one float64 evaluator; J* is the least J any run reached, and each run is reported by its J - J*.
Usage: sparse_compare.py DATA_DIR OUT_MD [rcv1|news20 ...]
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
import scipy.sparse as sp

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(HERE, "SparsePeer", "bin", "Release", "net10.0", "SparsePeer.dll")
PYTHON = os.environ.get("PYTHON", "/usr/bin/python3")
C = 1.0
ENV = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", DOTNET_GCHeapHardLimit="0x100000000")


def load(prefix):
    with open(prefix + ".json", encoding="utf-8") as f:
        shape = json.load(f)
    indptr = np.fromfile(prefix + ".indptr.i32", dtype="<i4")
    indices = np.fromfile(prefix + ".indices.i32", dtype="<i4")
    data = np.fromfile(prefix + ".data.f32", dtype="<f4").astype(np.float64)
    y = np.fromfile(prefix + ".y.f32", dtype="<f4").astype(np.float64)
    return sp.csr_matrix((data, indices, indptr), shape=(shape["rows"], shape["columns"])), y, shape


def objective(x, y, w):
    """J(w) = mean_i[log(1 + e^{z_i}) - y_i z_i] + (lambda/2)||w||^2, lambda = 1/(C m), z = X w, float64."""
    m = x.shape[0]
    z = x @ w
    loss = np.maximum(z, 0.0) - y * z + np.log1p(np.exp(-np.abs(z)))
    return float(loss.mean() + 0.5 / (C * m) * (w @ w))


def run(cmd, time_it=False):
    if time_it:
        cmd = ["/usr/bin/time", "-f", "TIME %e %M"] + cmd
    done = subprocess.run(cmd, capture_output=True, text=True, env=ENV, check=True)
    return done


def ours(prefix, tol, threads, out, solver="lbfgs"):
    done = run(["dotnet", PEER, prefix, str(C), str(tol), str(threads), out, solver])
    r = json.loads(done.stdout.strip().splitlines()[-1])
    products = f", {r['hessian_vector_products']} H v" if r.get("hessian_vector_products") else ""
    note = f"{r['iterations']} it{products}, {r['reason']}; {r['rss_before_fit'] / 2**20:.0f} MiB resident once loaded"
    return r["fit_s"], r["peak_rss"], np.fromfile(out, dtype="<f8"), note


def sklearn(prefix, solver, tol, out):
    done = run([PYTHON, os.path.join(HERE, "sklearn_sparse_fit.py"), prefix, solver, str(C), str(tol), out])
    r = json.loads(done.stdout.strip().splitlines()[-1])
    return r["fit_s"], r["peak_rss"], np.fromfile(out, dtype="<f8"), f"{r['iterations']} it"


def liblinear(prefix, eps, n, out):
    done = run(["liblinear-train", "-s", "0", "-c", str(C), "-e", str(eps), prefix + ".libsvm", out], time_it=True)
    seconds, rss_kb = re.search(r"TIME ([\d.]+) (\d+)", done.stderr).groups()
    with open(out, encoding="ascii") as f:
        lines = f.read().splitlines()
    labels = next(l for l in lines if l.startswith("label")).split()[1:]
    start = lines.index("w") + 1
    features = int(next(l for l in lines if l.startswith("nr_feature")).split()[1])
    # The file's largest index may be below n (columns never stored): those weights are 0.
    w = np.zeros(n)
    w[:features] = [float(v) for v in lines[start:start + features]]
    # liblinear's w scores its first label; the probability of +1 needs w for label +1.
    if labels[0] != "1":
        w = -w
    return float(seconds), int(rss_kb) * 1024, w, "load + fit (text file)"


def main():
    data_dir, out_md = sys.argv[1], sys.argv[2]
    names = sys.argv[3:] or ["rcv1", "news20"]
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            prefix = os.path.join(data_dir, name)
            x, y, shape = load(prefix)
            n = shape["columns"]
            csr32 = shape["nnz"] * 8 + (shape["rows"] + 1) * 4
            rows = []
            out = os.path.join(tmp, "w")
            for tol in (1e-4, 1e-6):
                for threads in (1, 2):
                    rows.append((f"LogReg.Simd L-BFGS, tol {tol:g}, {threads} thread{'s' if threads > 1 else ''}", *ours(prefix, tol, threads, out)))
            for tol in (1e-4, 1e-6):
                # The sparse second-order passes run on one thread.
                rows.append((f"LogReg.Simd Newton (TRON), tol {tol:g}, 1 thread", *ours(prefix, tol, 1, out, "newton")))
            for tol in (1e-4, 1e-6):
                rows.append((f"scikit-learn lbfgs, tol {tol:g}", *sklearn(prefix, "lbfgs", tol, out)))
            for tol in (1e-2, 1e-4):
                rows.append((f"scikit-learn liblinear, tol {tol:g}", *sklearn(prefix, "liblinear", tol, out)))
            for eps in (1e-2, 1e-4):
                rows.append((f"liblinear-train -s 0 -e {eps:g}", *liblinear(prefix, eps, n, out + ".model")))
            scored = [(label, s, rss, objective(x, y, w), note) for label, s, rss, w, note in rows]
            best = min(j for _, _, _, j, _ in scored)
            lines.append(f"\n### {name}-shaped: {shape['rows']:,} x {n:,}, {shape['nnz']:,} stored ({shape['nnz'] / shape['rows']:.1f} per row); "
                         f"CSR float32 arrays {csr32 / 2**20:.0f} MiB\n")
            lines.append(f"J* = {best:.10f} (the least J reached); C = {C:g}, no intercept.\n")
            lines.append("| run | fit s | J - J* | peak RSS MiB | note |")
            lines.append("|---|---:|---:|---:|---|")
            for label, s, rss, j, note in scored:
                lines.append(f"| {label} | {s:.2f} | {j - best:.2e} | {rss / 2**20:.0f} | {note} |")
            print("\n".join(lines[-len(scored) - 4:]), flush=True)
            with open(out_md, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
