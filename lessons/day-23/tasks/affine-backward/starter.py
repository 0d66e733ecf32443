import numpy as np


def affine_backward(dout, cache):
    """Backward pass of the affine layer out = x_flat @ w + b.

    dout: ∂L/∂out, [N×M].
    cache: (x, w, b) from the forward pass; x is (N, d₁, ..., d_k), flattened to [N×D]
    in the forward pass; w is [D×M]; b is (M,).
    Returns (dx, dw, db) with the shapes of x, w and b.
    """
    x, w, b = cache
    # TODO
    return np.zeros_like(x), np.zeros_like(w), np.zeros_like(b)
