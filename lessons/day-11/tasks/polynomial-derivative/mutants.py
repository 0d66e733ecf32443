"""Known-wrong polynomial derivatives, each the shape of a classic bug."""

import numpy as np


def shift_only(c):
    """Drops the constant but forgets to multiply by the power."""
    c = np.asarray(c, dtype=np.float64)
    return np.zeros(1) if c.size == 1 else c[1:].copy()


def keeps_length(c):
    """Multiplies by the powers but keeps a slot for the constant: [0, c1, 2c2, ...]."""
    c = np.asarray(c, dtype=np.float64)
    return np.arange(c.size) * c


def lowered_power(c):
    """Multiplies by the new power k − 1 instead of the old power k."""
    c = np.asarray(c, dtype=np.float64)
    return np.zeros(1) if c.size == 1 else np.arange(c.size - 1) * c[1:]


def highest_first(c):
    """Reads c highest power first, as np.polyder does."""
    c = np.asarray(c, dtype=np.float64)
    n = c.size - 1
    return np.zeros(1) if n == 0 else np.arange(n, 0, -1) * c[:-1]


def constant_empty(c):
    """Right for every polynomial except a constant, where it returns an empty array."""
    c = np.asarray(c, dtype=np.float64)
    return np.arange(1, c.size) * c[1:]
