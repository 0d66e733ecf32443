"""Layers with forward and backward passes: affine, inverted dropout, batch
norm and layer norm. ``*_forward(...) -> (out, cache)``,
``*_backward(dout, cache) -> grads``."""

from __future__ import annotations

import numpy as np


def affine_forward(x, w, b):
    """Fully connected layer: out = x_flat @ w + b.

    x: (N, d₁, …, d_k), flattened to [N×D]; w: [D×M]; b: (M,). Returns
    (out [N×M], cache).
    """
    out = x.reshape(x.shape[0], -1) @ w + b
    return out, (x, w, b)


def affine_backward(dout, cache):
    """Backward of ``affine_forward``: returns (dx, dw, db).

    dx = dout @ wᵀ reshaped like x, dw = x_flatᵀ @ dout, and db = Σ over the
    batch of dout: the bias is shared by every row, so its gradients add up.
    """
    x, w, _ = cache
    dx = (dout @ w.T).reshape(x.shape)
    dw = x.reshape(x.shape[0], -1).T @ dout
    db = np.sum(dout, axis=0)
    return dx, dw, db


def dropout_forward(x, p: float = 0.5, train: bool = True, seed: int | None = None):
    """Inverted dropout: zero each unit with probability p, scale the survivors by 1/(1 − p).

    ``p`` is the probability of dropping, as in torch.nn.Dropout. The mask is
    ``np.random.default_rng(seed).random(x.shape) >= p``, so a seed makes it
    reproducible. The rescaling keeps E[out] = x, so at test time
    (``train=False``) the layer is the identity. Returns (out, cache).
    """
    if not 0.0 <= p < 1.0:
        raise ValueError(f"dropout probability p must be in [0, 1), got {p}")
    if not train:
        return x, (None, False)
    keep = np.random.default_rng(seed).random(x.shape) >= p
    mask = keep / (1.0 - p)
    return x * mask, (mask, True)


def dropout_backward(dout, cache):
    """Backward of inverted dropout: the same mask (with its 1/(1 − p) scale) applied to dout."""
    mask, train = cache
    return dout * mask if train else dout


def batchnorm_forward(x, gamma, beta, bn_param: dict):
    """Batch normalisation over the batch axis of x [N×D] (CS231n form).

    bn_param: ``mode`` ("train" or "test"), ``eps`` (1e-5), ``momentum`` (0.9),
    and ``running_mean`` / ``running_var`` (created as zeros and ones if absent,
    updated in the dict in train mode).

    Train: normalise with the batch mean and the biased variance (divide by N),
    then running = momentum·running + (1 − momentum)·batch statistic.
    Test: normalise with the running statistics. out = γ·x̂ + β.
    Note torch's ``momentum=0.1`` weighs the new batch, equal to 0.9 here, and
    torch's running variance uses N − 1; here it stays the biased one, as in CS231n.
    """
    mode = bn_param.get("mode", "train")
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    d = x.shape[1]
    running_mean = bn_param.get("running_mean", np.zeros(d, dtype=x.dtype))
    running_var = bn_param.get("running_var", np.ones(d, dtype=x.dtype))
    if mode == "train":
        mu = x.mean(axis=0)
        var = x.var(axis=0)  # biased: the batch is the whole population here
        inv_std = 1.0 / np.sqrt(var + eps)
        xhat = (x - mu) * inv_std
        out = gamma * xhat + beta
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
        cache = (xhat, gamma, inv_std)
    elif mode == "test":
        xhat = (x - running_mean) / np.sqrt(running_var + eps)
        out = gamma * xhat + beta
        cache = None
    else:
        raise ValueError(f'batchnorm mode must be "train" or "test", got {mode!r}')
    bn_param["running_mean"] = running_mean
    bn_param["running_var"] = running_var
    return out, cache


def batchnorm_backward(dout, cache):
    """Backward of batch norm in train mode: returns (dx, dgamma, dbeta).

    Because the mean and variance depend on every row, dx has two extra terms:
    dx = (γ/σ)/N · (N·dout − Σ dout − x̂ ⊙ Σ(dout ⊙ x̂)), sums over the batch.
    """
    xhat, gamma, inv_std = cache
    n = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * xhat).sum(axis=0)
    dx = (gamma * inv_std / n) * (n * dout - dbeta - xhat * dgamma)
    return dx, dgamma, dbeta


def spatial_batchnorm_forward(x, gamma, beta, bn_param: dict):
    """Batch norm for conv feature maps x (N, C, H, W): one mean and variance per
    channel, over the batch and every position (N·H·W values each).

    Same bn_param as ``batchnorm_forward``; gamma, beta are (C,). Returns (out, cache).
    """
    n, c, h, w = x.shape
    flat = x.transpose(0, 2, 3, 1).reshape(-1, c)  # each row one (n, h, w) position
    out, cache = batchnorm_forward(flat, gamma, beta, bn_param)
    return out.reshape(n, h, w, c).transpose(0, 3, 1, 2), cache


def spatial_batchnorm_backward(dout, cache):
    """Backward of ``spatial_batchnorm_forward``: returns (dx, dgamma, dbeta)."""
    n, c, h, w = dout.shape
    dx, dgamma, dbeta = batchnorm_backward(
        dout.transpose(0, 2, 3, 1).reshape(-1, c), cache
    )
    return dx.reshape(n, h, w, c).transpose(0, 3, 1, 2), dgamma, dbeta


def layernorm_forward(x, gamma, beta, ln_param: dict | None = None):
    """Layer normalisation: normalise each sample over its last axis, then γ·x̂ + β.

    Unlike batch norm it uses no batch statistics, so train and test are the
    same. ``ln_param`` may hold ``eps`` (default 1e-5). Returns (out, cache).
    """
    eps = (ln_param or {}).get("eps", 1e-5)
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    inv_std = 1.0 / np.sqrt(var + eps)
    xhat = (x - mu) * inv_std
    return gamma * xhat + beta, (xhat, gamma, inv_std)


def layernorm_backward(dout, cache):
    """Backward of layer norm: batch norm's formula along the feature axis.

    Returns (dx, dgamma, dbeta); dgamma and dbeta sum over every axis but the last.
    """
    xhat, gamma, inv_std = cache
    d = dout.shape[-1]
    lead = tuple(range(dout.ndim - 1))
    dbeta = dout.sum(axis=lead)
    dgamma = (dout * xhat).sum(axis=lead)
    dxhat = dout * gamma
    dx = (inv_std / d) * (
        d * dxhat
        - dxhat.sum(axis=-1, keepdims=True)
        - xhat * (dxhat * xhat).sum(axis=-1, keepdims=True)
    )
    return dx, dgamma, dbeta
