"""Basics: dot products and matrix products (loops and vectorised), numerical
derivatives, gradient descent, and the perceptron."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def dot_loops(a, b):
    """Dot product a·b = Σᵢ aᵢbᵢ of two 1-D arrays, written as an explicit loop.

    This is the "spec" version: slow, but every step is visible.
    """
    a = np.asarray(a)
    b = np.asarray(b)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(
            f"dot needs two vectors of the same length, got {a.shape} and {b.shape}"
        )
    total = 0.0
    for i in range(a.shape[0]):
        total += a[i] * b[i]
    return total


def matmul_loops(A, B):
    """Matrix product C = AB with C[i, j] = Σₖ A[i, k] B[k, j], as three loops.

    A is [N×K], B is [K×M], the result is [N×M]. The "spec" version.
    """
    A = np.asarray(A)
    B = np.asarray(B)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[0]:
        raise ValueError(f"matmul needs [N×K] and [K×M], got {A.shape} and {B.shape}")
    n, k = A.shape
    m = B.shape[1]
    C = np.zeros((n, m), dtype=np.result_type(A, B))
    for i in range(n):
        for j in range(m):
            total = 0.0
            for t in range(k):
                total += A[i, t] * B[t, j]
            C[i, j] = total
    return C


def dot(a, b):
    """Dot product of two vectors, vectorised."""
    return np.dot(a, b)


def matmul(A, B):
    """Matrix product A @ B, vectorised (BLAS does the loops)."""
    return np.asarray(A) @ np.asarray(B)


def numerical_derivative(
    f: Callable[[float], float], x: float, h: float = 1e-5
) -> float:
    """Central difference f'(x) ≈ (f(x + h) − f(x − h)) / 2h.

    The error shrinks like h², against h for the one-sided difference.
    """
    return (f(x + h) - f(x - h)) / (2.0 * h)


def numerical_gradient(
    f: Callable[[np.ndarray], float], x, h: float = 1e-5
) -> np.ndarray:
    """Gradient of a scalar function f at x, one central difference per entry.

    Works on a float64 copy of x, nudging one entry at a time by ±h, so the
    caller's array is never touched. Returns an array shaped like x.
    """
    x = np.array(x, dtype=np.float64, copy=True)
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        fplus = float(f(x))
        flat[i] = old - h
        fminus = float(f(x))
        flat[i] = old
        gflat[i] = (fplus - fminus) / (2.0 * h)
    return grad


def numerical_gradient_array(
    f: Callable[[np.ndarray], np.ndarray], x, dout, h: float = 1e-5
) -> np.ndarray:
    """Gradient of Σ f(x) ⊙ dout with respect to x, by central differences.

    This is how a layer's backward pass is checked: dout is the upstream
    gradient, and the result is what ``*_backward`` should return for x.
    """
    dout = np.asarray(dout, dtype=np.float64)
    return numerical_gradient(
        lambda z: np.sum(np.asarray(f(z), dtype=np.float64) * dout), x, h
    )


def gradient_descent(
    grad: Callable, x0, lr: float = 0.1, steps: int = 100
) -> np.ndarray:
    """Run x ← x − lr·∇f(x) for ``steps`` steps from x0; ``grad`` returns ∇f.

    Returns the whole path as an array of shape (steps + 1, *x0.shape):
    path[0] is x0 and path[-1] is where descent ended.
    """
    x = np.array(x0, dtype=np.float64)
    path = [x.copy()]
    for _ in range(steps):
        x = x - lr * np.asarray(grad(x), dtype=np.float64)
        path.append(x.copy())
    return np.stack(path)


def perceptron_predict(X, w, b) -> np.ndarray:
    """Perceptron prediction: 1 where w·x + b > 0, else 0, for each row x of X."""
    return (np.asarray(X) @ w + b > 0).astype(np.int64)


def perceptron_train(X, y, lr: float = 1.0, epochs: int = 10):
    """Rosenblatt's perceptron rule on labels y ∈ {0, 1}.

    Starts from w = 0, b = 0 and visits the rows of X in order, ``epochs`` times.
    For each row: ŷ = 1 if w·x + b > 0 else 0, then w ← w + lr(y − ŷ)x and
    b ← b + lr(y − ŷ), so only mistakes move the boundary. Returns (w, b).
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(epochs):
        for xi, yi in zip(X, y):
            y_hat = 1 if xi @ w + b > 0 else 0
            err = yi - y_hat
            if err:
                w = w + lr * err * xi
                b = b + lr * err
    return w, b
