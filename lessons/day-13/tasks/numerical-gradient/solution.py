import numpy as np


def numerical_gradient(f, x, h=1e-5):
    """Central-difference gradient of a scalar function f at x, any shape."""
    x = np.array(x, dtype=np.float64)  # a float copy: ints can hold x ± h, the caller's x is safe
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)  # views: writing flat[i] writes x
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        f_plus = f(x)
        flat[i] = old - h
        f_minus = f(x)
        flat[i] = old  # undo the nudge before moving on
        gflat[i] = (f_plus - f_minus) / (2 * h)
    return grad
