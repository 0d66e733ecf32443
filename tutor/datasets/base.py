"""What every loader returns, where full datasets live, and how a seeded subset is picked."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

SPLITS = ("train", "test")
SOURCES = ("auto", "full", "shipped", "synthetic")


class DatasetUnavailable(LookupError):
    """The data asked for is not on this machine; the message says how to get it."""


class SyntheticDataWarning(UserWarning):
    """Raised (as a warning) whenever a lesson trains on generated stand-in data."""


@dataclass(frozen=True)
class DatasetInfo:
    """Where a batch of data came from, in words a learner can read.

    ``source`` is ``"full"`` (the complete public set, read from disk), ``"shipped"`` (the real
    subset in ``data/``), ``"synthetic"`` (procedural stand-in, not the real set) or
    ``"generated"`` (a toy set defined by a formula).
    """

    name: str
    split: str
    source: str
    origin: str
    classes: tuple[str, ...] = ()
    licence: str = ""
    note: str = ""

    @property
    def synthetic(self) -> bool:
        """True when the examples are procedural stand-ins, not the dataset the name suggests."""
        return self.source == "synthetic"

    def describe(self) -> str:
        """One line to print above a training run, e.g. ``mnist (train): shipped subset ...``."""
        text = f"{self.name} ({self.split}): {self.source}, {self.origin}"
        return f"{text}. {self.note}" if self.note else text


@dataclass(frozen=True)
class LabeledArrays:
    """Inputs ``x`` and labels ``y`` as NumPy arrays, plus ``info``; unpacks as ``x, y = data``."""

    x: np.ndarray
    y: np.ndarray
    info: DatasetInfo

    def __iter__(self) -> Iterator[np.ndarray]:
        yield self.x
        yield self.y

    @property
    def n(self) -> int:
        """How many examples there are."""
        return int(self.y.shape[0])


@dataclass(frozen=True)
class LabeledTexts:
    """Strings ``texts`` and integer labels ``y``, plus ``info``; unpacks as ``texts, y = data``."""

    texts: list[str]
    y: np.ndarray
    info: DatasetInfo
    scores: np.ndarray | None = field(default=None, repr=False)

    def __iter__(self) -> Iterator[object]:
        yield self.texts
        yield self.y

    @property
    def n(self) -> int:
        """How many examples there are."""
        return int(self.y.shape[0])


def check_split(split: str) -> str:
    """Return ``split`` if it is "train" or "test"; otherwise raise a ValueError naming both."""
    if split not in SPLITS:
        raise ValueError(f"split must be 'train' or 'test', not {split!r}")
    return split


def check_source(source: str, allowed: tuple[str, ...]) -> str:
    """Return ``source`` if this dataset supports it; otherwise raise a ValueError listing them."""
    if source not in allowed:
        raise ValueError(f"source must be one of {', '.join(map(repr, allowed))}, not {source!r}")
    return source


def full_data_root() -> Path:
    """The folder for complete datasets: ``TUTOR_DATA_DIR``, else ``<TUTOR_HOME>/datasets``.

    Its layout is torchvision's, so a root made by ``torchvision.datasets.MNIST(root,
    download=True)`` elsewhere can be copied here as it is.
    """
    override = os.environ.get("TUTOR_DATA_DIR")
    if override:
        return Path(override).expanduser()
    from tutor.paths import tutor_home

    return tutor_home() / "datasets"


def split_seed(seed: int, split: str) -> np.random.SeedSequence:
    """A seed stream of its own for each split, so train and test never share random draws."""
    return np.random.SeedSequence([seed, SPLITS.index(check_split(split))])


def balanced_pick(labels: np.ndarray, n: int | None, seed: int) -> np.ndarray:
    """Pick ``n`` row indices, as evenly over the classes as the data allows, in a seeded order.

    The same ``(labels, n, seed)`` always gives the same rows, and a larger ``n`` with the
    same seed contains every row a smaller one picked. ``n=None`` keeps every row, shuffled.
    """
    total = len(labels)
    if n is None:
        n = total
    if n < 0 or n > total:
        raise ValueError(f"n must be between 0 and {total}, not {n}")
    rng = np.random.default_rng(seed)
    classes = np.unique(labels)
    per_class = [rng.permutation(np.flatnonzero(labels == c)) for c in classes]
    # Round-robin over the classes: rank r of every class comes before rank r+1 of any class.
    rank = np.empty(total, dtype=np.int64)
    for idx in per_class:
        rank[idx] = np.arange(len(idx))
    tiebreak = rng.permutation(total)
    order = np.lexsort((tiebreak, rank))
    chosen = order[:n]
    return chosen[rng.permutation(n)]


def too_few(name: str, split: str, asked: int, have: int, hint: str) -> DatasetUnavailable:
    """The error for asking more examples than the data on this machine holds."""
    return DatasetUnavailable(
        f"{name} ({split}): asked for {asked:,} examples but only {have:,} are available here. "
        f"{hint}"
    )


def warn_synthetic(info: DatasetInfo) -> None:
    """Say plainly, once per call site, that the data is synthetic."""
    warnings.warn(
        f"{info.name} is SYNTHETIC here: {info.note}", SyntheticDataWarning, stacklevel=3
    )


def train_val_split(data, val: int | float, seed: int = 0):
    """Hold out a validation part of a training set: returns ``(train, val)`` of the same type.

    ``val`` is a count (an int) or a fraction (a float below 1). The held-out rows are
    class-balanced and chosen by ``seed``; the two parts never share an example.
    """
    total = data.n
    n_val = int(round(val * total)) if isinstance(val, float) else int(val)
    if not 0 < n_val < total:
        raise ValueError(f"val must leave both parts non-empty (got {val} of {total})")
    order = balanced_pick(data.y, total, seed)
    held = np.zeros(total, dtype=bool)
    held[balanced_pick(data.y, n_val, seed)] = True
    parts = []
    for mask, split in ((~held, data.info.split), (held, "val")):
        rows = order[mask[order]]
        info = DatasetInfo(**{**data.info.__dict__, "split": split})
        if isinstance(data, LabeledTexts):
            scores = None if data.scores is None else data.scores[rows]
            parts.append(LabeledTexts([data.texts[i] for i in rows], data.y[rows], info, scores))
        else:
            parts.append(LabeledArrays(data.x[rows], data.y[rows], info))
    return parts[0], parts[1]
