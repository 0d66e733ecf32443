"""Layers with forward and backward passes in PyTorch: affine, inverted
dropout, batch norm, layer norm. Same API as ``kernels.numpy.layers``."""

from __future__ import annotations

import torch


def affine_forward(x, w, b):
    """out = x_flat @ w + b, x flattened to [N×D]. Returns (out, cache)."""
    return x.reshape(x.shape[0], -1) @ w + b, (x, w, b)


def affine_backward(dout, cache):
    """Returns (dx, dw, db): dout @ wᵀ, x_flatᵀ @ dout, and dout summed over the batch."""
    x, w, _ = cache
    dx = (dout @ w.T).reshape(x.shape)
    dw = x.reshape(x.shape[0], -1).T @ dout
    return dx, dw, dout.sum(dim=0)


def dropout_forward(x, p: float = 0.5, train: bool = True, seed: int | None = None):
    """Inverted dropout: drop with probability p, scale survivors by 1/(1 − p).

    The mask comes from a torch.Generator on x's device seeded with ``seed``
    (so it differs from the NumPy kernel's mask for the same seed).
    """
    if not 0.0 <= p < 1.0:
        raise ValueError(f"dropout probability p must be in [0, 1), got {p}")
    if not train:
        return x, (None, False)
    gen = torch.Generator(device=x.device)
    if seed is None:
        gen.seed()
    else:
        gen.manual_seed(seed)
    keep = torch.rand(x.shape, generator=gen, device=x.device, dtype=x.dtype) >= p
    mask = keep.to(x.dtype) / (1.0 - p)
    return x * mask, (mask, True)


def dropout_backward(dout, cache):
    """The forward's mask (with its 1/(1 − p) scale) applied to dout."""
    mask, train = cache
    return dout * mask if train else dout


def batchnorm_forward(x, gamma, beta, bn_param: dict):
    """Batch norm over the batch axis of x [N×D]; bn_param as in the NumPy kernel
    (mode, eps 1e-5, momentum 0.9 on the running value, biased running variance)."""
    mode = bn_param.get("mode", "train")
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    d = x.shape[1]
    running_mean = bn_param.get("running_mean")
    running_var = bn_param.get("running_var")
    if running_mean is None:
        running_mean = torch.zeros(d, dtype=x.dtype, device=x.device)
    if running_var is None:
        running_var = torch.ones(d, dtype=x.dtype, device=x.device)
    if mode == "train":
        mu = x.mean(dim=0)
        var = x.var(dim=0, unbiased=False)
        inv_std = torch.rsqrt(var + eps)
        xhat = (x - mu) * inv_std
        out = gamma * xhat + beta
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
        cache = (xhat, gamma, inv_std)
    elif mode == "test":
        out = gamma * (x - running_mean) * torch.rsqrt(running_var + eps) + beta
        cache = None
    else:
        raise ValueError(f'batchnorm mode must be "train" or "test", got {mode!r}')
    bn_param["running_mean"] = running_mean
    bn_param["running_var"] = running_var
    return out, cache


def batchnorm_backward(dout, cache):
    """Returns (dx, dgamma, dbeta); dx = (γ/σ)/N · (N·dout − Σdout − x̂ ⊙ Σ(dout ⊙ x̂))."""
    xhat, gamma, inv_std = cache
    n = dout.shape[0]
    dbeta = dout.sum(dim=0)
    dgamma = (dout * xhat).sum(dim=0)
    dx = (gamma * inv_std / n) * (n * dout - dbeta - xhat * dgamma)
    return dx, dgamma, dbeta


def spatial_batchnorm_forward(x, gamma, beta, bn_param: dict):
    """Batch norm for (N, C, H, W) feature maps: statistics per channel over N·H·W values."""
    n, c, h, w = x.shape
    out, cache = batchnorm_forward(
        x.permute(0, 2, 3, 1).reshape(-1, c), gamma, beta, bn_param
    )
    return out.reshape(n, h, w, c).permute(0, 3, 1, 2), cache


def spatial_batchnorm_backward(dout, cache):
    """Returns (dx, dgamma, dbeta) for spatial batch norm."""
    n, c, h, w = dout.shape
    dx, dgamma, dbeta = batchnorm_backward(
        dout.permute(0, 2, 3, 1).reshape(-1, c), cache
    )
    return dx.reshape(n, h, w, c).permute(0, 3, 1, 2), dgamma, dbeta


def layernorm_forward(x, gamma, beta, ln_param: dict | None = None):
    """Layer norm over the last axis, then γ·x̂ + β (eps from ln_param, default 1e-5)."""
    eps = (ln_param or {}).get("eps", 1e-5)
    mu = x.mean(dim=-1, keepdim=True)
    var = x.var(dim=-1, unbiased=False, keepdim=True)
    inv_std = torch.rsqrt(var + eps)
    xhat = (x - mu) * inv_std
    return gamma * xhat + beta, (xhat, gamma, inv_std)


def layernorm_backward(dout, cache):
    """Returns (dx, dgamma, dbeta) for layer norm; dgamma, dbeta sum over all but the last axis."""
    xhat, gamma, inv_std = cache
    d = dout.shape[-1]
    lead = tuple(range(dout.dim() - 1))
    dbeta = dout.sum(dim=lead)
    dgamma = (dout * xhat).sum(dim=lead)
    dxhat = dout * gamma
    dx = (inv_std / d) * (
        d * dxhat
        - dxhat.sum(dim=-1, keepdim=True)
        - xhat * (dxhat * xhat).sum(dim=-1, keepdim=True)
    )
    return dx, dgamma, dbeta
