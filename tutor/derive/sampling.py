"""Draw values of a problem's variables from their domains, honouring their constraints."""

from __future__ import annotations

import numpy as np

from tutor.derive.problem import Variable


def sample(var: Variable, rng: np.random.Generator) -> np.ndarray:
    """Draw one value of ``var`` that satisfies its constraint."""
    shape = var.shape
    if var.constraint in ("onehot", "simplex"):
        rows, cols = shape
        axis = 0 if cols == 1 else 1
        n = shape[axis]
        count = cols if axis == 0 else rows
        if var.constraint == "onehot":
            blocks = np.eye(n)[rng.integers(0, n, size=count)]
        else:
            blocks = rng.uniform(0.1, 1.0, size=(count, n))
            blocks /= blocks.sum(axis=1, keepdims=True)
        return blocks.T.copy() if axis == 0 else blocks
    if var.constraint == "binary":
        return rng.integers(0, 2, size=shape).astype(np.float64)
    if var.constraint == "pm1":
        return rng.choice([-1.0, 1.0], size=shape)
    return np.asarray(rng.uniform(var.low, var.high, size=shape), dtype=np.float64)
