"""One scikit-learn fit on a generated sparse set (scipy CSR, float64 as scikit-learn converts it), single thread.

Usage: sklearn_sparse_fit.py PREFIX SOLVER C TOL OUT_WEIGHTS; prints one JSON line: fit seconds, iterations, the CSR
bytes and the process's peak resident memory (ru_maxrss), and writes w (float64) to OUT_WEIGHTS.
"""
import json
import resource
import sys
import time

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression


def load(prefix):
    with open(prefix + ".json", encoding="utf-8") as f:
        shape = json.load(f)
    indptr = np.fromfile(prefix + ".indptr.i32", dtype="<i4")
    indices = np.fromfile(prefix + ".indices.i32", dtype="<i4")
    data = np.fromfile(prefix + ".data.f32", dtype="<f4")
    y = np.fromfile(prefix + ".y.f32", dtype="<f4")
    return sp.csr_matrix((data, indices, indptr), shape=(shape["rows"], shape["columns"])), y


def main():
    prefix, solver, c, tol, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    x, y = load(prefix)
    x = x.astype(np.float64)
    csr_bytes = x.data.nbytes + x.indices.nbytes + x.indptr.nbytes
    model = LogisticRegression(C=c, solver=solver, tol=tol, max_iter=2000, fit_intercept=False)
    start = time.perf_counter()
    model.fit(x, y)
    seconds = time.perf_counter() - start
    model.coef_.ravel().astype("<f8").tofile(out)
    print(json.dumps({"fit_s": seconds, "iterations": int(np.max(model.n_iter_)), "csr_bytes": int(csr_bytes),
                      "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))


if __name__ == "__main__":
    main()
