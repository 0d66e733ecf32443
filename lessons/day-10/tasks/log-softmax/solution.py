import numpy as np


def log_softmax(x):
    """log softmax(x) along the last axis, stable for any logits."""
    # Subtracting the row's max cancels, keeps exp from overflowing, and
    # makes the row's sum at least 1, so its log is finite.
    s = x - np.max(x, axis=-1, keepdims=True)
    # Never form the probabilities: one that rounds to 0 would have log −inf.
    return s - np.log(np.sum(np.exp(s), axis=-1, keepdims=True))
