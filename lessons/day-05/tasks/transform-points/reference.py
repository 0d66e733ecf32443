"""The reference for transform-points (NumPy)."""

import numpy as np


def transform_points(P, A):
    """Row n of the result is A @ P[n]: the map x ↦ A x applied to every row of P."""
    return np.asarray(P, dtype=np.float64) @ np.asarray(A, dtype=np.float64).T
