import numpy as np


def softmax_loss(x, y):
    """Softmax cross-entropy loss and its gradient.

    x: scores [N×C]; y: (N,) integer labels in 0..C-1.
    Returns (loss, dx): loss a float, the mean over rows of −log softmax(x)[i, y[i]];
    dx the gradient of loss with respect to x, [N×C].
    """
    loss = 0.0
    dx = np.zeros_like(x)
    # TODO
    return loss, dx
