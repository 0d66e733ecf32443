import numpy as np


def affine_backward(dout, cache):
    """Backward pass of out = x_flat @ w + b: returns (dx, dw, db)."""
    x, w, b = cache
    n = x.shape[0]
    dx = (dout @ w.T).reshape(x.shape)  # back to x's own shape
    dw = x.reshape(n, -1).T @ dout  # [D×N] @ [N×M] = [D×M], like w
    db = np.sum(dout, axis=0)  # b was added to every row, so its gradients add up
    return dx, dw, db
