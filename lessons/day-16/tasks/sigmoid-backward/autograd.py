"""The forward pass for the autograd cross-check: torch's own sigmoid.

(kernels.torch.activations.sigmoid goes through |x|, whose autograd derivative at 0 is 0,
so its gradient at x = 0 comes out 0 instead of ¼; torch.sigmoid has no such kink.)
"""

import torch


def sigmoid_forward(x):
    """σ(x) with torch's built-in, differentiable everywhere."""
    return torch.sigmoid(x)
