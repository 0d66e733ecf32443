"""The trusted answer for the neuron-gradient task."""

import numpy as np


def neuron_loss(w, b, x, y):
    """L = mean over i of (σ(w·xᵢ + b) − yᵢ)², with ∂L/∂w and ∂L/∂b by the chain rule."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    z = w * x + b
    a = 1.0 / (1.0 + np.exp(-z))
    loss = np.mean((a - y) ** 2)
    dz = 2.0 * (a - y) * a * (1.0 - a) / x.size
    return float(loss), float(np.sum(dz * x)), float(np.sum(dz))
