import torch


def softmax(x):
    """Softmax along the last dimension of a tensor, stable for large scores."""
    shifted = x - x.amax(dim=-1, keepdim=True)
    e = torch.exp(shifted)
    return e / e.sum(dim=-1, keepdim=True)
