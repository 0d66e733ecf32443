"""Affine, dropout, batch norm and layer norm against torch and autograd."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kernels.numpy import layers as Ly

from ._util import (
    SETTINGS,
    autograd,
    devices,
    float_arrays,
    norm_rel_error,
    numeric_grads,
    rel_error,
    to_numpy,
    to_torch,
)

torch = pytest.importorskip("torch")
F = torch.nn.functional
from kernels.torch import layers as TLy

small = st.integers(1, 5)


@SETTINGS
@given(data=st.data(), n=small, d=st.lists(small, min_size=1, max_size=3), m=small)
def test_affine_matches_autograd(data, n, d, m):
    x = data.draw(float_arrays((n, *d)))
    w = data.draw(float_arrays((int(np.prod(d)), m)))
    b = data.draw(float_arrays((m,)))
    dout = data.draw(float_arrays((n, m)))
    expected, grads = autograd(
        lambda x_, w_, b_: x_.reshape(n, -1) @ w_ + b_, x, w, b, dout=dout
    )
    out, cache = Ly.affine_forward(x, w, b)
    assert rel_error(out, expected) < 1e-7
    for got, want in zip(Ly.affine_backward(dout, cache), grads):
        assert got.shape == want.shape and rel_error(got, want) < 1e-7
    _tout, tcache = TLy.affine_forward(*to_torch((x, w, b)))
    for got, want in zip(TLy.affine_backward(torch.from_numpy(dout), tcache), grads):
        assert rel_error(to_numpy(got), want) < 1e-7


def _bn_inputs(data, n, d):
    x = data.draw(float_arrays((n, d), -10, 10))
    return (
        x,
        data.draw(float_arrays((d,), 0.1, 3)),
        data.draw(float_arrays((d,))),
        data.draw(float_arrays((n, d))),
    )


@SETTINGS
@given(data=st.data(), n=st.integers(2, 6), d=small)
def test_batchnorm_train_matches_torch(data, n, d):
    x, gamma, beta, dout = _bn_inputs(data, n, d)
    # A feature that is (nearly) constant over the batch has σ ≈ √eps: then rounding in the
    # mean is amplified ~300x and neither side is "the" answer. Zeros are tested exactly below.
    assume(np.ptp(x, axis=0).min() > 1e-3)
    expected, grads = autograd(
        lambda x_, g_, b_: F.batch_norm(
            x_, None, None, g_, b_, training=True, eps=1e-5
        ),
        x,
        gamma,
        beta,
        dout=dout,
    )
    for side, mod in (("numpy", Ly), ("torch", TLy)):
        args = (x, gamma, beta) if side == "numpy" else to_torch((x, gamma, beta))
        out, cache = mod.batchnorm_forward(*args, {"mode": "train"})
        assert rel_error(to_numpy(out), expected) < 1e-7
        back = mod.batchnorm_backward(
            dout if side == "numpy" else torch.from_numpy(dout), cache
        )
        for got, want in zip(back, grads):
            assert rel_error(to_numpy(got), want) < 1e-7


def test_spatial_batchnorm_matches_torch_on_feature_maps():
    rng = np.random.default_rng(6)
    x, gamma, beta = (
        rng.normal(size=(3, 4, 5, 2)) * 2 + 1,
        rng.uniform(0.5, 2, 4),
        rng.normal(size=4),
    )
    dout = rng.normal(size=x.shape)
    expected, grads = autograd(
        lambda x_, g_, b_: F.batch_norm(x_, None, None, g_, b_, training=True),
        x,
        gamma,
        beta,
        dout=dout,
    )
    bn = {"mode": "train"}
    out, cache = Ly.spatial_batchnorm_forward(x, gamma, beta, bn)
    assert rel_error(out, expected) < 1e-7
    for got, want in zip(Ly.spatial_batchnorm_backward(dout, cache), grads):
        assert rel_error(got, want) < 1e-7
    assert np.allclose(bn["running_mean"], 0.1 * x.mean(axis=(0, 2, 3)))
    test_out, _ = Ly.spatial_batchnorm_forward(x, gamma, beta, {**bn, "mode": "test"})
    want = F.batch_norm(
        *to_torch((x, bn["running_mean"], bn["running_var"], gamma, beta)),
        training=False,
    )
    assert rel_error(test_out, want.numpy()) < 1e-7


def test_batchnorm_running_statistics_and_test_mode():
    rng = np.random.default_rng(0)
    gamma, beta = rng.normal(size=3), rng.normal(size=3)
    bn = {"mode": "train", "momentum": 0.9}
    batches = [rng.normal(size=(8, 3)) * 2 + 5 for _ in range(3)]
    mean, var = np.zeros(3), np.ones(3)
    for x in batches:
        Ly.batchnorm_forward(x, gamma, beta, bn)
        mean, var = 0.9 * mean + 0.1 * x.mean(0), 0.9 * var + 0.1 * x.var(0)
    assert np.allclose(bn["running_mean"], mean) and np.allclose(bn["running_var"], var)
    x = rng.normal(size=(4, 3))
    out, _ = Ly.batchnorm_forward(x, gamma, beta, {**bn, "mode": "test"})
    expected = F.batch_norm(
        *to_torch((x, bn["running_mean"], bn["running_var"], gamma, beta)),
        training=False,
        eps=1e-5,
    )
    assert rel_error(out, expected.numpy()) < 1e-7
    # One sample in test mode is fine: nothing is estimated from the batch.
    out1, _ = Ly.batchnorm_forward(x[:1], gamma, beta, {**bn, "mode": "test"})
    assert np.allclose(out1, out[:1])
    with pytest.raises(ValueError):
        Ly.batchnorm_forward(x, gamma, beta, {"mode": "eval"})


@SETTINGS
@given(
    data=st.data(), lead=st.lists(small, min_size=1, max_size=2), d=st.integers(2, 6)
)
def test_layernorm_matches_torch(data, lead, d):
    x = data.draw(float_arrays((*lead, d), -10, 10))
    assume(
        np.ptp(x, axis=-1).min() > 1e-3
    )  # as for batch norm: no (nearly) constant rows
    gamma, beta = data.draw(float_arrays((d,), 0.1, 3)), data.draw(float_arrays((d,)))
    dout = data.draw(float_arrays(x.shape))
    expected, grads = autograd(
        lambda x_, g_, b_: F.layer_norm(x_, (d,), g_, b_, eps=1e-5),
        x,
        gamma,
        beta,
        dout=dout,
    )
    out, cache = Ly.layernorm_forward(x, gamma, beta)
    assert rel_error(out, expected) < 1e-7
    for got, want in zip(Ly.layernorm_backward(dout, cache), grads):
        assert rel_error(got, want) < 1e-7


def test_norms_of_constant_inputs_are_beta_with_zero_input_gradient():
    x, gamma, beta, dout = (
        np.zeros((3, 4)),
        np.full(4, 2.0),
        np.arange(4.0),
        np.ones((3, 4)),
    )
    for fwd, bwd in [
        (lambda *a: Ly.batchnorm_forward(*a, {"mode": "train"}), Ly.batchnorm_backward),
        (Ly.layernorm_forward, Ly.layernorm_backward),
    ]:
        out, cache = fwd(x, gamma, beta)
        assert np.array_equal(out, np.broadcast_to(beta, x.shape))
        dx, _dgamma, dbeta = bwd(dout, cache)
        assert np.array_equal(dx, np.zeros_like(x)) and np.array_equal(
            dbeta, dout.sum(0)
        )


@pytest.mark.parametrize("kind", ["affine", "batchnorm", "layernorm"])
def test_backward_matches_central_differences(kind):
    rng = np.random.default_rng(1)
    x, gamma, beta = (
        rng.normal(size=(5, 4)) * 2 + 1,
        rng.normal(size=4),
        rng.normal(size=4),
    )
    if kind == "affine":
        args, fwd, bwd = (
            (x, rng.normal(size=(4, 3)), rng.normal(size=3)),
            Ly.affine_forward,
            Ly.affine_backward,
        )
    elif kind == "batchnorm":
        args, fwd, bwd = (
            (x, gamma, beta),
            lambda *a: Ly.batchnorm_forward(*a, {"mode": "train"}),
            Ly.batchnorm_backward,
        )
    else:
        args, fwd, bwd = (x, gamma, beta), Ly.layernorm_forward, Ly.layernorm_backward
    out, cache = fwd(*args)
    dout = rng.normal(size=out.shape)
    for got, want in zip(
        bwd(dout, cache), numeric_grads(lambda *a: fwd(*a)[0], args, dout)
    ):
        assert norm_rel_error(got, want) < 1e-7


@pytest.mark.parametrize("device", devices())
@pytest.mark.parametrize("side", ["numpy", "torch"])
def test_inverted_dropout(side, device):
    mod = Ly if side == "numpy" else TLy
    if side == "numpy" and device != "cpu":
        pytest.skip("NumPy runs on the CPU only")
    x = np.random.default_rng(0).normal(size=(200, 100)) + 3.0
    xin = x if side == "numpy" else to_torch(x, device)
    out, cache = mod.dropout_forward(xin, p=0.3, train=True, seed=7)
    out = to_numpy(out)
    kept = out != 0
    assert (
        abs(kept.mean() - 0.7) < 0.015
    )  # each unit survives with probability 1 − p (±4.6σ)
    assert np.allclose(out[kept], x[kept] / 0.7)  # survivors are scaled up
    assert (
        abs(out.mean() - x.mean()) < 0.07
    )  # so the expected activation is unchanged (±4.7σ)
    again, _ = mod.dropout_forward(xin, p=0.3, train=True, seed=7)
    other, _ = mod.dropout_forward(xin, p=0.3, train=True, seed=8)
    assert np.array_equal(to_numpy(again), out) and not np.array_equal(
        to_numpy(other), out
    )
    dout = np.ones_like(x) if side == "numpy" else torch.ones_like(xin)
    dx = to_numpy(mod.dropout_backward(dout, cache))
    assert np.array_equal(dx != 0, kept) and np.allclose(dx[kept], 1 / 0.7)
    ev, ev_cache = mod.dropout_forward(xin, p=0.3, train=False)
    assert np.array_equal(to_numpy(ev), x) and np.array_equal(
        to_numpy(mod.dropout_backward(dout, ev_cache)), to_numpy(dout)
    )
    with pytest.raises(ValueError):
        mod.dropout_forward(xin, p=1.0)
