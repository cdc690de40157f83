"""Writes digits_binary.csv: scikit-learn's digits (1797 x 64, pixel counts 0-16), label 1 for digits >= 5.

Run: /usr/bin/python3 tests/LogReg.Simd.Tests/TestData/digits_binary.py (needs python3-sklearn). The Newton tests fit it raw
(unstandardized) at C = 1e4, the badly conditioned case where L-BFGS stalls.
"""
import os
from sklearn.datasets import load_digits

digits = load_digits()
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "digits_binary.csv")
with open(path, "w") as f:
    f.write(",".join(f"pixel_{j}" for j in range(64)) + ",label\n")
    for row, target in zip(digits.data, digits.target):
        f.write(",".join(str(int(v)) for v in row) + f",{int(target >= 5)}\n")
