"""Recurrent networks in PyTorch: RNN, LSTM (gates i, f, g, o) and GRU
(gates r, z, n) steps and sequences, word embeddings, temporal softmax loss.
Same API and weight layout (x @ Wx) as ``kernels.numpy.rnn``."""

from __future__ import annotations

import torch

from .losses import log_softmax


def rnn_step_forward(x, prev_h, Wx, Wh, b):
    """next_h = tanh(x @ Wx + prev_h @ Wh + b). Returns (next_h, cache)."""
    next_h = torch.tanh(x @ Wx + prev_h @ Wh + b)
    return next_h, (x, prev_h, Wx, Wh, next_h)


def rnn_step_backward(dnext_h, cache):
    """Returns (dx, dprev_h, dWx, dWh, db) for one RNN step."""
    x, prev_h, Wx, Wh, next_h = cache
    da = dnext_h * (1.0 - next_h**2)
    return da @ Wx.T, da @ Wh.T, x.T @ da, prev_h.T @ da, da.sum(dim=0)


def rnn_forward(x, h0, Wx, Wh, b):
    """Run the RNN over x (N, T, D) from h0. Returns (h (N, T, H), cache)."""
    hs, caches, prev = [], [], h0
    for t in range(x.shape[1]):
        prev, cache = rnn_step_forward(x[:, t], prev, Wx, Wh, b)
        hs.append(prev)
        caches.append(cache)
    return torch.stack(hs, dim=1), caches


def rnn_backward(dh, cache):
    """Backpropagation through time: returns (dx, dh0, dWx, dWh, db)."""
    _, _, Wx, Wh, _ = cache[0]
    dxs = [None] * dh.shape[1]
    dWx, dWh = torch.zeros_like(Wx), torch.zeros_like(Wh)
    db = torch.zeros(Wh.shape[1], dtype=dh.dtype, device=dh.device)
    dprev = torch.zeros_like(dh[:, 0])
    for t in reversed(range(dh.shape[1])):
        dxs[t], dprev, dWx_t, dWh_t, db_t = rnn_step_backward(
            dh[:, t] + dprev, cache[t]
        )
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
    return torch.stack(dxs, dim=1), dprev, dWx, dWh, db


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    """One LSTM step, gates (i, f, g, o): next_c = f⊙prev_c + i⊙g, next_h = o⊙tanh(next_c).
    Returns (next_h, next_c, cache)."""
    a = x @ Wx + prev_h @ Wh + b
    ai, af, ag, ao = a.chunk(4, dim=1)
    i, f, g, o = torch.sigmoid(ai), torch.sigmoid(af), torch.tanh(ag), torch.sigmoid(ao)
    next_c = f * prev_c + i * g
    tanh_c = torch.tanh(next_c)
    return o * tanh_c, next_c, (x, prev_h, prev_c, Wx, Wh, i, f, g, o, tanh_c)


def lstm_step_backward(dnext_h, dnext_c, cache):
    """Returns (dx, dprev_h, dprev_c, dWx, dWh, db) for one LSTM step."""
    x, prev_h, prev_c, Wx, Wh, i, f, g, o, tanh_c = cache
    dc = dnext_c + dnext_h * o * (1.0 - tanh_c**2)
    di, df, dg, do = dc * g, dc * prev_c, dc * i, dnext_h * tanh_c
    da = torch.cat(
        [di * i * (1 - i), df * f * (1 - f), dg * (1 - g**2), do * o * (1 - o)], dim=1
    )
    return da @ Wx.T, da @ Wh.T, dc * f, x.T @ da, prev_h.T @ da, da.sum(dim=0)


def lstm_forward(x, h0, Wx, Wh, b):
    """Run the LSTM over x (N, T, D) from h0 and a zero cell. Returns (h, cache)."""
    hs, caches = [], []
    prev_h, prev_c = h0, torch.zeros_like(h0)
    for t in range(x.shape[1]):
        prev_h, prev_c, cache = lstm_step_forward(x[:, t], prev_h, prev_c, Wx, Wh, b)
        hs.append(prev_h)
        caches.append(cache)
    return torch.stack(hs, dim=1), caches


def lstm_backward(dh, cache):
    """Backpropagation through time for the LSTM: returns (dx, dh0, dWx, dWh, db)."""
    Wx, Wh = cache[0][3], cache[0][4]
    dxs = [None] * dh.shape[1]
    dWx, dWh = torch.zeros_like(Wx), torch.zeros_like(Wh)
    db = torch.zeros(Wh.shape[1], dtype=dh.dtype, device=dh.device)
    dprev_h, dprev_c = torch.zeros_like(dh[:, 0]), torch.zeros_like(dh[:, 0])
    for t in reversed(range(dh.shape[1])):
        dxs[t], dprev_h, dprev_c, dWx_t, dWh_t, db_t = lstm_step_backward(
            dh[:, t] + dprev_h, dprev_c, cache[t]
        )
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
    return torch.stack(dxs, dim=1), dprev_h, dWx, dWh, db


def gru_step_forward(x, prev_h, Wx, Wh, bx, bh):
    """One GRU step, gates (r, z, n): n = tanh(gx_n + r⊙gh_n), next_h = (1 − z)⊙n + z⊙prev_h.
    Returns (next_h, cache)."""
    gx = x @ Wx + bx
    gh = prev_h @ Wh + bh
    gx_r, gx_z, gx_n = gx.chunk(3, dim=1)
    gh_r, gh_z, gh_n = gh.chunk(3, dim=1)
    r = torch.sigmoid(gx_r + gh_r)
    z = torch.sigmoid(gx_z + gh_z)
    n = torch.tanh(gx_n + r * gh_n)
    return (1.0 - z) * n + z * prev_h, (x, prev_h, Wx, Wh, r, z, n, gh_n)


def gru_step_backward(dnext_h, cache):
    """Returns (dx, dprev_h, dWx, dWh, dbx, dbh) for one GRU step."""
    x, prev_h, Wx, Wh, r, z, n, gh_n = cache
    dn = dnext_h * (1.0 - z)
    dz = dnext_h * (prev_h - n)
    dan = dn * (1.0 - n**2)
    dar = dan * gh_n * r * (1.0 - r)
    daz = dz * z * (1.0 - z)
    dgx = torch.cat([dar, daz, dan], dim=1)
    dgh = torch.cat([dar, daz, dan * r], dim=1)
    dprev_h = dnext_h * z + dgh @ Wh.T
    return (
        dgx @ Wx.T,
        dprev_h,
        x.T @ dgx,
        prev_h.T @ dgh,
        dgx.sum(dim=0),
        dgh.sum(dim=0),
    )


def word_embedding_forward(x, W):
    """out[n, t] = W[x[n, t]]. Returns (out, cache)."""
    return W[x], (x, W.shape)


def word_embedding_backward(dout, cache):
    """dW[v] = Σ dout over the positions whose id is v (repeats accumulate)."""
    x, w_shape = cache
    dW = torch.zeros(w_shape, dtype=dout.dtype, device=dout.device)
    dW.index_add_(0, x.reshape(-1), dout.reshape(-1, w_shape[1]))
    return dW


def temporal_softmax_loss(x, y, mask):
    """Masked softmax loss over (N, T, V) scores, summed over steps, divided by N. Returns (loss, dx)."""
    n, t_len, v = x.shape
    logp = log_softmax(x.reshape(n * t_len, v), axis=1)
    y_flat, m_flat = y.reshape(-1), mask.reshape(-1).to(x.dtype)
    rows = torch.arange(n * t_len, device=x.device)
    loss = -torch.sum(m_flat * logp[rows, y_flat]) / n
    dx = torch.exp(logp)
    dx[rows, y_flat] -= 1.0
    dx = dx * (m_flat[:, None] / n)
    return loss, dx.reshape(n, t_len, v)
