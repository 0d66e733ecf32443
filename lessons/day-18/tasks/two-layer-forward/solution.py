import numpy as np


def two_layer_forward(X, W1, b1, W2, b2):
    """Scores of a two-layer network: relu(X @ W1 + b1) @ W2 + b2."""
    hidden = np.maximum(0, X @ W1 + b1)  # [N×H]; b1 is added to every row
    return hidden @ W2 + b2  # [N×C]; no activation on the scores
