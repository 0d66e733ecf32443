"""Standard cases for every kernel: random inputs plus the edge cases that
catch the classic bugs (large logits, zeros, a batch of one, odd sizes).

CASES["module.function"] is a list of (label, make); make(rng) returns
(args, kwargs) in NumPy. For a ``*_backward`` kernel, make returns the
arguments of its forward; the harness runs the forward, draws the upstream
gradients and calls the backward with the forward's cache.
"""

from __future__ import annotations

import importlib

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


# The cases themselves, by topic; they register into CASES when imported.
from . import cases_basic, cases_models  # noqa: F401
