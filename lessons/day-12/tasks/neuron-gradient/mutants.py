"""Known-wrong neuron gradients, each the shape of a classic chain-rule bug."""

import numpy as np


def _forward(w, b, x, y):
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    a = 1.0 / (1.0 + np.exp(-(w * x + b)))
    return x, y, a, float(np.mean((a - y) ** 2))


def no_sigmoid_derivative(w, b, x, y):
    """Skips the σ node: dz = dL/da."""
    x, y, a, loss = _forward(w, b, x, y)
    dz = 2 * (a - y) / x.size
    return loss, float(np.sum(dz * x)), float(np.sum(dz))


def sigmoid_of_a(w, b, x, y):
    """Uses σ(a) for σ′ instead of a(1 − a)."""
    x, y, a, loss = _forward(w, b, x, y)
    dz = 2 * (a - y) / x.size / (1 + np.exp(-a))
    return loss, float(np.sum(dz * x)), float(np.sum(dz))


def missing_two(w, b, x, y):
    """Forgets the 2 from the square."""
    x, y, a, loss = _forward(w, b, x, y)
    dz = (a - y) * a * (1 - a) / x.size
    return loss, float(np.sum(dz * x)), float(np.sum(dz))


def dw_without_x(w, b, x, y):
    """Forgets ∂z/∂w = x: dw comes out equal to db."""
    x, y, a, loss = _forward(w, b, x, y)
    dz = 2 * (a - y) * a * (1 - a) / x.size
    return loss, float(np.sum(dz)), float(np.sum(dz))


def dw_times_w(w, b, x, y):
    """Multiplies by w instead of x: ∂z/∂w is x, ∂z/∂x is w."""
    x, y, a, loss = _forward(w, b, x, y)
    dz = 2 * (a - y) * a * (1 - a) / x.size
    return loss, float(np.sum(dz * w)), float(np.sum(dz))


def summed_gradient(w, b, x, y):
    """Gradients of the sum, not the mean: N times too large."""
    x, y, a, loss = _forward(w, b, x, y)
    dz = 2 * (a - y) * a * (1 - a)
    return loss, float(np.sum(dz * x)), float(np.sum(dz))
