import numpy as np


def solve(A, b):
    """Solve A x = b by Gaussian elimination with partial pivoting."""
    A = np.array(A, dtype=np.float64)  # copies: the caller's arrays stay as they were
    b = np.array(b, dtype=np.float64)
    n = len(b)
    for k in range(n):
        # The largest entry in column k (rows k..n-1) becomes the pivot: dividing
        # by a big number keeps the multipliers at most 1 and the rounding small.
        p = k + int(np.argmax(np.abs(A[k:, k])))
        if A[p, k] == 0.0:
            raise np.linalg.LinAlgError("singular matrix: no pivot in column %d" % k)
        A[[k, p]] = A[[p, k]]
        b[[k, p]] = b[[p, k]]
        for i in range(k + 1, n):
            m = A[i, k] / A[k, k]
            A[i, k:] -= m * A[k, k:]
            b[i] -= m * b[k]
    x = np.zeros(n)
    for i in range(n - 1, -1, -1):  # back substitution: the last unknown first
        x[i] = (b[i] - A[i, i + 1:] @ x[i + 1:]) / A[i, i]
    return x
