"""Writes scikit_learn_balanced.json, the reference for ClassWeight.Balanced with non-uniform sample weights.

Run from anywhere with Debian's python3-sklearn (1.2.1): /usr/bin/python3 scikit_learn_balanced.py
The C# test (LogisticRegressionTrainerTests.Balanced_WithSampleWeights_AgreesWithScikitLearn) reads the JSON;
CI does not need Python.

scikit-learn's class_weight='balanced' weighs class c by n_samples / (n_classes * bincount(y)[c]): class COUNTS,
rows of sample weight 0 included, whatever the sample weights; the sample weights are then multiplied by it.
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

here = pathlib.Path(__file__).resolve().parent
data = np.loadtxt(here / ".." / ".." / ".." / "data" / "breast_cancer.csv", delimiter=",", skiprows=1)
X, y = data[:, :-1], data[:, -1]

# The same formula in the C# test: 0, 0.25, ..., 2.5, one row in 11 weighted 0.
i = np.arange(len(y))
sample_weight = ((i * 7) % 11) / 4.0

C = 0.5
model = LogisticRegression(C=C, class_weight="balanced", tol=1e-12, max_iter=10000, solver="newton-cholesky")
model.fit(StandardScaler().fit_transform(X), y, sample_weight=sample_weight)

reference = {
    "sklearn": sklearn.__version__,
    "data": "breast_cancer.csv, standardized (population mean and deviation)",
    "sampleWeights": "((i * 7) % 11) / 4 for row i",
    "C": C,
    "classWeights": dict(zip(["0", "1"], (len(y) / (2 * np.bincount(y.astype(int)))).tolist())),
    "weights": model.coef_.ravel().tolist(),
    "intercept": float(model.intercept_[0]),
}
(here / "scikit_learn_balanced.json").write_text(json.dumps(reference, indent=2) + "\n")
