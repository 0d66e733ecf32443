def dot(x, y):
    """The dot product x·y = x[0]*y[0] + x[1]*y[1] + ... of two vectors.

    x, y: 1-D arrays (or lists) of floats of the same length.
    Returns a float. Raises ValueError when the lengths differ.
    """
    # TODO: check the lengths, then add up x[i] * y[i] in a loop.
    raise NotImplementedError("dot is not written yet")
