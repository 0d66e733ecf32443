import numpy as np


def matmul(A, B):
    """The matrix product C = AB, with C[i, j] = Σₖ A[i, k] B[k, j]."""
    n, k = A.shape
    if B.shape[0] != k:
        raise ValueError(f"inner sizes differ: A is {A.shape}, B is {B.shape}")
    m = B.shape[1]
    C = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            total = 0.0
            for t in range(k):
                total += A[i, t] * B[t, j]
            C[i, j] = total
    return C
