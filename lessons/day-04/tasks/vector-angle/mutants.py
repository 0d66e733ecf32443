"""Known-wrong angles, each the shape of a classic bug."""

import numpy as np


def _check(a, b):
    if np.linalg.norm(a) == 0.0 or np.linalg.norm(b) == 0.0:
        raise ValueError("a zero vector has no direction")


def no_clip(a, b):
    """arccos straight from the cosine: nan when rounding pushes it past ±1."""
    _check(a, b)
    with np.errstate(invalid="ignore"):
        return float(np.arccos((a @ b) / (np.linalg.norm(a) * np.linalg.norm(b))))


def degrees(a, b):
    """The right angle, in degrees."""
    _check(a, b)
    c = (a @ b) / (np.linalg.norm(a) * np.linalg.norm(b))
    return float(np.degrees(np.arccos(np.clip(c, -1.0, 1.0))))


def not_normalised(a, b):
    """arccos of the plain dot product."""
    _check(a, b)
    return float(np.arccos(np.clip(a @ b, -1.0, 1.0)))


def one_length(a, b):
    """Divides by ‖a‖² instead of ‖a‖ ‖b‖."""
    _check(a, b)
    return float(np.arccos(np.clip((a @ b) / (a @ a), -1.0, 1.0)))


def no_zero_check(a, b):
    """Right for nonzero vectors; divides by 0 for a zero one."""
    with np.errstate(invalid="ignore", divide="ignore"):
        c = (a @ b) / (np.linalg.norm(a) * np.linalg.norm(b))
    return float(np.arccos(np.clip(c, -1.0, 1.0)))
