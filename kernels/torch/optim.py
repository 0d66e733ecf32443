"""Optimiser steps ``update(w, dw, config) -> (next_w, config)`` in PyTorch.
Same API and defaults as ``kernels.numpy.optim``."""

from __future__ import annotations

import torch


def sgd(w, dw, config: dict | None = None):
    """w ← w − lr·dw. config: learning_rate (1e-2)."""
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-2)
    return w - config["learning_rate"] * dw, config


def sgd_momentum(w, dw, config: dict | None = None):
    """v ← μv − lr·dw; w ← w + v. config: learning_rate (1e-2), momentum (0.9), velocity."""
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("momentum", 0.9)
    v = config.get("velocity")
    v = torch.zeros_like(w) if v is None else v
    v = config["momentum"] * v - config["learning_rate"] * dw
    config["velocity"] = v
    return w + v, config


def nesterov(w, dw, config: dict | None = None):
    """v ← μv − lr·dw; w ← w − μ·v_old + (1 + μ)·v (Nesterov momentum)."""
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("momentum", 0.9)
    mu = config["momentum"]
    v_old = config.get("velocity")
    v_old = torch.zeros_like(w) if v_old is None else v_old
    v = mu * v_old - config["learning_rate"] * dw
    config["velocity"] = v
    return w - mu * v_old + (1 + mu) * v, config


def rmsprop(w, dw, config: dict | None = None):
    """cache ← ρ·cache + (1 − ρ)dw²; w ← w − lr·dw / (√cache + ε)."""
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("decay_rate", 0.99)
    config.setdefault("epsilon", 1e-8)
    rho = config["decay_rate"]
    cache = config.get("cache")
    cache = torch.zeros_like(w) if cache is None else cache
    cache = rho * cache + (1 - rho) * dw * dw
    config["cache"] = cache
    return w - config["learning_rate"] * dw / (
        torch.sqrt(cache) + config["epsilon"]
    ), config


def _adam_defaults(config):
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-3)
    config.setdefault("beta1", 0.9)
    config.setdefault("beta2", 0.999)
    config.setdefault("epsilon", 1e-8)
    return config


def _adam_step(w, dw, config):
    b1, b2 = config["beta1"], config["beta2"]
    t = config.get("t", 0) + 1
    m = config.get("m")
    v = config.get("v")
    m = b1 * (torch.zeros_like(w) if m is None else m) + (1 - b1) * dw
    v = b2 * (torch.zeros_like(w) if v is None else v) + (1 - b2) * dw * dw
    config.update(t=t, m=m, v=v)
    m_hat = m / (1 - b1**t)
    v_hat = v / (1 - b2**t)
    return w - config["learning_rate"] * m_hat / (torch.sqrt(v_hat) + config["epsilon"])


def adam(w, dw, config: dict | None = None):
    """Adam with bias correction: w ← w − lr·m̂ / (√v̂ + ε)."""
    config = _adam_defaults(config)
    return _adam_step(w, dw, config), config


def adamw(w, dw, config: dict | None = None):
    """AdamW: w ← w(1 − lr·λ), then the Adam step (decoupled weight decay, λ = 1e-2)."""
    config = _adam_defaults(config)
    config.setdefault("weight_decay", 1e-2)
    w = w * (1 - config["learning_rate"] * config["weight_decay"])
    return _adam_step(w, dw, config), config
