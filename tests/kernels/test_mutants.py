"""The mutants: registered with a name, a kernel and a diagnosis, callable like
their kernel, and each one different from its kernel on the standard cases."""

from __future__ import annotations

import inspect
import subprocess
import sys

import numpy as np
import pytest

from kernels.mutants import Mutant, get, mutants_of, registry

from ._util import same
from .cases import CASES
from .harness import kernel_fn, run

ALL = registry()

# The bugs the issue names, by the names task specs will use.
REQUIRED = [
    "softmax_no_max_subtraction",
    "batchnorm_unbiased_variance",
    "softmax_loss_missing_1_over_n",
    "mse_loss_backward_missing_1_over_n",
    "affine_backward_transposed_dw",
    "conv_output_size_pad_once",
    "conv2d_ignores_padding",
    "conv2d_ignores_stride",
    "affine_backward_bias_not_summed",
    "conv2d_backward_bias_not_summed_over_batch",
    "lstm_gates_ifog_order",
    "attention_scaled_by_d",
    "dropout_not_rescaled",
    "adam_no_bias_correction",
]


def test_at_least_25_mutants_including_the_classic_bugs():
    assert len(ALL) >= 25
    assert set(REQUIRED) <= set(ALL)


@pytest.mark.parametrize("name", sorted(ALL))
def test_mutant_is_well_formed(name):
    m = ALL[name]
    assert isinstance(m, Mutant) and m.name == name
    ref = kernel_fn("numpy", m.kernel)  # the kernel it claims to mutate exists
    assert m.diagnosis.strip().endswith(".") and len(m.diagnosis) > 30
    assert list(inspect.signature(m.function).parameters) == list(
        inspect.signature(ref).parameters
    )
    assert m in mutants_of(m.kernel) and get(name) is m


@pytest.mark.parametrize("name", sorted(ALL))
def test_mutant_differs_from_its_kernel_on_the_standard_cases(name):
    m = ALL[name]
    cases = CASES[m.kernel]
    verdicts = []
    for index in range(len(cases)):
        with np.errstate(all="ignore"):
            expected = run("numpy", m.kernel, index)
            got = run("numpy", m.kernel, index, fn=m.function)
        verdicts.append(not same(expected, got, rel=1e-6)[0])
    assert any(verdicts), f"{name} matches {m.kernel} on every standard case"


def test_mutants_of_accepts_full_names_and_shares_conv_mutants():
    names = {m.name for m in mutants_of("kernels.numpy.losses.softmax")}
    assert {"softmax_no_max_subtraction", "softmax_wrong_axis"} <= names
    assert mutants_of("conv.conv2d_forward_im2col") == mutants_of(
        "conv.conv2d_forward_naive"
    )
    assert mutants_of("losses.no_such_kernel") == []
    with pytest.raises(KeyError, match="softmax_no_max_subtraction"):
        get("softmax_without_max")


def test_every_name_is_listed_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "kernels" / "README.md").read_text()
    missing = [name for name in ALL if f"`{name}`" not in readme]
    assert not missing


def test_mutants_do_not_import_torch():
    code = "import sys, kernels.mutants as m; m.registry(); import kernels.numpy.losses; assert 'torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
