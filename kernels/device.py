"""Which device the torch kernels use when no input tensor decides it."""

from __future__ import annotations

import os


def default_device():
    """Return the torch device to use by default.

    ``TUTOR_DEVICE`` (for example ``cpu``, ``cuda`` or ``cuda:1``) wins when set;
    otherwise CUDA when a GPU is visible, else the CPU. Torch is imported here,
    not at module import, so the NumPy side stays torch-free.
    """
    import torch

    name = os.environ.get("TUTOR_DEVICE", "").strip()
    if name:
        return torch.device(name)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")
