import numpy as np


def power_iteration(A, iters):
    """The dominant eigenvalue of A and its eigenvector, by power iteration."""
    v = np.ones(A.shape[0])
    for _ in range(iters):
        w = A @ v
        v = w / np.linalg.norm(w)  # rescale, or |λ|^k overflows or underflows
    lam = v @ A @ v  # Rayleigh quotient of a unit vector: keeps λ's sign
    if v[np.argmax(np.abs(v))] < 0:  # −v is an eigenvector too: pick one
        v = -v
    return float(lam), v
