"""The two-layer network affine → ReLU → affine → softmax in PyTorch.
Same API as ``kernels.numpy.mlp``."""

from __future__ import annotations

import torch

from .activations import relu_backward, relu_forward
from .layers import affine_backward, affine_forward
from .losses import softmax_loss


def two_layer_forward(params: dict, X):
    """Scores relu(X @ W1 + b1) @ W2 + b2. Returns (scores, cache)."""
    h, cache1 = affine_forward(X, params["W1"], params["b1"])
    a, cache_relu = relu_forward(h)
    scores, cache2 = affine_forward(a, params["W2"], params["b2"])
    return scores, (cache1, cache_relu, cache2)


def two_layer_backward(dscores, cache):
    """Backpropagate dscores: returns grads {W1, b1, W2, b2}."""
    cache1, cache_relu, cache2 = cache
    da, dW2, db2 = affine_backward(dscores, cache2)
    _, dW1, db1 = affine_backward(relu_backward(da, cache_relu), cache1)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def two_layer_loss(params: dict, X, y, reg: float = 0.0):
    """Softmax loss + 0.5·reg·(ΣW1² + ΣW2²) and its gradients. Returns (loss, grads)."""
    scores, cache = two_layer_forward(params, X)
    data_loss, dscores = softmax_loss(scores, y)
    W1, W2 = params["W1"], params["W2"]
    loss = data_loss + 0.5 * reg * (torch.sum(W1 * W1) + torch.sum(W2 * W2))
    grads = two_layer_backward(dscores, cache)
    grads["W1"] = grads["W1"] + reg * W1
    grads["W2"] = grads["W2"] + reg * W2
    return loss, grads
