"""The speed round's result as plain data (no NumPy here, so the app can read it).

After a pass, your function and the reference kernel are timed on the drill's benchmark
input, each in its own sandboxed process with one thread: a warm-up call, then the median
of repeated calls. ``speedup`` is reference time / your time: 2.0 means twice as fast as
the reference, 0.5 half as fast. Correct but slow is still correct; speed is a second score.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields


@dataclass
class SpeedResult:
    """Medians in milliseconds, and the benchmark's shape."""

    task: str
    ok: bool
    message: str = ""
    learner_ms: float | None = None
    reference_ms: float | None = None
    speedup: float | None = None
    repeats: int = 0
    threads: int = 1
    dims: dict[str, int] = field(default_factory=dict)
    case: str = ""
    device: str = "cpu"
    clock: str = "cpu"  # "cpu": CPU time of the process (steady on a busy machine); "wall" on a GPU

    def to_dict(self) -> dict:
        """Plain data for the worker's JSON reply."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> SpeedResult:
        """Rebuild from ``to_dict`` output."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def summary(self) -> str:
        """One line for the learner."""
        if not self.ok or self.speedup is None:
            return f"speed round: {self.message or 'not measured'}"
        size = ", ".join(f"{k}={v}" for k, v in self.dims.items())
        return (f"speed round: {speedup_text(self.speedup)}, {relation(self.speedup)} · yours "
                f"{ms_text(self.learner_ms)}, reference {ms_text(self.reference_ms)} (median of {self.repeats}, "
                f"{self.threads} thread{'s' if self.threads != 1 else ''}{', ' + size if size else ''})")


def relation(speedup: float) -> str:
    """How a speedup compares, in words (within 10% counts as the same speed)."""
    if speedup <= 0:
        return "not measurable"
    if speedup >= 1.1:
        return "faster than the reference"
    if speedup <= 1 / 1.1:
        return f"{speedup_text(1 / speedup).rstrip('×')}× slower than the reference"
    return "as fast as the reference"


def ms_text(ms: float | None) -> str:
    """A duration for people: µs below a millisecond, ms below a second, else seconds."""
    if ms is None:
        return "?"
    if ms < 1:
        return f"{ms * 1000:.3g} µs"
    if ms < 1000:
        return f"{ms:.3g} ms"
    return f"{ms / 1000:.3g} s"


def speedup_text(speedup: float | None) -> str:
    """``1.8×`` (two significant digits), or ``–`` when unknown."""
    if speedup is None:
        return "–"
    return f"{speedup:.0f}×" if speedup >= 10 else f"{speedup:.2g}×"
