"""Known-wrong gradient descents."""

import numpy as np


def without_start(grad, x0, lr=0.1, steps=100):
    """Forgets to record x0."""
    x = np.array(x0, dtype=float)
    path = []
    for _ in range(steps):
        x = x - lr * grad(x)
        path.append(x.copy())
    return np.array(path)


def final_only(grad, x0, lr=0.1, steps=100):
    """Returns the last point only."""
    x = np.array(x0, dtype=float)
    for _ in range(steps):
        x = x - lr * grad(x)
    return x


def hard_coded(grad, x0, lr=0.1, steps=100):
    """Uses 2x whatever the function."""
    x = np.array(x0, dtype=float)
    path = [x.copy()]
    for _ in range(steps):
        x = x - lr * 2 * x
        path.append(x.copy())
    return np.array(path)
