"""Mutants of kernels.numpy.layers and kernels.numpy.mlp."""

from __future__ import annotations

import numpy as np

from kernels.numpy import layers as ref
from kernels.numpy import mlp

from . import mutant


@mutant(
    "affine_backward_transposed_dw",
    "layers.affine_backward",
    "your dw is transposed: it must have w's shape [D×M], dw = xᵀ @ dout, not doutᵀ @ x.",
)
def affine_backward_transposed_dw(dout, cache):
    dx, dw, db = ref.affine_backward(dout, cache)
    return dx, dw.T, db


@mutant(
    "affine_backward_bias_not_summed",
    "layers.affine_backward",
    "your db still has the batch axis: the bias is shared by every sample, so sum dout over the batch.",
)
def affine_backward_bias_not_summed(dout, cache):
    dx, dw, _ = ref.affine_backward(dout, cache)
    return dx, dw, dout.copy()


@mutant(
    "affine_backward_bias_averaged",
    "layers.affine_backward",
    "your db is N times too small: sum dout over the batch; the 1/N already lives in the loss's gradient.",
)
def affine_backward_bias_averaged(dout, cache):
    dx, dw, _ = ref.affine_backward(dout, cache)
    return dx, dw, dout.mean(axis=0)


@mutant(
    "dropout_not_rescaled",
    "layers.dropout_forward",
    "your kept units are not scaled by 1/(1 − p): inverted dropout rescales in training so the test-time layer is the identity.",
)
def dropout_not_rescaled(x, p=0.5, train=True, seed=None):
    if not train:
        return x, (None, False)
    mask = (np.random.default_rng(seed).random(x.shape) >= p).astype(x.dtype)
    return x * mask, (mask, True)


@mutant(
    "dropout_keep_probability_swapped",
    "layers.dropout_forward",
    "you kept each unit with probability p; here p is the probability of dropping it (as in torch.nn.Dropout).",
)
def dropout_keep_probability_swapped(x, p=0.5, train=True, seed=None):
    if not train:
        return x, (None, False)
    mask = (np.random.default_rng(seed).random(x.shape) < p) / (1.0 - p)
    return x * mask, (mask, True)


@mutant(
    "dropout_active_at_test_time",
    "layers.dropout_forward",
    "you dropped units at test time too: with train=False inverted dropout returns x unchanged.",
)
def dropout_active_at_test_time(x, p=0.5, train=True, seed=None):
    return ref.dropout_forward(x, p, True, seed)


@mutant(
    "batchnorm_unbiased_variance",
    "layers.batchnorm_forward",
    "you normalised with the unbiased variance (divide by N − 1); batch norm divides by N.",
)
def batchnorm_unbiased_variance(x, gamma, beta, bn_param):
    if bn_param.get("mode", "train") != "train":
        return ref.batchnorm_forward(x, gamma, beta, bn_param)
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    mu = x.mean(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        var = x.var(axis=0, ddof=1)  # the bug: N − 1
    inv_std = 1.0 / np.sqrt(var + eps)
    xhat = (x - mu) * inv_std
    d = x.shape[1]
    bn_param["running_mean"] = (
        momentum * bn_param.get("running_mean", np.zeros(d)) + (1 - momentum) * mu
    )
    bn_param["running_var"] = (
        momentum * bn_param.get("running_var", np.ones(d)) + (1 - momentum) * var
    )
    return gamma * xhat + beta, (xhat, gamma, inv_std)


@mutant(
    "batchnorm_test_uses_batch_statistics",
    "layers.batchnorm_forward",
    "in test mode you normalised with this batch's mean and variance; test mode must use the running averages.",
)
def batchnorm_test_uses_batch_statistics(x, gamma, beta, bn_param):
    if bn_param.get("mode", "train") == "test":
        saved = {
            k: bn_param[k] for k in ("running_mean", "running_var") if k in bn_param
        }
        out, cache = ref.batchnorm_forward(
            x, gamma, beta, {**bn_param, "mode": "train"}
        )
        bn_param.update(saved)
        return out, cache
    return ref.batchnorm_forward(x, gamma, beta, bn_param)


@mutant(
    "batchnorm_backward_ignores_batch_statistics",
    "layers.batchnorm_backward",
    "your dx treats the batch mean and variance as constants (dx = dout·γ/σ); they depend on x, which adds two terms.",
)
def batchnorm_backward_ignores_batch_statistics(dout, cache):
    xhat, gamma, inv_std = cache
    return dout * gamma * inv_std, (dout * xhat).sum(axis=0), dout.sum(axis=0)


@mutant(
    "layernorm_over_batch_axis",
    "layers.layernorm_forward",
    "you normalised each feature over the batch (that is batch norm); layer norm normalises each sample over its features.",
)
def layernorm_over_batch_axis(x, gamma, beta, ln_param=None):
    eps = (ln_param or {}).get("eps", 1e-5)
    mu = x.mean(axis=0, keepdims=True)
    inv_std = 1.0 / np.sqrt(x.var(axis=0, keepdims=True) + eps)
    xhat = (x - mu) * inv_std
    return gamma * xhat + beta, (xhat, gamma, inv_std)


@mutant(
    "two_layer_reg_gradient_doubled",
    "mlp.two_layer_loss",
    "your regularisation gradient is twice too large: the loss has 0.5·reg·ΣW², whose gradient is reg·W.",
)
def two_layer_reg_gradient_doubled(params, X, y, reg=0.0):
    loss, grads = mlp.two_layer_loss(params, X, y, reg)
    grads["W1"] = grads["W1"] + reg * params["W1"]
    grads["W2"] = grads["W2"] + reg * params["W2"]
    return loss, grads


@mutant(
    "spatial_batchnorm_reshape_without_transpose",
    "layers.spatial_batchnorm_forward",
    "you reshaped (N, C, H, W) straight to (−1, C), which mixes channels in each row; move C last (transpose to N, H, W, C) before reshaping.",
)
def spatial_batchnorm_reshape_without_transpose(x, gamma, beta, bn_param):
    out, cache = ref.batchnorm_forward(x.reshape(-1, x.shape[1]), gamma, beta, bn_param)
    return out.reshape(x.shape), cache
