"""Mutants of kernels.numpy.rnn."""

from __future__ import annotations

import numpy as np

from kernels.numpy import rnn as ref
from kernels.numpy.activations import sigmoid

from . import mutant


@mutant(
    "rnn_step_backward_missing_tanh_derivative",
    "rnn.rnn_step_backward",
    "you skipped the tanh: multiply dnext_h by (1 − next_h²) before the affine gradients.",
)
def rnn_step_backward_missing_tanh_derivative(dnext_h, cache):
    x, prev_h, Wx, Wh, _ = cache
    da = dnext_h
    return da @ Wx.T, da @ Wh.T, x.T @ da, prev_h.T @ da, da.sum(axis=0)


@mutant(
    "rnn_backward_no_gradient_through_time",
    "rnn.rnn_backward",
    "each step only got dh[:, t]: add the gradient flowing back from step t + 1 (dprev_h) before the step's backward.",
)
def rnn_backward_no_gradient_through_time(dh, cache):
    _n, t_len, _ = dh.shape
    parts = [ref.rnn_step_backward(dh[:, t], cache[t]) for t in range(t_len)]
    dx = np.stack([p[0] for p in parts], axis=1)
    return (
        dx,
        parts[0][1],
        sum(p[2] for p in parts),
        sum(p[3] for p in parts),
        sum(p[4] for p in parts),
    )


@mutant(
    "lstm_gates_ifog_order",
    "rnn.lstm_step_forward",
    "your gates are in the order i, f, o, g (CS231n's); this task stacks them as PyTorch does: i, f, g, o.",
)
def lstm_gates_ifog_order(x, prev_h, prev_c, Wx, Wh, b):
    hdim = prev_h.shape[1]
    a = x @ Wx + prev_h @ Wh + b
    i, f = sigmoid(a[:, :hdim]), sigmoid(a[:, hdim : 2 * hdim])
    o, g = sigmoid(a[:, 2 * hdim : 3 * hdim]), np.tanh(a[:, 3 * hdim :])
    next_c = f * prev_c + i * g
    return o * np.tanh(next_c), next_c, None


@mutant(
    "lstm_output_without_tanh",
    "rnn.lstm_step_forward",
    "next_h must be o ⊙ tanh(next_c); you multiplied the output gate by the raw cell state.",
)
def lstm_output_without_tanh(x, prev_h, prev_c, Wx, Wh, b):
    _, next_c, cache = ref.lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b)
    o = cache[8]
    return o * next_c, next_c, cache


@mutant(
    "temporal_softmax_loss_ignores_mask",
    "rnn.temporal_softmax_loss",
    "padding positions count in your loss: multiply each step's loss and gradient by the mask.",
)
def temporal_softmax_loss_ignores_mask(x, y, mask):
    return ref.temporal_softmax_loss(x, y, np.ones_like(mask, dtype=bool))


@mutant(
    "temporal_softmax_loss_mean_over_tokens",
    "rnn.temporal_softmax_loss",
    "you divided by the number of real tokens; this loss (CS231n's) sums over time and divides by the batch size N.",
)
def temporal_softmax_loss_mean_over_tokens(x, y, mask):
    loss, dx = ref.temporal_softmax_loss(x, y, mask)
    scale = x.shape[0] / max(int(np.sum(mask)), 1)
    return loss * scale, dx * scale


@mutant(
    "word_embedding_backward_overwrites_repeats",
    "rnn.word_embedding_backward",
    "a word that appears twice got only one gradient: dW[x] += dout keeps the last write; use np.add.at(dW, x, dout).",
)
def word_embedding_backward_overwrites_repeats(dout, cache):
    x, w_shape = cache
    dW = np.zeros(w_shape, dtype=dout.dtype)
    dW[x] += dout
    return dW
