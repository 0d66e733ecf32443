def dot(x, y):
    """The dot product x·y = x[0]*y[0] + x[1]*y[1] + ... of two vectors."""
    if len(x) != len(y):
        raise ValueError(f"dot needs vectors of the same length, got {len(x)} and {len(y)}")
    total = 0.0
    for i in range(len(x)):
        total += x[i] * y[i]
    return total
