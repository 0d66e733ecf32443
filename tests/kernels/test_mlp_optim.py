"""The two-layer net against autograd and central differences; the optimiser
steps against torch.optim trajectories."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernels.numpy import mlp
from kernels.numpy import optim as O

from ._util import SETTINGS, float_arrays, norm_rel_error, rel_error, to_numpy, to_torch

torch = pytest.importorskip("torch")
F = torch.nn.functional
from kernels.torch import mlp as tmlp
from kernels.torch import optim as TO


def _net(seed, n=6, d=4, h=5, c=3):
    rng = np.random.default_rng(seed)
    params = {
        "W1": rng.normal(size=(d, h)),
        "b1": rng.normal(size=h),
        "W2": rng.normal(size=(h, c)),
        "b2": rng.normal(size=c),
    }
    return params, rng.normal(size=(n, d)), rng.integers(0, c, n)


@SETTINGS
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(1, 6),
    reg=st.sampled_from([0.0, 0.05, 1.0]),
)
def test_two_layer_loss_matches_autograd(seed, n, reg):
    params, X, y = _net(seed, n=n)
    tp = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    scores = torch.relu(torch.from_numpy(X) @ tp["W1"] + tp["b1"]) @ tp["W2"] + tp["b2"]
    loss_t = F.cross_entropy(scores, torch.from_numpy(y)) + 0.5 * reg * (
        (tp["W1"] ** 2).sum() + (tp["W2"] ** 2).sum()
    )
    loss_t.backward()
    loss, grads = mlp.two_layer_loss(params, X, y, reg)
    assert rel_error(loss, loss_t.item()) < 1e-7
    assert (
        rel_error(mlp.two_layer_forward(params, X)[0], scores.detach().numpy()) < 1e-7
    )
    for k in params:
        assert rel_error(grads[k], tp[k].grad.numpy()) < 1e-7, k
    tloss, tgrads = tmlp.two_layer_loss(
        to_torch(params), torch.from_numpy(X), torch.from_numpy(y), reg
    )
    assert rel_error(to_numpy(tloss), loss_t.item()) < 1e-7
    for k in params:
        assert rel_error(to_numpy(tgrads[k]), tp[k].grad.numpy()) < 1e-7, k


def test_two_layer_gradients_match_central_differences():
    from kernels.numpy.basics import numerical_gradient

    params, X, y = _net(5)
    _, grads = mlp.two_layer_loss(params, X, y, reg=0.1)
    for k in params:

        def f(v, k=k):
            return mlp.two_layer_loss({**params, k: v}, X, y, 0.1)[0]

        assert norm_rel_error(grads[k], numerical_gradient(f, params[k])) < 1e-7, k


TORCH_OPT = {
    "sgd": (
        lambda p, h: torch.optim.SGD([p], lr=h["lr"]),
        lambda h: {"learning_rate": h["lr"]},
    ),
    "sgd_momentum": (
        lambda p, h: torch.optim.SGD([p], lr=h["lr"], momentum=h["mu"]),
        lambda h: {"learning_rate": h["lr"], "momentum": h["mu"]},
    ),
    "nesterov": (
        lambda p, h: torch.optim.SGD([p], lr=h["lr"], momentum=h["mu"], nesterov=True),
        lambda h: {"learning_rate": h["lr"], "momentum": h["mu"]},
    ),
    "rmsprop": (
        lambda p, h: torch.optim.RMSprop([p], lr=h["lr"], alpha=h["rho"], eps=1e-8),
        lambda h: {"learning_rate": h["lr"], "decay_rate": h["rho"]},
    ),
    "adam": (
        lambda p, h: torch.optim.Adam(
            [p], lr=h["lr"], betas=(h["mu"], h["rho"]), eps=1e-8
        ),
        lambda h: {"learning_rate": h["lr"], "beta1": h["mu"], "beta2": h["rho"]},
    ),
    "adamw": (
        lambda p, h: torch.optim.AdamW(
            [p], lr=h["lr"], betas=(h["mu"], h["rho"]), eps=1e-8, weight_decay=h["wd"]
        ),
        lambda h: {
            "learning_rate": h["lr"],
            "beta1": h["mu"],
            "beta2": h["rho"],
            "weight_decay": h["wd"],
        },
    ),
}
hyper = st.fixed_dictionaries(
    {
        "lr": st.sampled_from([1e-3, 1e-2, 0.1]),
        "mu": st.sampled_from([0.5, 0.9]),
        "rho": st.sampled_from([0.9, 0.99, 0.999]),
        "wd": st.sampled_from([0.0, 0.01, 0.1]),
    }
)


@pytest.mark.parametrize("name", sorted(TORCH_OPT))
@SETTINGS
@given(data=st.data(), h=hyper, shape=st.tuples(st.integers(1, 4), st.integers(1, 4)))
def test_optimiser_trajectory_matches_torch_optim(name, data, h, shape):
    make_opt, make_config = TORCH_OPT[name]
    w0 = data.draw(float_arrays(shape))
    grads = [data.draw(float_arrays(shape)) for _ in range(4)]
    p = torch.tensor(w0, requires_grad=True)
    opt = make_opt(p, h)
    w, config = w0.copy(), make_config(h)
    tw, tconfig = torch.from_numpy(w0.copy()), make_config(h)
    for g in grads:
        p.grad = torch.from_numpy(g.copy())
        opt.step()
        w, config = getattr(O, name)(w, g, config)
        tw, tconfig = getattr(TO, name)(tw, torch.from_numpy(g), tconfig)
        assert rel_error(w, p.detach().numpy()) < 1e-7
        assert rel_error(to_numpy(tw), w) < 1e-7


def test_adam_first_step_moves_every_weight_by_about_lr():
    # Bias correction makes the first step ≈ lr·sign(dw), whatever the gradient's size.
    w, dw = np.zeros(3), np.array([1e-3, 1.0, -50.0])
    next_w, config = O.adam(w, dw, {"learning_rate": 0.01})
    assert np.allclose(next_w, -0.01 * np.sign(dw), rtol=1e-4) and config["t"] == 1
