import numpy as np


def matmul(A, B):
    """The matrix product C = AB of A [N×K] and B [K×M], without Python loops.

    Raises ValueError when the inner sizes differ.
    """
    # TODO: one line of NumPy.
    raise NotImplementedError("matmul is not written yet")
