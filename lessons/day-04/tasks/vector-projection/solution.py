import numpy as np


def project(a, b):
    """The projection of a onto the line through b."""
    bb = b @ b  # the squared length ‖b‖²
    if bb == 0.0:
        raise ValueError("cannot project onto the zero vector")
    # a − c·b is perpendicular to b exactly when c = (a · b) / (b · b).
    return (a @ b) / bb * b
