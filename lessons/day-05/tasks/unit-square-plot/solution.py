import matplotlib

matplotlib.use("Agg")  # draw into files, no window: works in a terminal and over SSH

import matplotlib.pyplot as plt
import numpy as np

# The unit square's corners as columns, the first repeated at the end to close it.
SQUARE = np.array([[0.0, 1.0, 1.0, 0.0, 0.0],
                   [0.0, 0.0, 1.0, 1.0, 0.0]])


def plot_unit_square(A, path):
    """Draw the unit square and its image under A; save the figure as a PNG."""
    image = A @ SQUARE  # [2×2] @ [2×5]: every corner mapped at once
    fig, ax = plt.subplots(figsize=(4, 4), dpi=50)
    ax.plot(SQUARE[0], SQUARE[1], "--", color="gray", label="square")
    (line,) = ax.plot(image[0], image[1], color="C0", label="A @ square")
    ax.set_aspect("equal")  # one unit is as long on x as on y
    ax.grid(True)
    ax.legend()
    fig.savefig(path)
    plt.close(fig)  # free the figure: scripts that plot in a loop run out of memory
    height, width = plt.imread(path).shape[:2]
    return line.get_xydata().T, (height, width)
