"""The reference for unit-square-plot: the numbers the learner's plot must show.

It draws nothing (the trusted grader never writes files): the outline is A @ corners, and
a figure made with figsize=(4, 4) at dpi=50 saves as a 200×200 PNG.
"""

import numpy as np

SQUARE = np.array([[0.0, 1.0, 1.0, 0.0, 0.0],
                   [0.0, 0.0, 1.0, 1.0, 0.0]])
SIZE = (200, 200)  # (height, width) in pixels: 4 inches × 50 dpi


def plot_unit_square(A, path):
    """The image of the closed unit-square outline under A [2×5], and the PNG's (height, width)."""
    return np.asarray(A, dtype=np.float64) @ SQUARE, SIZE
