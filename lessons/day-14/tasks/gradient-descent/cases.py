"""Gradients for the gradient-descent cases."""


def grad_square(x):
    """Gradient of f(x) = x²: 2x."""
    return 2 * x


def grad_shifted(x):
    """Gradient of f(x) = (x − 3)²: 2(x − 3)."""
    return 2 * (x - 3)
