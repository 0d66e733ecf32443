import numpy as np


def fit_line(x, y):
    """Fit y ≈ m·x + c by least squares.

    x, y: shape (N,), N ≥ 2.
    Returns (m, c), the slope and the intercept, as Python floats.
    Raises ValueError when all x are equal (no line y = m·x + c fits).
    """
    # TODO: a design matrix [N×2] with columns x and 1, then least squares.
    raise NotImplementedError("fit_line is not written yet")
