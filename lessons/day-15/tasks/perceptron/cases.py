"""Data for the perceptron cases: two clouds of points that a straight line separates."""

import numpy as np


def two_clouds(rng, dims):
    """40 points: 20 around (−2, −2) labelled 0 and 20 around (2, 2) labelled 1, shuffled."""
    X = np.vstack([rng.normal(-2.0, 0.7, size=(20, 2)), rng.normal(2.0, 0.7, size=(20, 2))])
    y = np.array([0] * 20 + [1] * 20)
    order = rng.permutation(40)
    return {"args": [X[order], y[order]], "kwargs": {"epochs": 20}, "names": ["X", "y"]}
