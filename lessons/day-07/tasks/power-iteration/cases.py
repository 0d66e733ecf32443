"""Inputs for power-iteration: matrices whose largest eigenvalue (in absolute value) stands out.

Each matrix is built from chosen eigenvalues, so the ratio |λ₂/λ₁| (how fast power
iteration converges) is known: at most 0.6 here, so 200 steps shrink the error by 0.6²⁰⁰.
"""

import numpy as np


def _orthogonal(rng, n):
    q, r = np.linalg.qr(rng.normal(size=(n, n)))
    return q * np.sign(np.diag(r))


def symmetric(rng, dims):
    """A symmetric [n×n] matrix Q diag(λ) Qᵀ with a dominant eigenvalue of either sign."""
    n = dims["n"]
    top = rng.uniform(2.0, 10.0) * rng.choice([-1.0, 1.0])
    rest = rng.uniform(-0.6, 0.6, size=n - 1) * abs(top)
    q = _orthogonal(rng, n)
    A = q @ np.diag(np.concatenate([[top], rest])) @ q.T
    return {"args": [(A + A.T) / 2, 200], "names": ["A", "iters"]}


def not_symmetric(rng, dims):
    """A non-symmetric [n×n] matrix V diag(λ) V⁻¹ with real eigenvalues and a dominant one."""
    n = dims["n"]
    top = rng.uniform(2.0, 10.0)
    rest = rng.uniform(-0.5, 0.5, size=n - 1) * top
    V = rng.normal(size=(n, n)) + 2.0 * np.eye(n)
    A = V @ np.diag(np.concatenate([[top], rest])) @ np.linalg.inv(V)
    return {"args": [A, 300], "names": ["A", "iters"]}
