"""Grad-CAM in PyTorch. Same API as ``kernels.numpy.gradcam``."""

from __future__ import annotations

import torch


def grad_cam(features, grads, normalize: bool = True):
    """ReLU(Σₖ αₖ Aₖ) with αₖ the spatial mean of ∂yᶜ/∂Aₖ; (K, H, W) or (N, K, H, W) in,
    (H, W) or (N, H, W) out, each map divided by its max when ``normalize``."""
    alpha = grads.mean(dim=(-2, -1), keepdim=True)
    cam = torch.clamp((alpha * features).sum(dim=-3), min=0.0)
    if normalize:
        peak = cam.amax(dim=(-2, -1), keepdim=True)
        cam = torch.where(
            peak > 0,
            cam / torch.where(peak > 0, peak, torch.ones_like(peak)),
            torch.zeros_like(cam),
        )
    return cam
