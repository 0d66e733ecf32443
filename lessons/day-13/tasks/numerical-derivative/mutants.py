"""Known-wrong numerical derivatives."""


def forward_difference(f, x, h=1e-5):
    """One-sided difference."""
    return (f(x + h) - f(x)) / h


def missing_two(f, x, h=1e-5):
    """Divides by h instead of 2h."""
    return (f(x + h) - f(x - h)) / h


def ignores_h(f, x, h=1e-5):
    """Always steps by 1e-5."""
    step = 1e-5
    return (f(x + step) - f(x - step)) / (2 * step)
