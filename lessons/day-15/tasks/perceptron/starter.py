import numpy as np


def perceptron_train(X, y, lr=1.0, epochs=10):
    """Train a perceptron with Rosenblatt's rule.

    X: [N×D] inputs; y: (N,) labels, each 0 or 1.
    Start from w = 0 (D zeros) and b = 0; visit the rows in order, `epochs` times.
    Returns (w, b): w an array of shape (D,), b a float.
    """
    w = np.zeros(X.shape[1])
    b = 0.0
    # TODO: for each row, predict 1 if x·w + b > 0 else 0, and fix w and b on a mistake.
    return w, b
