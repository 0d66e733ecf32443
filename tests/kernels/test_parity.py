"""Every NumPy kernel agrees with its torch twin on every standard case (float64),
on the CPU and on CUDA when there is one."""

from __future__ import annotations

import importlib
import inspect

import pytest

from ._util import assert_same, devices, leaves
from .cases import CASES, RANDOM
from .harness import kernel_fn, run

torch = pytest.importorskip("torch")

MODULES = [
    "basics",
    "activations",
    "losses",
    "layers",
    "mlp",
    "optim",
    "conv",
    "rnn",
    "attention",
    "generative",
    "metrics",
    "gradcam",
]
PARAMS = [
    pytest.param(k, i, id=f"{k}[{label}]")
    for k in sorted(CASES)
    if k not in RANDOM
    for i, (label, _) in enumerate(CASES[k])
]


def _public(side, module):
    mod = importlib.import_module(f"kernels.{side}.{module}")
    return {
        name: fn
        for name, fn in vars(mod).items()
        if inspect.isfunction(fn)
        and not name.startswith("_")
        and fn.__module__ == mod.__name__
    }


@pytest.mark.parametrize("module", MODULES)
def test_same_names_and_parameters(module):
    """kernels.numpy.X and kernels.torch.X offer the same functions with the same parameters."""
    np_side, torch_side = _public("numpy", module), _public("torch", module)
    assert sorted(np_side) == sorted(torch_side)
    for name, fn in np_side.items():
        np_params = list(inspect.signature(fn).parameters)
        torch_params = [
            p
            for p in inspect.signature(torch_side[name]).parameters
            if p not in ("device", "dtype")
        ]
        assert np_params == torch_params, name


@pytest.mark.parametrize("module", MODULES)
def test_every_kernel_has_a_standard_case(module):
    missing = [
        f"{module}.{name}"
        for name in _public("numpy", module)
        if f"{module}.{name}" not in CASES
    ]
    assert not missing


@pytest.mark.parametrize("device", devices())
@pytest.mark.parametrize("kernel,index", PARAMS)
def test_torch_kernel_matches_numpy(kernel, index, device):
    expected = run("numpy", kernel, index)
    got = run("torch", kernel, index, device=device)
    assert leaves(expected), "the case produced nothing to compare"
    assert_same(expected, got)


@pytest.mark.parametrize("device", devices())
def test_torch_kernels_stay_on_the_input_device(device):
    x = torch.randn(4, 5, dtype=torch.float64, device=device)
    w = torch.randn(5, 3, dtype=torch.float64, device=device)
    out, cache = kernel_fn("torch", "layers.affine_forward")(
        x, w, torch.zeros(3, dtype=torch.float64, device=device)
    )
    grads = kernel_fn("torch", "layers.affine_backward")(torch.ones_like(out), cache)
    bn = {"mode": "train"}
    kernel_fn("torch", "layers.batchnorm_forward")(
        x,
        torch.ones(5, device=device, dtype=x.dtype),
        torch.zeros(5, device=device, dtype=x.dtype),
        bn,
    )
    tensors = [out, *grads, bn["running_mean"], bn["running_var"]]
    assert {t.device.type for t in tensors} == {torch.device(device).type}
