"""Standard cases: convolution, recurrent nets, attention, generative losses, metrics, Grad-CAM."""

from __future__ import annotations

import numpy as np

from .cases import case, n

# ---- conv ---------------------------------------------------------------
for _args in [(32, 3, 1, 1), (5, 3, 2, 1), (7, 2, 2, 0), (6, 6, 1, 0)]:
    case("conv.conv_output_size", label=f"{_args}")(lambda r, a=_args: (a, {}))
_CONV = {
    "3x3 pad 1": ((2, 3, 5, 5), (4, 3, 3, 3), 1, 1),
    "stride 2, odd size": ((2, 2, 7, 6), (3, 2, 3, 3), 2, 1),
    "batch of one, 2x2 no pad": ((1, 2, 4, 5), (2, 2, 2, 2), 1, 0),
    "1x1 filter, stride 3, pad 2": ((2, 1, 5, 4), (2, 1, 1, 1), 3, 2),
}
_CONV_KERNELS = [
    "conv.conv2d_forward_naive",
    "conv.conv2d_forward_im2col",
    "conv.conv2d_backward_naive",
    "conv.conv2d_backward_im2col",
    "conv.conv2d_backward",
]
for _label, (_xs, _ws, _s, _p) in _CONV.items():
    for _k in _CONV_KERNELS:
        case(_k, label=_label)(
            lambda r, xs=_xs, ws=_ws, s=_s, p=_p: (
                (n(r, *xs), n(r, *ws), n(r, ws[0])),
                {"stride": s, "pad": p},
            )
        )
    case("conv.im2col", label=_label)(
        lambda r, xs=_xs, ws=_ws, s=_s, p=_p: ((n(r, *xs), ws[2], ws[3], s, p), {})
    )
    case("conv.col2im", label=_label)(
        lambda r, xs=_xs, ws=_ws, s=_s, p=_p: _col2im_args(r, xs, ws, s, p)
    )


def _col2im_args(r, xs, ws, s, p):
    from kernels.numpy.conv import conv_output_size

    rows = (
        xs[0]
        * conv_output_size(xs[2], ws[2], s, p)
        * conv_output_size(xs[3], ws[3], s, p)
    )
    return (n(r, rows, xs[1] * ws[2] * ws[3]), xs, ws[2], ws[3], s, p), {}


_POOL = {
    "2x2 stride 2": ((2, 3, 4, 6), 2, 2, 2),
    "3x3 stride 2, odd": ((1, 2, 7, 5), 3, 3, 2),
    "2x3 stride 1": ((2, 1, 4, 5), 2, 3, 1),
}
for _label, (_xs, _ph, _pw, _s) in _POOL.items():
    for _k in (
        "conv.maxpool_forward",
        "conv.maxpool_backward",
        "conv.avgpool_forward",
        "conv.avgpool_backward",
    ):
        case(_k, label=_label)(
            lambda r, xs=_xs, ph=_ph, pw=_pw, s=_s: ((n(r, *xs), ph, pw, s), {})
        )


# ---- rnn ----------------------------------------------------------------
def _rnn(r, N=3, T=4, D=5, H=6, gates=1, step=False):
    x = n(r, N, D) if step else n(r, N, T, D)
    return (
        x,
        n(r, N, H),
        n(r, D, gates * H) * 0.4,
        n(r, H, gates * H) * 0.4,
        n(r, gates * H) * 0.1,
    )


for _k in ("rnn.rnn_step_forward", "rnn.rnn_step_backward"):
    case(_k, label="random")(lambda r: (_rnn(r, step=True), {}))
    case(_k, label="batch of one")(lambda r: (_rnn(r, N=1, step=True), {}))
for _k in ("rnn.rnn_forward", "rnn.rnn_backward"):
    case(_k, label="random")(lambda r: (_rnn(r), {}))
    case(_k, label="one step, batch of one")(lambda r: (_rnn(r, N=1, T=1), {}))
for _k in ("rnn.lstm_step_forward", "rnn.lstm_step_backward"):
    case(_k, label="random")(
        lambda r: (
            (
                *_rnn(r, step=True, gates=4)[:2],
                n(r, 3, 6),
                *_rnn(r, step=True, gates=4)[2:],
            ),
            {},
        )
    )
    case(_k, label="batch of one, odd sizes")(
        lambda r: (
            (
                n(r, 1, 3),
                n(r, 1, 5),
                n(r, 1, 5),
                n(r, 3, 20) * 0.4,
                n(r, 5, 20) * 0.4,
                n(r, 20) * 0.1,
            ),
            {},
        )
    )
for _k in ("rnn.lstm_forward", "rnn.lstm_backward"):
    case(_k, label="random")(lambda r: (_rnn(r, gates=4), {}))
    case(_k, label="one step, batch of one")(lambda r: (_rnn(r, N=1, T=1, gates=4), {}))
for _k in ("rnn.gru_step_forward", "rnn.gru_step_backward"):
    case(_k, label="random")(
        lambda r: ((*_rnn(r, step=True, gates=3), n(r, 18) * 0.1), {})
    )
    case(_k, label="batch of one")(
        lambda r: ((*_rnn(r, N=1, step=True, gates=3), n(r, 18) * 0.1), {})
    )
for _k in ("rnn.word_embedding_forward", "rnn.word_embedding_backward"):
    case(_k, label="repeated ids")(
        lambda r: ((r.integers(0, 5, (3, 4)), n(r, 5, 6)), {})
    )
    case(_k, label="one id")(lambda r: ((np.array([[2]]), n(r, 4, 3)), {}))
case("rnn.temporal_softmax_loss", label="random mask")(
    lambda r: ((n(r, 3, 4, 6), r.integers(0, 6, (3, 4)), r.random((3, 4)) > 0.4), {})
)
case("rnn.temporal_softmax_loss", label="large logits, padding at the end")(
    lambda r: (
        (
            n(r, 2, 5, 4) * 1000,
            r.integers(0, 4, (2, 5)),
            np.arange(5)[None, :] < np.array([[3], [5]]),
        ),
        {},
    )
)

# ---- attention ----------------------------------------------------------
case("attention.causal_mask", label="5")(lambda r: ((5,), {}))
for _dims in [(6, 8), (7, 5), (1, 4)]:
    case("attention.sinusoidal_positional_encoding", label=f"{_dims}")(
        lambda r, d=_dims: (d, {})
    )
case("attention.scaled_dot_product_attention", label="no mask")(
    lambda r: ((n(r, 2, 3, 5, 4), n(r, 2, 3, 6, 4), n(r, 2, 3, 6, 3)), {})
)
case("attention.scaled_dot_product_attention", label="causal mask")(
    lambda r: (
        (n(r, 2, 5, 8), n(r, 2, 5, 8), n(r, 2, 5, 8)),
        {"mask": np.tril(np.ones((5, 5), dtype=bool))},
    )
)
case("attention.scaled_dot_product_attention", label="additive mask, one query")(
    lambda r: (
        (n(r, 1, 1, 16), n(r, 1, 4, 16), n(r, 1, 4, 2)),
        {"mask": np.array([[0.0, -1e9, 0.0, 0.0]])},
    )
)


def _mha(r, N=2, T=5, S=5, E=8):
    p = {f"W{c}": n(r, E, E) * 0.3 for c in "qkvo"} | {
        f"b{c}": n(r, E) * 0.1 for c in "qkvo"
    }
    return n(r, N, T, E), p


case("attention.multi_head_attention_forward", label="self, 2 heads")(
    lambda r: ((*_mha(r), 2), {})
)
case("attention.multi_head_attention_forward", label="causal, 4 heads")(
    lambda r: ((*_mha(r), 4), {"mask": np.tril(np.ones((5, 5), dtype=bool))})
)
case("attention.multi_head_attention_forward", label="cross, 2 heads")(
    lambda r: ((*_mha(r), 2), {"kv": n(r, 2, 3, 8)})
)

# ---- generative ---------------------------------------------------------
case("generative.autoencoder_reconstruction_loss", label="mse")(
    lambda r: ((n(r, 4, 6), n(r, 4, 6)), {})
)
case("generative.autoencoder_reconstruction_loss", label="bce")(
    lambda r: ((r.uniform(0.01, 0.99, (3, 5)), r.random((3, 5))), {"kind": "bce"})
)
case("generative.gan_discriminator_loss", label="random")(
    lambda r: ((n(r, 5), n(r, 5)), {})
)
case("generative.gan_discriminator_loss", label="large logits")(
    lambda r: ((n(r, 4, 1) * 1000, n(r, 4, 1) * 1000), {})
)
case("generative.gan_generator_loss", label="random")(lambda r: ((n(r, 6),), {}))
case("generative.gan_generator_loss", label="large logits")(
    lambda r: ((n(r, 6) * 1000,), {})
)

# ---- metrics ------------------------------------------------------------
case("metrics.accuracy", label="labels")(
    lambda r: ((r.integers(0, 3, 20), r.integers(0, 3, 20)), {})
)
case("metrics.accuracy", label="scores")(
    lambda r: ((r.integers(0, 4, 10), n(r, 10, 4)), {})
)
case("metrics.confusion_matrix", label="3 classes")(
    lambda r: ((r.integers(0, 3, 30), r.integers(0, 3, 30)), {})
)
case("metrics.confusion_matrix", label="num_classes 5")(
    lambda r: ((r.integers(0, 3, 10), r.integers(0, 3, 10)), {"num_classes": 5})
)
for _k in ("metrics.precision", "metrics.recall", "metrics.f1"):
    case(_k, label="binary")(
        lambda r: ((r.integers(0, 2, 30), r.integers(0, 2, 30)), {})
    )
    case(_k, label="binary, no positives predicted")(
        lambda r: ((np.array([1, 0, 1]), np.array([0, 0, 0])), {})
    )
    case(_k, label="macro, 4 classes")(
        lambda r: ((r.integers(0, 4, 40), r.integers(0, 4, 40)), {"average": "macro"})
    )
    case(_k, label="macro, skewed")(
        lambda r: (
            (r.integers(0, 3, 25) ** 2 % 3, r.integers(0, 3, 25)),
            {"average": "macro", "num_classes": 3},
        )
    )

# ---- gradcam ------------------------------------------------------------
case("gradcam.grad_cam", label="one image")(
    lambda r: ((n(r, 4, 5, 5), n(r, 4, 5, 5)), {})
)
case("gradcam.grad_cam", label="batch, not normalised")(
    lambda r: ((n(r, 2, 3, 4, 6), n(r, 2, 3, 4, 6)), {"normalize": False})
)
case("gradcam.grad_cam", label="all negative evidence")(
    lambda r: ((np.abs(n(r, 2, 3, 3)), -np.abs(n(r, 2, 3, 3))), {})
)
