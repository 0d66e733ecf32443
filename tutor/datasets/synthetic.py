"""A stand-in for CIFAR-10 when the real set is not here: procedural 32x32 colour images.

CIFAR-10's licence does not let us ship it, so offline lessons train on ten classes of
drawn shapes and textures instead. The images are written as real CIFAR-10 batch files,
so the same reader serves both, and every loader that returns them says they are synthetic.
Colour, position, size, background and noise vary at random, so a classifier has to learn
shape and orientation: a linear model does clearly worse than a small CNN.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from tutor.datasets.formats import write_cifar_batch, write_cifar_meta

CLASSES = (
    "disc",
    "square",
    "triangle",
    "ring",
    "plus",
    "horizontal stripes",
    "vertical stripes",
    "diagonal stripes",
    "checkerboard",
    "cross",
)
MARKER = "SYNTHETIC.txt"
SIZE = 32


def _soft(signed_distance: np.ndarray, edge: float = 0.75) -> np.ndarray:
    """Anti-aliased coverage in [0, 1] from a signed distance (negative inside)."""
    return 1.0 / (1.0 + np.exp(np.clip(signed_distance / edge, -30, 30)))


def _masks(label: int, m: int, rng: np.random.Generator) -> np.ndarray:
    """Foreground coverage [m, 32, 32] for ``m`` images of class ``label``."""
    yy, xx = np.mgrid[0:SIZE, 0:SIZE].astype(np.float64) + 0.5
    yy, xx = yy[None], xx[None]
    cy = rng.uniform(11, 21, (m, 1, 1))
    cx = rng.uniform(11, 21, (m, 1, 1))
    r = rng.uniform(6, 10, (m, 1, 1))
    dy, dx = yy - cy, xx - cx
    if label == 0:  # disc
        return _soft(np.hypot(dy, dx) - r)
    if label == 1:  # square, axis-aligned
        return _soft(np.maximum(np.abs(dy), np.abs(dx)) - r * 0.85)
    if label == 2:  # triangle, point down (rows grow downward): inside three half-planes
        d = np.maximum(-(dy + r * 0.6), np.abs(dx) * 0.87 + dy * 0.5 - r * 0.45)
        return _soft(d)
    if label == 3:  # ring
        width = rng.uniform(1.5, 3.0, (m, 1, 1))
        return _soft(np.abs(np.hypot(dy, dx) - r) - width)
    if label == 4:  # plus: a horizontal and a vertical bar
        w = rng.uniform(1.5, 3.0, (m, 1, 1))
        bar_h = np.maximum(np.abs(dy) - w, np.abs(dx) - r)
        bar_v = np.maximum(np.abs(dx) - w, np.abs(dy) - r)
        return _soft(np.minimum(bar_h, bar_v))
    period = rng.uniform(5, 9, (m, 1, 1))
    phase = rng.uniform(0, 2 * np.pi, (m, 1, 1))
    if label in (5, 6, 7):  # stripes: the orientation is the class
        coord = {5: yy, 6: xx, 7: (xx + yy) / np.sqrt(2)}[label]
        return (np.sin(2 * np.pi * coord / period + phase) > 0).astype(np.float64)
    if label == 8:  # checkerboard
        s = np.sin(2 * np.pi * xx / period + phase) * np.sin(2 * np.pi * yy / period + phase)
        return (s > 0).astype(np.float64)
    # label 9, cross: the two diagonals of a square
    w = rng.uniform(1.2, 2.2, (m, 1, 1))
    d1 = np.abs(dy - dx) / np.sqrt(2)
    d2 = np.abs(dy + dx) / np.sqrt(2)
    inside = np.maximum(np.abs(dy), np.abs(dx)) - r
    return _soft(np.maximum(np.minimum(d1, d2) - w, inside))


def _colours(m: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Foreground and background RGB in [0, 1], at least 0.35 apart in mean brightness."""
    fg = rng.uniform(0, 1, (m, 3))
    bg = rng.uniform(0, 1, (m, 3))
    gap = fg.mean(1) - bg.mean(1)
    push = np.where(np.abs(gap) < 0.35, np.sign(gap + 1e-9) * (0.35 - np.abs(gap)), 0.0)
    fg = np.clip(fg + push[:, None] / 2, 0, 1)
    bg = np.clip(bg - push[:, None] / 2, 0, 1)
    return fg, bg


def make_images(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``n`` synthetic images uint8 [n, 3, 32, 32] with labels int64 [n], classes balanced."""
    rng = np.random.default_rng(seed)
    labels = np.arange(n) % len(CLASSES)
    rng.shuffle(labels)
    images = np.empty((n, 3, SIZE, SIZE), dtype=np.uint8)
    for label in range(len(CLASSES)):
        rows = np.flatnonzero(labels == label)
        if len(rows) == 0:
            continue
        mask = _masks(label, len(rows), rng)[:, None]  # [m, 1, 32, 32]
        fg, bg = _colours(len(rows), rng)
        picture = bg[:, :, None, None] * (1 - mask) + fg[:, :, None, None] * mask
        # Brightness gradient and pixel noise, so colour alone never gives the class away.
        tilt = rng.uniform(-0.15, 0.15, (len(rows), 1, 1, 1)) * np.linspace(-1, 1, SIZE)
        picture = picture + tilt + rng.normal(0, 0.06, picture.shape)
        images[rows] = np.clip(np.round(picture * 255), 0, 255).astype(np.uint8)
    return images, labels.astype(np.int64)


def write_synthetic_cifar10(
    folder: str | Path, n_train: int = 10_000, n_test: int = 2_000, seed: int = 0
) -> Path:
    """Write a CIFAR-10-format folder of synthetic images (5 train batches, 1 test batch).

    The folder gets ``data_batch_1`` .. ``data_batch_5``, ``test_batch``, ``batches.meta``
    and a ``SYNTHETIC.txt`` that says what the images really are. Returns the folder.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    x_train, y_train = make_images(n_train, seed=seed)
    x_test, y_test = make_images(n_test, seed=seed + 1)
    per_batch = -(-n_train // 5)
    for i in range(5):
        part = slice(i * per_batch, (i + 1) * per_batch)
        write_cifar_batch(
            folder / f"data_batch_{i + 1}",
            x_train[part],
            y_train[part],
            f"training batch {i + 1} of 5 (SYNTHETIC)",
        )
    write_cifar_batch(folder / "test_batch", x_test, y_test, "testing batch 1 of 1 (SYNTHETIC)")
    write_cifar_meta(folder, list(CLASSES), per_batch)
    (folder / MARKER).write_text(
        "SYNTHETIC stand-in for CIFAR-10, written by tutor.datasets.synthetic.\n"
        f"{n_train} train and {n_test} test procedural 32x32 images (seed {seed}) in 10 classes:\n"
        + ", ".join(CLASSES)
        + ".\nThese are drawn shapes and textures, not CIFAR-10 photographs.\n",
        encoding="utf-8",
    )
    return folder
