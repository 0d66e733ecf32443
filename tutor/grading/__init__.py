"""Grading: run a learner's code against the reference kernels, safely, and name the bug.

``engine.grade`` is the entry point in a trusted process; ``client.GradingClient`` talks to
the warm worker (``python -m tutor.grading.worker``) from the app, which never imports torch.
Importing this package imports nothing heavy.
"""
