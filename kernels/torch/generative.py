"""Losses of generative models in PyTorch: autoencoder reconstruction, GAN
discriminator and non-saturating generator losses (from logits).
Same API as ``kernels.numpy.generative``."""

from __future__ import annotations

import torch

from .losses import binary_cross_entropy, binary_cross_entropy_with_logits


def autoencoder_reconstruction_loss(x_hat, x, kind: str = "mse"):
    """Mean over every element of (x_hat − x)² ("mse") or BCE(x_hat, x) ("bce")."""
    if kind == "mse":
        return torch.mean((x_hat - x) ** 2)
    if kind == "bce":
        return binary_cross_entropy(x_hat, x)
    raise ValueError(f'kind must be "mse" or "bce", got {kind!r}')


def gan_discriminator_loss(logits_real, logits_fake):
    """BCE(real → 1) + BCE(fake → 0), each averaged, from the discriminator's logits."""
    return binary_cross_entropy_with_logits(
        logits_real, torch.ones_like(logits_real)
    ) + binary_cross_entropy_with_logits(logits_fake, torch.zeros_like(logits_fake))


def gan_generator_loss(logits_fake):
    """Non-saturating generator loss −mean log D(G(z)) = BCE(fake → 1)."""
    return binary_cross_entropy_with_logits(logits_fake, torch.ones_like(logits_fake))
