"""Activations: NumPy and torch kernels against torch.nn.functional and autograd,
and the backward passes against central differences."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernels.numpy import activations as A

from ._util import SETTINGS, autograd, float_arrays, norm_rel_error, rel_error, to_numpy

torch = pytest.importorskip("torch")
F = torch.nn.functional
from kernels.torch import activations as TA

REFERENCE = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": F.relu,
    "leaky_relu": lambda t: F.leaky_relu(t, 0.01),
    "gelu": F.gelu,
    "softplus": F.softplus,
}
shapes = st.tuples(st.integers(1, 5), st.integers(1, 7))


@pytest.mark.parametrize("name", sorted(REFERENCE))
@SETTINGS
@given(x=float_arrays(shapes, -8, 8), dout=float_arrays(shapes))
def test_forward_and_backward_match_autograd(name, x, dout):
    if dout.shape != x.shape:
        dout = np.resize(dout, x.shape)
    expected_out, (expected_dx,) = autograd(REFERENCE[name], x, dout=dout)
    out, cache = getattr(A, f"{name}_forward")(x)
    dx = getattr(A, f"{name}_backward")(dout, cache)
    assert rel_error(out, expected_out) < 1e-7
    assert rel_error(dx, expected_dx) < 1e-7
    assert rel_error(getattr(A, name)(x), expected_out) < 1e-7
    tout, tcache = getattr(TA, f"{name}_forward")(torch.from_numpy(x))
    tdx = getattr(TA, f"{name}_backward")(torch.from_numpy(dout), tcache)
    assert rel_error(to_numpy(tout), expected_out) < 1e-7
    assert rel_error(to_numpy(tdx), expected_dx) < 1e-7


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_backward_matches_central_differences(name):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4, 5))
    x[np.abs(x) < 1e-2] = (
        0.5  # stay off ReLU's kink, where the difference quotient is not a derivative
    )
    dout = rng.normal(size=x.shape)
    fwd = getattr(A, f"{name}_forward")
    _, cache = fwd(x)
    dx = getattr(A, f"{name}_backward")(dout, cache)
    from kernels.numpy.basics import numerical_gradient_array

    assert (
        norm_rel_error(dx, numerical_gradient_array(lambda z: fwd(z)[0], x, dout))
        < 1e-7
    )


def test_gelu_tanh_form_and_leaky_slope_match_torch():
    x = np.linspace(-4, 4, 33)
    expected, (dx,) = autograd(lambda t: F.gelu(t, approximate="tanh"), x)
    out, cache = A.gelu_forward(x, approximate="tanh")
    assert (
        rel_error(out, expected) < 1e-7
        and rel_error(A.gelu_backward(np.ones_like(x), cache), dx) < 1e-7
    )
    expected, (dx,) = autograd(lambda t: F.leaky_relu(t, 0.2), x)
    out, cache = A.leaky_relu_forward(x, alpha=0.2)
    assert (
        rel_error(out, expected) < 1e-7
        and rel_error(A.leaky_relu_backward(np.ones_like(x), cache), dx) < 1e-7
    )
    with pytest.raises(ValueError):
        A.gelu(x, approximate="fast")


def test_extreme_inputs_stay_finite():
    x = np.array([-1e4, -800.0, 0.0, 800.0, 1e4])
    with np.errstate(
        over="raise", invalid="raise", divide="raise"
    ):  # no overflow on the way
        assert np.array_equal(A.sigmoid(x), [0.0, 0.0, 0.5, 1.0, 1.0])
        assert np.allclose(A.softplus(x), [0.0, 0.0, np.log(2), 800.0, 1e4])
        assert np.all(np.isfinite(A.gelu(x)))
    assert (
        A.sigmoid(np.array([1, 2])).dtype == np.float64
    )  # integers are promoted, not truncated


def test_torch_sigmoid_has_the_right_autograd_gradient_at_zero():
    torch = pytest.importorskip("torch")
    from kernels.torch.activations import sigmoid

    x = torch.zeros(4, dtype=torch.float64, requires_grad=True)
    sigmoid(x).sum().backward()
    assert torch.allclose(x.grad, torch.full_like(x, 0.25))
