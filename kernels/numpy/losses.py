"""Softmax, log-softmax and the losses: MSE, binary and categorical
cross-entropy, the softmax loss and the multiclass SVM (hinge) loss.

Losses average over the batch (or over every element, for MSE and BCE), as
torch's ``reduction="mean"`` does. ``softmax_loss`` and ``svm_loss`` return
(loss, dx) as in CS231n; ``mse_loss`` returns only the loss and
``mse_loss_backward`` its gradient.
"""

from __future__ import annotations

import numpy as np


def softmax(x, axis: int = -1):
    """Softmax along ``axis``: exp(xᵢ − max x) / Σⱼ exp(xⱼ − max x).

    Subtracting the max changes nothing mathematically (it cancels) but keeps
    exp from overflowing on large logits.
    """
    x = np.asarray(x, dtype=np.result_type(x, np.float32))
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(x, axis: int = -1):
    """log softmax(x) = (x − max) − log Σ exp(x − max), stable for any logits.

    Taking log(softmax(x)) instead gives −inf once a probability underflows to 0.
    """
    x = np.asarray(x, dtype=np.result_type(x, np.float32))
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def mse_loss(pred, target):
    """Mean squared error: the mean over every element of (pred − target)²."""
    diff = np.asarray(pred) - np.asarray(target)
    return np.mean(diff**2)


def mse_loss_backward(pred, target):
    """Gradient of ``mse_loss`` with respect to pred: 2(pred − target) / (number of elements)."""
    diff = np.asarray(pred) - np.asarray(target)
    return 2.0 * diff / diff.size


def binary_cross_entropy(p, y):
    """Binary cross-entropy from probabilities, averaged over every element:
    −mean(y·log p + (1 − y)·log(1 − p)).

    Each log is clamped at −100, as torch does, so p = 0 or 1 gives a large
    finite loss instead of inf.
    """
    p = np.asarray(p)
    with np.errstate(divide="ignore"):
        log_p = np.maximum(np.log(p), -100.0)
        log_1mp = np.maximum(np.log1p(-p), -100.0)
    return -np.mean(y * log_p + (1 - y) * log_1mp)


def binary_cross_entropy_with_logits(z, y):
    """Binary cross-entropy from logits z (σ(z) is the probability), averaged:
    mean(max(z, 0) − z·y + log(1 + e^(−|z|))).

    This form equals the textbook one but never computes log(0) or exp(big).
    """
    z = np.asarray(z)
    return np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z))))


def _pick_log_probs(logp, y):
    """Mean negative log-probability of the targets: labels (N,) or distributions (N, C)."""
    y = np.asarray(y)
    if y.ndim == logp.ndim:  # a target distribution per row, e.g. one-hot
        return -np.sum(y * logp) / logp.shape[0]
    return -np.mean(logp[np.arange(logp.shape[0]), y])


def cross_entropy(probs, y):
    """Categorical cross-entropy from probabilities: −mean log probs[i, yᵢ].

    ``y`` holds class indices (N,), or a distribution per row (N, C) such as
    one-hot rows, in which case the loss is −(1/N) Σᵢ Σc y[i, c] log probs[i, c].
    """
    probs = np.asarray(probs)
    with np.errstate(divide="ignore"):
        return _pick_log_probs(np.log(probs), y)


def cross_entropy_with_logits(logits, y):
    """Categorical cross-entropy from raw scores, through a stable log-softmax.

    Same targets as ``cross_entropy``; equals torch's F.cross_entropy.
    """
    return _pick_log_probs(log_softmax(logits, axis=1), y)


def softmax_loss(x, y):
    """Softmax cross-entropy loss and its gradient (CS231n).

    x: scores [N×C]; y: labels (N,). Returns (loss, dx) with
    loss = −(1/N) Σᵢ log softmax(x)[i, yᵢ] and dx = (P − Y) / N,
    P the softmax probabilities and Y the one-hot labels.
    """
    x = np.asarray(x)
    n = x.shape[0]
    logp = log_softmax(x, axis=1)
    rows = np.arange(n)
    loss = -np.mean(logp[rows, y])
    dx = np.exp(logp)
    dx[rows, y] -= 1.0
    return loss, dx / n


def svm_loss(x, y, delta: float = 1.0):
    """Multiclass SVM (hinge) loss and its gradient (CS231n).

    loss = (1/N) Σᵢ Σ_{j≠yᵢ} max(0, x[i, j] − x[i, yᵢ] + delta). In dx, every
    positive margin adds +1 at j and −1 at yᵢ, all divided by N.
    """
    x = np.asarray(x)
    n = x.shape[0]
    rows = np.arange(n)
    correct = x[rows, y][:, None]
    margins = np.maximum(0.0, x - correct + delta)
    margins[rows, y] = 0.0  # the correct class is not a margin against itself
    loss = np.sum(margins) / n
    positive = (margins > 0).astype(x.dtype)
    positive[rows, y] -= np.sum(positive, axis=1)
    return loss, positive / n
