import numpy as np


def numerical_gradient(f, x, h=1e-5):
    """Central-difference gradient of a scalar function f at x.

    f: takes an array shaped like x, returns one number.
    x: an array of any shape (a vector, a matrix), possibly of integers.
    h: the step. Returns a float64 array shaped like x:
    entry i is (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, eᵢ the i-th unit array.
    """
    # TODO: nudge one entry at a time, both ways; undo each nudge.
    raise NotImplementedError("numerical_gradient is not written yet")
