"""Known-wrong numerical gradients, each the shape of a classic bug."""

import numpy as np


def no_restore(f, x, h=1e-5):
    """Leaves every entry at old − h after its two nudges."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        f_plus = f(x)
        flat[i] = old - h
        f_minus = f(x)
        gflat[i] = (f_plus - f_minus) / (2 * h)
    return grad


def divides_by_h(f, x, h=1e-5):
    """Central difference divided by h instead of 2h: twice the slope."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        f_plus = f(x)
        flat[i] = old - h
        f_minus = f(x)
        flat[i] = old
        gflat[i] = (f_plus - f_minus) / h
    return grad


def nudges_everything(f, x, h=1e-5):
    """Adds h to every entry at once: the same number in every slot."""
    x = np.array(x, dtype=np.float64)
    slope = (f(x + h) - f(x - h)) / (2 * h)
    return np.full_like(x, slope)


def integer_nudges(f, x, h=1e-5):
    """Nudges a copy that keeps x's dtype: an integer array cannot hold x ± h."""
    x = np.array(x)
    grad = np.zeros(x.shape)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        f_plus = f(x)
        flat[i] = old - h
        f_minus = f(x)
        flat[i] = old
        gflat[i] = (f_plus - f_minus) / (2 * h)
    return grad
