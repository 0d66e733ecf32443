"""The on-disk formats: files we write are read back, and torchvision reads them the same way."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from tutor.datasets.formats import (
    idx_count,
    list_aclimdb,
    read_cifar_batch,
    read_cifar_folder,
    read_cifar_meta,
    read_idx,
    read_review,
    write_cifar_batch,
    write_idx,
)
from tutor.datasets.synthetic import CLASSES, write_synthetic_cifar10


@pytest.mark.parametrize("compress", [False, True])
def test_idx_round_trip_plain_and_gzipped(tmp_path, compress):
    x = np.random.default_rng(0).integers(0, 256, (7, 28, 28), dtype=np.uint8)
    path = write_idx(tmp_path / "images", x, compress=compress)
    np.testing.assert_array_equal(read_idx(path), x)
    assert idx_count(path) == 7


def test_idx_header_is_the_one_torchvision_reads(tmp_path):
    from torchvision.datasets.mnist import read_image_file, read_label_file

    x = np.random.default_rng(1).integers(0, 256, (5, 28, 28), dtype=np.uint8)
    y = np.array([3, 1, 4, 1, 5], dtype=np.uint8)
    write_idx(tmp_path / "img", x)
    write_idx(tmp_path / "lab", y)
    np.testing.assert_array_equal(read_image_file(str(tmp_path / "img")).numpy(), x)
    np.testing.assert_array_equal(read_label_file(str(tmp_path / "lab")).numpy(), y)


def test_idx_reader_rejects_a_truncated_file(tmp_path):
    path = write_idx(tmp_path / "img", np.zeros((4, 28, 28), dtype=np.uint8))
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(ValueError, match="header says"):
        read_idx(path)


def test_cifar_batch_round_trip_keeps_channel_order(tmp_path):
    x = np.zeros((2, 3, 32, 32), dtype=np.uint8)
    x[0, 0] = 255  # first image pure red
    x[1, 2] = 255  # second pure blue
    write_cifar_batch(tmp_path / "data_batch_1", x, [6, 9], "training batch 1 of 5")
    got_x, got_y = read_cifar_batch(tmp_path / "data_batch_1")
    np.testing.assert_array_equal(got_x, x)
    assert got_y.tolist() == [6, 9]
    # The official layout: 1024 red values, then 1024 green, then 1024 blue.
    with open(tmp_path / "data_batch_1", "rb") as fh:
        raw = pickle.load(fh)["data"]
    assert raw[0, :1024].min() == 255 and raw[0, 1024:].max() == 0


def test_cifar_batch_with_byte_string_keys_is_read(tmp_path):
    """Python 2 pickles, as in the official archive, can surface keys as bytes."""
    data = np.arange(3072, dtype=np.uint32).astype(np.uint8).reshape(1, 3072)
    with open(tmp_path / "test_batch", "wb") as fh:
        pickle.dump({b"data": data, b"labels": [2], b"batch_label": b"testing batch 1 of 1"}, fh)
    x, y = read_cifar_batch(tmp_path / "test_batch")
    assert x.shape == (1, 3, 32, 32) and y.tolist() == [2]
    np.testing.assert_array_equal(x.reshape(1, 3072), data)


def test_torchvision_reads_the_synthetic_batches_like_we_do(tmp_path, monkeypatch):
    from torchvision.datasets import CIFAR10, cifar

    folder = write_synthetic_cifar10(tmp_path / "cifar-10-batches-py", n_train=50, n_test=20)
    # torchvision checks the official files' MD5 sums; ours differ by design, so skip that.
    monkeypatch.setattr(CIFAR10, "_check_integrity", lambda self: True)
    monkeypatch.setattr(cifar, "check_integrity", lambda path, md5=None: True)
    theirs = CIFAR10(str(tmp_path), train=True, download=False)
    ours_x, ours_y = read_cifar_folder(folder, "train")
    np.testing.assert_array_equal(theirs.data, ours_x.transpose(0, 2, 3, 1))  # they keep HWC
    assert theirs.targets == ours_y.tolist()
    assert tuple(theirs.classes) == CLASSES == read_cifar_meta(folder)
    assert "SYNTHETIC" in (folder / "SYNTHETIC.txt").read_text()


def test_aclimdb_folder_is_listed_in_a_fixed_order_with_labels(tmp_path):
    for split in ("train", "test"):
        for label in ("pos", "neg"):
            (tmp_path / "aclImdb" / split / label).mkdir(parents=True)
    (tmp_path / "aclImdb/train/pos/0_9.txt").write_text("Great film.<br /><br />Loved it.")
    (tmp_path / "aclImdb/train/neg/1_2.txt").write_text("Dull.")
    (tmp_path / "aclImdb/train/neg/0_1.txt").write_text("Awful.")
    files, labels = list_aclimdb(tmp_path / "aclImdb", "train")
    assert [f.name for f in files] == ["0_1.txt", "1_2.txt", "0_9.txt"]
    assert labels.tolist() == [0, 0, 1]
    assert read_review(files[2]) == "Great film. Loved it."
    with pytest.raises(FileNotFoundError):
        list_aclimdb(tmp_path / "aclImdb", "test")
