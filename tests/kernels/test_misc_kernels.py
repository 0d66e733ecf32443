"""Generative losses, metrics and Grad-CAM against torch and hand counts."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernels.numpy import generative as G
from kernels.numpy import gradcam as GC
from kernels.numpy import metrics as M

from ._util import SETTINGS, float_arrays, rel_error, to_numpy, to_torch

torch = pytest.importorskip("torch")
F = torch.nn.functional
from kernels.torch import generative as TG
from kernels.torch import gradcam as TGC
from kernels.torch import metrics as TM


@SETTINGS
@given(
    real=float_arrays(st.tuples(st.integers(1, 6)), -50, 50),
    fake=float_arrays(st.tuples(st.integers(1, 6)), -50, 50),
    scale=st.sampled_from([1.0, 100.0]),
)
def test_gan_losses_match_bce_with_logits(real, fake, scale):
    real, fake = real * scale, fake * scale
    tr, tf = torch.from_numpy(real), torch.from_numpy(fake)
    d_expected = (
        F.binary_cross_entropy_with_logits(tr, torch.ones_like(tr))
        + F.binary_cross_entropy_with_logits(tf, torch.zeros_like(tf))
    ).item()
    g_expected = F.binary_cross_entropy_with_logits(tf, torch.ones_like(tf)).item()
    assert rel_error(G.gan_discriminator_loss(real, fake), d_expected) < 1e-7
    assert rel_error(G.gan_generator_loss(fake), g_expected) < 1e-7
    assert rel_error(to_numpy(TG.gan_discriminator_loss(tr, tf)), d_expected) < 1e-7
    assert rel_error(to_numpy(TG.gan_generator_loss(tf)), g_expected) < 1e-7


def test_generator_loss_is_non_saturating():
    # When D confidently rejects the fakes (very negative logits), the non-saturating loss
    # still has gradient about −1 per sample; log(1 − D) would have about 0.
    t = torch.tensor([-20.0], dtype=torch.float64, requires_grad=True)
    loss = TG.gan_generator_loss(t)
    loss.backward()
    assert t.grad.item() < -0.99 and np.isclose(
        G.gan_generator_loss(np.array([-20.0])), 20.0, rtol=1e-8
    )


def test_autoencoder_reconstruction_losses():
    rng = np.random.default_rng(0)
    x, x_hat = rng.random((4, 6)), rng.uniform(0.01, 0.99, (4, 6))
    assert (
        rel_error(
            G.autoencoder_reconstruction_loss(x_hat, x),
            F.mse_loss(*to_torch((x_hat, x))).item(),
        )
        < 1e-7
    )
    assert (
        rel_error(
            G.autoencoder_reconstruction_loss(x_hat, x, "bce"),
            F.binary_cross_entropy(*to_torch((x_hat, x))).item(),
        )
        < 1e-7
    )
    assert G.autoencoder_reconstruction_loss(x, x) == 0.0
    assert (
        rel_error(
            to_numpy(TG.autoencoder_reconstruction_loss(*to_torch((x_hat, x)), "bce")),
            G.autoencoder_reconstruction_loss(x_hat, x, "bce"),
        )
        < 1e-7
    )
    with pytest.raises(ValueError):
        G.autoencoder_reconstruction_loss(x_hat, x, "l1")


def test_metrics_on_a_hand_counted_example():
    y_true = np.array([1, 1, 1, 0, 0, 1, 0, 1])
    y_pred = np.array([1, 0, 1, 0, 1, 1, 0, 0])  # TP 3, FP 1, FN 2, TN 2
    assert M.accuracy(y_true, y_pred) == 5 / 8
    assert M.precision(y_true, y_pred) == 3 / 4 and M.recall(y_true, y_pred) == 3 / 5
    assert np.isclose(M.f1(y_true, y_pred), 2 * 3 / (2 * 3 + 1 + 2))
    assert M.confusion_matrix(y_true, y_pred).tolist() == [[2, 1], [2, 3]]
    # Class 0 as the positive class; macro averages the two.
    p0, r0 = 2 / 4, 2 / 3
    assert np.isclose(M.precision(y_true, y_pred, average="macro"), (3 / 4 + p0) / 2)
    assert np.isclose(M.recall(y_true, y_pred, average="macro"), (3 / 5 + r0) / 2)
    assert np.isclose(
        M.f1(y_true, y_pred, average="macro"), (6 / 9 + 2 * p0 * r0 / (p0 + r0)) / 2
    )
    assert M.precision([1, 0], [0, 0]) == 0.0  # nothing predicted positive: 0, not NaN
    assert (
        M.accuracy([2, 0], np.array([[0.1, 0.2, 0.7], [0.9, 0.0, 0.1]])) == 1.0
    )  # scores are argmaxed
    with pytest.raises(ValueError):
        M.f1(y_true, y_pred, average="micro")


@SETTINGS
@given(data=st.data(), n=st.integers(1, 30), k=st.integers(2, 5))
def test_metrics_match_their_definitions_and_torch(data, n, k):
    labels = st.lists(st.integers(0, k - 1), min_size=n, max_size=n)
    y_true, y_pred = np.array(data.draw(labels)), np.array(data.draw(labels))
    cm = M.confusion_matrix(y_true, y_pred, k)
    assert cm.sum() == n and np.trace(cm) == np.sum(y_true == y_pred)
    per_class_f1 = []
    for c in range(k):
        tp = np.sum((y_true == c) & (y_pred == c))
        fp, fn = (
            np.sum((y_true != c) & (y_pred == c)),
            np.sum((y_true == c) & (y_pred != c)),
        )
        per_class_f1.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
        assert cm[c, c] == tp and cm[:, c].sum() - tp == fp and cm[c].sum() - tp == fn
    assert np.isclose(
        M.f1(y_true, y_pred, "macro", num_classes=k), np.mean(per_class_f1)
    )
    t_true, t_pred = torch.from_numpy(y_true), torch.from_numpy(y_pred)
    for name in ("precision", "recall", "f1"):
        for avg in ("binary", "macro"):
            want = getattr(M, name)(y_true, y_pred, avg, num_classes=k)
            assert np.isclose(
                to_numpy(getattr(TM, name)(t_true, t_pred, avg, num_classes=k)), want
            )
    assert np.array_equal(to_numpy(TM.confusion_matrix(t_true, t_pred, k)), cm)


def test_grad_cam_from_a_real_conv_net():
    torch.manual_seed(0)
    net = torch.nn.Sequential(
        torch.nn.Conv2d(3, 4, 3, padding=1), torch.nn.ReLU()
    ).double()
    head = torch.nn.Linear(4, 5).double()
    image = torch.randn(2, 3, 6, 6, dtype=torch.float64)
    features = net(image)
    features.retain_grad()
    scores = head(features.mean(dim=(2, 3)))
    scores[:, 1].sum().backward()
    A, dA = features.detach().numpy(), features.grad.numpy()
    weights = dA.mean(axis=(2, 3))  # α_k per image
    raw = np.maximum(np.einsum("nk,nkhw->nhw", weights, A), 0)
    expected = raw / raw.max(axis=(1, 2), keepdims=True)
    cam = GC.grad_cam(A, dA)
    assert cam.shape == (2, 6, 6) and rel_error(cam, expected) < 1e-7
    assert rel_error(GC.grad_cam(A[0], dA[0], normalize=False), raw[0]) < 1e-7
    assert rel_error(to_numpy(TGC.grad_cam(*to_torch((A, dA)))), expected) < 1e-7
    assert np.array_equal(
        GC.grad_cam(np.abs(A[0]), -np.abs(dA[0])), np.zeros((6, 6))
    )  # no positive evidence
