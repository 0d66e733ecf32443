"""Known-wrong matrix products with loops."""

import numpy as np


def no_size_check(A, B):
    """Loops over A's columns without checking B has as many rows."""
    n, k = A.shape
    m = B.shape[1]
    C = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            total = 0.0
            for t in range(k):
                total += A[i, t] * B[t, j]
            C[i, j] = total
    return C


def total_not_reset(A, B):
    """The running total carries over from one entry to the next."""
    if A.shape[1] != B.shape[0]:
        raise ValueError("inner sizes differ")
    n, k = A.shape
    m = B.shape[1]
    C = np.zeros((n, m))
    total = 0.0
    for i in range(n):
        for j in range(m):
            for t in range(k):
                total += A[i, t] * B[t, j]
            C[i, j] = total
    return C


def transposed_result(A, B):
    """Fills C[j, i] instead of C[i, j]."""
    if A.shape[1] != B.shape[0]:
        raise ValueError("inner sizes differ")
    n, k = A.shape
    m = B.shape[1]
    C = np.zeros((m, n))
    for i in range(n):
        for j in range(m):
            total = 0.0
            for t in range(k):
                total += A[i, t] * B[t, j]
            C[j, i] = total
    return C
