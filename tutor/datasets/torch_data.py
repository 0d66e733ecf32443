"""torch ``Dataset`` wrappers around the NumPy loaders. Importing this module imports torch,
so the rest of ``tutor.datasets`` imports it only inside the functions that need it."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch
from torch.utils.data import Dataset

from tutor.datasets.base import DatasetInfo, LabeledArrays, LabeledTexts


class ArrayDataset(Dataset):
    """Examples ``(x_i, y_i)`` as tensors: float inputs stay float32, labels become int64.

    ``transform`` (for example a torchvision transform working on tensors) is applied to
    each input as it is fetched. ``info`` says where the data came from.
    """

    def __init__(self, data: LabeledArrays, transform: Callable | None = None):
        x = data.x
        if np.issubdtype(x.dtype, np.floating):
            x = x.astype(np.float32, copy=False)
        self.x = torch.from_numpy(np.ascontiguousarray(x))
        # Class labels become int64 (what cross_entropy wants); regression targets float32.
        y_type = np.int64 if np.issubdtype(data.y.dtype, np.integer) else np.float32
        self.y = torch.from_numpy(np.ascontiguousarray(data.y.astype(y_type)))
        self.transform = transform
        self.info: DatasetInfo = data.info
        self.classes = data.info.classes

    def __len__(self) -> int:
        return len(self.y)

    def __getitem__(self, i: int):
        x = self.x[i]
        if self.transform is not None:
            x = self.transform(x)
        return x, self.y[i]


class TextDataset(Dataset):
    """Examples ``(text, label)``: the string as it is, the label as an int64 tensor.

    Tokenizing is left to the model's ``collate_fn``, since each model has its own vocabulary.
    """

    def __init__(self, data: LabeledTexts):
        self.texts = list(data.texts)
        self.y = torch.from_numpy(np.ascontiguousarray(data.y.astype(np.int64)))
        self.info: DatasetInfo = data.info
        self.classes = data.info.classes

    def __len__(self) -> int:
        return len(self.y)

    def __getitem__(self, i: int):
        return self.texts[i], self.y[i]


def wrap(data: LabeledArrays | LabeledTexts, transform: Callable | None = None) -> Dataset:
    """The torch Dataset for what a NumPy loader returned."""
    if isinstance(data, LabeledTexts):
        if transform is not None:
            raise ValueError("text datasets take no transform; tokenize in a collate_fn")
        return TextDataset(data)
    return ArrayDataset(data, transform)
