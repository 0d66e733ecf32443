import numpy as np


def batch_stats(X):
    """Mean and variance of each feature (column) of a batch X [N×D]."""
    N = X.shape[0]
    # axis=0 runs down the rows: one number per feature, shape (D,).
    mean = X.sum(axis=0) / N
    # Subtract first, then square: mean(x²) − mean(x)² loses its digits
    # to rounding when the values are large and the spread is small.
    var = ((X - mean) ** 2).sum(axis=0) / N  # divide by N: ddof=0
    return mean, var
