"""NumPy reference kernels. Import the topic modules directly, e.g.
``from kernels.numpy import losses``; none of them imports torch."""
