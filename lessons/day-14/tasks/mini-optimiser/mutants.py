"""Known-wrong optimisers, each the shape of a classic bug."""

import numpy as np


def ascends(grad, x0, lr, steps):
    """Steps along the gradient: uphill."""
    x = np.array(x0, dtype=np.float64)
    for _ in range(steps):
        x = x + lr * grad(x)
    return x


def lr_twice(grad, x0, lr, steps):
    """Multiplies by the learning rate twice."""
    x = np.array(x0, dtype=np.float64)
    for _ in range(steps):
        step = lr * grad(x)
        x = x - lr * step
    return x


def never_moves(grad, x0, lr, steps):
    """Computes each new point but never keeps it."""
    x = np.array(x0, dtype=np.float64)
    for _ in range(steps):
        new_x = x - lr * grad(x)  # noqa: F841 - the bug: new_x is thrown away
    return x


def one_step_short(grad, x0, lr, steps):
    """range(1, steps): one update fewer than asked."""
    x = np.array(x0, dtype=np.float64)
    for _ in range(1, steps):
        x = x - lr * grad(x)
    return x


def one_step_extra(grad, x0, lr, steps):
    """range(steps + 1): one update more than asked."""
    x = np.array(x0, dtype=np.float64)
    for _ in range(steps + 1):
        x = x - lr * grad(x)
    return x


def stale_gradient(grad, x0, lr, steps):
    """Computes the gradient once, at x0, and reuses it."""
    x = np.array(x0, dtype=np.float64)
    g = grad(x)
    for _ in range(steps):
        x = x - lr * g
    return x


def in_place_on_x0(grad, x0, lr, steps):
    """x = np.asarray(x0), then x -= ...: writes into the caller's array."""
    x = np.asarray(x0)
    for _ in range(steps):
        x -= lr * grad(x)
    return x
