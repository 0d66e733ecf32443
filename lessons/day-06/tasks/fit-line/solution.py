import numpy as np


def fit_line(x, y):
    """Fit y ≈ m·x + c by least squares."""
    if np.ptp(x) == 0.0:  # max − min: all x equal means a vertical line
        raise ValueError("all x are equal: a vertical line has no slope")
    X = np.column_stack([x, np.ones_like(x)])  # [N×2]; the ones carry c
    (m, c), *_ = np.linalg.lstsq(X, y, rcond=None)
    return float(m), float(c)
