"""Standard cases for every kernel: random inputs plus the edge cases that
catch the classic bugs (large logits, zeros, a batch of one, odd sizes).

CASES["module.function"] is a list of (label, make); make(rng) returns
(args, kwargs) in NumPy. For a ``*_backward`` kernel, make returns the
arguments of its forward; the harness runs the forward, draws the upstream
gradients and calls the backward with the forward's cache.
"""

from __future__ import annotations

import importlib

import numpy as np

CASES: dict[str, list] = {}

# Kernels whose outputs are random (dropout): compared by behaviour, not value.
RANDOM = {"layers.dropout_forward", "layers.dropout_backward"}
# Kernels that make a tensor from sizes alone; the torch side takes a device.
FACTORIES = {"attention.causal_mask", "attention.sinusoidal_positional_encoding"}
FORWARD_OF = {"conv.conv2d_backward": "conv.conv2d_forward_im2col"}


def forward_of(kernel: str) -> str | None:
    """The forward whose cache a CS231n-style backward takes, or None."""
    if kernel in FORWARD_OF:
        return FORWARD_OF[kernel]
    if "_backward" not in kernel:
        return None
    fwd = kernel.replace("_backward", "_forward")
    module, name = fwd.split(".")
    return (
        fwd
        if hasattr(importlib.import_module(f"kernels.numpy.{module}"), name)
        else None
    )


def returns_cache(kernel: str) -> bool:
    """Forwards return (out..., cache); the cache is internal and never compared."""
    return "_forward" in kernel.split(".")[1] and kernel not in {
        "attention.multi_head_attention_forward"
    }


def case(*kernels, label):
    def register(make):
        for k in kernels:
            CASES.setdefault(k, []).append((label, make))
        return make

    return register


def n(rng, *shape):
    return rng.normal(size=shape)


# ---- basics -------------------------------------------------------------
case("basics.dot_loops", "basics.dot", label="random")(
    lambda r: ((n(r, 7), n(r, 7)), {})
)
case("basics.dot_loops", "basics.dot", label="length one")(
    lambda r: ((n(r, 1), n(r, 1)), {})
)
case("basics.matmul_loops", "basics.matmul", label="random")(
    lambda r: ((n(r, 3, 4), n(r, 4, 5)), {})
)
case("basics.matmul_loops", "basics.matmul", label="vector shapes")(
    lambda r: ((n(r, 1, 3), n(r, 3, 1)), {})
)
case("basics.numerical_derivative", label="cube")(lambda r: ((lambda x: x**3, 1.7), {}))
case("basics.numerical_gradient", label="sum of cubes")(
    lambda r: ((lambda z: (z**3).sum(), n(r, 3, 2)), {})
)
case("basics.numerical_gradient_array", label="square")(
    lambda r: ((lambda z: 3 * z**2, n(r, 4), n(r, 4)), {})
)
case("basics.gradient_descent", label="parabola")(
    lambda r: ((lambda x: 2 * (x - 3.0), 0.0), {"lr": 0.1, "steps": 20})
)
case("basics.gradient_descent", label="bowl in 2-D")(
    lambda r: (
        (
            lambda x: (
                x * np.array([1.0, 4.0])
                if isinstance(x, np.ndarray)
                else x * x.new_tensor([1.0, 4.0])
            ),
            np.array([2.0, -1.0]),
        ),
        {"lr": 0.2, "steps": 10},
    )
)
_AND = (
    np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]),
    np.array([0, 0, 0, 1]),
)
case("basics.perceptron_train", label="AND")(lambda r: (_AND, {"epochs": 10}))
case("basics.perceptron_train", label="separable blobs")(
    lambda r: (
        (np.concatenate([n(r, 10, 2) + 3, n(r, 10, 2) - 3]), np.repeat([1, 0], 10)),
        {"lr": 0.5, "epochs": 5},
    )
)
case("basics.perceptron_predict", label="random")(
    lambda r: ((n(r, 6, 3), n(r, 3), 0.5), {})
)

# ---- activations --------------------------------------------------------
_ACT = ["sigmoid", "tanh", "relu", "leaky_relu", "gelu", "softplus"]
_INPUTS = {
    "random": lambda r: n(r, 4, 5),
    "large": lambda r: n(r, 3, 4) * 1000,
    "zeros": lambda r: np.zeros((2, 3)),
    "batch of one, odd size": lambda r: n(r, 1, 7),
}
for _name in _ACT:
    for _label, _make in _INPUTS.items():
        for _fn in (_name, f"{_name}_forward", f"{_name}_backward"):
            case(f"activations.{_fn}", label=_label)(lambda r, m=_make: ((m(r),), {}))
case(
    "activations.leaky_relu_forward",
    "activations.leaky_relu_backward",
    label="alpha 0.2",
)(lambda r: ((n(r, 3, 3),), {"alpha": 0.2}))
case("activations.gelu_forward", "activations.gelu_backward", label="tanh form")(
    lambda r: ((n(r, 3, 3),), {"approximate": "tanh"})
)

# ---- losses -------------------------------------------------------------
_LOGITS = {
    "random": lambda r: n(r, 5, 4),
    "large logits": lambda r: n(r, 4, 6) * 1000,
    "batch of one": lambda r: n(r, 1, 3),
    "zeros": lambda r: np.zeros((3, 5)),
}
for _label, _make in _LOGITS.items():
    case("losses.softmax", "losses.log_softmax", label=_label)(
        lambda r, m=_make: ((m(r),), {})
    )
    for _k in (
        "losses.softmax_loss",
        "losses.svm_loss",
        "losses.cross_entropy_with_logits",
    ):
        case(_k, label=_label)(lambda r, m=_make: _with_labels(r, m))
case("losses.softmax", "losses.log_softmax", label="axis 0")(
    lambda r: ((n(r, 4, 3),), {"axis": 0})
)
case("losses.cross_entropy_with_logits", label="one-hot targets")(
    lambda r: ((n(r, 4, 3), np.eye(3)[r.integers(0, 3, 4)]), {})
)


def _with_labels(r, make):
    x = make(r)
    return (x, r.integers(0, x.shape[1], x.shape[0])), {}


def _probs(r, shape):
    e = np.exp(n(r, *shape))
    return e / e.sum(axis=1, keepdims=True)


case("losses.cross_entropy", label="labels")(
    lambda r: ((_probs(r, (5, 4)), r.integers(0, 4, 5)), {})
)
case("losses.cross_entropy", label="one-hot targets")(
    lambda r: ((_probs(r, (3, 4)), np.eye(4)[r.integers(0, 4, 3)]), {})
)
for _k in ("losses.mse_loss", "losses.mse_loss_backward"):
    case(_k, label="random")(lambda r: ((n(r, 4, 3), n(r, 4, 3)), {}))
    case(_k, label="batch of one")(lambda r: ((n(r, 1, 5), n(r, 1, 5)), {}))
case("losses.binary_cross_entropy", label="random")(
    lambda r: ((r.uniform(0.01, 0.99, (4, 3)), (r.random((4, 3)) > 0.5) * 1.0), {})
)
case("losses.binary_cross_entropy", label="certain predictions")(
    lambda r: ((np.array([0.0, 1.0, 1.0, 0.0]), np.array([1.0, 0.0, 1.0, 0.0])), {})
)
case("losses.binary_cross_entropy_with_logits", label="random")(
    lambda r: ((n(r, 4, 3), (r.random((4, 3)) > 0.5) * 1.0), {})
)
case("losses.binary_cross_entropy_with_logits", label="large logits")(
    lambda r: ((n(r, 6) * 1000, (r.random(6) > 0.5) * 1.0), {})
)

# ---- layers -------------------------------------------------------------
for _k in ("layers.affine_forward", "layers.affine_backward"):
    case(_k, label="random")(lambda r: ((n(r, 4, 5), n(r, 5, 3), n(r, 3)), {}))
    case(_k, label="image input")(
        lambda r: ((n(r, 2, 3, 2, 2), n(r, 12, 4), n(r, 4)), {})
    )
    case(_k, label="batch of one")(lambda r: ((n(r, 1, 5), n(r, 5, 3), n(r, 3)), {}))
for _k in ("layers.dropout_forward", "layers.dropout_backward"):
    case(_k, label="train")(
        lambda r: ((n(r, 50, 40),), {"p": 0.5, "train": True, "seed": 0})
    )
    case(_k, label="train p=0.2")(
        lambda r: ((n(r, 50, 40),), {"p": 0.2, "train": True, "seed": 1})
    )
    case(_k, label="eval")(
        lambda r: ((n(r, 5, 4),), {"p": 0.5, "train": False, "seed": 0})
    )


def _bn_train(r, rows=6, cols=4):
    return (n(r, rows, cols) * 3 + 2, n(r, cols), n(r, cols), {"mode": "train"}), {}


def _bn_test(r):
    return (
        n(r, 5, 4),
        n(r, 4),
        n(r, 4),
        {"mode": "test", "running_mean": n(r, 4), "running_var": r.uniform(0.5, 2, 4)},
    ), {}


for _k in ("layers.batchnorm_forward", "layers.batchnorm_backward"):
    case(_k, label="train")(_bn_train)
    case(_k, label="train, odd sizes")(lambda r: _bn_train(r, 7, 3))
    case(_k, label="train, warm running stats")(
        lambda r: (
            (
                n(r, 6, 4),
                n(r, 4),
                n(r, 4),
                {
                    "mode": "train",
                    "running_mean": n(r, 4),
                    "running_var": r.uniform(0.5, 2, 4),
                    "momentum": 0.8,
                },
            ),
            {},
        )
    )
case("layers.batchnorm_forward", label="test")(_bn_test)
for _k in ("layers.spatial_batchnorm_forward", "layers.spatial_batchnorm_backward"):
    case(_k, label="train")(
        lambda r: ((n(r, 2, 3, 4, 5) * 2 + 1, n(r, 3), n(r, 3), {"mode": "train"}), {})
    )
    case(_k, label="train, batch of one")(
        lambda r: ((n(r, 1, 2, 3, 3), n(r, 2), n(r, 2), {"mode": "train"}), {})
    )
case("layers.spatial_batchnorm_forward", label="test")(
    lambda r: (
        (
            n(r, 2, 3, 4, 4),
            n(r, 3),
            n(r, 3),
            {
                "mode": "test",
                "running_mean": n(r, 3),
                "running_var": r.uniform(0.5, 2, 3),
            },
        ),
        {},
    )
)
for _k in ("layers.layernorm_forward", "layers.layernorm_backward"):
    case(_k, label="random")(lambda r: ((n(r, 4, 6) * 2 + 1, n(r, 6), n(r, 6)), {}))
    case(_k, label="batch of one")(lambda r: ((n(r, 1, 5), n(r, 5), n(r, 5)), {}))
    case(_k, label="sequence input")(
        lambda r: ((n(r, 2, 3, 5), n(r, 5), n(r, 5)), {"ln_param": {"eps": 1e-3}})
    )


# ---- mlp ----------------------------------------------------------------
def _mlp(r, N=5, D=4, H=6, C=3):
    params = {
        "W1": n(r, D, H) * 0.5,
        "b1": n(r, H) * 0.1,
        "W2": n(r, H, C) * 0.5,
        "b2": n(r, C) * 0.1,
    }
    return params, n(r, N, D), r.integers(0, C, N)


case("mlp.two_layer_forward", "mlp.two_layer_backward", label="random")(
    lambda r: (_mlp(r)[:2], {})
)
case("mlp.two_layer_loss", label="reg 0.1")(lambda r: (_mlp(r), {"reg": 0.1}))
case("mlp.two_layer_loss", label="batch of one, no reg")(
    lambda r: (_mlp(r, N=1), {"reg": 0.0})
)

# ---- optim --------------------------------------------------------------
_STATE = {
    "optim.sgd": lambda r: {"learning_rate": 0.1},
    "optim.sgd_momentum": lambda r: {
        "learning_rate": 0.1,
        "velocity": n(r, 4, 3) * 0.1,
    },
    "optim.nesterov": lambda r: {"learning_rate": 0.1, "velocity": n(r, 4, 3) * 0.1},
    "optim.rmsprop": lambda r: {"cache": r.uniform(0.1, 1, (4, 3))},
    "optim.adam": lambda r: {
        "m": n(r, 4, 3) * 0.1,
        "v": r.uniform(0.1, 1, (4, 3)),
        "t": 3,
    },
    "optim.adamw": lambda r: {
        "m": n(r, 4, 3) * 0.1,
        "v": r.uniform(0.1, 1, (4, 3)),
        "t": 3,
        "weight_decay": 0.1,
    },
}
for _k, _state in _STATE.items():
    case(_k, label="first step")(lambda r: ((n(r, 4, 3), n(r, 4, 3)), {}))
    case(_k, label="with state")(
        lambda r, s=_state: ((n(r, 4, 3), n(r, 4, 3), s(r)), {})
    )

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
