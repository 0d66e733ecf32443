"""Helpers shared by the kernel tests: conversions between NumPy and torch,
CS231n's relative error, and a comparison that understands nested outputs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

# Modest, reproducible hypothesis runs: the suite shares 2 cores with everything else.
SETTINGS = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

REL_TOL = 1e-7
ABS_NOISE = 1e-12


def torch_or_skip():
    return pytest.importorskip("torch")


def devices():
    """pytest params for the devices the torch kernels are checked on."""
    try:
        import torch

        has_cuda = torch.cuda.is_available()
    except ImportError:  # pragma: no cover
        has_cuda = False
    return [
        pytest.param("cpu", id="cpu"),
        pytest.param(
            "cuda",
            id="cuda",
            marks=pytest.mark.skipif(not has_cuda, reason="no CUDA device"),
        ),
    ]


def rel_error(x, y) -> float:
    """max |x − y| / max(1e-8, |x| + |y|), elementwise, as in CS231n,
    with differences under ABS_NOISE counted as 0."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.size == 0:
        return 0.0
    diff = np.atleast_1d(np.abs(x - y))
    # Below 1e-12 a difference is float64 rounding (say −1.8e-15 against an exact 0
    # after a cancellation), not an error: the 1e-8 floor alone would call it 1.8e-7.
    diff[diff < ABS_NOISE] = 0.0
    return float(np.max(diff / np.maximum(1e-8, np.abs(x) + np.abs(y))))


def norm_rel_error(x, y) -> float:
    """max |x − y| / max(1e-8, max(|x| + |y|)): the relative error of the whole array.

    Central differences carry an absolute error of about h²·|f'''| + ε/h; on an entry
    whose true gradient is 0 the elementwise rel_error of that noise is meaningless,
    so numerical checks compare against the array's own scale.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.size == 0:
        return 0.0
    return float(
        np.max(np.abs(x - y)) / max(1e-8, float(np.max(np.abs(x) + np.abs(y))))
    )


def to_torch(obj, device="cpu"):
    """NumPy arrays (inside tuples, lists and dicts too) to torch tensors on ``device``."""
    import torch

    if isinstance(obj, np.ndarray):
        return torch.from_numpy(np.ascontiguousarray(obj)).to(device)
    if isinstance(obj, dict):
        return {k: to_torch(v, device) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_torch(v, device) for v in obj)
    return obj


def to_numpy(obj):
    """Tensors (nested too) back to NumPy arrays."""
    try:
        import torch
    except ImportError:  # pragma: no cover
        torch = None
    if torch is not None and isinstance(obj, torch.Tensor):
        return obj.detach().cpu().numpy()
    if isinstance(obj, dict):
        return {k: to_numpy(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_numpy(v) for v in obj)
    return obj


def leaves(obj) -> list[np.ndarray]:
    """Every number in a nested result, as a flat list of arrays (dicts in key order)."""
    obj = to_numpy(obj)
    if obj is None or isinstance(obj, str):
        return []
    if isinstance(obj, dict):
        return [leaf for k in sorted(obj) for leaf in leaves(obj[k])]
    if isinstance(obj, (list, tuple)):
        return [leaf for v in obj for leaf in leaves(v)]
    return [np.asarray(obj)]


def same(a, b, rel=REL_TOL) -> tuple[bool, str]:
    """Whether two nested results agree: shapes, NaN/inf positions, then relative error."""
    la, lb = leaves(a), leaves(b)
    if len(la) != len(lb):
        return False, f"{len(la)} outputs against {len(lb)}"
    for i, (x, y) in enumerate(zip(la, lb)):
        if x.shape != y.shape:
            return False, f"output {i}: shape {x.shape} against {y.shape}"
        if x.dtype.kind in "biu" and y.dtype.kind in "biu":
            if not np.array_equal(x, y):
                return False, f"output {i}: {x} against {y}"
            continue
        x = x.astype(np.float64)
        y = y.astype(np.float64)
        if not np.array_equal(np.isnan(x), np.isnan(y)):
            return False, f"output {i}: NaN in different places"
        finite = np.isfinite(x) & np.isfinite(y)
        if not np.array_equal(x[~finite & ~np.isnan(x)], y[~finite & ~np.isnan(y)]):
            return False, f"output {i}: infinities differ"
        err = rel_error(x[finite], y[finite])
        if err > rel:
            return False, f"output {i}: relative error {err:.3g}"
    return True, ""


def assert_same(a, b, rel=REL_TOL):
    ok, why = same(a, b, rel)
    assert ok, why


def float_arrays(shape, lo=-5.0, hi=5.0, unique=False):
    """Hypothesis strategy: float64 arrays of ``shape`` (a tuple or a strategy of tuples)."""
    from hypothesis import strategies as st
    from hypothesis.extra.numpy import arrays

    return arrays(
        np.float64,
        shape,
        elements=st.floats(lo, hi, allow_nan=False, allow_infinity=False),
        unique=unique,
    )


def autograd(fn, *arrays_, dout=None):
    """Run a torch function on float64 leaf tensors made from ``arrays_``; backpropagate
    ``dout`` (ones if None) and return (output as NumPy, [gradients as NumPy])."""
    import torch

    leaves_ = [
        torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in arrays_
    ]
    out = fn(*leaves_)
    g = (
        torch.ones_like(out)
        if dout is None
        else torch.as_tensor(dout, dtype=torch.float64)
    )
    out.backward(g)
    return out.detach().numpy(), [
        t.grad.numpy() if t.grad is not None else np.zeros_like(a)
        for t, a in zip(leaves_, arrays_)
    ]


def numeric_grads(f, arrays_, dout):
    """Central-difference gradients of Σ f(*arrays_) ⊙ dout with respect to each array."""
    from kernels.numpy.basics import numerical_gradient_array

    grads = []
    for i in range(len(arrays_)):

        def g(z, i=i):
            args = list(arrays_)
            args[i] = z
            return f(*args)

        grads.append(numerical_gradient_array(g, arrays_[i], dout))
    return grads
