"""Known-wrong dot products, each one classic bug away from the solution."""


def no_length_check(x, y):
    """zip() silently drops the extra numbers."""
    total = 0.0
    for a, b in zip(x, y):
        total += a * b
    return total


def stops_one_early(x, y):
    """range(len(x) - 1) misses the last pair."""
    if len(x) != len(y):
        raise ValueError("lengths differ")
    total = 0.0
    for i in range(len(x) - 1):
        total += x[i] * y[i]
    return total


def adds_pairs(x, y):
    """Adds x[i] + y[i] instead of multiplying."""
    if len(x) != len(y):
        raise ValueError("lengths differ")
    total = 0.0
    for i in range(len(x)):
        total += x[i] + y[i]
    return total
