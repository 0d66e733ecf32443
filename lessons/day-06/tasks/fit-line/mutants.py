"""Known-wrong line fits, each the shape of a classic bug."""

import numpy as np


def _check(x):
    if np.ptp(x) == 0.0:
        raise ValueError("all x are equal")


def no_intercept(x, y):
    """A line through the origin: X has no column of ones."""
    _check(x)
    (m,), *_ = np.linalg.lstsq(x[:, None], y, rcond=None)
    return float(m), 0.0


def swapped(x, y):
    """(intercept, slope) instead of (slope, intercept)."""
    _check(x)
    X = np.column_stack([x, np.ones_like(x)])
    (m, c), *_ = np.linalg.lstsq(X, y, rcond=None)
    return float(c), float(m)


def x_on_y(x, y):
    """Fits x ≈ a·y + d and solves it for y."""
    _check(x)
    Y = np.column_stack([y, np.ones_like(y)])
    (a, d), *_ = np.linalg.lstsq(Y, x, rcond=None)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(1.0 / a), float(-d / a)


def no_vertical_check(x, y):
    """Right fit, but no error when all x are equal (lstsq's minimum-norm answer)."""
    X = np.column_stack([x, np.ones_like(x)])
    (m, c), *_ = np.linalg.lstsq(X, y, rcond=None)
    return float(m), float(c)
