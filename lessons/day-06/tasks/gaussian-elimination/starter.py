import numpy as np


def solve(A, b):
    """Solve A x = b by Gaussian elimination with partial pivoting.

    A: [n×n] float array. b: shape (n,).
    Returns x, shape (n,), with A @ x equal to b up to rounding.
    Raises np.linalg.LinAlgError when A is singular (a pivot is 0).
    Do not change A or b: work on copies.
    """
    # TODO: forward elimination with row swaps, then back substitution.
    raise NotImplementedError("solve is not written yet")
