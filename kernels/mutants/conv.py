"""Mutants of kernels.numpy.conv (the naive and im2col convolutions share them)."""

from __future__ import annotations

from kernels.numpy import conv as ref

from . import mutant


@mutant(
    "conv_output_size_pad_once",
    "conv.conv_output_size",
    "you added the padding once; it goes on both sides: (H + 2·pad − K)/stride + 1.",
)
def conv_output_size_pad_once(size, kernel, stride=1, pad=0):
    return (size + pad - kernel) // stride + 1


@mutant(
    "conv_output_size_missing_plus_one",
    "conv.conv_output_size",
    "you are one short: the window fits at (H + 2·pad − K)/stride + 1 positions, counting the first.",
)
def conv_output_size_missing_plus_one(size, kernel, stride=1, pad=0):
    return (size + 2 * pad - kernel) // stride


@mutant(
    "conv2d_flipped_kernel",
    "conv.conv2d_forward_naive",
    "you flipped the filter (true convolution); deep-learning conv layers compute cross-correlation, with the filter as it is.",
)
def conv2d_flipped_kernel(x, w, b, stride=1, pad=0):
    return ref.conv2d_forward_im2col(x, w[:, :, ::-1, ::-1], b, stride, pad)


@mutant(
    "conv2d_ignores_padding",
    "conv.conv2d_forward_naive",
    "your output is too small: you never padded the input with `pad` zeros on each side.",
)
def conv2d_ignores_padding(x, w, b, stride=1, pad=0):
    return ref.conv2d_forward_im2col(x, w, b, stride, 0)


@mutant(
    "conv2d_ignores_stride",
    "conv.conv2d_forward_naive",
    "your output is too large: the window must move `stride` pixels at a time, and the output size divides by the stride.",
)
def conv2d_ignores_stride(x, w, b, stride=1, pad=0):
    return ref.conv2d_forward_im2col(x, w, b, 1, pad)


@mutant(
    "conv2d_backward_bias_not_summed_over_batch",
    "conv.conv2d_backward_naive",
    "your db has shape (N, F): the bias is shared by every sample and position, so sum dout over N, H and W.",
)
def conv2d_backward_bias_not_summed_over_batch(dout, cache):
    dx, dw, _ = ref.conv2d_backward_im2col(dout, cache)
    return dx, dw, dout.sum(axis=(2, 3))


@mutant(
    "conv2d_backward_dw_from_one_sample",
    "conv.conv2d_backward_naive",
    "your dw only counts the last sample: accumulate (+=) each sample's contribution instead of assigning it.",
)
def conv2d_backward_dw_from_one_sample(dout, cache):
    x, w, b, stride, pad, _ = cache
    dx, _, db = ref.conv2d_backward_im2col(dout, cache)
    _, dw, _ = ref.conv2d_backward_im2col(dout[-1:], (x[-1:], w, b, stride, pad, None))
    return dx, dw, db


@mutant(
    "maxpool_backward_to_every_element",
    "conv.maxpool_backward",
    "you sent each window's gradient to all its elements; only the max element (the one that was passed on) gets it.",
)
def maxpool_backward_to_every_element(dout, cache):
    x_shape, _, ph, pw, stride = cache
    return ref.avgpool_backward(dout * (ph * pw), (x_shape, ph, pw, stride))


@mutant(
    "avgpool_backward_not_divided",
    "conv.avgpool_backward",
    "your gradient is PH·PW times too large: each element got 1/(PH·PW) of the window's output, so it gets that share back.",
)
def avgpool_backward_not_divided(dout, cache):
    _, ph, pw, _ = cache
    return ref.avgpool_backward(dout * (ph * pw), cache)
