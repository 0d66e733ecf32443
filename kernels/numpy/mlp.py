"""A two-layer network, affine → ReLU → affine → softmax, built from the layers.

params holds W1 [D×H], b1 (H,), W2 [H×C], b2 (C,).
"""

from __future__ import annotations

import numpy as np

from .activations import relu_backward, relu_forward
from .layers import affine_backward, affine_forward
from .losses import softmax_loss


def two_layer_forward(params: dict, X):
    """Scores of the two-layer net: relu(X @ W1 + b1) @ W2 + b2.

    Returns (scores [N×C], cache).
    """
    h, cache1 = affine_forward(X, params["W1"], params["b1"])
    a, cache_relu = relu_forward(h)
    scores, cache2 = affine_forward(a, params["W2"], params["b2"])
    return scores, (cache1, cache_relu, cache2)


def two_layer_backward(dscores, cache):
    """Backpropagate dscores through the net: returns grads {W1, b1, W2, b2} (no regularisation)."""
    cache1, cache_relu, cache2 = cache
    da, dW2, db2 = affine_backward(dscores, cache2)
    dh = relu_backward(da, cache_relu)
    _, dW1, db1 = affine_backward(dh, cache1)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def two_layer_loss(params: dict, X, y, reg: float = 0.0):
    """Softmax loss of the two-layer net plus L2 regularisation, and its gradients.

    loss = softmax loss + 0.5·reg·(ΣW1² + ΣW2²), so the weight gradients gain
    reg·W (the 0.5 cancels the 2 from the square). Biases are not regularised.
    Returns (loss, grads) with grads keyed like params.
    """
    scores, cache = two_layer_forward(params, X)
    data_loss, dscores = softmax_loss(scores, y)
    W1, W2 = params["W1"], params["W2"]
    loss = data_loss + 0.5 * reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    grads = two_layer_backward(dscores, cache)
    grads["W1"] = grads["W1"] + reg * W1
    grads["W2"] = grads["W2"] + reg * W2
    return loss, grads
