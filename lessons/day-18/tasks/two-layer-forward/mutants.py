"""Known-wrong two-layer forward passes."""

import numpy as np


def no_relu(X, W1, b1, W2, b2):
    """No activation in the hidden layer."""
    return (X @ W1 + b1) @ W2 + b2


def relu_on_scores(X, W1, b1, W2, b2):
    """A ReLU after the output layer too."""
    return np.maximum(0, np.maximum(0, X @ W1 + b1) @ W2 + b2)


def forgets_b1(X, W1, b1, W2, b2):
    """The hidden layer's bias is missing."""
    return np.maximum(0, X @ W1) @ W2 + b2
