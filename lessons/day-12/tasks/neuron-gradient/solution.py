import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def neuron_loss(w, b, x, y):
    """Mean squared error of one sigmoid neuron, and its gradient on w and b."""
    # Forward: keep every intermediate value for the backward pass.
    z = w * x + b
    a = sigmoid(z)
    loss = np.mean((a - y) ** 2)
    # Backward: upstream gradient times local derivative, node by node.
    n = len(x)
    da = 2 * (a - y) / n  # the mean's 1/N sits in every sample's share
    dz = da * a * (1 - a)  # σ′(z) = σ(z)(1 − σ(z))
    dw = np.sum(dz * x)  # w feeds every sample: add their contributions
    db = np.sum(dz)
    return loss, dw, db
