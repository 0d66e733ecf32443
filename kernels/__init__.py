"""Reference implementations of every building block of the plan.

``kernels.numpy`` and ``kernels.torch`` hold the same functions with the same
signatures, grouped by topic (basics, activations, losses, layers, mlp, optim,
conv, rnn, attention, generative, metrics, gradcam). ``kernels.mutants`` holds
known-wrong variants of the NumPy kernels, each named after its bug.

Importing ``kernels`` or ``kernels.numpy.*`` never imports torch; only
``kernels.torch.*`` and ``kernels.device.default_device()`` do. Nothing here
imports ``tutor``. See kernels/README.md for the conventions.
"""
