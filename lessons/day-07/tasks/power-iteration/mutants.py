"""Known-wrong power iterations, each the shape of a classic bug."""

import numpy as np


def _fix(v):
    return v if v[np.argmax(np.abs(v))] > 0 else -v


def no_normalising(A, iters):
    """Multiplies by A without rescaling: overflows when |λ| > 1."""
    v = np.ones(A.shape[0])
    with np.errstate(all="ignore"):
        for _ in range(iters):
            v = A @ v
        lam = (v @ A @ v) / (v @ v)
        return float(lam), _fix(v / np.linalg.norm(v))


def norm_as_eigenvalue(A, iters):
    """Takes ‖A v‖ as the eigenvalue: loses its sign."""
    v = np.ones(A.shape[0]) / np.sqrt(A.shape[0])
    for _ in range(iters):
        w = A @ v
        v = w / np.linalg.norm(w)
    return float(np.linalg.norm(A @ v)), _fix(v)


def sign_not_fixed(A, iters):
    """Right, but returns v with whatever sign the last step left."""
    v = np.ones(A.shape[0]) / np.sqrt(A.shape[0])
    for _ in range(iters):
        w = A @ v
        v = w / np.linalg.norm(w)
    return float(v @ A @ v), v


def one_step(A, iters):
    """A single multiplication instead of iters of them."""
    v = np.ones(A.shape[0]) / np.sqrt(A.shape[0])
    w = A @ v
    v = w / np.linalg.norm(w)
    return float(v @ A @ v), _fix(v)
