"""RNN, LSTM and GRU against torch.nn modules and autograd; embeddings and the
masked temporal softmax loss against torch.nn.functional."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernels.numpy import rnn as R

from ._util import (
    SETTINGS,
    float_arrays,
    norm_rel_error,
    numeric_grads,
    rel_error,
    to_numpy,
    to_torch,
)

torch = pytest.importorskip("torch")
F = torch.nn.functional
from kernels.torch import rnn as TR

sizes = st.fixed_dictionaries(
    {
        "N": st.integers(1, 3),
        "T": st.integers(1, 4),
        "D": st.integers(1, 4),
        "H": st.integers(1, 4),
    }
)


def _weights(data, D, H, gates):
    return (
        data.draw(float_arrays((D, gates * H), -1, 1)),
        data.draw(float_arrays((H, gates * H), -1, 1)),
        data.draw(float_arrays((gates * H,), -1, 1)),
    )


def _torch_module(kind, D, H, Wx, Wh, b):
    mod = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM}[kind](
        D, H, batch_first=True
    ).double()
    with (
        torch.no_grad()
    ):  # our weights act as x @ Wx; torch's as W_ih @ x, hence the transposes
        mod.weight_ih_l0.copy_(torch.from_numpy(Wx.T))
        mod.weight_hh_l0.copy_(torch.from_numpy(Wh.T))
        mod.bias_ih_l0.copy_(torch.from_numpy(b))
        mod.bias_hh_l0.zero_()
    return mod


@pytest.mark.parametrize("kind", ["rnn", "lstm"])
@SETTINGS
@given(data=st.data(), s=sizes)
def test_sequence_forward_and_backward_match_torch_modules(kind, data, s):
    N, T, D, H = s["N"], s["T"], s["D"], s["H"]
    x, h0 = (
        data.draw(float_arrays((N, T, D), -2, 2)),
        data.draw(float_arrays((N, H), -1, 1)),
    )
    Wx, Wh, b = _weights(data, D, H, 4 if kind == "lstm" else 1)
    dh = data.draw(float_arrays((N, T, H)))
    mod = _torch_module(kind, D, H, Wx, Wh, b)
    tx, th0 = (
        torch.tensor(x, requires_grad=True),
        torch.tensor(h0[None], requires_grad=True),
    )
    hidden = (th0, torch.zeros_like(th0)) if kind == "lstm" else th0
    out, _ = mod(tx, hidden)
    out.backward(torch.from_numpy(dh))
    expected = [
        tx.grad.numpy(),
        th0.grad[0].numpy(),
        mod.weight_ih_l0.grad.numpy().T,
        mod.weight_hh_l0.grad.numpy().T,
        mod.bias_ih_l0.grad.numpy(),
    ]
    fwd, bwd = getattr(R, f"{kind}_forward"), getattr(R, f"{kind}_backward")
    h, cache = fwd(x, h0, Wx, Wh, b)
    assert rel_error(h, out.detach().numpy()) < 1e-7
    for got, want in zip(bwd(dh, cache), expected):
        assert rel_error(got, want) < 1e-7
    tfwd, tbwd = getattr(TR, f"{kind}_forward"), getattr(TR, f"{kind}_backward")
    th, tcache = tfwd(*to_torch((x, h0, Wx, Wh, b)))
    assert rel_error(to_numpy(th), out.detach().numpy()) < 1e-7
    for got, want in zip(tbwd(torch.from_numpy(dh), tcache), expected):
        assert rel_error(to_numpy(got), want) < 1e-7


@SETTINGS
@given(data=st.data(), s=sizes)
def test_gru_step_matches_grucell(data, s):
    N, D, H = s["N"], s["D"], s["H"]
    x, h = (
        data.draw(float_arrays((N, D), -2, 2)),
        data.draw(float_arrays((N, H), -1, 1)),
    )
    Wx, Wh, bx = _weights(data, D, H, 3)
    bh = data.draw(float_arrays((3 * H,), -1, 1))
    dnext = data.draw(float_arrays((N, H)))
    cell = torch.nn.GRUCell(D, H).double()
    with torch.no_grad():
        for param, value in [
            (cell.weight_ih, Wx.T),
            (cell.weight_hh, Wh.T),
            (cell.bias_ih, bx),
            (cell.bias_hh, bh),
        ]:
            param.copy_(torch.from_numpy(value))
    tx, th = torch.tensor(x, requires_grad=True), torch.tensor(h, requires_grad=True)
    out = cell(tx, th)
    out.backward(torch.from_numpy(dnext))
    expected = [
        tx.grad.numpy(),
        th.grad.numpy(),
        cell.weight_ih.grad.numpy().T,
        cell.weight_hh.grad.numpy().T,
        cell.bias_ih.grad.numpy(),
        cell.bias_hh.grad.numpy(),
    ]
    next_h, cache = R.gru_step_forward(x, h, Wx, Wh, bx, bh)
    assert rel_error(next_h, out.detach().numpy()) < 1e-7
    for got, want in zip(R.gru_step_backward(dnext, cache), expected):
        assert rel_error(got, want) < 1e-7


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_step_backward_matches_central_differences(kind):
    rng = np.random.default_rng(2)
    N, D, H = 3, 4, 5
    x, h = rng.normal(size=(N, D)), rng.normal(size=(N, H))
    gates = {"rnn": 1, "lstm": 4, "gru": 3}[kind]
    W = [
        rng.normal(size=(D, gates * H)) * 0.5,
        rng.normal(size=(H, gates * H)) * 0.5,
        rng.normal(size=gates * H),
    ]
    if kind == "rnn":
        args, fwd, bwd = (x, h, *W), R.rnn_step_forward, R.rnn_step_backward
    elif kind == "gru":
        args, fwd, bwd = (
            (x, h, *W, rng.normal(size=3 * H)),
            R.gru_step_forward,
            R.gru_step_backward,
        )
    else:
        args, fwd, bwd = (
            (x, h, rng.normal(size=(N, H)), *W),
            R.lstm_step_forward,
            R.lstm_step_backward,
        )
    outs = fwd(*args)
    douts = [rng.normal(size=o.shape) for o in outs[:-1]]
    grads = bwd(*douts, outs[-1])

    def total(*a):  # Σ over every output of output ⊙ its upstream gradient
        return sum(np.sum(o * d) for o, d in zip(fwd(*a)[:-1], douts))

    numeric = numeric_grads(lambda *a: np.array(total(*a)), args, np.array(1.0))
    for got, want in zip(grads, numeric):
        assert norm_rel_error(got, want) < 1e-7


@SETTINGS
@given(
    data=st.data(),
    v=st.integers(1, 6),
    d=st.integers(1, 4),
    shape=st.tuples(st.integers(1, 3), st.integers(1, 5)),
)
def test_word_embedding_matches_f_embedding(data, v, d, shape):
    ids = np.array(
        data.draw(
            st.lists(
                st.integers(0, v - 1),
                min_size=shape[0] * shape[1],
                max_size=shape[0] * shape[1],
            )
        )
    ).reshape(shape)
    W = data.draw(float_arrays((v, d)))
    dout = data.draw(float_arrays((*shape, d)))
    tw = torch.tensor(W, requires_grad=True)
    out = F.embedding(torch.from_numpy(ids), tw)
    out.backward(torch.from_numpy(dout))
    got, cache = R.word_embedding_forward(ids, W)
    assert np.array_equal(got, out.detach().numpy())
    assert rel_error(R.word_embedding_backward(dout, cache), tw.grad.numpy()) < 1e-7
    _, tcache = TR.word_embedding_forward(torch.from_numpy(ids), torch.from_numpy(W))
    assert (
        rel_error(
            to_numpy(TR.word_embedding_backward(torch.from_numpy(dout), tcache)),
            tw.grad.numpy(),
        )
        < 1e-7
    )


@SETTINGS
@given(
    data=st.data(),
    n=st.integers(1, 3),
    t=st.integers(1, 4),
    v=st.integers(2, 5),
    scale=st.sampled_from([1.0, 1000.0]),
)
def test_temporal_softmax_loss_matches_masked_cross_entropy(data, n, t, v, scale):
    x = data.draw(float_arrays((n, t, v))) * scale
    y = np.array(
        data.draw(st.lists(st.integers(0, v - 1), min_size=n * t, max_size=n * t))
    ).reshape(n, t)
    mask = np.array(
        data.draw(st.lists(st.booleans(), min_size=n * t, max_size=n * t))
    ).reshape(n, t)
    tx = torch.tensor(x, requires_grad=True)
    per_token = F.cross_entropy(
        tx.reshape(-1, v), torch.from_numpy(y.reshape(-1)), reduction="none"
    )
    loss_t = (per_token * torch.from_numpy(mask.reshape(-1))).sum() / n
    loss_t.backward()
    loss, dx = R.temporal_softmax_loss(x, y, mask)
    assert (
        rel_error(loss, loss_t.item()) < 1e-7 and rel_error(dx, tx.grad.numpy()) < 1e-7
    )
    tloss, tdx = TR.temporal_softmax_loss(*to_torch((x, y, mask)))
    assert (
        rel_error(to_numpy(tloss), loss_t.item()) < 1e-7
        and rel_error(to_numpy(tdx), tx.grad.numpy()) < 1e-7
    )
    assert np.all(dx[~mask] == 0)  # padding gets no gradient
