"""Run a kernel (NumPy, torch or a mutant) on a standard case and return what
a learner's version would be compared on: its outputs without the cache."""

from __future__ import annotations

import importlib

import numpy as np

from ._util import to_torch
from .cases import CASES, FACTORIES, forward_of, returns_cache


def kernel_fn(side: str, kernel: str):
    """kernels.<side>.<module>.<function> for side "numpy" or "torch"."""
    module, name = kernel.split(".")
    return getattr(importlib.import_module(f"kernels.{side}.{module}"), name)


def make_case(kernel: str, index: int, seed: int = 0):
    label, make = CASES[kernel][index]
    args, kwargs = make(np.random.default_rng(seed))
    return label, args, kwargs


def _strip(kernel, result):
    if returns_cache(kernel) and isinstance(result, tuple):
        rest = result[:-1]
        return rest[0] if len(rest) == 1 else rest
    return result


def run(side: str, kernel: str, index: int, fn=None, device="cpu", seed: int = 0):
    """Run ``kernel`` (or ``fn`` in its place) on case ``index`` of that kernel.

    For a backward kernel the forward comes from the same side (the reference
    one), the upstream gradients are drawn from a fixed seed, and ``fn`` (or the
    kernel's backward) is called with the forward's cache.
    """
    _, args, kwargs = make_case(kernel, index, seed)
    convert = (lambda a: to_torch(a, device)) if side == "torch" else (lambda a: a)
    args, kwargs = convert(args), convert(kwargs)
    if side == "torch" and kernel in FACTORIES:
        kwargs = {**kwargs, "device": device}
    fwd_name = forward_of(kernel)
    if fwd_name is None:
        target = fn or kernel_fn(side, kernel)
        return _strip(kernel, target(*args, **kwargs))
    result = kernel_fn(side, fwd_name)(*args, **kwargs)
    outs, cache = result[:-1], result[-1]
    rng = np.random.default_rng(1000 + seed)
    douts = [convert(rng.normal(size=tuple(o.shape))) for o in outs]
    target = fn or kernel_fn(side, kernel)
    return target(*douts, cache)
