import numpy as np


def log_softmax(x):
    """Log-probabilities from logits, along the last axis.

    x: logits, shape [N×C] (N rows of C scores) or [C] (one row).
    Returns log softmax(x), same shape and dtype: every entry ≤ 0, and
    exp of each row sums to 1. Finite for any finite logits.
    """
    # TODO: shift by each row's max, then subtract the log of the row's sum.
    raise NotImplementedError("log_softmax is not written yet")
