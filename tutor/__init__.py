"""tutor: a terminal tutor for an 84-day deep learning practice plan."""

__version__ = "0.1.0"
