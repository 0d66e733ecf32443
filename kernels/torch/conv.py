"""2-D convolution (naive loops and im2col) and pooling in PyTorch, NCHW.
Same API as ``kernels.numpy.conv``; im2col/col2im use torch's unfold/fold."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def conv_output_size(size: int, kernel: int, stride: int = 1, pad: int = 0) -> int:
    """Output length along one axis: ⌊(size + 2·pad − kernel) / stride⌋ + 1."""
    padded = size + 2 * pad
    if kernel > padded or stride < 1:
        raise ValueError(
            f"a kernel of {kernel} with stride {stride} does not fit {size} padded by {pad}"
        )
    return (padded - kernel) // stride + 1


def _pad(x, pad):
    return F.pad(x, (pad, pad, pad, pad)) if pad else x


def im2col(x, kh: int, kw: int, stride: int = 1, pad: int = 0):
    """Patches as rows: (N·OH·OW, C·KH·KW), columns in (c, i, j) order like w.reshape(F, -1)."""
    cols = F.unfold(x, (kh, kw), padding=pad, stride=stride)  # (N, C·KH·KW, OH·OW)
    return cols.transpose(1, 2).reshape(-1, cols.shape[1])


def col2im(cols, x_shape, kh: int, kw: int, stride: int = 1, pad: int = 0):
    """Add every patch row back into place (overlaps summed); returns shape x_shape."""
    n, c, h, w_ = x_shape
    cols = cols.reshape(n, -1, c * kh * kw).transpose(1, 2)
    return F.fold(cols, (h, w_), (kh, kw), padding=pad, stride=stride)


def conv2d_forward_naive(x, w, b, stride: int = 1, pad: int = 0):
    """Convolution as four loops: out[n, f, i, j] = Σ(patch ⊙ w[f]) + b[f]. Returns (out, cache)."""
    n, _, h, w_ = x.shape
    f, _, kh, kw = w.shape
    oh, ow = conv_output_size(h, kh, stride, pad), conv_output_size(w_, kw, stride, pad)
    xp = _pad(x, pad)
    out = torch.zeros((n, f, oh, ow), dtype=x.dtype, device=x.device)
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
                    out[ni, fi, i, j] = torch.sum(patch * w[fi]) + b[fi]
    return out, (x, w, b, stride, pad, None)


def conv2d_forward_im2col(x, w, b, stride: int = 1, pad: int = 0):
    """Convolution as one matrix product over im2col patches. Returns (out, cache)."""
    n, _, h, w_ = x.shape
    f, _, kh, kw = w.shape
    oh, ow = conv_output_size(h, kh, stride, pad), conv_output_size(w_, kw, stride, pad)
    cols = im2col(x, kh, kw, stride, pad)
    out = (cols @ w.reshape(f, -1).T + b).reshape(n, oh, ow, f).permute(0, 3, 1, 2)
    return out, (x, w, b, stride, pad, cols)


def conv2d_backward_naive(dout, cache):
    """Backward of convolution as loops: returns (dx, dw, db)."""
    x, w, _, stride, pad, _ = cache
    n, f, oh, ow = dout.shape
    kh, kw = w.shape[2:]
    xp = _pad(x, pad)
    dxp = torch.zeros_like(xp)
    dw = torch.zeros_like(w)
    for ni in range(n):
        for fi in range(f):
            for i in range(oh):
                for j in range(ow):
                    hs, ws = i * stride, j * stride
                    g = dout[ni, fi, i, j]
                    dw[fi] += g * xp[ni, :, hs : hs + kh, ws : ws + kw]
                    dxp[ni, :, hs : hs + kh, ws : ws + kw] += g * w[fi]
    h, w_ = x.shape[2:]
    return dxp[:, :, pad : pad + h, pad : pad + w_], dw, dout.sum(dim=(0, 2, 3))


def conv2d_backward_im2col(dout, cache):
    """Backward through im2col: dw = Dᵀ @ cols, dx = col2im(D @ w_flat). Returns (dx, dw, db)."""
    x, w, _, stride, pad, cols = cache
    f, _, kh, kw = w.shape
    if cols is None:
        cols = im2col(x, kh, kw, stride, pad)
    d = dout.permute(0, 2, 3, 1).reshape(-1, f)
    dw = (d.T @ cols).reshape(w.shape)
    dx = col2im(d @ w.reshape(f, -1), x.shape, kh, kw, stride, pad)
    return dx, dw, dout.sum(dim=(0, 2, 3))


conv2d_backward = conv2d_backward_im2col


def _windows(x, ph, pw, stride):
    return x.unfold(2, ph, stride).unfold(
        3, pw, stride
    )  # (N, C, OH, OW, PH, PW), a view


def maxpool_forward(x, pool_height: int = 2, pool_width: int = 2, stride: int = 2):
    """Max of each PH×PW window. Returns (out, cache); the cache keeps each window's winner."""
    win = _windows(x, pool_height, pool_width, stride)
    flat = win.reshape(*win.shape[:4], pool_height * pool_width)
    out, arg = flat.max(dim=-1)
    return out, (x.shape, arg, pool_height, pool_width, stride)


def maxpool_backward(dout, cache):
    """Each window's gradient goes to its max element only."""
    x_shape, arg, ph, pw, stride = cache
    oh, ow = dout.shape[2:]
    dx = torch.zeros(x_shape, dtype=dout.dtype, device=dout.device)
    for i in range(ph):
        for j in range(pw):
            dx[:, :, i : i + stride * oh : stride, j : j + stride * ow : stride] += (
                dout * (arg == i * pw + j)
            )
    return dx


def avgpool_forward(x, pool_height: int = 2, pool_width: int = 2, stride: int = 2):
    """Mean of each PH×PW window. Returns (out, cache)."""
    out = _windows(x, pool_height, pool_width, stride).mean(dim=(-2, -1))
    return out, (x.shape, pool_height, pool_width, stride)


def avgpool_backward(dout, cache):
    """Each window spreads dout / (PH·PW) over its elements."""
    x_shape, ph, pw, stride = cache
    oh, ow = dout.shape[2:]
    dx = torch.zeros(x_shape, dtype=dout.dtype, device=dout.device)
    share = dout / (ph * pw)
    for i in range(ph):
        for j in range(pw):
            dx[:, :, i : i + stride * oh : stride, j : j + stride * ow : stride] += (
                share
            )
    return dx
