"""Attention: scaled dot-product attention with a mask, multi-head attention,
and sinusoidal positional encodings."""

from __future__ import annotations

import math

import numpy as np


def causal_mask(t: int):
    """Boolean (T, T) mask, True where query i may attend to key j (j ≤ i)."""
    return np.tril(np.ones((t, t), dtype=bool))


def scaled_dot_product_attention(q, k, v, mask=None):
    """softmax(q kᵀ / √d) v over the last two axes.

    q: (…, Tq, d), k: (…, Tk, d), v: (…, Tk, dv). ``mask`` broadcasts to
    (…, Tq, Tk): a boolean mask is True where attention is allowed (as in
    torch's scaled_dot_product_attention), a float mask is added to the
    scores. Dividing by √d keeps the scores' variance near 1 whatever d is,
    so the softmax does not saturate. A query row with every key masked
    comes out NaN, as in torch. Returns (out (…, Tq, dv), weights (…, Tq, Tk)).
    """
    d = q.shape[-1]
    # A contiguous kᵀ lets NumPy hand each (Tq×d)·(d×Tk) product to BLAS; with a
    # transposed view, batched matmul falls back to a slow generic loop.
    scores = q @ np.ascontiguousarray(np.swapaxes(k, -1, -2))
    scores *= 1.0 / math.sqrt(d)
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype == bool:
            scores = np.where(mask, scores, -np.inf)
        else:
            scores = scores + mask
    # Softmax in place: this is the memory-bound part of attention.
    scores -= scores.max(axis=-1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=-1, keepdims=True)
    return scores @ v, scores


def _split_heads(t, num_heads):
    n, length, e = t.shape
    # Contiguous heads keep the batched matmuls on BLAS's fast path.
    return np.ascontiguousarray(
        t.reshape(n, length, num_heads, e // num_heads).transpose(0, 2, 1, 3)
    )


def multi_head_attention_forward(x, params: dict, num_heads: int, mask=None, kv=None):
    """Multi-head attention: project, split into heads, attend, merge, project.

    x: (N, T, E) queries; ``kv`` (N, S, E) gives keys and values (x itself
    when None: self-attention). params: Wq, Wk, Wv, Wo [E×E] and bq, bk, bv,
    bo (E,), applied as x @ W + b. Each head attends in its own E/h-dim
    subspace; ``mask`` broadcasts to (N, h, T, S) as in
    ``scaled_dot_product_attention``. Returns (out (N, T, E), weights (N, h, T, S)).
    """
    kv = x if kv is None else kv
    e = x.shape[-1]
    if e % num_heads:
        raise ValueError(f"embedding size {e} is not divisible by {num_heads} heads")
    q = _split_heads(x @ params["Wq"] + params["bq"], num_heads)
    k = _split_heads(kv @ params["Wk"] + params["bk"], num_heads)
    v = _split_heads(kv @ params["Wv"] + params["bv"], num_heads)
    heads, weights = scaled_dot_product_attention(q, k, v, mask)
    n, _, t_len, _ = heads.shape
    merged = heads.transpose(0, 2, 1, 3).reshape(n, t_len, e)
    return merged @ params["Wo"] + params["bo"], weights


def sinusoidal_positional_encoding(length: int, d_model: int):
    """The Transformer's fixed position codes, shape (length, d_model), float64.

    PE[pos, 2i] = sin(pos / 10000^(2i/d)) and PE[pos, 2i+1] = cos(pos / 10000^(2i/d)):
    each pair of columns is a sine and cosine of one frequency, frequencies
    falling geometrically from 1 to 1/10000.
    """
    pos = np.arange(length, dtype=np.float64)[:, None]
    two_i = np.arange(0, d_model, 2, dtype=np.float64)
    angles = pos / np.power(10000.0, two_i / d_model)
    pe = np.zeros((length, d_model))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles[:, : d_model // 2])
    return pe
