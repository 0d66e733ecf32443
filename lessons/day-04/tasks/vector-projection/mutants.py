"""Known-wrong projections, each the shape of a classic bug."""

import numpy as np


def _check(b):
    if b @ b == 0.0:
        raise ValueError("cannot project onto the zero vector")


def divide_by_length(a, b):
    """Divides by ‖b‖ instead of ‖b‖²."""
    _check(b)
    return (a @ b) / np.linalg.norm(b) * b


def b_onto_a(a, b):
    """Projects b onto a instead of a onto b."""
    _check(b)
    if a @ a == 0.0:
        raise ValueError("cannot project onto the zero vector")
    return (a @ b) / (a @ a) * a


def coefficient_only(a, b):
    """Returns the coefficient, not the vector."""
    _check(b)
    return float((a @ b) / (b @ b))


def residual(a, b):
    """Returns the perpendicular part a − proj."""
    _check(b)
    return a - (a @ b) / (b @ b) * b


def no_zero_check(a, b):
    """Right for a nonzero b; divides by 0 for a zero one."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return (a @ b) / (b @ b) * b
