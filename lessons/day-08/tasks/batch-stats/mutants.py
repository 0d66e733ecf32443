"""Known-wrong batch statistics, each the shape of a classic bug."""

import numpy as np


def unbiased(X):
    """Divides the squared deviations by N − 1 (ddof=1)."""
    mean = X.mean(axis=0)
    return mean, ((X - mean) ** 2).sum(axis=0) / (X.shape[0] - 1)


def per_example(X):
    """Statistics of each row (axis=1) instead of each column."""
    mean = X.mean(axis=1, keepdims=True)
    return mean[:, 0], ((X - mean) ** 2).mean(axis=1)


def one_pass(X):
    """mean(x²) − mean(x)²: exact algebra, catastrophic cancellation in floats."""
    mean = X.mean(axis=0)
    return mean, (X**2).mean(axis=0) - mean**2


def std_not_var(X):
    """Returns the standard deviation where the variance is asked for."""
    mean = X.mean(axis=0)
    return mean, np.sqrt(((X - mean) ** 2).mean(axis=0))
