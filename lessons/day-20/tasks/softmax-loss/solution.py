import numpy as np


def softmax_loss(x, y):
    """Softmax cross-entropy loss and its gradient dx = (P − Y) / N."""
    n = x.shape[0]
    rows = np.arange(n)
    shifted = x - np.max(x, axis=1, keepdims=True)  # exp never overflows
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.mean(log_probs[rows, y])
    dx = np.exp(log_probs)  # P
    dx[rows, y] -= 1  # P − Y
    return loss, dx / n  # the loss averages over the batch, so does its gradient
