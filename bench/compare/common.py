"""Shared helpers: data loading, step inputs and the ONE objective evaluator (float64)."""
import numpy as np


def load(data_dir, m, n):
    x = np.fromfile(f"{data_dir}/x_{m}x{n}.f32", dtype="<f4").reshape(m, n)
    y = np.fromfile(f"{data_dir}/y_{m}x{n}.f32", dtype="<f4")
    return x, y


def step_weights(n):
    """The w and b at which every system evaluates the gradient step (same for all)."""
    w = (0.01 * ((np.arange(n) % 7) - 3)).astype(np.float32)
    return w, np.float32(0.1)


def objective(x, y, w, b, c=1.0):
    """J(w,b) = mean_i[log(1+e^{z_i}) - y_i z_i] + (lambda/2)||w||^2, lambda = 1/(C m), in float64."""
    m = x.shape[0]
    w = np.asarray(w, dtype=np.float64)
    z = x.astype(np.float64) @ w + float(b)
    loss = np.maximum(z, 0.0) - y.astype(np.float64) * z + np.log1p(np.exp(-np.abs(z)))
    lam = 1.0 / (c * m)
    return float(loss.mean() + 0.5 * lam * (w @ w))


def gradient_max(x, y, w, b, c=1.0):
    """max |dJ/dtheta| at (w, b), float64: how far from the optimum a solution stopped."""
    m = x.shape[0]
    w = np.asarray(w, dtype=np.float64)
    xd = x.astype(np.float64)
    z = xd @ w + float(b)
    r = 1.0 / (1.0 + np.exp(-z)) - y.astype(np.float64)
    gw = xd.T @ r / m + w / (c * m)
    return float(max(np.abs(gw).max(), abs(r.mean())))
