"""Functions for the numerical-gradient cases. Each case hands numerical_gradient() a
scalar function f and a point x. The functions mix their inputs (no f is a plain sum of
one-variable pieces), so a nudge that is not undone shows up in later entries."""

import numpy as np


def f_example(p):
    """f(x, y) = x²·y + 3y, the lesson's example; ∇f(2, 1) = (4, 7)."""
    return p[0] ** 2 * p[1] + 3 * p[1]


def bowl(rng, dims):
    """f(x) = ½ xᵀAx + cᵀx with A symmetric, so ∇f = Ax + c."""
    d = dims["D"]
    m = rng.normal(size=(d, d))
    a = m @ m.T + np.eye(d)
    c = rng.normal(size=d)
    x = rng.normal(size=d)

    def f(v):
        return 0.5 * v @ a @ v + c @ v

    return {"args": [f, x]}


def log_sum_exp(rng, dims):
    """f(x) = log Σ exp(xᵢ); its gradient is softmax(x)."""
    x = rng.normal(size=dims["D"]) * 2

    def f(v):
        return np.log(np.sum(np.exp(v)))

    return {"args": [f, x]}


def matrix_loss(rng, dims):
    """A least-squares loss over a weight matrix W [D×C]: mean of (X W − Y)²."""
    n, d, c = 5, dims["D"], dims["C"]
    X = rng.normal(size=(n, d))
    Y = rng.normal(size=(n, c))
    W = rng.normal(size=(d, c))

    def f(w):
        return np.mean((X @ w - Y) ** 2)

    return {"args": [f, W]}


def integer_point(rng, dims):
    """f(x) = (Σ x)² + x₀·x₂ at the integer point [1, 2, 3]."""
    def f(v):
        return np.sum(v) ** 2 + v[0] * v[2]

    return {"args": [f, np.array([1, 2, 3])]}


def bigger_step(rng, dims):
    """The lesson's f with h = 1e-3: use the h you are given."""
    return {"args": [f_example, np.array([2.0, 1.0])], "kwargs": {"h": 1e-3}}


def one_entry(rng, dims):
    """x of shape (1,): f(x) = x·sin(x)."""
    def f(v):
        return v[0] * np.sin(v[0])

    return {"args": [f, np.array([0.7])]}
