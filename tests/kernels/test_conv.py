"""Convolution and pooling against torch.nn.functional and autograd, on drawn
shapes, strides and paddings (small: the naive loops are slow)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernels.numpy import conv as C

from ._util import (
    SETTINGS,
    autograd,
    float_arrays,
    norm_rel_error,
    numeric_grads,
    rel_error,
    to_numpy,
    to_torch,
)

torch = pytest.importorskip("torch")
F = torch.nn.functional
from kernels.torch import conv as TC


@st.composite
def conv_problems(draw):
    n, c, f = draw(st.integers(1, 2)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    kh, kw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    stride, pad = draw(st.integers(1, 3)), draw(st.integers(0, 2))
    h, w = (
        draw(st.integers(max(1, kh - 2 * pad), 7)),
        draw(st.integers(max(1, kw - 2 * pad), 7)),
    )
    x = draw(float_arrays((n, c, h, w)))
    wt = draw(float_arrays((f, c, kh, kw)))
    b = draw(float_arrays((f,)))
    return x, wt, b, stride, pad


@SETTINGS
@given(problem=conv_problems(), data=st.data())
def test_conv2d_naive_and_im2col_match_autograd(problem, data):
    x, w, b, stride, pad = problem
    ref = lambda x_, w_, b_: F.conv2d(x_, w_, b_, stride=stride, padding=pad)
    out_shape = ref(*to_torch((x, w, b))).shape
    dout = data.draw(float_arrays(tuple(out_shape)))
    expected, grads = autograd(ref, x, w, b, dout=dout)
    assert out_shape[2:] == (
        C.conv_output_size(x.shape[2], w.shape[2], stride, pad),
        C.conv_output_size(x.shape[3], w.shape[3], stride, pad),
    )
    for fwd, bwd in [
        (C.conv2d_forward_naive, C.conv2d_backward_naive),
        (C.conv2d_forward_im2col, C.conv2d_backward_im2col),
        (
            C.conv2d_forward_naive,
            C.conv2d_backward,
        ),  # the fast backward takes either cache
    ]:
        out, cache = fwd(x, w, b, stride, pad)
        assert rel_error(out, expected) < 1e-7
        for got, want in zip(bwd(dout, cache), grads):
            assert got.shape == want.shape and rel_error(got, want) < 1e-7
    tout, tcache = TC.conv2d_forward_im2col(*to_torch((x, w, b)), stride, pad)
    assert rel_error(to_numpy(tout), expected) < 1e-7
    for got, want in zip(
        TC.conv2d_backward_im2col(torch.from_numpy(dout), tcache), grads
    ):
        assert rel_error(to_numpy(got), want) < 1e-7


@SETTINGS
@given(problem=conv_problems(), data=st.data())
def test_col2im_is_the_adjoint_of_im2col(problem, data):
    # <im2col(x), c> = <x, col2im(c)> for every x and c: col2im is im2col's transpose,
    # which is exactly what backpropagating through im2col needs.
    x, w, _, stride, pad = problem
    kh, kw = w.shape[2:]
    cols = C.im2col(x, kh, kw, stride, pad)
    c = data.draw(float_arrays(cols.shape))
    back = C.col2im(c, x.shape, kh, kw, stride, pad)
    assert back.shape == x.shape
    assert np.isclose(np.sum(cols * c), np.sum(x * back), rtol=1e-9, atol=1e-9)


def test_conv_backward_matches_central_differences():
    rng = np.random.default_rng(0)
    x, w, b = (
        rng.normal(size=(2, 2, 5, 4)),
        rng.normal(size=(3, 2, 3, 3)),
        rng.normal(size=3),
    )
    out, cache = C.conv2d_forward_naive(x, w, b, 2, 1)
    dout = rng.normal(size=out.shape)
    numeric = numeric_grads(
        lambda *a: C.conv2d_forward_im2col(*a, 2, 1)[0], (x, w, b), dout
    )
    for got, want in zip(C.conv2d_backward_naive(dout, cache), numeric):
        assert norm_rel_error(got, want) < 1e-7


def test_conv_output_size_formula():
    assert C.conv_output_size(32, 3, 1, 1) == 32  # "same" padding
    assert C.conv_output_size(7, 3, 2, 1) == 4
    assert (
        C.conv_output_size(5, 2, 2, 0) == 2
    )  # the last column does not fit and is dropped
    with pytest.raises(ValueError):
        C.conv_output_size(2, 5, 1, 0)


@st.composite
def pool_problems(draw):
    ph, pw, stride = (
        draw(st.integers(1, 3)),
        draw(st.integers(1, 3)),
        draw(st.integers(1, 3)),
    )
    shape = (
        draw(st.integers(1, 2)),
        draw(st.integers(1, 3)),
        draw(st.integers(ph, 8)),
        draw(st.integers(pw, 8)),
    )
    # Distinct values: with ties, which element of a window gets max-pool's gradient is a convention.
    return draw(float_arrays(shape, unique=True)), ph, pw, stride


@pytest.mark.parametrize("kind", ["max", "avg"])
@SETTINGS
@given(problem=pool_problems(), data=st.data())
def test_pooling_matches_autograd(kind, problem, data):
    x, ph, pw, stride = problem
    ref = F.max_pool2d if kind == "max" else F.avg_pool2d
    fn = lambda t: ref(t, (ph, pw), stride)
    dout = data.draw(float_arrays(tuple(fn(torch.from_numpy(x)).shape)))
    expected, (dx_expected,) = autograd(fn, x, dout=dout)
    fwd, bwd = getattr(C, f"{kind}pool_forward"), getattr(C, f"{kind}pool_backward")
    out, cache = fwd(x, ph, pw, stride)
    assert (
        rel_error(out, expected) < 1e-7
        and rel_error(bwd(dout, cache), dx_expected) < 1e-7
    )
    tfwd, tbwd = getattr(TC, f"{kind}pool_forward"), getattr(TC, f"{kind}pool_backward")
    tout, tcache = tfwd(torch.from_numpy(x), ph, pw, stride)
    assert rel_error(to_numpy(tout), expected) < 1e-7
    assert rel_error(to_numpy(tbwd(torch.from_numpy(dout), tcache)), dx_expected) < 1e-7


def test_maxpool_of_zeros_sends_the_gradient_to_one_element_per_window():
    out, cache = C.maxpool_forward(np.zeros((1, 1, 4, 4)))
    dx = C.maxpool_backward(np.ones((1, 1, 2, 2)), cache)
    assert (
        np.array_equal(out, np.zeros((1, 1, 2, 2)))
        and dx.sum() == 4
        and dx[0, 0, 0, 0] == 1
    )


@SETTINGS
@given(problem=conv_problems())
def test_im2col_rows_are_torch_unfold_patches(problem):
    x, w, _, stride, pad = problem
    kh, kw = w.shape[2:]
    unfolded = F.unfold(
        torch.from_numpy(x), (kh, kw), padding=pad, stride=stride
    )  # (N, C·KH·KW, L)
    expected = unfolded.transpose(1, 2).reshape(-1, unfolded.shape[1]).numpy()
    assert np.array_equal(C.im2col(x, kh, kw, stride, pad), expected)
    assert np.array_equal(
        to_numpy(TC.im2col(torch.from_numpy(x), kh, kw, stride, pad)), expected
    )


@pytest.mark.parametrize("kind", ["max", "avg"])
def test_pool_backward_matches_central_differences(kind):
    rng = np.random.default_rng(4)
    x = (
        rng.permutation(2 * 3 * 7 * 6).reshape(2, 3, 7, 6) / 10.0
    )  # distinct values, gaps ≫ h
    fwd, bwd = getattr(C, f"{kind}pool_forward"), getattr(C, f"{kind}pool_backward")
    out, cache = fwd(x, 3, 2, 2)
    dout = rng.normal(size=out.shape)
    (numeric,) = numeric_grads(lambda z: fwd(z, 3, 2, 2)[0], (x,), dout)
    assert norm_rel_error(bwd(dout, cache), numeric) < 1e-7
