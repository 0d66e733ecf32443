"""Optimiser steps in the CS231n form ``update(w, dw, config) -> (next_w, config)``.

``config`` carries the hyperparameters and the optimiser's state (velocity,
moments, step count) from one call to the next; missing keys get defaults.
Each step gives the same trajectory as the matching torch.optim optimiser.
"""

from __future__ import annotations

import numpy as np


def sgd(w, dw, config: dict | None = None):
    """Vanilla SGD: w ← w − lr·dw. config: learning_rate (1e-2)."""
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-2)
    return w - config["learning_rate"] * dw, config


def sgd_momentum(w, dw, config: dict | None = None):
    """SGD with momentum: v ← μv − lr·dw, then w ← w + v.

    config: learning_rate (1e-2), momentum μ (0.9), velocity (zeros).
    """
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("momentum", 0.9)
    v = config.get("velocity", np.zeros_like(w))
    v = config["momentum"] * v - config["learning_rate"] * dw
    config["velocity"] = v
    return w + v, config


def nesterov(w, dw, config: dict | None = None):
    """Nesterov momentum, in the form that uses the gradient at w itself:
    v ← μv − lr·dw, then w ← w − μ·v_old + (1 + μ)·v.

    This is the "look-ahead" update rewritten so it never evaluates the
    gradient at w + μv. config: learning_rate (1e-2), momentum (0.9), velocity.
    """
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("momentum", 0.9)
    mu = config["momentum"]
    v_old = config.get("velocity", np.zeros_like(w))
    v = mu * v_old - config["learning_rate"] * dw
    config["velocity"] = v
    return w - mu * v_old + (1 + mu) * v, config


def rmsprop(w, dw, config: dict | None = None):
    """RMSProp: cache ← ρ·cache + (1 − ρ)dw², w ← w − lr·dw / (√cache + ε).

    Each weight's step is scaled by a running size of its own gradients.
    config: learning_rate (1e-2), decay_rate ρ (0.99), epsilon (1e-8), cache.
    """
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("decay_rate", 0.99)
    config.setdefault("epsilon", 1e-8)
    rho = config["decay_rate"]
    cache = config.get("cache", np.zeros_like(w))
    cache = rho * cache + (1 - rho) * dw * dw
    config["cache"] = cache
    return w - config["learning_rate"] * dw / (
        np.sqrt(cache) + config["epsilon"]
    ), config


def _adam_step(w, dw, config):
    """The Adam moment update with bias correction; shared by adam and adamw."""
    b1, b2 = config["beta1"], config["beta2"]
    t = config.get("t", 0) + 1
    m = b1 * config.get("m", np.zeros_like(w)) + (1 - b1) * dw
    v = b2 * config.get("v", np.zeros_like(w)) + (1 - b2) * dw * dw
    config.update(t=t, m=m, v=v)
    # Both moments start at 0, so early averages are too small; divide by (1 − βᵗ).
    m_hat = m / (1 - b1**t)
    v_hat = v / (1 - b2**t)
    return w - config["learning_rate"] * m_hat / (np.sqrt(v_hat) + config["epsilon"])


def _adam_defaults(config):
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-3)
    config.setdefault("beta1", 0.9)
    config.setdefault("beta2", 0.999)
    config.setdefault("epsilon", 1e-8)
    return config


def adam(w, dw, config: dict | None = None):
    """Adam: momentum (m) and RMSProp (v) together, each bias-corrected.

    t ← t + 1; m ← β₁m + (1 − β₁)dw; v ← β₂v + (1 − β₂)dw²;
    w ← w − lr·m̂ / (√v̂ + ε) with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).
    config: learning_rate (1e-3), beta1 (0.9), beta2 (0.999), epsilon (1e-8), m, v, t.
    """
    config = _adam_defaults(config)
    return _adam_step(w, dw, config), config


def adamw(w, dw, config: dict | None = None):
    """AdamW: Adam plus decoupled weight decay, w ← w − lr·λ·w, then the Adam step.

    The decay is applied to the weights directly, not added to dw, so it is
    not rescaled by Adam's √v̂. config: as adam, plus weight_decay λ (1e-2).
    """
    config = _adam_defaults(config)
    config.setdefault("weight_decay", 1e-2)
    w = w * (1 - config["learning_rate"] * config["weight_decay"])
    return _adam_step(w, dw, config), config
