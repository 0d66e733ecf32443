import numpy as np


def perceptron_train(X, y, lr=1.0, epochs=10):
    """Train a perceptron with Rosenblatt's rule; returns (w, b)."""
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(epochs):
        for xi, yi in zip(X, y):
            y_hat = 1 if xi @ w + b > 0 else 0
            error = yi - y_hat  # 0 when right: only mistakes move the boundary
            w = w + lr * error * xi
            b = b + lr * error
    return w, b
