"""Known-wrong ReLU backward passes."""


def passes_at_zero(dout, cache):
    """x >= 0 lets the gradient through at 0."""
    return dout * (cache >= 0)


def forgets_dout(dout, cache):
    """The mask alone."""
    return (cache > 0).astype(float)
