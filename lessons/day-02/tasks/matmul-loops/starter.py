import numpy as np


def matmul(A, B):
    """The matrix product C = AB, with C[i, j] = Σₖ A[i, k] B[k, j].

    A: [N×K], B: [K×M]. Returns C: [N×M].
    Raises ValueError when A's columns and B's rows differ in number.
    """
    # TODO: check the sizes, make C, fill each entry with a loop over k.
    raise NotImplementedError("matmul is not written yet")
