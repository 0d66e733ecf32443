"""Known-wrong perceptron trainers."""

import numpy as np


def updates_every_row(X, y, lr=1.0, epochs=10):
    """Moves on every row, not only on mistakes."""
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(epochs):
        for xi, yi in zip(X, y):
            w = w + lr * yi * xi
            b = b + lr * yi
    return w, b


def wrong_sign(X, y, lr=1.0, epochs=10):
    """Subtracts the correction."""
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(epochs):
        for xi, yi in zip(X, y):
            y_hat = 1 if xi @ w + b > 0 else 0
            w = w - lr * (yi - y_hat) * xi
            b = b - lr * (yi - y_hat)
    return w, b
