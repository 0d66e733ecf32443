"""Mutants of kernels.numpy.attention."""

from __future__ import annotations

import math

import numpy as np

from kernels.numpy import attention as ref
from kernels.numpy.losses import softmax

from . import mutant


def _attend(q, k, v, mask, scale, axis=-1):
    scores = (q @ np.swapaxes(k, -1, -2)) * scale
    if mask is not None:
        mask = np.asarray(mask)
        scores = (
            np.where(mask, scores, -np.inf) if mask.dtype == bool else scores + mask
        )
    weights = softmax(scores, axis=axis)
    return weights @ v, weights


@mutant(
    "attention_scaled_by_d",
    "attention.scaled_dot_product_attention",
    "you divided the scores by d; scale by √d, which keeps their variance near 1.",
)
def attention_scaled_by_d(q, k, v, mask=None):
    return _attend(q, k, v, mask, 1.0 / q.shape[-1])


@mutant(
    "attention_unscaled",
    "attention.scaled_dot_product_attention",
    "you forgot to divide q·kᵀ by √d: for large d the softmax saturates and its gradients vanish.",
)
def attention_unscaled(q, k, v, mask=None):
    return _attend(q, k, v, mask, 1.0)


@mutant(
    "attention_softmax_over_queries",
    "attention.scaled_dot_product_attention",
    "your softmax runs over the queries (axis −2); each query's weights over the keys (the last axis) must sum to 1.",
)
def attention_softmax_over_queries(q, k, v, mask=None):
    return _attend(q, k, v, mask, 1.0 / math.sqrt(q.shape[-1]), axis=-2)


@mutant(
    "attention_mask_ignored",
    "attention.scaled_dot_product_attention",
    "masked keys still get weight: set their scores to −inf before the softmax.",
)
def attention_mask_ignored(q, k, v, mask=None):
    return _attend(q, k, v, None, 1.0 / math.sqrt(q.shape[-1]))


@mutant(
    "multi_head_attention_wrong_head_split",
    "attention.multi_head_attention_forward",
    "you reshaped (N, T, E) straight to (N, h, T, E/h), mixing positions across heads; reshape to (N, T, h, E/h), then transpose.",
)
def multi_head_attention_wrong_head_split(x, params, num_heads, mask=None, kv=None):
    kv = x if kv is None else kv
    n, t_len, e = x.shape
    s_len = kv.shape[1]
    dh = e // num_heads
    q = (x @ params["Wq"] + params["bq"]).reshape(n, num_heads, t_len, dh)
    k = (kv @ params["Wk"] + params["bk"]).reshape(n, num_heads, s_len, dh)
    v = (kv @ params["Wv"] + params["bv"]).reshape(n, num_heads, s_len, dh)
    heads, weights = ref.scaled_dot_product_attention(q, k, v, mask)
    return heads.reshape(n, t_len, e) @ params["Wo"] + params["bo"], weights


@mutant(
    "positional_encoding_exponent_i_not_2i",
    "attention.sinusoidal_positional_encoding",
    "the frequency of columns 2i and 2i+1 is 1/10000^(2i/d); you used i/d, so the frequencies fall too slowly.",
)
def positional_encoding_exponent_i_not_2i(length, d_model):
    pos = np.arange(length, dtype=np.float64)[:, None]
    i = np.arange((d_model + 1) // 2, dtype=np.float64)
    angles = pos / np.power(10000.0, i / d_model)
    pe = np.zeros((length, d_model))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles[:, : d_model // 2])
    return pe


@mutant(
    "positional_encoding_sin_cos_halves",
    "attention.sinusoidal_positional_encoding",
    "you put all the sines in the first half and the cosines in the second; this encoding interleaves them: sin in even columns, cos in odd.",
)
def positional_encoding_sin_cos_halves(length, d_model):
    pe = ref.sinusoidal_positional_encoding(length, d_model)
    return np.concatenate([pe[:, 0::2], pe[:, 1::2]], axis=1)
