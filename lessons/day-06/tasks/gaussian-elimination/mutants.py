"""Known-wrong eliminations, each the shape of a classic bug."""

import numpy as np


def _back(A, b):
    n = len(b)
    x = np.zeros(n)
    for i in range(n - 1, -1, -1):
        x[i] = (b[i] - A[i, i + 1:] @ x[i + 1:]) / A[i, i]
    return x


def _eliminate(A, b, pivot="largest", swap_b=True, update_b=True, check=True):
    A, b = np.array(A, dtype=np.float64), np.array(b, dtype=np.float64)
    n = len(b)
    with np.errstate(all="ignore"):
        for k in range(n):
            if pivot == "largest" or (pivot == "zero" and A[k, k] == 0.0):
                p = k + int(np.argmax(np.abs(A[k:, k])))
                A[[k, p]] = A[[p, k]]
                if swap_b:
                    b[[k, p]] = b[[p, k]]
            if check and A[k, k] == 0.0:
                raise np.linalg.LinAlgError("Singular matrix")
            for i in range(k + 1, n):
                m = A[i, k] / A[k, k]
                A[i, k:] -= m * A[k, k:]
                if update_b:
                    b[i] -= m * b[k]
        return _back(A, b)


def no_pivoting(A, b):
    """Never swaps rows."""
    return _eliminate(A, b, pivot="never", check=False)


def pivot_only_on_zero(A, b):
    """Swaps only when the pivot is exactly 0."""
    return _eliminate(A, b, pivot="zero")


def b_not_swapped(A, b):
    """Swaps the rows of A but not the entries of b."""
    return _eliminate(A, b, swap_b=False)


def b_not_eliminated(A, b):
    """Row operations on A only."""
    return _eliminate(A, b, update_b=False)


def no_singular_check(A, b):
    """Right, but divides by a zero pivot instead of raising."""
    return _eliminate(A, b, check=False)
