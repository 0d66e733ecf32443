import numpy as np


def transform_points(P, A):
    """Apply the linear map x ↦ A x to every point (row) of P."""
    # (A p)ᵀ = pᵀ Aᵀ: a row times Aᵀ, for all N rows at once.
    return P @ A.T  # [N×D] @ [D×M] = [N×M]
