def relu_backward(dout, cache):
    """Backward pass of ReLU: the gradient passes where x > 0 and stops elsewhere."""
    x = cache
    return dout * (x > 0)
