import numpy as np


def two_layer_forward(X, W1, b1, W2, b2):
    """Scores of a two-layer network: relu(X @ W1 + b1) @ W2 + b2.

    X: [N×D] inputs; W1: [D×H], b1: (H,); W2: [H×C], b2: (C,).
    Returns the scores, [N×C].
    """
    # TODO: the hidden layer, then the scores.
    raise NotImplementedError("two_layer_forward is not written yet")
