"""Attention against torch's scaled_dot_product_attention and
nn.MultiheadAttention; positional encodings against their defining formula."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernels.numpy import attention as At

from ._util import SETTINGS, float_arrays, rel_error, to_numpy, to_torch

torch = pytest.importorskip("torch")
F = torch.nn.functional
from kernels.torch import attention as TAt


@SETTINGS
@given(
    data=st.data(),
    lead=st.lists(st.integers(1, 3), min_size=0, max_size=2),
    tq=st.integers(1, 5),
    tk=st.integers(1, 5),
    d=st.integers(1, 8),
    masked=st.booleans(),
)
def test_sdpa_matches_torch(data, lead, tq, tk, d, masked):
    q = data.draw(float_arrays((*lead, tq, d)))
    k = data.draw(float_arrays((*lead, tk, d)))
    v = data.draw(float_arrays((*lead, tk, 3)))
    mask = None
    if masked:
        mask = np.array(
            data.draw(st.lists(st.booleans(), min_size=tq * tk, max_size=tq * tk))
        ).reshape(tq, tk)
        mask[:, 0] = (
            True  # every query keeps a key: a fully masked row is NaN in torch too
        )
    expected = F.scaled_dot_product_attention(
        *to_torch((q, k, v)), attn_mask=None if mask is None else torch.from_numpy(mask)
    ).numpy()
    out, weights = At.scaled_dot_product_attention(q, k, v, mask)
    assert rel_error(out, expected) < 1e-7
    assert np.allclose(weights.sum(-1), 1.0)
    if mask is not None:
        assert np.all(weights[..., ~mask] == 0)
    tout, _ = TAt.scaled_dot_product_attention(*to_torch((q, k, v, mask)))
    assert rel_error(to_numpy(tout), expected) < 1e-7


def test_sdpa_additive_mask_and_fully_masked_row_behave_like_torch():
    rng = np.random.default_rng(0)
    q, k, v = rng.normal(size=(3, 4)), rng.normal(size=(5, 4)), rng.normal(size=(5, 2))
    add = np.where(rng.random((3, 5)) > 0.5, 0.0, -1e9)
    expected = F.scaled_dot_product_attention(
        *to_torch((q, k, v)), attn_mask=torch.from_numpy(add)
    ).numpy()
    assert rel_error(At.scaled_dot_product_attention(q, k, v, add)[0], expected) < 1e-7
    none = np.zeros((3, 5), dtype=bool)
    with np.errstate(invalid="ignore"):
        out, _ = At.scaled_dot_product_attention(q, k, v, none)
    assert np.all(np.isnan(out))


@SETTINGS
@given(
    data=st.data(),
    n=st.integers(1, 2),
    t=st.integers(1, 5),
    s=st.integers(1, 5),
    heads=st.sampled_from([1, 2, 4]),
    causal=st.booleans(),
)
def test_multi_head_attention_matches_nn_multiheadattention(
    data, n, t, s, heads, causal
):
    e = 8
    torch.manual_seed(data.draw(st.integers(0, 1000)))
    mha = torch.nn.MultiheadAttention(e, heads, batch_first=True).double()
    with torch.no_grad():
        mha.in_proj_bias.normal_()
        mha.out_proj.bias.normal_()
    W, bias = mha.in_proj_weight.detach().numpy(), mha.in_proj_bias.detach().numpy()
    params = {
        "Wq": W[:e].T,
        "Wk": W[e : 2 * e].T,
        "Wv": W[2 * e :].T,
        "bq": bias[:e],
        "bk": bias[e : 2 * e],
        "bv": bias[2 * e :],
        "Wo": mha.out_proj.weight.detach().numpy().T,
        "bo": mha.out_proj.bias.detach().numpy(),
    }
    x = data.draw(float_arrays((n, t, e)))
    kv = x if causal else data.draw(float_arrays((n, s, e)))
    mask = (
        At.causal_mask(t) if causal else None
    )  # torch's attn_mask is True where *blocked*
    expected, expected_w = mha(
        *to_torch((x, kv, kv)),
        attn_mask=None if mask is None else torch.from_numpy(~mask),
        average_attn_weights=False,
    )
    out, weights = At.multi_head_attention_forward(
        x, params, heads, mask=mask, kv=None if causal else kv
    )
    assert rel_error(out, expected.detach().numpy()) < 1e-7
    assert rel_error(weights, expected_w.detach().numpy()) < 1e-7
    tout, _ = TAt.multi_head_attention_forward(
        *to_torch((x, params)),
        heads,
        mask=to_torch(mask),
        kv=None if causal else to_torch(kv),
    )
    assert rel_error(to_numpy(tout), expected.detach().numpy()) < 1e-7
    with pytest.raises(ValueError):
        At.multi_head_attention_forward(x, params, 3)


@pytest.mark.parametrize("length,d", [(1, 1), (6, 8), (9, 7), (50, 16)])
def test_positional_encoding_follows_its_formula(length, d):
    pe = At.sinusoidal_positional_encoding(length, d)
    expected = np.empty((length, d))
    for pos in range(length):
        for col in range(d):
            angle = pos / 10000 ** (2 * (col // 2) / d)
            expected[pos, col] = math.sin(angle) if col % 2 == 0 else math.cos(angle)
    assert rel_error(pe, expected) < 1e-7
    assert (
        rel_error(
            to_numpy(TAt.sinusoidal_positional_encoding(length, d, device="cpu")),
            expected,
        )
        < 1e-7
    )
    assert np.array_equal(At.causal_mask(3), [[1, 0, 0], [1, 1, 0], [1, 1, 1]])
