import numpy as np


def gradient_descent(grad, x0, lr=0.1, steps=100):
    """Walk downhill from x0: x ← x − lr·grad(x), `steps` times; return the path."""
    x = np.array(x0, dtype=float)
    path = [x.copy()]
    for _ in range(steps):
        x = x - lr * grad(x)  # against the slope: downhill
        path.append(x.copy())
    return np.array(path)
