import numpy as np


def angle(a, b):
    """The angle between vectors a and b, in radians, from 0 to π."""
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na == 0.0 or nb == 0.0:
        raise ValueError("a zero vector has no direction, so no angle")
    cos = (a @ b) / (na * nb)
    # Rounding can give 1.0000000000000002 for parallel vectors: clip before arccos.
    return float(np.arccos(np.clip(cos, -1.0, 1.0)))
