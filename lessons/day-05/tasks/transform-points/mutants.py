"""Known-wrong batch maps, each the shape of a classic bug."""


def no_transpose(P, A):
    """P @ A: applies Aᵀ, and fails when A is not square."""
    return P @ A


def points_as_columns(P, A):
    """A @ P.T: right numbers, points as columns."""
    return A @ P.T


def left_multiply(P, A):
    """A @ P: treats the rows of P as if they were columns."""
    return A @ P
