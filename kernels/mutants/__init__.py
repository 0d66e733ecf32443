"""Known-wrong variants ("mutants") of the NumPy kernels, each named after its bug.

A mutant has the same signature as the kernel it mutates and reproduces one
classic mistake. The grader runs a learner's failing code and the mutants on
the same inputs; when the learner's output matches a mutant, the tutor says
the mutant's diagnosis.

    from kernels.mutants import registry, mutants_of, get
    registry()["softmax_no_max_subtraction"].function(x)
    [m.name for m in mutants_of("losses.softmax")]

Kernel names are "<module>.<function>" relative to ``kernels.numpy``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["SAME_FUNCTION", "Mutant", "get", "mutant", "mutants_of", "registry"]

_MODULES = (
    "activations",
    "losses",
    "layers",
    "optim",
    "conv",
    "rnn",
    "attention",
    "misc",
)
_REGISTRY: dict[str, Mutant] = {}
_loaded = False

# Kernels that compute the same function in two ways: a mutant of one is a
# mutant of the other (their caches have the same layout too).
SAME_FUNCTION = {
    "conv.conv2d_forward_im2col": "conv.conv2d_forward_naive",
    "conv.conv2d_backward_im2col": "conv.conv2d_backward_naive",
    "conv.conv2d_backward": "conv.conv2d_backward_naive",
}


@dataclass(frozen=True)
class Mutant:
    """One known-wrong variant: its name, the kernel it mutates ("losses.softmax"),
    the function itself, and the sentence a tutor says when a learner's output matches it."""

    name: str
    kernel: str
    function: Callable
    diagnosis: str

    def __call__(self, *args, **kwargs):
        return self.function(*args, **kwargs)


def _normalise(kernel: str) -> str:
    kernel = kernel.removeprefix("kernels.numpy.").removeprefix("kernels.torch.")
    return SAME_FUNCTION.get(kernel, kernel)


def mutant(name: str, kernel: str, diagnosis: str):
    """Decorator registering a function as the mutant ``name`` of ``kernel``."""

    def register(fn):
        if name in _REGISTRY:
            raise ValueError(f"mutant {name!r} is registered twice")
        _REGISTRY[name] = Mutant(name, kernel, fn, diagnosis)
        return fn

    return register


def _load():
    global _loaded
    if not _loaded:
        for module in _MODULES:
            importlib.import_module(f"{__name__}.{module}")
        _loaded = True


def registry() -> dict[str, Mutant]:
    """Every mutant, by name."""
    _load()
    return dict(_REGISTRY)


def get(name: str) -> Mutant:
    """The mutant called ``name``; KeyError with the known names if there is none."""
    _load()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(
            f"no mutant {name!r}; known: {', '.join(sorted(_REGISTRY))}"
        ) from None


def mutants_of(kernel_name: str) -> list[Mutant]:
    """The mutants of one kernel ("losses.softmax", or "kernels.numpy.losses.softmax"), by name.

    The im2col and naive convolutions share their mutants.
    """
    _load()
    target = _normalise(kernel_name)
    return sorted(
        (m for m in _REGISTRY.values() if _normalise(m.kernel) == target),
        key=lambda m: m.name,
    )
