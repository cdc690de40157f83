"""Writes scikit_learn_cv.json, the reference for CrossValidation (folds, per-fold scores, chosen C, refit).

Run from anywhere with Debian's python3-sklearn (1.2.1): /usr/bin/python3 scikit_learn_cv.py
The C# tests (CrossValidationTests) read the JSON; CI does not need Python.

The split is scikit-learn's own StratifiedKFold(n_splits=K, shuffle=False), which LogisticRegressionCV(cv=K) uses and
which CrossValidationOptions { ShuffleSeed = null } reproduces. newton-cholesky reaches the exact minimizer (lbfgs
stops on its relative-decrease test at about 1e-5 in probability, whatever tol is).
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.metrics import accuracy_score, log_loss
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

here = pathlib.Path(__file__).resolve().parent
data_dir = here / ".." / ".." / ".." / "data"
bc = np.loadtxt(data_dir / "breast_cancer.csv", delimiter=",", skiprows=1)
Xb, yb = bc[:, :-1], bc[:, -1]
Xh, yh = load_svmlight_file(str(data_dir / "heart_scale.libsvm"), n_features=13)
Xh, yh = Xh.toarray(), (yh > 0).astype(float)
TOL = 1e-12


def fold_of_row(y, k):
    folds = np.empty(len(y), dtype=int)
    for f, (_, test) in enumerate(StratifiedKFold(n_splits=k).split(np.zeros((len(y), 1)), y)):
        folds[test] = f
    return folds


def manual_cv(X, y, k, cs, sample_weight=None, class_weight=None, standardize=False):
    """The same cross-validation by hand: per-fold scaler and fit, held-out log-loss weighted by the sample weights."""
    sw = np.ones(len(y)) if sample_weight is None else sample_weight
    scores = np.empty((k, len(cs)))
    for f, (train, test) in enumerate(StratifiedKFold(n_splits=k).split(X, y)):
        Xtr, Xte = X[train], X[test]
        if standardize:
            scaler = StandardScaler().fit(Xtr)
            Xtr, Xte = scaler.transform(Xtr), scaler.transform(Xte)
        for c, C in enumerate(cs):
            model = LogisticRegression(C=C, class_weight=class_weight, tol=TOL, max_iter=1000, solver="newton-cholesky")
            model.fit(Xtr, y[train], sample_weight=sw[train])
            scores[f, c] = log_loss(y[test], model.predict_proba(Xte)[:, 1], sample_weight=sw[test])
    return scores


reference = {"sklearn": sklearn.__version__}
reference["heartFoldsK5"] = fold_of_row(yh, 5).tolist()
reference["breastCancerFoldsK3"] = fold_of_row(yb, 3).tolist()
# Row 0 of both data sets is class 1, which StratifiedKFold therefore sorts first; with these K that changes the counts.
reference["breastCancerFoldsK5"] = fold_of_row(yb, 5).tolist()
reference["heartFoldsK7"] = fold_of_row(yh, 7).tolist()

# Heart (features already in [-1, 1]), unweighted: LogisticRegressionCV itself, with log-loss and with accuracy.
cs = [1e-3, 1e-2, 0.1, 1.0, 10.0, 100.0]
by_loss = LogisticRegressionCV(Cs=cs, cv=5, scoring="neg_log_loss", solver="newton-cholesky", tol=TOL, max_iter=1000).fit(Xh, yh)
by_accuracy = LogisticRegressionCV(Cs=cs, cv=5, solver="newton-cholesky", tol=TOL, max_iter=1000).fit(Xh, yh)
loss_scores = -by_loss.scores_[1.0]
assert np.allclose(loss_scores, manual_cv(Xh, yh, 5, cs), rtol=0, atol=1e-9), "the by-hand loop differs from LogisticRegressionCV"
reference["heart"] = {
    "Cs": cs,
    "folds": 5,
    "logLossScores": loss_scores.tolist(),
    "logLossChosenC": float(by_loss.C_[0]),
    "refitWeights": by_loss.coef_.ravel().tolist(),
    "refitIntercept": float(by_loss.intercept_[0]),
    "accuracyScores": by_accuracy.scores_[1.0].tolist(),
    "accuracyChosenC": float(by_accuracy.C_[0]),
}

# Heart with sample weights and balanced class weights (resolved on all rows, as LogisticRegressionCV does);
# held-out log-loss weighted by the sample weights (scikit-learn 1.2's scorer would ignore them).
i = np.arange(len(yh))
sw = ((i * 7) % 11) / 4.0 + 0.25
counts = np.bincount(yh.astype(int))
class_weight = {0: len(yh) / (2 * counts[0]), 1: len(yh) / (2 * counts[1])}
reference["heartWeighted"] = {
    "Cs": cs,
    "folds": 5,
    "sampleWeights": "((i * 7) % 11) / 4 + 0.25 for row i",
    "classWeight": "balanced",
    "logLossScores": manual_cv(Xh, yh, 5, cs, sample_weight=sw, class_weight=class_weight).tolist(),
}

# Breast cancer, raw features standardized inside each fold (a StandardScaler fitted to the training rows).
cs_bc = [1e-2, 0.1, 1.0, 10.0]
reference["breastCancerStandardized"] = {
    "Cs": cs_bc,
    "folds": 3,
    "logLossScores": manual_cv(Xb, yb, 3, cs_bc, standardize=True).tolist(),
}

(here / "scikit_learn_cv.json").write_text(json.dumps(reference, indent=1) + "\n")
