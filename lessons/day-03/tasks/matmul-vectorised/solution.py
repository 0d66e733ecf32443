import numpy as np


def matmul(A, B):
    """The matrix product C = AB of A [N×K] and B [K×M], without Python loops."""
    # @ runs the three loops in compiled code and checks the inner sizes (ValueError).
    return A @ B
