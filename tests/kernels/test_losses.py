"""Softmax and the losses against torch.nn.functional and autograd, including
large logits, a batch of one and odd class counts."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernels.numpy import losses as L

from ._util import SETTINGS, autograd, float_arrays, norm_rel_error, rel_error, to_numpy

torch = pytest.importorskip("torch")
F = torch.nn.functional
from kernels.torch import losses as TL

logit_shapes = st.tuples(st.integers(1, 6), st.integers(1, 7))
scales = st.sampled_from([1.0, 1000.0])  # ordinary and huge logits


def _labels(data, x):
    return np.array(
        data.draw(
            st.lists(
                st.integers(0, x.shape[1] - 1), min_size=x.shape[0], max_size=x.shape[0]
            )
        )
    )


@SETTINGS
@given(x=float_arrays(logit_shapes), scale=scales)
def test_softmax_and_log_softmax_match_torch_for_any_logits(x, scale):
    x = x * scale
    t = torch.from_numpy(x)
    for fn, tfn, ref in [
        (L.softmax, TL.softmax, F.softmax),
        (L.log_softmax, TL.log_softmax, F.log_softmax),
    ]:
        expected = ref(t, dim=-1).numpy()
        assert np.all(np.isfinite(fn(x)))
        assert rel_error(fn(x), expected) < 1e-7
        assert rel_error(to_numpy(tfn(t)), expected) < 1e-7
    assert np.allclose(L.softmax(x).sum(axis=1), 1.0)


@SETTINGS
@given(data=st.data(), x=float_arrays(logit_shapes), scale=scales)
def test_softmax_loss_and_cross_entropy_match_autograd(data, x, scale):
    x = x * scale
    y = _labels(data, x)
    expected, (dx_expected,) = autograd(
        lambda t: F.cross_entropy(t, torch.from_numpy(y)), x
    )
    loss, dx = L.softmax_loss(x, y)
    assert rel_error(loss, expected) < 1e-7 and rel_error(dx, dx_expected) < 1e-7
    assert rel_error(L.cross_entropy_with_logits(x, y), expected) < 1e-7
    tloss, tdx = TL.softmax_loss(torch.from_numpy(x), torch.from_numpy(y))
    assert (
        rel_error(to_numpy(tloss), expected) < 1e-7
        and rel_error(to_numpy(tdx), dx_expected) < 1e-7
    )
    if scale == 1.0:  # from probabilities, and with one-hot targets
        assert rel_error(L.cross_entropy(L.softmax(x), y), expected) < 1e-7
        assert (
            rel_error(L.cross_entropy_with_logits(x, np.eye(x.shape[1])[y]), expected)
            < 1e-7
        )


@SETTINGS
@given(data=st.data(), x=float_arrays(logit_shapes))
def test_svm_loss_matches_multi_margin_loss(data, x):
    y = _labels(data, x)
    c = x.shape[1]
    # torch averages the hinge over the C classes too; CS231n's SVM loss does not.
    expected, (dx_expected,) = autograd(
        lambda t: c * F.multi_margin_loss(t, torch.from_numpy(y)), x
    )
    loss, dx = L.svm_loss(x, y)
    assert rel_error(loss, expected) < 1e-7 and rel_error(dx, dx_expected) < 1e-7
    tloss, tdx = TL.svm_loss(torch.from_numpy(x), torch.from_numpy(y))
    assert (
        rel_error(to_numpy(tloss), expected) < 1e-7
        and rel_error(to_numpy(tdx), dx_expected) < 1e-7
    )


@SETTINGS
@given(pred=float_arrays(logit_shapes), target=float_arrays(logit_shapes))
def test_mse_loss_and_gradient_match_autograd(pred, target):
    target = np.resize(target, pred.shape)
    expected, (dpred,) = autograd(
        lambda t: F.mse_loss(t, torch.from_numpy(target)), pred
    )
    assert rel_error(L.mse_loss(pred, target), expected) < 1e-7
    assert rel_error(L.mse_loss_backward(pred, target), dpred) < 1e-7
    assert (
        rel_error(
            to_numpy(
                TL.mse_loss_backward(torch.from_numpy(pred), torch.from_numpy(target))
            ),
            dpred,
        )
        < 1e-7
    )


@SETTINGS
@given(z=float_arrays(logit_shapes, -50, 50), scale=scales, data=st.data())
def test_binary_cross_entropies_match_torch(z, scale, data):
    z = z * scale
    y = (data.draw(float_arrays(z.shape, 0, 1)) > 0.5).astype(np.float64)
    expected = F.binary_cross_entropy_with_logits(
        torch.from_numpy(z), torch.from_numpy(y)
    ).item()
    assert rel_error(L.binary_cross_entropy_with_logits(z, y), expected) < 1e-7
    assert (
        rel_error(
            to_numpy(
                TL.binary_cross_entropy_with_logits(
                    torch.from_numpy(z), torch.from_numpy(y)
                )
            ),
            expected,
        )
        < 1e-7
    )
    p = 1 / (
        1 + np.exp(-np.clip(z, -30, 30))
    )  # probabilities away from exactly 0 and 1
    expected_p = F.binary_cross_entropy(torch.from_numpy(p), torch.from_numpy(y)).item()
    assert rel_error(L.binary_cross_entropy(p, y), expected_p) < 1e-7


def test_bce_of_certain_wrong_predictions_is_large_but_finite_like_torch():
    p, y = np.array([0.0, 1.0]), np.array([1.0, 0.0])
    assert (
        L.binary_cross_entropy(p, y)
        == F.binary_cross_entropy(torch.from_numpy(p), torch.from_numpy(y)).item()
        == 100.0
    )


def test_loss_gradients_match_central_differences():
    from kernels.numpy.basics import numerical_gradient

    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(5, 4)), rng.integers(0, 4, 5)
    for fn in (L.softmax_loss, L.svm_loss):
        _, dx = fn(x, y)
        assert (
            norm_rel_error(dx, numerical_gradient(lambda z, fn=fn: fn(z, y)[0], x))
            < 1e-7
        )
    target = rng.normal(size=(5, 4))
    assert (
        norm_rel_error(
            L.mse_loss_backward(x, target),
            numerical_gradient(lambda z: L.mse_loss(z, target), x),
        )
        < 1e-7
    )


def test_softmax_of_equal_logits_is_uniform_and_batch_of_one_works():
    assert np.allclose(L.softmax(np.zeros((1, 4))), 0.25)
    loss, dx = L.softmax_loss(np.zeros((1, 4)), np.array([2]))
    assert np.isclose(loss, np.log(4)) and np.allclose(dx, [[0.25, 0.25, -0.75, 0.25]])
