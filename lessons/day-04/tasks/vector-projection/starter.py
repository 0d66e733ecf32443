import numpy as np


def project(a, b):
    """The projection of a onto the line through b.

    a, b: 1-D float arrays of the same length D, shape (D,).
    Returns an array of shape (D,) that points along b.
    Raises ValueError when b is the zero vector.
    """
    # TODO: how many copies of b fit in a? Then that many copies of b.
    raise NotImplementedError("project is not written yet")
