"""The trusted answer for the polynomial-derivative task."""

import numpy as np


def poly_derivative(c):
    """Coefficients of p′ for p(x) = Σₖ c[k]·xᵏ (lowest power first).

    The power rule term by term: c[k]·xᵏ becomes k·c[k]·xᵏ⁻¹, so entry k − 1 of the
    answer is k·c[k]. A constant polynomial has derivative 0, returned as [0.0].
    """
    c = np.asarray(c, dtype=np.float64)
    if c.size == 1:
        return np.zeros(1)
    return np.arange(1, c.size) * c[1:]
