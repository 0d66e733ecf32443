"""Softmax, log-softmax and the losses in PyTorch: MSE, binary and categorical
cross-entropy, the softmax loss and the SVM loss, each with torch's "mean"
reduction. Same API as ``kernels.numpy.losses``."""

from __future__ import annotations

import torch


def _float(x):
    x = torch.as_tensor(x)
    return x if x.is_floating_point() else x.to(torch.get_default_dtype())


def softmax(x, axis: int = -1):
    """Softmax along ``axis``, subtracting the max first so exp cannot overflow."""
    x = _float(x)
    e = torch.exp(x - x.amax(dim=axis, keepdim=True))
    return e / e.sum(dim=axis, keepdim=True)


def log_softmax(x, axis: int = -1):
    """(x − max) − log Σ exp(x − max): log-softmax, stable for any logits."""
    x = _float(x)
    shifted = x - x.amax(dim=axis, keepdim=True)
    return shifted - torch.log(torch.exp(shifted).sum(dim=axis, keepdim=True))


def mse_loss(pred, target):
    """Mean over every element of (pred − target)²."""
    return torch.mean((pred - target) ** 2)


def mse_loss_backward(pred, target):
    """Gradient of ``mse_loss`` with respect to pred: 2(pred − target) / (number of elements)."""
    diff = pred - target
    return 2.0 * diff / diff.numel()


def binary_cross_entropy(p, y):
    """−mean(y·log p + (1 − y)·log(1 − p)), each log clamped at −100 as torch does."""
    log_p = torch.clamp(torch.log(p), min=-100.0)
    log_1mp = torch.clamp(torch.log1p(-p), min=-100.0)
    return -torch.mean(y * log_p + (1 - y) * log_1mp)


def binary_cross_entropy_with_logits(z, y):
    """mean(max(z, 0) − z·y + log(1 + e^(−|z|))): BCE on σ(z), stable for any z."""
    return torch.mean(torch.clamp(z, min=0) - z * y + torch.log1p(torch.exp(-z.abs())))


def _pick_log_probs(logp, y):
    if y.dim() == logp.dim():  # a target distribution per row
        return -torch.sum(y * logp) / logp.shape[0]
    return -torch.mean(logp[torch.arange(logp.shape[0], device=logp.device), y])


def cross_entropy(probs, y):
    """−mean log probs[i, yᵢ]; y: class indices (N,) or distributions (N, C)."""
    return _pick_log_probs(torch.log(probs), y)


def cross_entropy_with_logits(logits, y):
    """Categorical cross-entropy from scores through a stable log-softmax (= F.cross_entropy)."""
    return _pick_log_probs(log_softmax(logits, axis=1), y)


def softmax_loss(x, y):
    """Softmax cross-entropy loss and its gradient dx = (P − Y) / N. Returns (loss, dx)."""
    n = x.shape[0]
    logp = log_softmax(x, axis=1)
    rows = torch.arange(n, device=x.device)
    loss = -logp[rows, y].mean()
    dx = torch.exp(logp)
    dx[rows, y] -= 1.0
    return loss, dx / n


def svm_loss(x, y, delta: float = 1.0):
    """Multiclass hinge loss (1/N) Σᵢ Σ_{j≠yᵢ} max(0, x_ij − x_iyᵢ + delta) and its gradient."""
    n = x.shape[0]
    rows = torch.arange(n, device=x.device)
    margins = torch.clamp(x - x[rows, y][:, None] + delta, min=0.0)
    margins[rows, y] = 0.0
    loss = margins.sum() / n
    positive = (margins > 0).to(x.dtype)
    positive[rows, y] -= positive.sum(dim=1)
    return loss, positive / n
