"""Mutants of kernels.numpy.losses."""

from __future__ import annotations

import numpy as np

from kernels.numpy import activations as act
from kernels.numpy import losses as ref

from . import mutant


@mutant(
    "softmax_no_max_subtraction",
    "losses.softmax",
    "this matches softmax without subtracting the max: exp overflows and gives NaN for large logits.",
)
def softmax_no_max_subtraction(x, axis=-1):
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(np.asarray(x, dtype=float))
        return e / np.sum(e, axis=axis, keepdims=True)


@mutant(
    "softmax_wrong_axis",
    "losses.softmax",
    "your rows do not sum to 1: you normalised over the batch (axis 0) instead of over the classes (the last axis).",
)
def softmax_wrong_axis(x, axis=-1):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - np.max(x, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


@mutant(
    "log_softmax_log_of_softmax",
    "losses.log_softmax",
    "you took log(softmax(x)): a probability that underflows to 0 gives −inf; compute (x − max) − log Σ exp(x − max).",
)
def log_softmax_log_of_softmax(x, axis=-1):
    with np.errstate(divide="ignore"):
        return np.log(ref.softmax(x, axis=axis))


@mutant(
    "mse_loss_backward_missing_factor_2",
    "losses.mse_loss_backward",
    "your gradient is half the right size: d/dp (p − t)² = 2(p − t); the 2 is missing.",
)
def mse_loss_backward_missing_factor_2(pred, target):
    diff = np.asarray(pred) - np.asarray(target)
    return diff / diff.size


@mutant(
    "mse_loss_backward_missing_1_over_n",
    "losses.mse_loss_backward",
    "your gradient is N times too large: the loss is a mean, so its gradient carries the 1/N too.",
)
def mse_loss_backward_missing_1_over_n(pred, target):
    return 2.0 * (np.asarray(pred) - np.asarray(target))


@mutant(
    "bce_with_logits_log_of_sigmoid",
    "losses.binary_cross_entropy_with_logits",
    "you computed log(σ(z)) and log(1 − σ(z)) directly: for large |z| one of them is log(0) = −inf; use max(z, 0) − z·y + log1p(exp(−|z|)).",
)
def bce_with_logits_log_of_sigmoid(z, y):
    p = act.sigmoid(z)
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


@mutant(
    "cross_entropy_sum_not_mean",
    "losses.cross_entropy_with_logits",
    "your loss is N times too large: you summed over the batch instead of averaging.",
)
def cross_entropy_sum_not_mean(logits, y):
    return ref.cross_entropy_with_logits(logits, y) * np.asarray(logits).shape[0]


@mutant(
    "softmax_loss_missing_1_over_n",
    "losses.softmax_loss",
    "your loss is right but dx is N times too large: the loss averages over the batch, so dx = (P − Y)/N.",
)
def softmax_loss_missing_1_over_n(x, y):
    loss, dx = ref.softmax_loss(x, y)
    return loss, dx * np.asarray(x).shape[0]


@mutant(
    "softmax_loss_gradient_sign_flipped",
    "losses.softmax_loss",
    "your dx has the wrong sign: the gradient of the loss is (P − Y)/N, not (Y − P)/N.",
)
def softmax_loss_gradient_sign_flipped(x, y):
    loss, dx = ref.softmax_loss(x, y)
    return loss, -dx


@mutant(
    "svm_loss_counts_correct_class",
    "losses.svm_loss",
    "your loss is delta too large per sample: the correct class must be left out of the sum of margins.",
)
def svm_loss_counts_correct_class(x, y, delta=1.0):
    x = np.asarray(x)
    n = x.shape[0]
    rows = np.arange(n)
    margins = np.maximum(0.0, x - x[rows, y][:, None] + delta)
    positive = (margins > 0).astype(x.dtype)
    positive[rows, y] -= np.sum(positive, axis=1)
    return np.sum(margins) / n, positive / n


@mutant(
    "svm_loss_gradient_missing_correct_class",
    "losses.svm_loss",
    "dx is missing the correct-class term: each positive margin also adds −1 at column yᵢ.",
)
def svm_loss_gradient_missing_correct_class(x, y, delta=1.0):
    x = np.asarray(x)
    n = x.shape[0]
    rows = np.arange(n)
    margins = np.maximum(0.0, x - x[rows, y][:, None] + delta)
    margins[rows, y] = 0.0
    return np.sum(margins) / n, (margins > 0).astype(x.dtype) / n
