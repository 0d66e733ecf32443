def derivative(f, x, h=1e-5):
    """Estimate f′(x), the slope of f at x, from values of f near x.

    f: a function of one number, e.g. np.sin. x: the point. h: the step.
    Returns a float.
    """
    # TODO: use f(x + h) and f(x - h).
    raise NotImplementedError("derivative is not written yet")
