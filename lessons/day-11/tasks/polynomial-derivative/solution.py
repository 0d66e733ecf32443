import numpy as np


def poly_derivative(c):
    """Coefficients of p′ for p(x) = c[0] + c[1]·x + c[2]·x² + ..."""
    c = np.asarray(c, dtype=np.float64)
    if len(c) == 1:
        return np.zeros(1)  # a constant's derivative is the zero polynomial
    powers = np.arange(1, len(c))  # 1, 2, ..., n−1: the power of each term
    return powers * c[1:]  # power rule: c[k]·xᵏ → k·c[k]·xᵏ⁻¹
