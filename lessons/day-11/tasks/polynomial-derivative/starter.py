import numpy as np


def poly_derivative(c):
    """Coefficients of p′ for p(x) = c[0] + c[1]·x + c[2]·x² + ...

    c: a 1-D array; c[k] multiplies xᵏ (lowest power first).
    Returns a float64 array: entry k − 1 is the coefficient of xᵏ⁻¹ in p′(x).
    One entry shorter than c, except for a constant: its derivative is [0.0].
    """
    # TODO: apply the power rule to every term at once.
    raise NotImplementedError("poly_derivative is not written yet")
