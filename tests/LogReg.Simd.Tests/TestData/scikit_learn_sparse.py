"""Writes scikit_learn_sparse.json, the reference for training on sparse (CSR) data.

Run from anywhere with Debian's python3-sklearn: /usr/bin/python3 scikit_learn_sparse.py
The C# tests (SparseTrainingTests.*_AgreesWithScikitLearn) read the JSON; CI does not need Python.

The data: 240 rows x 30 columns, about 20% stored, columns scaled by 0.05 to 20 so that standardization matters,
labels drawn from a logistic model. Two fits at the exact optimum (newton-cholesky, tol 1e-12) on the scipy CSR
matrix: raw, and after StandardScaler(with_mean=False) (scaling without centering, as the C# sparse path does).
"""
import json
import pathlib

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

here = pathlib.Path(__file__).resolve().parent
rng = np.random.default_rng(20261129)
m, n = 240, 30
dense = rng.uniform(-1, 1, size=(m, n)) * (rng.uniform(0, 1, size=(m, n)) < 0.2)
dense *= np.geomspace(0.05, 20, n)
truth = rng.normal(size=n) / np.geomspace(0.05, 20, n)
p = 1 / (1 + np.exp(-(dense @ truth + 0.3)))
y = (rng.uniform(size=m) < p).astype(float)
X = sp.csr_matrix(dense)
X.sort_indices()

C = 0.7
raw = LogisticRegression(C=C, tol=1e-12, max_iter=10000, solver="newton-cholesky").fit(X, y)
scaler = StandardScaler(with_mean=False).fit(X)
scaled = LogisticRegression(C=C, tol=1e-12, max_iter=10000, solver="newton-cholesky").fit(scaler.transform(X), y)

reference = {
    "sklearn": sklearn.__version__,
    "columns": n,
    "rowOffsets": X.indptr.tolist(),
    "columnIndices": X.indices.tolist(),
    "values": X.data.tolist(),
    "y": y.tolist(),
    "C": C,
    "raw": {"weights": raw.coef_.ravel().tolist(), "intercept": float(raw.intercept_[0])},
    "withMeanFalse": {
        "scales": scaler.scale_.tolist(),
        "weights": scaled.coef_.ravel().tolist(),
        "intercept": float(scaled.intercept_[0]),
    },
}
(here / "scikit_learn_sparse.json").write_text(json.dumps(reference, indent=1) + "\n")
