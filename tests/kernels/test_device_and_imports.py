"""default_device(), and the import rules: the NumPy side never loads torch,
and nothing in kernels/ imports tutor."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

KERNELS = Path(__file__).parents[2] / "kernels"


def test_numpy_kernels_and_mutants_do_not_import_torch():
    code = (
        "import sys, importlib\n"
        "for m in ['basics','activations','losses','layers','mlp','optim','conv','rnn','attention','generative','metrics','gradcam']:\n"
        "    importlib.import_module('kernels.numpy.' + m)\n"
        "import kernels, kernels.device, kernels.mutants\n"
        "kernels.mutants.registry()\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=KERNELS.parent)


def test_nothing_in_kernels_imports_tutor():
    offenders = []
    for path in KERNELS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if n == "tutor" or n.startswith("tutor.")
            ]
    assert not offenders


def test_default_device(monkeypatch):
    torch = pytest.importorskip("torch")
    from kernels.device import default_device

    monkeypatch.delenv("TUTOR_DEVICE", raising=False)
    assert default_device().type == ("cuda" if torch.cuda.is_available() else "cpu")
    monkeypatch.setenv("TUTOR_DEVICE", "cpu")
    assert default_device() == torch.device("cpu")
    monkeypatch.setenv(
        "TUTOR_DEVICE", "meta"
    )  # any torch device name is taken as given
    assert default_device() == torch.device("meta")


def test_factories_use_the_default_device(monkeypatch):
    torch = pytest.importorskip("torch")
    from kernels.torch import attention, basics

    monkeypatch.setenv("TUTOR_DEVICE", "meta")
    assert attention.sinusoidal_positional_encoding(4, 6).device.type == "meta"
    assert attention.causal_mask(3).device.type == "meta"
    monkeypatch.setenv("TUTOR_DEVICE", "cpu")
    assert basics.gradient_descent(lambda x: 2 * x, 1.0, steps=2).device.type == "cpu"
    assert torch.equal(
        attention.causal_mask(2, device="cpu"),
        torch.tensor([[True, False], [True, True]]),
    )
