"""Basics in PyTorch: dot products and matrix products (loops and vectorised),
numerical derivatives, gradient descent, and the perceptron.
Same API as ``kernels.numpy.basics``; results live on the input's device."""

from __future__ import annotations

from collections.abc import Callable

import torch

from kernels.device import default_device


def dot_loops(a, b):
    """Dot product a·b = Σᵢ aᵢbᵢ of two 1-D tensors, as an explicit loop (the "spec")."""
    if a.shape != b.shape or a.dim() != 1:
        raise ValueError(
            f"dot needs two vectors of the same length, got {tuple(a.shape)} and {tuple(b.shape)}"
        )
    total = torch.zeros(
        (), dtype=torch.promote_types(a.dtype, b.dtype), device=a.device
    )
    for i in range(a.shape[0]):
        total = total + a[i] * b[i]
    return total


def matmul_loops(A, B):
    """Matrix product C[i, j] = Σₖ A[i, k] B[k, j] as three loops. A [N×K], B [K×M]."""
    if A.dim() != 2 or B.dim() != 2 or A.shape[1] != B.shape[0]:
        raise ValueError(
            f"matmul needs [N×K] and [K×M], got {tuple(A.shape)} and {tuple(B.shape)}"
        )
    n, k = A.shape
    m = B.shape[1]
    C = torch.zeros(
        (n, m), dtype=torch.promote_types(A.dtype, B.dtype), device=A.device
    )
    for i in range(n):
        for j in range(m):
            total = C.new_zeros(())
            for t in range(k):
                total = total + A[i, t] * B[t, j]
            C[i, j] = total
    return C


def dot(a, b):
    """Dot product of two vectors, vectorised."""
    return torch.dot(a, b)


def matmul(A, B):
    """Matrix product A @ B, vectorised."""
    return A @ B


def numerical_derivative(f: Callable, x: float, h: float = 1e-5):
    """Central difference f'(x) ≈ (f(x + h) − f(x − h)) / 2h."""
    return (f(x + h) - f(x - h)) / (2.0 * h)


def numerical_gradient(f: Callable, x, h: float = 1e-5):
    """Gradient of a scalar function f at tensor x by central differences, one entry at a time.

    Works on a float64 copy of x; returns a tensor shaped like x.
    """
    x = torch.as_tensor(x).detach().to(torch.float64).clone()
    grad = torch.zeros_like(x)
    flat, gflat = x.view(-1), grad.view(-1)
    for i in range(flat.numel()):
        old = flat[i].item()
        flat[i] = old + h
        fplus = float(f(x))
        flat[i] = old - h
        fminus = float(f(x))
        flat[i] = old
        gflat[i] = (fplus - fminus) / (2.0 * h)
    return grad


def numerical_gradient_array(f: Callable, x, dout, h: float = 1e-5):
    """Gradient of Σ f(x) ⊙ dout with respect to x by central differences (checks a backward pass)."""
    dout = torch.as_tensor(dout).to(torch.float64)
    return numerical_gradient(
        lambda z: torch.sum(f(z).to(torch.float64) * dout.to(z.device)), x, h
    )


def gradient_descent(grad: Callable, x0, lr: float = 0.1, steps: int = 100):
    """Run x ← x − lr·∇f(x) from x0; returns the path, shape (steps + 1, *x0.shape)."""
    if isinstance(x0, torch.Tensor):
        x = x0.detach().to(torch.float64).clone()
    else:
        x = torch.as_tensor(x0, dtype=torch.float64, device=default_device())
    path = [x.clone()]
    for _ in range(steps):
        x = x - lr * torch.as_tensor(grad(x), dtype=torch.float64, device=x.device)
        path.append(x.clone())
    return torch.stack(path)


def perceptron_predict(X, w, b):
    """Perceptron prediction: 1 where w·x + b > 0, else 0 (int64)."""
    return (X @ w + b > 0).to(torch.int64)


def perceptron_train(X, y, lr: float = 1.0, epochs: int = 10):
    """Rosenblatt's rule on labels {0, 1}, from w = 0, b = 0, rows in order.

    ŷ = 1 if w·x + b > 0 else 0; w ← w + lr(y − ŷ)x; b ← b + lr(y − ŷ).
    Returns (w, b) with b a 0-dim tensor.
    """
    X = X.to(torch.float64)
    w = torch.zeros(X.shape[1], dtype=torch.float64, device=X.device)
    b = torch.zeros((), dtype=torch.float64, device=X.device)
    for _ in range(epochs):
        for xi, yi in zip(X, y):
            y_hat = 1 if (xi @ w + b).item() > 0 else 0
            err = int(yi) - y_hat
            if err:
                w = w + lr * err * xi
                b = b + lr * err
    return w, b
