"""Known-wrong vectorised matrix products."""

import numpy as np


def elementwise(A, B):
    """Entry-by-entry product."""
    return np.asarray(A) * np.asarray(B)


def reversed_order(A, B):
    """BA instead of AB."""
    return np.asarray(B) @ np.asarray(A)


def transposed_result(A, B):
    """(AB)ᵀ."""
    if np.shape(A)[1] != np.shape(B)[0]:
        raise ValueError("inner sizes differ")
    return np.asarray(B).T @ np.asarray(A).T
