import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def neuron_loss(w, b, x, y):
    """Mean squared error of one sigmoid neuron, and its gradient on w and b.

    w, b: numbers (the weight and the bias). x, y: arrays of shape (N,).
    L = mean over i of (σ(w·xᵢ + b) − yᵢ)².
    Returns (L, dL/dw, dL/db), three numbers.
    """
    # TODO: forward pass z, a, L; then backward, node by node.
    raise NotImplementedError("neuron_loss is not written yet")
