"""Mutants of kernels.numpy.optim."""

from __future__ import annotations

import numpy as np

from kernels.numpy import optim as ref

from . import mutant


@mutant(
    "sgd_momentum_velocity_not_stored",
    "optim.sgd_momentum",
    "you never saved the new velocity in config, so every step starts from the old one and momentum does not build up.",
)
def sgd_momentum_velocity_not_stored(w, dw, config=None):
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("momentum", 0.9)
    v = (
        config["momentum"] * config.get("velocity", np.zeros_like(w))
        - config["learning_rate"] * dw
    )
    return w + v, config


@mutant(
    "nesterov_plain_momentum",
    "optim.nesterov",
    "this is plain momentum (w ← w + v); Nesterov looks ahead: w ← w − μ·v_old + (1 + μ)·v.",
)
def nesterov_plain_momentum(w, dw, config=None):
    return ref.sgd_momentum(w, dw, config)


@mutant(
    "rmsprop_missing_sqrt",
    "optim.rmsprop",
    "you divided by the running mean of dw² itself; RMSProp divides by its square root (the root mean square).",
)
def rmsprop_missing_sqrt(w, dw, config=None):
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("decay_rate", 0.99)
    config.setdefault("epsilon", 1e-8)
    rho = config["decay_rate"]
    cache = rho * config.get("cache", np.zeros_like(w)) + (1 - rho) * dw * dw
    config["cache"] = cache
    return w - config["learning_rate"] * dw / (cache + config["epsilon"]), config


@mutant(
    "adam_no_bias_correction",
    "optim.adam",
    "this matches Adam without bias correction: early steps use m and v as they are, not m/(1 − β₁ᵗ) and v/(1 − β₂ᵗ).",
)
def adam_no_bias_correction(w, dw, config=None):
    config = ref._adam_defaults(config)
    b1, b2 = config["beta1"], config["beta2"]
    m = b1 * config.get("m", np.zeros_like(w)) + (1 - b1) * dw
    v = b2 * config.get("v", np.zeros_like(w)) + (1 - b2) * dw * dw
    config.update(t=config.get("t", 0) + 1, m=m, v=v)
    return w - config["learning_rate"] * m / (np.sqrt(v) + config["epsilon"]), config


@mutant(
    "adamw_decay_in_gradient",
    "optim.adamw",
    "you added weight_decay·w to the gradient (L2 inside Adam); AdamW decays the weights directly: w ← w − lr·λ·w.",
)
def adamw_decay_in_gradient(w, dw, config=None):
    config = ref._adam_defaults(config)
    config.setdefault("weight_decay", 1e-2)
    return ref._adam_step(w, dw + config["weight_decay"] * w, config), config
