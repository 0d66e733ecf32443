"""Known-wrong plots, as the numbers they would return (nothing is drawn)."""

import numpy as np

SQUARE = np.array([[0.0, 1.0, 1.0, 0.0, 0.0],
                   [0.0, 0.0, 1.0, 1.0, 0.0]])
SIZE = (200, 200)


def transposed_map(A, path):
    """Corners as rows times A: the map Aᵀ."""
    return (SQUARE.T @ A).T, SIZE


def not_closed(A, path):
    """Four corners, the outline left open."""
    return A @ SQUARE[:, :4], SIZE


def original_square(A, path):
    """The unit square's own line."""
    return SQUARE.copy(), SIZE


def default_size(A, path):
    """Right outline, matplotlib's default 6.4×4.8 in figure at 100 dpi."""
    return A @ SQUARE, (480, 640)
