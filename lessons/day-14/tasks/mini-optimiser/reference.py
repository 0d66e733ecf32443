"""The trusted answer: the course's gradient-descent kernel, keeping only the last point."""

from kernels.numpy.basics import gradient_descent


def minimise(grad, x0, lr, steps):
    """Where gradient descent from x0 ends after `steps` updates x ← x − lr·grad(x)."""
    return gradient_descent(grad, x0, lr, steps)[-1]
