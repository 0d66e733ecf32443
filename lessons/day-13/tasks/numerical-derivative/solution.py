def derivative(f, x, h=1e-5):
    """Estimate f′(x) by the central difference (f(x + h) − f(x − h)) / 2h."""
    # The symmetric difference cancels the h·f″ error term: its error is about h²·f‴/6.
    return (f(x + h) - f(x - h)) / (2 * h)
