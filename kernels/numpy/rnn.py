"""Recurrent networks: vanilla RNN, LSTM and GRU steps and sequences, word
embeddings, and the masked temporal softmax loss (CS231n shapes).

x is (N, D) for a step and (N, T, D) for a sequence; hidden states are (N, H).
Weights act on the right: a = x @ Wx + h @ Wh + b, Wx [D×H'], Wh [H×H'].
LSTM and GRU gates are stacked along the last axis in PyTorch's order:
LSTM (i, f, g, o), GRU (r, z, n), so weights convert to torch by transposing.
"""

from __future__ import annotations

import numpy as np

from .activations import sigmoid
from .losses import log_softmax


def rnn_step_forward(x, prev_h, Wx, Wh, b):
    """One RNN step: next_h = tanh(x @ Wx + prev_h @ Wh + b). Returns (next_h, cache)."""
    next_h = np.tanh(x @ Wx + prev_h @ Wh + b)
    return next_h, (x, prev_h, Wx, Wh, next_h)


def rnn_step_backward(dnext_h, cache):
    """Backward of one RNN step: returns (dx, dprev_h, dWx, dWh, db).

    Through tanh first: da = dnext_h ⊙ (1 − next_h²); then the affine rules.
    """
    x, prev_h, Wx, Wh, next_h = cache
    da = dnext_h * (1.0 - next_h**2)
    return da @ Wx.T, da @ Wh.T, x.T @ da, prev_h.T @ da, da.sum(axis=0)


def rnn_forward(x, h0, Wx, Wh, b):
    """Run the RNN over a sequence x (N, T, D) from h0 (N, H).

    Returns (h (N, T, H), cache): h[:, t] is the hidden state after step t.
    """
    n, t_len, _ = x.shape
    h = np.zeros((n, t_len, h0.shape[1]), dtype=np.result_type(x, h0, Wx))
    prev, caches = h0, []
    for t in range(t_len):
        prev, cache = rnn_step_forward(x[:, t], prev, Wx, Wh, b)
        h[:, t] = prev
        caches.append(cache)
    return h, caches


def rnn_backward(dh, cache):
    """Backpropagation through time: returns (dx, dh0, dWx, dWh, db).

    dh (N, T, H) is the upstream gradient of every hidden state. Walking back
    from the last step, each step receives dh[:, t] plus the gradient flowing
    back from step t + 1; the shared weights add up their gradients over time.
    """
    x0, _, Wx, Wh, _ = cache[0]
    n, t_len, _ = dh.shape
    dx = np.zeros((n, t_len, x0.shape[1]), dtype=dh.dtype)
    dWx, dWh, db = (
        np.zeros_like(Wx),
        np.zeros_like(Wh),
        np.zeros(Wh.shape[1], dtype=dh.dtype),
    )
    dprev = np.zeros_like(dh[:, 0])
    for t in reversed(range(t_len)):
        dx[:, t], dprev, dWx_t, dWh_t, db_t = rnn_step_backward(
            dh[:, t] + dprev, cache[t]
        )
        dWx += dWx_t
        dWh += dWh_t
        db += db_t
    return dx, dprev, dWx, dWh, db


def _lstm_gates(a, prev_c):
    """Split the pre-activations a (N, 4H) into gates (i, f, g, o) and step the cell."""
    hdim = prev_c.shape[1]
    s = sigmoid(a)  # one call for all four blocks; g's block is unused
    i, f, o = s[:, :hdim], s[:, hdim : 2 * hdim], s[:, 3 * hdim :]
    g = np.tanh(a[:, 2 * hdim : 3 * hdim])
    next_c = f * prev_c + i * g
    tanh_c = np.tanh(next_c)
    return o * tanh_c, next_c, (i, f, g, o, tanh_c)


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    """One LSTM step. a = x @ Wx + prev_h @ Wh + b is split into four H-wide blocks:
    i = σ(a₁) input gate, f = σ(a₂) forget gate, g = tanh(a₃) candidate,
    o = σ(a₄) output gate. next_c = f ⊙ prev_c + i ⊙ g; next_h = o ⊙ tanh(next_c).

    Returns (next_h, next_c, cache).
    """
    next_h, next_c, gates = _lstm_gates(x @ Wx + prev_h @ Wh + b, prev_c)
    return next_h, next_c, (x, prev_h, prev_c, Wx, Wh, *gates)


def lstm_step_backward(dnext_h, dnext_c, cache):
    """Backward of one LSTM step: returns (dx, dprev_h, dprev_c, dWx, dWh, db).

    The cell gradient collects two paths: dnext_c from the next step and
    dnext_h ⊙ o ⊙ (1 − tanh²(c)) through the output.
    """
    x, prev_h, prev_c, Wx, Wh, i, f, g, o, tanh_c = cache
    dc = dnext_c + dnext_h * o * (1.0 - tanh_c**2)
    di, df, dg, do = dc * g, dc * prev_c, dc * i, dnext_h * tanh_c
    da = np.concatenate(
        [di * i * (1 - i), df * f * (1 - f), dg * (1 - g**2), do * o * (1 - o)], axis=1
    )
    return da @ Wx.T, da @ Wh.T, dc * f, x.T @ da, prev_h.T @ da, da.sum(axis=0)


def lstm_forward(x, h0, Wx, Wh, b):
    """Run the LSTM over x (N, T, D) from h0, with the first cell state zero.

    Returns (h (N, T, H), cache).
    """
    n, t_len, _ = x.shape
    h = np.zeros((n, t_len, h0.shape[1]), dtype=np.result_type(x, h0, Wx))
    # The input projections do not depend on h: one big matmul for every step at
    # once, leaving only prev_h @ Wh inside the sequential loop.
    ax = x @ Wx + b
    prev_h, prev_c, caches = h0, np.zeros_like(h0), []
    for t in range(t_len):
        next_h, next_c, gates = _lstm_gates(ax[:, t] + prev_h @ Wh, prev_c)
        caches.append((x[:, t], prev_h, prev_c, Wx, Wh, *gates))
        h[:, t] = prev_h = next_h
        prev_c = next_c
    return h, caches


def lstm_backward(dh, cache):
    """Backpropagation through time for the LSTM: returns (dx, dh0, dWx, dWh, db)."""
    x0, _, _, Wx, Wh = cache[0][:5]
    n, t_len, _ = dh.shape
    dx = np.zeros((n, t_len, x0.shape[1]), dtype=dh.dtype)
    dWx, dWh, db = (
        np.zeros_like(Wx),
        np.zeros_like(Wh),
        np.zeros(Wh.shape[1], dtype=dh.dtype),
    )
    dprev_h, dprev_c = np.zeros_like(dh[:, 0]), np.zeros_like(dh[:, 0])
    for t in reversed(range(t_len)):
        dx[:, t], dprev_h, dprev_c, dWx_t, dWh_t, db_t = lstm_step_backward(
            dh[:, t] + dprev_h, dprev_c, cache[t]
        )
        dWx += dWx_t
        dWh += dWh_t
        db += db_t
    return dx, dprev_h, dWx, dWh, db


def gru_step_forward(x, prev_h, Wx, Wh, bx, bh):
    """One GRU step (PyTorch's form; gates r, z, n stacked in Wx [D×3H], Wh [H×3H]).

    gx = x @ Wx + bx, gh = prev_h @ Wh + bh; r = σ(gx_r + gh_r) reset gate,
    z = σ(gx_z + gh_z) update gate, n = tanh(gx_n + r ⊙ gh_n) candidate;
    next_h = (1 − z) ⊙ n + z ⊙ prev_h. Two biases because r multiplies gh_n,
    bias included. Returns (next_h, cache).
    """
    hdim = prev_h.shape[1]
    gx = x @ Wx + bx
    gh = prev_h @ Wh + bh
    r = sigmoid(gx[:, :hdim] + gh[:, :hdim])
    z = sigmoid(gx[:, hdim : 2 * hdim] + gh[:, hdim : 2 * hdim])
    gh_n = gh[:, 2 * hdim :]
    n = np.tanh(gx[:, 2 * hdim :] + r * gh_n)
    next_h = (1.0 - z) * n + z * prev_h
    return next_h, (x, prev_h, Wx, Wh, r, z, n, gh_n)


def gru_step_backward(dnext_h, cache):
    """Backward of one GRU step: returns (dx, dprev_h, dWx, dWh, dbx, dbh)."""
    x, prev_h, Wx, Wh, r, z, n, gh_n = cache
    dn = dnext_h * (1.0 - z)
    dz = dnext_h * (prev_h - n)
    dan = dn * (1.0 - n**2)
    dar = dan * gh_n * r * (1.0 - r)
    daz = dz * z * (1.0 - z)
    dgx = np.concatenate([dar, daz, dan], axis=1)
    dgh = np.concatenate([dar, daz, dan * r], axis=1)
    dprev_h = dnext_h * z + dgh @ Wh.T
    return (
        dgx @ Wx.T,
        dprev_h,
        x.T @ dgx,
        prev_h.T @ dgh,
        dgx.sum(axis=0),
        dgh.sum(axis=0),
    )


def word_embedding_forward(x, W):
    """Look up word vectors: out[n, t] = W[x[n, t]]. x holds integer ids, W is [V×D].

    Returns (out (…, D), cache).
    """
    return W[x], (x, W.shape)


def word_embedding_backward(dout, cache):
    """Backward of the lookup: dW[v] = Σ of dout over every position whose id is v.

    np.add.at accumulates repeated ids; ``dW[x] += dout`` would keep only one.
    """
    x, w_shape = cache
    dW = np.zeros(w_shape, dtype=dout.dtype)
    np.add.at(dW, x, dout)
    return dW


def temporal_softmax_loss(x, y, mask):
    """Softmax loss summed over time steps where mask is true, divided by N.

    x: scores (N, T, V); y: ids (N, T); mask: (N, T) booleans, False at
    padding. loss = −(1/N) Σₙ Σₜ mask[n, t]·log softmax(x[n, t])[y[n, t]]
    (CS231n divides by N, not by the count of real tokens). Returns (loss, dx).
    """
    n, t_len, v = x.shape
    logp = log_softmax(x.reshape(n * t_len, v), axis=1)
    y_flat, m_flat = y.reshape(-1), mask.reshape(-1)
    rows = np.arange(n * t_len)
    loss = -np.sum(m_flat * logp[rows, y_flat]) / n
    dx = np.exp(logp)
    dx[rows, y_flat] -= 1.0
    dx *= m_flat[:, None] / n
    return loss, dx.reshape(n, t_len, v)
