"""torch Datasets from the loaders, and that importing the loaders does not import torch."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from tutor.datasets import (
    as_torch_dataset,
    load_sentiment,
    make_parabola,
    make_spirals,
    torch_dataset,
)


def test_importing_the_loaders_and_status_does_not_import_torch():
    code = (
        "import sys, tutor.datasets, tutor.datasets.catalog, tutor.commands.data\n"
        "tutor.datasets.load_mnist('test', n=10); tutor.datasets.catalog.catalog()\n"
        "print('torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_mnist_as_a_torch_dataset_batches_through_a_dataloader():
    import torch
    from torch.utils.data import DataLoader

    ds = torch_dataset("mnist", "test", n=64)
    x, y = ds[0]
    assert x.shape == (1, 28, 28) and x.dtype == torch.float32 and y.dtype == torch.int64
    xb, yb = next(iter(DataLoader(ds, batch_size=16)))
    assert xb.shape == (16, 1, 28, 28) and yb.shape == (16,)
    assert ds.info.source == "shipped" and len(ds) == 64 and ds.classes[0] == "0"


def test_transform_is_applied_to_each_input():
    ds = as_torch_dataset(make_spirals(30), transform=lambda x: x * 0)
    x, _ = ds[5]
    assert float(x.abs().sum()) == 0.0


def test_regression_targets_stay_float_and_texts_stay_strings():
    import torch

    x, y = as_torch_dataset(make_parabola(10))[0]
    assert y.dtype == torch.float32 and x.shape == (1,)
    text, label = as_torch_dataset(load_sentiment("test", n=4))[0]
    assert isinstance(text, str) and label.dtype == torch.int64
    with pytest.raises(ValueError, match="collate_fn"):
        as_torch_dataset(load_sentiment("test", n=4), transform=str.lower)


def test_unknown_dataset_name_lists_the_known_ones():
    with pytest.raises(ValueError, match="fashion-mnist"):
        torch_dataset("imagenet")


def test_float64_inputs_become_float32_tensors():
    ds = as_torch_dataset(make_spirals(12))  # float64 NumPy inputs become float32 tensors
    assert ds.x.dtype.is_floating_point and str(ds.x.dtype) == "torch.float32"
    assert np.asarray(ds.y).dtype == np.int64
