"""Mutants of kernels.numpy.activations."""

from __future__ import annotations

import numpy as np

from kernels.numpy import activations as ref

from . import mutant


@mutant(
    "sigmoid_backward_resigmoids_cache",
    "activations.sigmoid_backward",
    "you applied σ again to the cache, which already holds σ(x): the derivative is out·(1 − out) with out from the cache.",
)
def sigmoid_backward_resigmoids_cache(dout, cache):
    s = ref.sigmoid(cache)
    return dout * s * (1.0 - s)


@mutant(
    "sigmoid_backward_missing_one_minus",
    "activations.sigmoid_backward",
    "your sigmoid gradient is dout·σ(x); it needs the factor (1 − σ(x)) too.",
)
def sigmoid_backward_missing_one_minus(dout, cache):
    return dout * cache


@mutant(
    "tanh_backward_missing_square",
    "activations.tanh_backward",
    "you used 1 − tanh(x); the derivative of tanh is 1 − tanh²(x).",
)
def tanh_backward_missing_square(dout, cache):
    return dout * (1.0 - cache)


@mutant(
    "relu_backward_masks_by_dout",
    "activations.relu_backward",
    "you kept the gradient where dout > 0; ReLU passes it where the input x was > 0.",
)
def relu_backward_masks_by_dout(dout, cache):
    return dout * (dout > 0)


@mutant(
    "leaky_relu_backward_zero_slope",
    "activations.leaky_relu_backward",
    "for negative inputs you returned 0; leaky ReLU's slope there is alpha, so dx = alpha·dout.",
)
def leaky_relu_backward_zero_slope(dout, cache):
    x, _ = cache
    return dout * (x > 0)


@mutant(
    "gelu_tanh_approximation",
    "activations.gelu_forward",
    "this is GELU's tanh approximation; the task wants the exact form x·Φ(x) with Φ(x) = ½(1 + erf(x/√2)).",
)
def gelu_tanh_approximation(x, approximate="none"):
    return ref.gelu(x, "tanh"), (x, "tanh")


@mutant(
    "softplus_overflows",
    "activations.softplus_forward",
    "log(1 + exp(x)) overflows to inf for large x; use max(x, 0) + log1p(exp(−|x|)) (np.logaddexp(0, x)).",
)
def softplus_overflows(x):
    with np.errstate(over="ignore"):
        return np.log(1.0 + np.exp(x)), x
