def sigmoid_backward(dout, cache):
    """Backward pass of σ: dx = dout ⊙ σ(x)(1 − σ(x)), with σ(x) taken from the cache."""
    out = cache
    return dout * out * (1 - out)
