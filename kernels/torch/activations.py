"""Activation functions with their backward passes, in PyTorch.
Same API as ``kernels.numpy.activations``."""

from __future__ import annotations

import math

import torch

_SQRT_2 = math.sqrt(2.0)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)


def sigmoid(x):
    """σ(x) = 1 / (1 + e⁻ˣ), stable for large |x|.

    torch.sigmoid, not the two-branch formula of the NumPy kernel: that one goes through
    |x|, whose autograd gradient at 0 is 0, so σ'(0) would come out 0 instead of ¼.
    """
    return torch.sigmoid(x)


def sigmoid_forward(x):
    """Sigmoid forward; the cache is the output."""
    out = sigmoid(x)
    return out, out


def sigmoid_backward(dout, cache):
    """dx = dout ⊙ σ(x)(1 − σ(x))."""
    return dout * cache * (1.0 - cache)


def tanh(x):
    """Hyperbolic tangent."""
    return torch.tanh(x)


def tanh_forward(x):
    """tanh forward; the cache is the output."""
    out = torch.tanh(x)
    return out, out


def tanh_backward(dout, cache):
    """dx = dout ⊙ (1 − tanh²(x))."""
    return dout * (1.0 - cache**2)


def relu(x):
    """ReLU: max(0, x)."""
    return torch.clamp(x, min=0)


def relu_forward(x):
    """ReLU forward; the cache is x."""
    return relu(x), x


def relu_backward(dout, cache):
    """dx = dout where x > 0, else 0."""
    return dout * (cache > 0)


def leaky_relu(x, alpha: float = 0.01):
    """Leaky ReLU: x where x > 0, else alpha·x."""
    return torch.where(x > 0, x, alpha * x)


def leaky_relu_forward(x, alpha: float = 0.01):
    """Leaky ReLU forward; the cache is (x, alpha)."""
    return leaky_relu(x, alpha), (x, alpha)


def leaky_relu_backward(dout, cache):
    """dx = dout where x > 0, else alpha·dout."""
    x, alpha = cache
    return torch.where(x > 0, dout, alpha * dout)


def gelu(x, approximate: str = "none"):
    """GELU(x) = x·Φ(x) (exact, erf form) or its tanh approximation."""
    if approximate == "tanh":
        return 0.5 * x * (1.0 + torch.tanh(_SQRT_2_OVER_PI * (x + 0.044715 * x**3)))
    if approximate != "none":
        raise ValueError(f"approximate must be 'none' or 'tanh', got {approximate!r}")
    return 0.5 * x * (1.0 + torch.erf(x / _SQRT_2))


def gelu_forward(x, approximate: str = "none"):
    """GELU forward; the cache is (x, approximate)."""
    return gelu(x, approximate), (x, approximate)


def gelu_backward(dout, cache):
    """dx = dout ⊙ (Φ(x) + x·φ(x)) (or the tanh form's derivative)."""
    x, approximate = cache
    if approximate == "tanh":
        t = torch.tanh(_SQRT_2_OVER_PI * (x + 0.044715 * x**3))
        dinner = _SQRT_2_OVER_PI * (1.0 + 3 * 0.044715 * x**2)
        return dout * (0.5 * (1.0 + t) + 0.5 * x * (1.0 - t**2) * dinner)
    cdf = 0.5 * (1.0 + torch.erf(x / _SQRT_2))
    pdf = torch.exp(-0.5 * x**2) / math.sqrt(2.0 * math.pi)
    return dout * (cdf + x * pdf)


def softplus(x):
    """softplus(x) = log(1 + eˣ) = max(x, 0) + log(1 + e^(−|x|)), never overflowing."""
    return torch.clamp(x, min=0) + torch.log1p(torch.exp(-x.abs()))


def softplus_forward(x):
    """Softplus forward; the cache is x."""
    return softplus(x), x


def softplus_backward(dout, cache):
    """dx = dout ⊙ σ(x)."""
    return dout * sigmoid(cache)
