"""Toy sets: the shapes, labels and seeding a learner relies on in the first weeks."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.datasets import make_blobs, make_moons, make_parabola, make_spirals, truth_table


@pytest.mark.parametrize(
    ("op", "expected"),
    [("xor", [0, 1, 1, 0]), ("and", [0, 0, 0, 1]), ("or", [0, 1, 1, 1]), ("NAND", [1, 1, 1, 0])],
)
def test_truth_tables_match_the_gate(op, expected):
    x, y = truth_table(op)
    assert x.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert y.tolist() == expected


def test_unknown_gate_is_named_in_the_error():
    with pytest.raises(ValueError, match="xor"):
        truth_table("xnor")


@pytest.mark.parametrize("make", [make_blobs, make_moons, make_spirals, make_parabola])
def test_same_seed_same_data_and_splits_differ(make):
    a, b = make(50, seed=3), make(50, seed=3)
    np.testing.assert_array_equal(a.x, b.x)
    np.testing.assert_array_equal(a.y, b.y)
    assert not np.array_equal(make(50, seed=3, split="test").x, a.x)
    assert not np.array_equal(make(50, seed=4).x, a.x)
    assert a.x.dtype == np.float64 and a.x.shape[0] == 50


def test_blobs_share_centres_across_splits_and_balance_classes():
    train = make_blobs(3000, classes=4, dim=3, spread=0.5, seed=1)
    test = make_blobs(3000, classes=4, dim=3, spread=0.5, seed=1, split="test")
    assert train.x.shape == (3000, 3)
    assert np.bincount(train.y).tolist() == [750, 750, 750, 750]
    for c in range(4):
        gap = train.x[train.y == c].mean(0) - test.x[test.y == c].mean(0)
        assert np.abs(gap).max() < 0.1  # same centre: only sampling noise apart


def test_blobs_are_shuffled_not_sorted_by_class():
    _, y = make_blobs(300, seed=0)
    assert not np.all(np.diff(y) >= 0)


def test_moons_arcs_sit_where_the_formula_puts_them():
    x, y = make_moons(2000, noise=0.0, seed=0)
    upper, lower = x[y == 0], x[y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1.0)
    assert np.bincount(y).tolist() == [1000, 1000]


def test_spirals_have_radius_up_to_one_and_odd_n_is_spread_evenly():
    x, y = make_spirals(301, classes=3, seed=0)
    assert np.hypot(*x.T).max() <= 1.0 + 1e-12
    assert sorted(np.bincount(y).tolist()) == [100, 100, 101]


def test_parabola_without_noise_is_exactly_x_squared():
    x, y = make_parabola(64, noise=0.0, low=-3, high=3)
    assert x.shape == (64, 1) and y.shape == (64,)
    np.testing.assert_array_equal(y, x[:, 0] ** 2)
    assert x.min() >= -3 and x.max() <= 3
