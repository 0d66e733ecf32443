"""The reference for vector-angle (NumPy)."""

import numpy as np


def angle(a, b):
    """The angle between vectors a and b, in radians, in [0, π]."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na == 0.0 or nb == 0.0:
        raise ValueError("a zero vector has no direction, so no angle")
    cos = (a @ b) / (na * nb)
    # Rounding can push |cos| a hair past 1 for (anti)parallel vectors; arccos would give nan.
    return float(np.arccos(np.clip(cos, -1.0, 1.0)))
