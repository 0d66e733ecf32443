import numpy as np


def minimise(grad, x0, lr, steps):
    """Run gradient descent from x0 for `steps` steps; return where it ends.

    grad: a function; grad(x) is the gradient of f at x, shaped like x.
    x0: the start, a number or an array of any shape (integers too).
    lr: the learning rate; steps: how many updates x ← x − lr·grad(x).
    Returns the last point, float64, shaped like x0. x0 itself must not change.
    """
    # TODO: copy x0 as float64, then update it `steps` times.
    raise NotImplementedError("minimise is not written yet")
