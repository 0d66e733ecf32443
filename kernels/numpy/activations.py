"""Activation functions with their backward passes.

Each ``*_forward(x) -> (out, cache)`` and ``*_backward(dout, cache) -> dx``;
``sigmoid(x)``, ``relu(x)`` and friends are the plain functions.
"""

from __future__ import annotations

import math

import numpy as np

try:  # SciPy's erf is vectorised; math.erf is the exact fallback.
    from scipy.special import erf as _erf
except ImportError:  # pragma: no cover - depends on the environment
    _erf = np.vectorize(math.erf, otypes=[np.float64])

_SQRT_2 = math.sqrt(2.0)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)


def sigmoid(x):
    """σ(x) = 1 / (1 + e⁻ˣ), computed without overflow for large |x|.

    For x < 0 it uses the equal form eˣ / (1 + eˣ), so exp never sees a large
    positive argument.
    """
    x = np.asarray(x)
    if x.dtype.kind in "iub":  # integer input: compute in float64
        x = x.astype(np.float64)
    e = np.exp(-np.abs(x))
    r = 1.0 / (1.0 + e)
    return np.where(x >= 0, r, e * r)


def sigmoid_forward(x):
    """Sigmoid forward; the cache is the output, since σ'(x) = σ(x)(1 − σ(x))."""
    out = sigmoid(x)
    return out, out


def sigmoid_backward(dout, cache):
    """dx = dout ⊙ σ(x)(1 − σ(x))."""
    out = cache
    return dout * out * (1.0 - out)


def tanh(x):
    """Hyperbolic tangent."""
    return np.tanh(x)


def tanh_forward(x):
    """tanh forward; the cache is the output, since tanh'(x) = 1 − tanh²(x)."""
    out = np.tanh(x)
    return out, out


def tanh_backward(dout, cache):
    """dx = dout ⊙ (1 − tanh²(x))."""
    return dout * (1.0 - cache**2)


def relu(x):
    """ReLU: max(0, x) elementwise."""
    return np.maximum(x, 0)


def relu_forward(x):
    """ReLU forward; the cache is the input x."""
    return np.maximum(x, 0), x


def relu_backward(dout, cache):
    """dx = dout where x > 0, else 0 (the subgradient at 0 is taken as 0, as in torch)."""
    x = cache
    return dout * (x > 0)


def leaky_relu(x, alpha: float = 0.01):
    """Leaky ReLU: x where x > 0, else alpha·x."""
    return np.where(x > 0, x, alpha * x)


def leaky_relu_forward(x, alpha: float = 0.01):
    """Leaky ReLU forward; the cache is (x, alpha)."""
    return leaky_relu(x, alpha), (x, alpha)


def leaky_relu_backward(dout, cache):
    """dx = dout where x > 0, else alpha·dout."""
    x, alpha = cache
    return np.where(x > 0, dout, alpha * dout)


def gelu(x, approximate: str = "none"):
    """GELU(x) = x·Φ(x), Φ the standard normal CDF (torch's default form).

    ``approximate="tanh"`` gives 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))).
    """
    if approximate == "tanh":
        return 0.5 * x * (1.0 + np.tanh(_SQRT_2_OVER_PI * (x + 0.044715 * x**3)))
    if approximate != "none":
        raise ValueError(f"approximate must be 'none' or 'tanh', got {approximate!r}")
    return 0.5 * x * (1.0 + _erf(x / _SQRT_2))


def gelu_forward(x, approximate: str = "none"):
    """GELU forward; the cache is (x, approximate)."""
    return gelu(x, approximate), (x, approximate)


def gelu_backward(dout, cache):
    """dx = dout ⊙ (Φ(x) + x·φ(x)) for the exact form; φ is the normal density."""
    x, approximate = cache
    if approximate == "tanh":
        inner = _SQRT_2_OVER_PI * (x + 0.044715 * x**3)
        t = np.tanh(inner)
        dinner = _SQRT_2_OVER_PI * (1.0 + 3 * 0.044715 * x**2)
        return dout * (0.5 * (1.0 + t) + 0.5 * x * (1.0 - t**2) * dinner)
    cdf = 0.5 * (1.0 + _erf(x / _SQRT_2))
    pdf = np.exp(-0.5 * x**2) / math.sqrt(2.0 * math.pi)
    return dout * (cdf + x * pdf)


def softplus(x):
    """softplus(x) = log(1 + eˣ), computed as logaddexp(0, x) so large x does not overflow."""
    return np.logaddexp(0.0, x)


def softplus_forward(x):
    """Softplus forward; the cache is the input x."""
    return softplus(x), x


def softplus_backward(dout, cache):
    """dx = dout ⊙ σ(x): the derivative of softplus is the sigmoid."""
    return dout * sigmoid(cache)
