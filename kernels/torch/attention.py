"""Attention in PyTorch: scaled dot-product attention with a mask,
multi-head attention, sinusoidal positional encodings.
Same API as ``kernels.numpy.attention``."""

from __future__ import annotations

import math

import torch

from kernels.device import default_device


def causal_mask(t: int, device=None):
    """Boolean (T, T) mask, True where query i may attend to key j ≤ i."""
    device = default_device() if device is None else device
    return torch.tril(torch.ones((t, t), dtype=torch.bool, device=device))


def scaled_dot_product_attention(q, k, v, mask=None):
    """softmax(q kᵀ / √d) v; a boolean mask is True where allowed, a float mask is added.
    Returns (out, weights)."""
    scores = (q @ k.transpose(-2, -1)) / math.sqrt(q.shape[-1])
    if mask is not None:
        if mask.dtype == torch.bool:
            scores = scores.masked_fill(~mask, float("-inf"))
        else:
            scores = scores + mask
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights


def _split_heads(t, num_heads):
    n, length, e = t.shape
    return t.reshape(n, length, num_heads, e // num_heads).transpose(1, 2)


def multi_head_attention_forward(x, params: dict, num_heads: int, mask=None, kv=None):
    """Project with Wq, Wk, Wv (x @ W + b), attend per head, merge, project with Wo.
    Returns (out (N, T, E), weights (N, h, T, S))."""
    kv = x if kv is None else kv
    e = x.shape[-1]
    if e % num_heads:
        raise ValueError(f"embedding size {e} is not divisible by {num_heads} heads")
    q = _split_heads(x @ params["Wq"] + params["bq"], num_heads)
    k = _split_heads(kv @ params["Wk"] + params["bk"], num_heads)
    v = _split_heads(kv @ params["Wv"] + params["bv"], num_heads)
    heads, weights = scaled_dot_product_attention(q, k, v, mask)
    n, _, t_len, _ = heads.shape
    merged = heads.transpose(1, 2).reshape(n, t_len, e)
    return merged @ params["Wo"] + params["bo"], weights


def sinusoidal_positional_encoding(
    length: int, d_model: int, device=None, dtype=torch.float64
):
    """PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(…), shape (length, d_model)."""
    device = default_device() if device is None else device
    pos = torch.arange(length, dtype=torch.float64, device=device)[:, None]
    two_i = torch.arange(0, d_model, 2, dtype=torch.float64, device=device)
    angles = pos / torch.pow(10000.0, two_i / d_model)
    pe = torch.zeros((length, d_model), dtype=torch.float64, device=device)
    pe[:, 0::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles[:, : d_model // 2])
    return pe.to(dtype)
