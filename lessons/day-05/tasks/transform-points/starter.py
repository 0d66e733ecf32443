import numpy as np


def transform_points(P, A):
    """Apply the linear map x ↦ A x to every point (row) of P.

    P: [N×D], one point per row. A: [M×D], a map from D to M dimensions.
    Returns [N×M]: row n is A @ P[n].
    """
    # TODO: one matrix product, no loop. Mind which side A goes on.
    raise NotImplementedError("transform_points is not written yet")
