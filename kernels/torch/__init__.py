"""PyTorch reference kernels: the same names and signatures as ``kernels.numpy``.

Every function works on the device of its input tensors (CPU or CUDA) and in
their dtype; functions that take no tensor use ``kernels.device.default_device()``.
Import the topic modules directly, e.g. ``from kernels.torch import losses``.
"""
