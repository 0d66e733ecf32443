"""The reference for vector-projection (NumPy)."""

import numpy as np


def project(a, b):
    """The projection of a onto the line through b: ((a · b) / (b · b)) b."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    bb = b @ b
    if bb == 0.0:
        raise ValueError("cannot project onto the zero vector")
    return (a @ b) / bb * b
