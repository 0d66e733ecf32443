"""The reference for power-iteration: NumPy's eigen-solver, not an iteration."""

import numpy as np


def _sign_fixed(v):
    """Unit length, and the entry of largest magnitude positive."""
    v = v / np.linalg.norm(v)
    return v if v[np.argmax(np.abs(v))] > 0 else -v


def power_iteration(A, iters):
    """The eigenvalue of A largest in absolute value, and its unit eigenvector."""
    A = np.asarray(A, dtype=np.float64)
    values, vectors = np.linalg.eig(A)
    k = int(np.argmax(np.abs(values)))
    return float(values[k].real), _sign_fixed(vectors[:, k].real)
