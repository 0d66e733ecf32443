import numpy as np


def cross_entropy(probs, y):
    """Mean cross-entropy of predicted probabilities against true labels."""
    n = probs.shape[0]
    picked = probs[np.arange(n), y]  # the probability each row gave its true class
    return -np.mean(np.log(picked))
