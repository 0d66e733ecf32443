import numpy as np


def angle(a, b):
    """The angle between vectors a and b, in radians, from 0 to π.

    a, b: 1-D float arrays of the same length D, shape (D,).
    Raises ValueError when a or b is the zero vector.
    """
    # TODO: cosine = dot product / (both lengths), then arccos, safely.
    raise NotImplementedError("angle is not written yet")
