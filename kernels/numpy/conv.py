"""2-D convolution (naive loops and im2col), max- and average-pooling.

Layout is NCHW: x (N, C, H, W), filters w (F, C, KH, KW), bias b (F,).
Like torch, "convolution" here is cross-correlation: the filter is not flipped.
"""

from __future__ import annotations

import numpy as np


def conv_output_size(size: int, kernel: int, stride: int = 1, pad: int = 0) -> int:
    """Output length along one axis: ⌊(size + 2·pad − kernel) / stride⌋ + 1.

    The padded input has size + 2·pad positions; the window fits at
    size + 2·pad − kernel + 1 of them, and the stride keeps every stride-th.
    """
    padded = size + 2 * pad
    if kernel > padded or stride < 1:
        raise ValueError(
            f"a kernel of {kernel} with stride {stride} does not fit {size} padded by {pad}"
        )
    return (padded - kernel) // stride + 1


def _pad(x, pad):
    return np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad))) if pad else x


def im2col(x, kh: int, kw: int, stride: int = 1, pad: int = 0):
    """Unroll every receptive field of x into a row.

    Returns cols with shape (N·OH·OW, C·KH·KW): row (n, oh, ow) is the patch
    under the filter at that output position, flattened in (c, i, j) order,
    the order of ``w.reshape(F, -1)``. Then convolution is one matrix product:
    out = cols @ w.reshape(F, -1).T.
    """
    n, c, h, w_ = x.shape
    oh, ow = conv_output_size(h, kh, stride, pad), conv_output_size(w_, kw, stride, pad)
    xp = _pad(x, pad)
    # Filled as (C, KH, KW, N, OH, OW) so each of the KH·KW copies writes whole
    # contiguous (N, OH, OW) blocks; the rows-as-patches layout is its transpose
    # (a view: BLAS multiplies it without a copy).
    cols = np.empty((c, kh, kw, n, oh, ow), dtype=x.dtype)
    for i in range(kh):
        for j in range(kw):
            cols[:, i, j] = xp[
                :, :, i : i + stride * oh : stride, j : j + stride * ow : stride
            ].transpose(1, 0, 2, 3)
    return cols.reshape(c * kh * kw, n * oh * ow).T


def col2im(cols, x_shape, kh: int, kw: int, stride: int = 1, pad: int = 0):
    """Inverse of ``im2col`` for gradients: add every row back into its patch.

    Where patches overlap, their contributions are summed, which is exactly the
    gradient of im2col. Returns an array of shape x_shape.
    """
    n, c, h, w_ = x_shape
    oh, ow = conv_output_size(h, kh, stride, pad), conv_output_size(w_, kw, stride, pad)
    cols6 = cols.T.reshape(c, kh, kw, n, oh, ow)
    dxp = np.zeros((n, c, h + 2 * pad, w_ + 2 * pad), dtype=cols.dtype)
    for i in range(kh):
        for j in range(kw):
            dxp[:, :, i : i + stride * oh : stride, j : j + stride * ow : stride] += (
                cols6[:, i, j].transpose(1, 0, 2, 3)
            )
    return dxp[:, :, pad : pad + h, pad : pad + w_]


def conv2d_forward_naive(x, w, b, stride: int = 1, pad: int = 0):
    """Convolution as loops: out[n, f, i, j] = Σ (patch ⊙ w[f]) + b[f].

    The patch is xpad[n, :, i·s : i·s + KH, j·s : j·s + KW]. The "spec"
    version; returns (out (N, F, OH, OW), cache).
    """
    n, _c, h, w_ = x.shape
    f, _, kh, kw = w.shape
    oh, ow = conv_output_size(h, kh, stride, pad), conv_output_size(w_, kw, stride, pad)
    xp = _pad(x, pad)
    out = np.zeros((n, f, oh, ow), dtype=np.result_type(x, w))
    for ni in range(n):
        for fi in range(f):
            for i in range(oh):
                for j in range(ow):
                    patch = xp[
                        ni,
                        :,
                        i * stride : i * stride + kh,
                        j * stride : j * stride + kw,
                    ]
                    out[ni, fi, i, j] = np.sum(patch * w[fi]) + b[fi]
    return out, (x, w, b, stride, pad, None)


def conv2d_forward_im2col(x, w, b, stride: int = 1, pad: int = 0):
    """Convolution as one matrix product over ``im2col`` patches.

    Same result as ``conv2d_forward_naive``, with BLAS doing the work.
    Returns (out (N, F, OH, OW), cache).
    """
    n, _, h, w_ = x.shape
    f, _, kh, kw = w.shape
    oh, ow = conv_output_size(h, kh, stride, pad), conv_output_size(w_, kw, stride, pad)
    cols = im2col(x, kh, kw, stride, pad)
    # (F, C·KH·KW) @ colsᵀ = (F, N·OH·OW): the same product as cols @ w_flatᵀ, transposed,
    # which lands in memory as (F, N, OH, OW), one cheap axis swap from NCHW.
    out = w.reshape(f, -1) @ cols.T
    out += b[
        :, None
    ]  # in place: a fresh 4 MB array for "+ b" costs as much as the product
    out = out.reshape(f, n, oh, ow).transpose(1, 0, 2, 3)
    return out, (x, w, b, stride, pad, cols)


def conv2d_backward_naive(dout, cache):
    """Backward of convolution as loops: returns (dx, dw, db).

    Each output gradient dout[n, f, i, j] flows back to the patch it came from
    (times w[f]) and to w[f] (times the patch); db sums dout over n, i, j.
    """
    x, w, _, stride, pad, _ = cache
    n, f, oh, ow = dout.shape
    kh, kw = w.shape[2:]
    xp = _pad(x, pad)
    dxp = np.zeros_like(xp, dtype=np.result_type(x, dout))
    dw = np.zeros_like(w, dtype=np.result_type(w, dout))
    for ni in range(n):
        for fi in range(f):
            for i in range(oh):
                for j in range(ow):
                    hs, ws = i * stride, j * stride
                    g = dout[ni, fi, i, j]
                    dw[fi] += g * xp[ni, :, hs : hs + kh, ws : ws + kw]
                    dxp[ni, :, hs : hs + kh, ws : ws + kw] += g * w[fi]
    h, w_ = x.shape[2:]
    dx = dxp[:, :, pad : pad + h, pad : pad + w_]
    return dx, dw, dout.sum(axis=(0, 2, 3))


def conv2d_backward_im2col(dout, cache):
    """Backward of convolution through im2col: returns (dx, dw, db).

    With D = dout as [N·OH·OW × F]: dw = Dᵀ @ cols, dcols = D @ w_flat, and
    col2im adds dcols back into dx. Accepts the cache of either forward.
    """
    x, w, _, stride, pad, cols = cache
    f, _, kh, kw = w.shape
    if cols is None:
        cols = im2col(x, kh, kw, stride, pad)
    d = dout.transpose(1, 0, 2, 3).reshape(f, -1)  # Dᵀ: (F, N·OH·OW)
    dw = (d @ cols).reshape(w.shape)
    dx = col2im((w.reshape(f, -1).T @ d).T, x.shape, kh, kw, stride, pad)
    return dx, dw, dout.sum(axis=(0, 2, 3))


conv2d_backward = conv2d_backward_im2col


def _pool_slices(x, ph, pw, stride):
    """Yield (k, view) for each of the PH·PW offsets in a window: view[n, c, i, j]
    is element k of window (i, j). Pooling then works on whole arrays, one offset
    at a time, instead of window by window."""
    oh, ow = (
        conv_output_size(x.shape[2], ph, stride),
        conv_output_size(x.shape[3], pw, stride),
    )
    for i in range(ph):
        for j in range(pw):
            yield (
                i * pw + j,
                x[:, :, i : i + stride * oh : stride, j : j + stride * ow : stride],
            )


def maxpool_forward(x, pool_height: int = 2, pool_width: int = 2, stride: int = 2):
    """Max-pooling: the largest value of each PH×PW window, windows ``stride`` apart.

    Returns (out (N, C, OH, OW), cache); the cache records which element of
    each window won (the first one on ties, as torch does).
    """
    out = arg = None
    for k, view in _pool_slices(x, pool_height, pool_width, stride):
        if out is None:
            out, arg = view.copy(), np.zeros(view.shape, dtype=np.intp)
            continue
        better = (
            view > out
        )  # strictly greater: on ties the earlier element keeps the win
        np.copyto(out, view, where=better)
        np.copyto(arg, k, where=better)
    return out, (x.shape, arg, pool_height, pool_width, stride)


def maxpool_backward(dout, cache):
    """Backward of max-pooling: each window's gradient goes to its max element only."""
    x_shape, arg, ph, pw, stride = cache
    oh, ow = dout.shape[2:]
    dx = np.zeros(x_shape, dtype=dout.dtype)
    for i in range(ph):
        for j in range(pw):
            dx[:, :, i : i + stride * oh : stride, j : j + stride * ow : stride] += (
                dout * (arg == i * pw + j)
            )
    return dx


def avgpool_forward(x, pool_height: int = 2, pool_width: int = 2, stride: int = 2):
    """Average-pooling: the mean of each PH×PW window. Returns (out, cache)."""
    out = None
    for _, view in _pool_slices(x, pool_height, pool_width, stride):
        out = (
            view.astype(np.result_type(x, np.float32), copy=True)
            if out is None
            else out + view
        )
    return out / (pool_height * pool_width), (x.shape, pool_height, pool_width, stride)


def avgpool_backward(dout, cache):
    """Backward of average-pooling: each window spreads dout / (PH·PW) over its elements."""
    x_shape, ph, pw, stride = cache
    oh, ow = dout.shape[2:]
    dx = np.zeros(x_shape, dtype=dout.dtype)
    share = dout / (ph * pw)
    for i in range(ph):
        for j in range(pw):
            dx[:, :, i : i + stride * oh : stride, j : j + stride * ow : stride] += (
                share
            )
    return dx
