"""Writes wine_binary.csv and iris_binary.csv: scikit-learn's wine (178 x 13, label 1 for cultivar 0) and iris
(150 x 4, label 1 for versicolor, the class that is not linearly separable from the other two).

Run: /usr/bin/python3 tests/LogReg.Simd.Tests/TestData/wine_iris_binary.py (needs python3-sklearn; the data ship with it).
The Newton tests fit them raw and standardized, C from 1e-4 to 1e4, against the exact optimum.
"""
import os
from sklearn.datasets import load_iris, load_wine

here = os.path.dirname(os.path.abspath(__file__))
for name, data, positive in (("wine", load_wine(), 0), ("iris", load_iris(), 1)):
    with open(os.path.join(here, f"{name}_binary.csv"), "w") as f:
        f.write(",".join(n.replace(" ", "_").replace("/", "_").replace("(", "").replace(")", "") for n in data.feature_names) + ",label\n")
        for row, target in zip(data.data, data.target):
            f.write(",".join(repr(float(v)) for v in row) + f",{int(target == positive)}\n")
