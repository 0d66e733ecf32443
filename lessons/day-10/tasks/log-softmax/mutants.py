"""Known-wrong log-softmaxes, each the shape of a classic bug."""

import numpy as np


def no_max_shift(x):
    """x − log Σ exp(x): exp overflows for large logits."""
    return x - np.log(np.sum(np.exp(x), axis=-1, keepdims=True))


def log_of_softmax(x):
    """log of a stable softmax: a probability that underflows to 0 gives −inf."""
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return np.log(e / np.sum(e, axis=-1, keepdims=True))


def columns(x):
    """Works down each column (axis=0) instead of along each row."""
    s = x - np.max(x, axis=0, keepdims=True)
    return s - np.log(np.sum(np.exp(s), axis=0, keepdims=True))


def global_sum(x):
    """One max and one sum for the whole batch."""
    s = x - np.max(x)
    return s - np.log(np.sum(np.exp(s)))
