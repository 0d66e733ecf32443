"""Losses of generative models: the autoencoder's reconstruction loss and the
GAN's discriminator and (non-saturating) generator losses.

GAN losses take the discriminator's raw scores (logits), not probabilities,
and use the stable binary cross-entropy with logits.
"""

from __future__ import annotations

import numpy as np

from .losses import binary_cross_entropy, binary_cross_entropy_with_logits


def autoencoder_reconstruction_loss(x_hat, x, kind: str = "mse"):
    """How far the reconstruction x_hat is from the input x, averaged over every element.

    kind="mse": mean (x_hat − x)². kind="bce": binary cross-entropy with x_hat
    as probabilities and x in [0, 1] (pixel intensities).
    """
    if kind == "mse":
        return np.mean((np.asarray(x_hat) - np.asarray(x)) ** 2)
    if kind == "bce":
        return binary_cross_entropy(x_hat, x)
    raise ValueError(f'kind must be "mse" or "bce", got {kind!r}')


def gan_discriminator_loss(logits_real, logits_fake):
    """The discriminator's loss: BCE(real → 1) + BCE(fake → 0), each averaged.

    −mean log D(x) − mean log(1 − D(G(z))), with D = σ(logits).
    """
    real = np.asarray(logits_real)
    fake = np.asarray(logits_fake)
    return binary_cross_entropy_with_logits(
        real, np.ones_like(real)
    ) + binary_cross_entropy_with_logits(fake, np.zeros_like(fake))


def gan_generator_loss(logits_fake):
    """The non-saturating generator loss: −mean log D(G(z)) = BCE(fake → 1).

    Minimising log(1 − D(G(z))) instead gives almost no gradient early on,
    when D rejects the fakes easily; this form keeps the gradient large there.
    """
    fake = np.asarray(logits_fake)
    return binary_cross_entropy_with_logits(fake, np.ones_like(fake))
