"""Standard cases: basics, activations, losses, layers, MLP, optimisers."""

from __future__ import annotations

import numpy as np

from .cases import case, n

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
