"""Functions for the mini-optimiser's cases: each case hands minimise() the gradient of a
function whose minimiser is known, a start point, a learning rate and a step budget.

The gradients are ``Gradient`` objects: callable like a function, and they also notice
when minimise() changes the caller's start point in place (the copy that the grader's
deep copy of the arguments shares with x0).
"""

import numpy as np


class StartPointChanged(Exception):
    """minimise() wrote into the caller's x0."""


class Gradient:
    """∇f of a test function with a known minimiser; call it as grad(x)."""

    def __init__(self, name, function, minimiser, x0=None):
        self.name = name
        self.function = function
        self.minimiser = np.asarray(minimiser, dtype=np.float64)
        self.watched = x0  # the very array passed to minimise() as x0
        self.original = None if x0 is None else np.array(x0, copy=True)
        self.calls = 0

    def __call__(self, x):
        self.calls += 1
        # A write into x0 shows by the second call; after a few calls, look now and then (cheaper).
        looks = self.calls <= 3 or self.calls % 1000 == 0
        if looks and self.watched is not None and not np.array_equal(self.watched, self.original):
            raise StartPointChanged(
                "minimise changed x0, the caller's start point, in place (x -= ... on x0 "
                "itself?). Work on a float copy: x = np.array(x0, dtype=np.float64)")
        return self.function(np.asarray(x, dtype=np.float64))

    def __repr__(self):
        return f"<gradient of {self.name}>"


def grad_square(x):
    """Gradient of f(x) = x²: 2x."""
    return 2 * x


def grad_parabola(x):
    """Gradient of f(x) = (x − 2)²: 2(x − 2). The minimiser is x = 2."""
    return 2 * (x - 2)


def _bowl(rng, dims, scale=3.0):
    """f(x) = ½ (x − c)ᵀ A (x − c): A symmetric with eigenvalues in [1, 4], c random."""
    d = dims["D"]
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    eigenvalues = np.concatenate([[1.0, 4.0], rng.uniform(1.0, 4.0, size=d - 2)])
    a = (q * eigenvalues) @ q.T
    a = (a + a.T) / 2
    c = rng.normal(size=d)
    x0 = c + rng.normal(size=d) * scale
    grad = Gradient(f"a bowl centred at {np.round(c, 3).tolist()}", lambda x: a @ (x - c), c, x0)
    return grad, x0


def bowl(rng, dims):
    """A shifted, tilted bowl in D dimensions: lr 0.2, 150 steps."""
    grad, x0 = _bowl(rng, dims)
    return {"args": [grad, x0, 0.2, 150], "names": ["grad", "x0", "lr", "steps"]}


def bowl_few_steps(rng, dims):
    """The same kind of bowl, only 4 steps: the exact point after 4 updates."""
    grad, x0 = _bowl(rng, dims)
    return {"args": [grad, x0, 0.2, 4], "names": ["grad", "x0", "lr", "steps"]}


def elongated(rng, dims):
    """f = ½ (x₁ − 1)² + 50 (x₂ + 2)²: curvatures 1 and 100. lr 0.019 < 2/100, 1,500 steps."""
    c = np.array([1.0, -2.0])
    curvature = np.array([1.0, 100.0])
    x0 = np.array([-4.0, 3.0])
    grad = Gradient("an elongated bowl", lambda x: curvature * (x - c), c, x0)
    return {"args": [grad, x0, 0.019, 1500], "names": ["grad", "x0", "lr", "steps"]}


def rosenbrock(rng, dims):
    """f = (1 − x)² + 100 (y − x²)², the banana valley; lr 0.0015, 30,000 steps."""
    def gradient(p):
        x, y = p
        return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])

    x0 = np.array([-1.2, 1.0])
    grad = Gradient("the Rosenbrock function", gradient, [1.0, 1.0], x0)
    return {"args": [grad, x0, 0.0015, 30_000], "names": ["grad", "x0", "lr", "steps"]}


def integer_start(rng, dims):
    """A bowl started from integers: x0 = [3, -4] (int64)."""
    c = np.array([0.5, -1.0])
    x0 = np.array([3, -4])
    grad = Gradient("a round bowl", lambda x: 2 * (x - c), c, x0)
    return {"args": [grad, x0, 0.1, 100], "names": ["grad", "x0", "lr", "steps"]}


def matrix_start(rng, dims):
    """x0 of shape (2, 3): f = Σ (x − T)² over the entries, lr 0.25, 60 steps."""
    target = rng.normal(size=(2, 3))
    x0 = np.zeros((2, 3))
    grad = Gradient("a bowl over a 2×3 matrix", lambda x: 2 * (x - target), target, x0)
    return {"args": [grad, x0, 0.25, 60], "names": ["grad", "x0", "lr", "steps"]}
