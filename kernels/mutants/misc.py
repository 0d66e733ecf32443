"""Mutants of kernels.numpy.basics, generative, metrics and gradcam."""

from __future__ import annotations

import numpy as np

from kernels.numpy import basics, generative, metrics
from kernels.numpy.losses import binary_cross_entropy_with_logits as bce_logits

from . import mutant


@mutant(
    "numerical_gradient_forward_difference",
    "basics.numerical_gradient",
    "you used the one-sided difference (f(x + h) − f(x))/h, whose error shrinks only like h; the central difference divides f(x + h) − f(x − h) by 2h.",
)
def numerical_gradient_forward_difference(f, x, h=1e-5):
    x = np.array(x, dtype=np.float64, copy=True)
    fx = float(f(x))
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        gflat[i] = (float(f(x)) - fx) / h
        flat[i] = old
    return grad


@mutant(
    "gradient_descent_ascends",
    "basics.gradient_descent",
    "you stepped along the gradient (x + lr·∇f), which climbs; descent subtracts it.",
)
def gradient_descent_ascends(grad, x0, lr=0.1, steps=100):
    return basics.gradient_descent(grad, x0, -lr, steps)


@mutant(
    "perceptron_bias_never_updated",
    "basics.perceptron_train",
    "your bias never moves: on a mistake update b ← b + lr·(y − ŷ) as well as w.",
)
def perceptron_bias_never_updated(X, y, lr=1.0, epochs=10):
    X = np.asarray(X, dtype=np.float64)
    w = np.zeros(X.shape[1])
    for _ in range(epochs):
        for xi, yi in zip(X, y):
            w = w + lr * (yi - (1 if xi @ w > 0 else 0)) * xi
    return w, 0.0


@mutant(
    "autoencoder_loss_summed",
    "generative.autoencoder_reconstruction_loss",
    "your loss is the sum over elements; this task averages over every element, so divide by the number of entries.",
)
def autoencoder_loss_summed(x_hat, x, kind="mse"):
    return (
        generative.autoencoder_reconstruction_loss(x_hat, x, kind) * np.asarray(x).size
    )


@mutant(
    "gan_discriminator_labels_swapped",
    "generative.gan_discriminator_loss",
    "you labelled real samples 0 and fakes 1; the discriminator should push real logits to 1 and fake ones to 0.",
)
def gan_discriminator_labels_swapped(logits_real, logits_fake):
    return generative.gan_discriminator_loss(logits_fake, logits_real)


@mutant(
    "gan_generator_loss_saturating",
    "generative.gan_generator_loss",
    "this is the saturating loss, minimising log(1 − D(G(z))); the non-saturating generator minimises −log D(G(z)).",
)
def gan_generator_loss_saturating(logits_fake):
    fake = np.asarray(logits_fake)
    return -bce_logits(fake, np.zeros_like(fake))


@mutant(
    "precision_uses_false_negatives",
    "metrics.precision",
    "this is recall, TP/(TP + FN); precision divides by what was predicted positive: TP/(TP + FP).",
)
def precision_uses_false_negatives(
    y_true, y_pred, average="binary", pos_label=1, num_classes=None
):
    return metrics.recall(y_true, y_pred, average, pos_label, num_classes)


@mutant(
    "f1_macro_of_averages",
    "metrics.f1",
    "you took the harmonic mean of macro precision and macro recall; macro F1 averages the per-class F1 scores.",
)
def f1_macro_of_averages(
    y_true, y_pred, average="binary", pos_label=1, num_classes=None
):
    if average == "binary":
        return metrics.f1(y_true, y_pred, average, pos_label, num_classes)
    p = metrics.precision(y_true, y_pred, "macro", num_classes=num_classes)
    r = metrics.recall(y_true, y_pred, "macro", num_classes=num_classes)
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


@mutant(
    "confusion_matrix_transposed",
    "metrics.confusion_matrix",
    "your matrix is transposed: rows are the true classes and columns the predictions.",
)
def confusion_matrix_transposed(y_true, y_pred, num_classes=None):
    return metrics.confusion_matrix(y_true, y_pred, num_classes).T


@mutant(
    "grad_cam_without_relu",
    "gradcam.grad_cam",
    "you kept negative values: Grad-CAM applies a ReLU to Σₖ αₖAₖ so only regions that raise the class score show.",
)
def grad_cam_without_relu(features, grads, normalize=True):
    features, grads = np.asarray(features), np.asarray(grads)
    cam = (grads.mean(axis=(-2, -1), keepdims=True) * features).sum(axis=-3)
    if normalize:
        peak = np.abs(cam).max(axis=(-2, -1), keepdims=True)
        cam = np.divide(cam, peak, out=np.zeros_like(cam), where=peak > 0)
    return cam


@mutant(
    "grad_cam_gradients_not_pooled",
    "gradcam.grad_cam",
    "you multiplied the gradient and the features pixel by pixel; Grad-CAM first averages each channel's gradient over space to get one weight αₖ per channel.",
)
def grad_cam_gradients_not_pooled(features, grads, normalize=True):
    features, grads = np.asarray(features), np.asarray(grads)
    cam = np.maximum((grads * features).sum(axis=-3), 0.0)
    if normalize:
        peak = cam.max(axis=(-2, -1), keepdims=True)
        cam = np.divide(cam, peak, out=np.zeros_like(cam), where=peak > 0)
    return cam
