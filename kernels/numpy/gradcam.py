"""Grad-CAM: where in the image a conv net looked, from one conv layer's
feature maps and the gradient of a class score with respect to them."""

from __future__ import annotations

import numpy as np


def grad_cam(features, grads, normalize: bool = True):
    """Grad-CAM heat map (Selvaraju et al., 2017).

    features A and grads ∂yᶜ/∂A: (K, H, W) for one image or (N, K, H, W).
    Each channel's weight is its gradient averaged over space,
    αₖ = mean_{h,w} ∂yᶜ/∂Aₖ; the map is ReLU(Σₖ αₖ Aₖ), keeping only regions
    that raise the class score. With ``normalize`` each map is divided by its
    maximum so it lies in [0, 1] (an all-zero map stays zero).
    Returns (H, W) or (N, H, W).
    """
    features = np.asarray(features)
    grads = np.asarray(grads)
    alpha = grads.mean(axis=(-2, -1), keepdims=True)
    cam = np.maximum((alpha * features).sum(axis=-3), 0.0)
    if normalize:
        peak = cam.max(axis=(-2, -1), keepdims=True)
        cam = np.divide(cam, peak, out=np.zeros_like(cam), where=peak > 0)
    return cam
