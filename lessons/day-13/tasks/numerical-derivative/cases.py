"""Functions for the derivative task's cases."""


def cube(x):
    """f(x) = x³, whose derivative is 3x²."""
    return x**3
