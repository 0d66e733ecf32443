import numpy as np


def softmax(x):
    """Turn scores into probabilities along the last axis."""
    # Subtracting the row's max cancels in the ratio, and keeps exp from overflowing.
    shifted = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)
