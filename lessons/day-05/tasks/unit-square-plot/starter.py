import matplotlib

matplotlib.use("Agg")  # draw into files, no window: works in a terminal and over SSH

import matplotlib.pyplot as plt
import numpy as np

# The unit square's corners as columns, the first repeated at the end to close it.
SQUARE = np.array([[0.0, 1.0, 1.0, 0.0, 0.0],
                   [0.0, 0.0, 1.0, 1.0, 0.0]])


def plot_unit_square(A, path):
    """Draw the unit square and its image under A; save the figure as a PNG.

    A: a [2×2] float array. path: where to save the PNG.
    Returns (outline, size):
      outline: [2×5], the points of the line you drew for the image,
               read back with line.get_xydata() (transposed);
      size: (height, width) of the saved PNG, read back with plt.imread.
    """
    # TODO: map the corners, plot both outlines, save, close, read back.
    raise NotImplementedError("plot_unit_square is not written yet")
