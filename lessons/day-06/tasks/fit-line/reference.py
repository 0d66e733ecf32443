"""The reference for fit-line (NumPy)."""

import numpy as np


def fit_line(x, y):
    """Least-squares (slope, intercept) of the line y ≈ m·x + c."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if np.ptp(x) == 0.0:
        raise ValueError("all x are equal: a vertical line has no slope")
    X = np.column_stack([x, np.ones_like(x)])
    (m, c), *_ = np.linalg.lstsq(X, y, rcond=None)
    return float(m), float(c)
