import numpy as np


def batch_stats(X):
    """Mean and variance of each feature (column) of a batch.

    X: [N×D], N examples (rows) of D features (columns).
    Returns (mean, var), two arrays of shape (D,): each column's mean,
    and its variance, the mean squared deviation (divide by N).
    """
    # TODO: reduce over the batch axis; subtract the mean before squaring.
    raise NotImplementedError("batch_stats is not written yet")
