"""Readers and writers for the on-disk formats of the public datasets.

- IDX (MNIST, Fashion-MNIST): a big-endian header, then raw bytes; plain or gzipped.
- CIFAR-10 "python version": pickled dicts holding ``data`` (N x 3072 uint8, the red plane,
  then green, then blue, each row-major 32 x 32) and ``labels``.
- aclImdb (IMDb reviews): ``<split>/pos/*.txt`` and ``<split>/neg/*.txt``, one review a file.
"""

from __future__ import annotations

import gzip
import pickle
import struct
from pathlib import Path

import numpy as np

# The IDX type byte names the element type; MNIST and its cousins use 0x08 (unsigned byte).
_IDX_TYPES = {
    0x08: np.dtype(np.uint8),
    0x09: np.dtype(np.int8),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
_IDX_CODES = {np.dtype(np.uint8): 0x08, np.dtype(np.int8): 0x09}

CIFAR_TRAIN_FILES = tuple(f"data_batch_{i}" for i in range(1, 6))
CIFAR_TEST_FILES = ("test_batch",)


def _open_maybe_gzip(path: Path):
    with open(path, "rb") as fh:
        gzipped = fh.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rb") if gzipped else open(path, "rb")


def read_idx(path: str | Path) -> np.ndarray:
    """Read an IDX file (gzipped or not) into an array with the shape its header gives."""
    with _open_maybe_gzip(Path(path)) as fh:
        raw = fh.read()
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] not in _IDX_TYPES:
        raise ValueError(f"{path}: not an IDX file (bad magic number)")
    dtype, ndim = _IDX_TYPES[raw[2]], raw[3]
    dims = struct.unpack(f">{ndim}I", raw[4 : 4 + 4 * ndim])
    count = int(np.prod(dims)) if dims else 1
    offset = 4 + 4 * ndim
    if len(raw) - offset != count * dtype.itemsize:
        raise ValueError(f"{path}: header says {dims} but the file holds {len(raw) - offset} bytes")
    array = np.frombuffer(raw, dtype=dtype, offset=offset).reshape(dims)
    return array.astype(dtype.newbyteorder("="))  # a writable copy in the machine's byte order


def idx_count(path: str | Path) -> int:
    """How many items an IDX file holds, read from its header alone."""
    with _open_maybe_gzip(Path(path)) as fh:
        head = fh.read(8)
    if len(head) < 8 or head[:2] != b"\x00\x00":
        raise ValueError(f"{path}: not an IDX file")
    return struct.unpack(">I", head[4:8])[0]


def write_idx(path: str | Path, array: np.ndarray, *, compress: bool = False) -> Path:
    """Write a uint8 or int8 array as an IDX file (gzipped when ``compress``); return the path."""
    array = np.ascontiguousarray(array)
    if array.dtype not in _IDX_CODES:
        raise ValueError(f"IDX writer supports uint8 and int8, not {array.dtype}")
    header = bytes([0, 0, _IDX_CODES[array.dtype], array.ndim])
    header += struct.pack(f">{array.ndim}I", *array.shape)
    path = Path(path)
    opener = gzip.open if compress else open
    with opener(path, "wb") as fh:
        fh.write(header + array.tobytes())
    return path


def read_cifar_batch(path: str | Path) -> tuple[np.ndarray, np.ndarray]:
    """Read one CIFAR-10 batch file: images uint8 [N, 3, 32, 32] and labels int64 [N]."""
    with open(path, "rb") as fh:
        # The official batches are Python 2 pickles; latin1 turns their byte strings into str
        # keys and lets NumPy rebuild the arrays (torchvision reads them the same way).
        entry = pickle.load(fh, encoding="latin1")
    entry = {k.decode("latin1") if isinstance(k, bytes) else k: v for k, v in entry.items()}
    labels = entry.get("labels", entry.get("fine_labels"))
    if "data" not in entry or labels is None:
        raise ValueError(f"{path}: not a CIFAR batch (no 'data' and 'labels')")
    data = np.asarray(entry["data"], dtype=np.uint8).reshape(-1, 3, 32, 32)
    return data, np.asarray(labels, dtype=np.int64)


def read_cifar_meta(folder: str | Path) -> tuple[str, ...]:
    """The class names stored in ``batches.meta``."""
    with open(Path(folder) / "batches.meta", "rb") as fh:
        meta = pickle.load(fh, encoding="latin1")
    meta = {k.decode("latin1") if isinstance(k, bytes) else k: v for k, v in meta.items()}
    return tuple(n.decode() if isinstance(n, bytes) else str(n) for n in meta["label_names"])


def read_cifar_folder(folder: str | Path, split: str) -> tuple[np.ndarray, np.ndarray]:
    """Read every batch of one split from a ``cifar-10-batches-py`` folder."""
    folder = Path(folder)
    names = CIFAR_TRAIN_FILES if split == "train" else CIFAR_TEST_FILES
    parts = [read_cifar_batch(folder / name) for name in names if (folder / name).exists()]
    if not parts:
        raise FileNotFoundError(f"{folder}: no {split} batches ({', '.join(names)})")
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def write_cifar_batch(
    path: str | Path, images: np.ndarray, labels: np.ndarray, batch_label: str
) -> Path:
    """Write images uint8 [N, 3, 32, 32] and their labels as one CIFAR-10 batch file."""
    images = np.asarray(images, dtype=np.uint8)
    if images.ndim != 4 or images.shape[1:] != (3, 32, 32):
        raise ValueError(f"CIFAR images must be [N, 3, 32, 32], not {list(images.shape)}")
    entry = {
        "batch_label": batch_label,
        "labels": [int(v) for v in labels],
        "data": images.reshape(len(images), 3072),
        "filenames": [f"{batch_label.split()[0]}_{i:05d}.png" for i in range(len(images))],
    }
    path = Path(path)
    with open(path, "wb") as fh:
        pickle.dump(entry, fh, protocol=2)
    return path


def write_cifar_meta(folder: str | Path, label_names: list[str], per_batch: int) -> Path:
    """Write ``batches.meta`` with the class names, as the official archive has it."""
    path = Path(folder) / "batches.meta"
    meta = {"label_names": list(label_names), "num_cases_per_batch": per_batch, "num_vis": 3072}
    with open(path, "wb") as fh:
        pickle.dump(meta, fh, protocol=2)
    return path


def list_aclimdb(folder: str | Path, split: str) -> tuple[list[Path], np.ndarray]:
    """The review files of one aclImdb split in a fixed order, and their labels (pos = 1)."""
    folder = Path(folder) / split
    files: list[Path] = []
    labels: list[int] = []
    for label, sub in ((0, "neg"), (1, "pos")):
        found = sorted((folder / sub).glob("*.txt"))
        files += found
        labels += [label] * len(found)
    if not files:
        raise FileNotFoundError(f"{folder}: no pos/*.txt or neg/*.txt reviews")
    return files, np.asarray(labels, dtype=np.int64)


def read_review(path: Path) -> str:
    """One IMDb review as text; the ``<br />`` line breaks of the HTML source become spaces."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return " ".join(text.replace("<br />", " ").split())
