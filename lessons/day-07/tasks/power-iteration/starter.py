import numpy as np


def power_iteration(A, iters):
    """The dominant eigenvalue of A and its eigenvector, by power iteration.

    A: [n×n] float array whose eigenvalue of largest absolute value is real
    and larger (in absolute value) than all the others. iters: the number
    of steps, enough to converge.
    Returns (lam, v): lam a Python float; v shape (n,), unit length, with
    its entry of largest absolute value positive, and A @ v ≈ lam * v.
    """
    # TODO: multiply and rescale iters times; then lam, then fix v's sign.
    raise NotImplementedError("power_iteration is not written yet")
