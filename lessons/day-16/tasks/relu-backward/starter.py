import numpy as np


def relu_backward(dout, cache):
    """Backward pass of ReLU, relu(x) = max(0, x).

    dout: ∂L/∂out, any shape. cache: the forward pass's input x, the same shape.
    Returns dx, the same shape.
    """
    x = cache
    # TODO
    return np.zeros_like(dout)
