"""Basics: loop and vectorised products, numerical derivatives, gradient descent, perceptron."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernels.numpy import basics as B

from ._util import SETTINGS, float_arrays, norm_rel_error, to_numpy

torch = pytest.importorskip("torch")
from kernels.torch import basics as TB

dims = st.integers(1, 6)


@SETTINGS
@given(st.data(), dims, dims, dims)
def test_loop_products_equal_vectorised_and_torch(data, n, k, m):
    A = data.draw(float_arrays((n, k)))
    Bm = data.draw(float_arrays((k, m)))
    a, b = A[0], data.draw(float_arrays((k,)))
    assert np.allclose(B.matmul_loops(A, Bm), A @ Bm, atol=1e-12)
    assert np.allclose(
        B.matmul(A, Bm), torch.from_numpy(A) @ torch.from_numpy(Bm), atol=1e-12
    )
    assert np.allclose(
        to_numpy(TB.matmul_loops(torch.from_numpy(A), torch.from_numpy(Bm))),
        A @ Bm,
        atol=1e-12,
    )
    assert math.isclose(B.dot_loops(a, b), float(np.dot(a, b)), abs_tol=1e-12)
    assert math.isclose(
        float(TB.dot_loops(torch.from_numpy(a), torch.from_numpy(b))),
        float(B.dot(a, b)),
        abs_tol=1e-12,
    )


def test_loop_products_reject_mismatched_shapes():
    with pytest.raises(ValueError):
        B.matmul_loops(np.ones((2, 3)), np.ones((2, 3)))
    with pytest.raises(ValueError):
        B.dot_loops(np.ones(3), np.ones(4))


@SETTINGS
@given(st.floats(-3, 3))
def test_central_difference_is_second_order_accurate(x):
    # f = sin: the central difference error is about h²/6·|cos x| ≈ 2e-11 at h = 1e-5.
    assert abs(B.numerical_derivative(math.sin, x) - math.cos(x)) < 1e-9
    assert abs(TB.numerical_derivative(math.sin, x) - math.cos(x)) < 1e-9


@SETTINGS
@given(float_arrays(st.tuples(dims, dims), -2, 2))
def test_numerical_gradient_matches_autograd(x):
    f_np = lambda z: np.sum(np.sin(z) * z**2 + 3 * z)
    _, (expected,) = _autograd_sum(lambda t: torch.sum(torch.sin(t) * t**2 + 3 * t), x)
    assert norm_rel_error(B.numerical_gradient(f_np, x), expected) < 1e-7
    got = TB.numerical_gradient(
        lambda t: torch.sum(torch.sin(t) * t**2 + 3 * t), torch.from_numpy(x)
    )
    assert norm_rel_error(to_numpy(got), expected) < 1e-7


def _autograd_sum(fn, x):
    t = torch.tensor(x, requires_grad=True)
    out = fn(t)
    out.backward()
    return out.item(), [t.grad.numpy()]


def test_numerical_gradient_leaves_the_input_untouched():
    x = np.arange(6.0).reshape(2, 3)
    before = x.copy()
    B.numerical_gradient(lambda z: np.sum(z**2), x)
    assert np.array_equal(x, before)


def test_gradient_descent_walks_downhill_to_the_minimum():
    path = B.gradient_descent(lambda x: 2 * (x - 3.0), 0.0, lr=0.1, steps=100)
    assert path.shape == (101,) and path[0] == 0.0
    assert abs(path[-1] - 3.0) < 1e-8
    losses = (path - 3.0) ** 2
    assert np.all(np.diff(losses) <= 0)
    tpath = TB.gradient_descent(lambda x: 2 * (x - 3.0), 0.0, lr=0.1, steps=100)
    assert np.allclose(to_numpy(tpath), path)


def test_perceptron_learns_a_separable_problem():
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal(size=(20, 2)) + 4, rng.normal(size=(20, 2)) - 4])
    y = np.repeat([1, 0], 20)
    w, b = B.perceptron_train(X, y, epochs=20)
    assert np.array_equal(B.perceptron_predict(X, w, b), y)
    tw, tb = TB.perceptron_train(torch.from_numpy(X), torch.from_numpy(y), epochs=20)
    assert np.allclose(to_numpy(tw), w) and float(tb) == b
    assert np.array_equal(
        to_numpy(TB.perceptron_predict(torch.from_numpy(X), tw, tb)), y
    )


def test_perceptron_learns_and_but_not_xor():
    X = np.array([[0.0, 0], [0, 1], [1, 0], [1, 1]])
    w, b = B.perceptron_train(X, np.array([0, 0, 0, 1]), epochs=20)
    assert B.perceptron_predict(X, w, b).tolist() == [0, 0, 0, 1]
    w, b = B.perceptron_train(X, np.array([0, 1, 1, 0]), epochs=50)
    assert B.perceptron_predict(X, w, b).tolist() != [
        0,
        1,
        1,
        0,
    ]  # not linearly separable
