import numpy as np


def gradient_descent(grad, x0, lr=0.1, steps=100):
    """Walk downhill from x0: x ← x − lr·grad(x), `steps` times.

    grad: a function giving the gradient (slope) at x, e.g. lambda x: 2 * x for f(x) = x².
    x0: the start, a float or an array. lr: the learning rate. steps: how many updates.
    Returns the path as an array: x0 first, then the point after each step (steps + 1 in all).
    """
    # TODO
    raise NotImplementedError("gradient_descent is not written yet")
