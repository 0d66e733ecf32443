import numpy as np


def minimise(grad, x0, lr, steps):
    """Run gradient descent from x0 for `steps` steps; return where it ends."""
    # A float64 copy: the caller's x0 stays as it was, and integers become floats.
    x = np.array(x0, dtype=np.float64)
    for _ in range(steps):
        x = x - lr * grad(x)  # a new array each step; downhill is minus the gradient
    return x
