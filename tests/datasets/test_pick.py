"""Picking n examples: class-balanced, seeded, and a larger n keeps a smaller n's picks."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.datasets import load_mnist, train_val_split
from tutor.datasets.base import balanced_pick


def test_pick_is_balanced_even_when_classes_are_not():
    labels = np.array([0] * 90 + [1] * 30 + [2] * 5)
    rows = balanced_pick(labels, 30, seed=0)
    counts = np.bincount(labels[rows]).tolist()
    assert counts[2] == 5 and sorted(counts[:2]) == [12, 13]
    assert len(set(rows.tolist())) == 30


def test_pick_is_seeded_and_nested():
    labels = np.arange(1000) % 7
    small, large = balanced_pick(labels, 50, seed=5), balanced_pick(labels, 400, seed=5)
    np.testing.assert_array_equal(small, balanced_pick(labels, 50, seed=5))
    assert set(small) <= set(large)
    assert not np.array_equal(small, balanced_pick(labels, 50, seed=6))


def test_pick_all_is_a_shuffle_and_too_many_is_an_error():
    labels = np.arange(20) % 2
    rows = balanced_pick(labels, None, seed=0)
    assert sorted(rows.tolist()) == list(range(20)) and rows.tolist() != list(range(20))
    with pytest.raises(ValueError):
        balanced_pick(labels, 21, seed=0)


def test_train_val_split_is_disjoint_and_balanced():
    data = load_mnist("train", n=1000, dtype=np.uint8)
    train, val = train_val_split(data, 0.2, seed=1)
    assert (train.n, val.n) == (800, 200)
    assert np.bincount(val.y).tolist() == [20] * 10
    both = np.concatenate([train.x, val.x]).reshape(1000, -1)
    assert len(np.unique(both, axis=0)) == len(np.unique(data.x.reshape(1000, -1), axis=0))
    assert val.info.split == "val"
