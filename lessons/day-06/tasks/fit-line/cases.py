"""Inputs for fit-line: points scattered around a random line."""


def noisy_line(rng, dims):
    """N points y = m x + c + noise, x spread over a random interval."""
    n = dims["N"]
    m, c = rng.normal(0.0, 2.0), rng.normal(0.0, 5.0)
    x = rng.uniform(-5.0, 5.0, size=n) + rng.normal(0.0, 3.0)
    y = m * x + c + rng.normal(0.0, 0.5, size=n)
    return {"args": [x, y], "names": ["x", "y"]}
