"""Image loaders: shipped real data offline, full sets when present, synthetic CIFAR flagged."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from tutor.datasets import (
    DatasetUnavailable,
    SyntheticDataWarning,
    load_cifar10,
    load_fashion_mnist,
    load_mnist,
)
from tutor.datasets import images
from tutor.datasets.formats import write_cifar_batch, write_cifar_meta
from tutor.datasets.synthetic import write_synthetic_cifar10

from .conftest import make_idx_set


def test_offline_mnist_is_the_shipped_real_subset():
    train, test = load_mnist("train"), load_mnist("test")
    assert train.x.shape == (8000, 1, 28, 28) and test.x.shape == (2000, 1, 28, 28)
    assert train.x.dtype == np.float32 and 0.0 == train.x.min() and train.x.max() == 1.0
    assert train.info.source == "shipped" and not train.info.synthetic
    assert "tutor data download mnist" in train.info.describe()


def test_shipped_digits_are_real_digits_with_the_right_labels():
    """A nearest-class-mean classifier gets most real MNIST test digits right (noise would
    score about 10 %); misaligned labels or scrambled pixels would fail here."""
    x, y = load_mnist("train", flatten=True, dtype=np.float64)
    xt, yt = load_mnist("test", flatten=True, dtype=np.float64)
    means = np.stack([x[y == c].mean(0) for c in range(10)])
    guess = np.argmin(((xt[:, None, :] - means[None]) ** 2).sum(-1), axis=1)
    assert (guess == yt).mean() > 0.75


def test_shipped_fashion_images_are_real_and_balanced():
    x, y = load_fashion_mnist("test", flatten=True)
    assert x.shape == (400, 784) and np.bincount(y).tolist() == [40] * 10
    xtr, ytr = load_fashion_mnist("train", flatten=True)
    means = np.stack([xtr[ytr == c].mean(0) for c in range(10)])
    guess = np.argmin(((x[:, None, :] - means[None]) ** 2).sum(-1), axis=1)
    assert (guess == y).mean() > 0.6


def test_n_seed_and_dtype_options():
    a = load_mnist("train", n=100, seed=1, dtype=np.uint8)
    assert a.x.dtype == np.uint8 and a.x.max() > 1
    assert np.bincount(a.y).tolist() == [10] * 10
    np.testing.assert_array_equal(a.x, load_mnist("train", n=100, seed=1, dtype=np.uint8).x)
    assert not np.array_equal(a.y, load_mnist("train", n=100, seed=2, dtype=np.uint8).y)
    assert load_mnist("test", n=5, flatten=True).x.shape == (5, 784)


def test_asking_more_than_is_shipped_says_how_to_get_the_full_set():
    with pytest.raises(DatasetUnavailable, match="tutor data download mnist"):
        load_mnist("train", n=60_000)
    with pytest.raises(DatasetUnavailable, match="dataset-fashion-mnist"):
        load_fashion_mnist("train", source="full")


def test_bad_split_or_source_is_a_clear_error():
    with pytest.raises(ValueError, match="'train' or 'test'"):
        load_mnist("validation")
    with pytest.raises(ValueError, match="source must be"):
        load_mnist(source="synthetic")


@pytest.mark.parametrize("compress", [False, True])
def test_full_mnist_in_torchvision_layout_is_preferred(data_root, compress):
    written = make_idx_set(data_root / "MNIST" / "raw", 30, 20, compress=compress)
    data = load_mnist("test", dtype=np.uint8)
    assert data.info.source == "full" and data.n == 20
    order = np.argsort([int(np.flatnonzero((written["test"][0] == img).all(axis=(1, 2)))[0])
                        for img in data.x[:, 0]])
    np.testing.assert_array_equal(data.x[order, 0], written["test"][0])
    assert load_mnist("test", source="shipped").info.source == "shipped"


def test_debian_fashion_package_is_used_when_installed(tmp_path, monkeypatch):
    debian = tmp_path / "usr-share-datasets-fashion-mnist"
    make_idx_set(debian, 40, 10, compress=True)  # Debian ships the gzipped files only
    monkeypatch.setattr(images, "DEBIAN_FASHION_DIR", debian)
    data = load_fashion_mnist("train")
    assert data.info.source == "full" and data.n == 40 and str(debian) in data.info.origin


def test_tutor_data_dir_wins_over_the_debian_package(data_root, tmp_path, monkeypatch):
    debian = tmp_path / "debian"
    make_idx_set(debian, 40, 10, compress=True)
    monkeypatch.setattr(images, "DEBIAN_FASHION_DIR", debian)
    make_idx_set(data_root / "FashionMNIST" / "raw", 20, 10, compress=False)
    assert load_fashion_mnist("train").n == 20


def test_offline_cifar10_is_synthetic_and_says_so(data_root):
    write_synthetic_cifar10(images.synthetic_cifar10_folder(), n_train=100, n_test=30)
    with pytest.warns(SyntheticDataWarning, match="SYNTHETIC"):
        data = load_cifar10("test")
    assert data.info.synthetic and data.x.shape == (30, 3, 32, 32)
    assert "not CIFAR-10 photographs" in data.info.describe()
    assert data.info.classes[0] == "disc"
    with pytest.raises(DatasetUnavailable, match="tutor data download cifar10"):
        load_cifar10(source="full")


def test_synthetic_cifar10_is_made_on_first_use_and_reused(data_root):
    with pytest.warns(SyntheticDataWarning):
        first = load_cifar10("train", n=200, seed=0)
    folder = images.synthetic_cifar10_folder()
    assert (folder / "SYNTHETIC.txt").exists() and (folder / "data_batch_5").exists()
    stamp = (folder / "data_batch_1").stat().st_mtime_ns
    with pytest.warns(SyntheticDataWarning):
        again = load_cifar10("train", n=200, seed=0)
    np.testing.assert_array_equal(first.x, again.x)
    assert (folder / "data_batch_1").stat().st_mtime_ns == stamp
    assert np.bincount(first.y).tolist() == [20] * 10


def test_real_cifar10_batches_are_used_without_a_synthetic_warning(data_root):
    folder = data_root / "cifar-10-batches-py"
    folder.mkdir()
    rng = np.random.default_rng(0)
    for name, n in [(f"data_batch_{i}", 4) for i in range(1, 6)] + [("test_batch", 6)]:
        write_cifar_batch(folder / name, rng.integers(0, 256, (n, 3, 32, 32), dtype=np.uint8),
                          np.arange(n) % 10, name)
    write_cifar_meta(folder, list(images.CIFAR10_CLASSES), 4)
    with warnings.catch_warnings():
        warnings.simplefilter("error", SyntheticDataWarning)
        data = load_cifar10("train", flatten=True)
    assert data.info.source == "full" and data.x.shape == (20, 3072)
    assert data.info.classes[3] == "cat"
