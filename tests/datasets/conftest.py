"""Fixtures for the dataset tests: an empty data root, no Debian package, and file makers."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from tutor.datasets import images
from tutor.datasets.formats import write_idx


@pytest.fixture(autouse=True)
def data_root(tmp_path, monkeypatch) -> Path:
    """TUTOR_DATA_DIR points at an empty folder and Debian's Fashion-MNIST folder is absent,
    so each test sees an offline machine unless it puts files there itself."""
    root = tmp_path / "datasets"
    root.mkdir()
    monkeypatch.setenv("TUTOR_DATA_DIR", str(root))
    monkeypatch.setattr(images, "DEBIAN_FASHION_DIR", tmp_path / "no-debian-package")
    return root


def make_idx_set(folder: Path, n_train: int, n_test: int, *, compress: bool, seed: int = 0):
    """Write the four MNIST-style IDX files with random pixels; return the arrays written."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    written = {}
    for split, n in (("train", n_train), ("test", n_test)):
        x = rng.integers(0, 256, size=(n, 28, 28), dtype=np.uint8)
        y = (np.arange(n) % 10).astype(np.uint8)
        img_name, lab_name = images.IDX_FILES[split]
        suffix = ".gz" if compress else ""
        write_idx(folder / (img_name + suffix), x, compress=compress)
        write_idx(folder / (lab_name + suffix), y, compress=compress)
        written[split] = (x, y)
    return written


def gunzip_to(src: Path, dst: Path) -> None:
    dst.write_bytes(gzip.decompress(src.read_bytes()))
