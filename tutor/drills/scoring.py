"""A drill in progress and how it is scored, as pure data: the clock is passed in.

Scoring is as in a programming contest (ICPC): your time is from the start of the drill to
the submission that passes, and every failed submission before it adds a fixed penalty. A
submission that does not even parse costs nothing (a contest's "compilation error"): the
grader never ran it. Everything is measured on the tutor's clock (``ctx.clock``), never from
file times, so a drill resumed after a disconnect keeps the time it started at.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from datetime import datetime

from tutor.clock import as_utc

PENALTY_SECONDS = 30.0  # per failed submission before the pass


@dataclass
class DrillRun:
    """One drill being written: when it started, what was submitted, and the current draft."""

    drill: str
    started_at: datetime
    target_seconds: int
    failed: int = 0  # graded submissions that did not pass
    unparsed: int = 0  # submissions that did not parse (free)
    passed_at: datetime | None = None
    gave_up_at: datetime | None = None
    code: str = ""  # the latest draft, so a drill can be resumed after the app is closed
    result_id: int | None = None  # the DrillResult row, once a pass is recorded

    # Time ----------------------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        """True once the drill passed or the learner gave up: the clock has stopped."""
        return self.passed_at is not None or self.gave_up_at is not None

    def elapsed(self, now: datetime) -> float:
        """Seconds since the start, stopped at the pass (or the give-up)."""
        end = self.passed_at or self.gave_up_at or now
        return max(0.0, (as_utc(end) - as_utc(self.started_at)).total_seconds())

    def remaining(self, now: datetime) -> float:
        """Seconds left on the countdown; negative once it has run out (overtime)."""
        return self.target_seconds - self.elapsed(now)

    # Submissions ---------------------------------------------------------------------------------

    @property
    def attempts(self) -> int:
        """Graded submissions so far (the passing one included)."""
        return self.failed + (1 if self.passed_at is not None else 0)

    @property
    def penalty_seconds(self) -> float:
        """The penalty for the failed submissions."""
        return self.failed * PENALTY_SECONDS

    def score(self, now: datetime) -> float:
        """Time plus penalty: lower is better."""
        return self.elapsed(now) + self.penalty_seconds

    def submitted(self, passed: bool, parsed: bool, now: datetime) -> None:
        """Record one submission's verdict at ``now`` (ignored once the drill is finished)."""
        if self.finished:
            return
        if passed:
            self.passed_at = now
        elif not parsed:
            self.unparsed += 1
        else:
            self.failed += 1

    def give_up(self, now: datetime) -> None:
        """Stop the clock without a pass (the solution may then be shown)."""
        if not self.finished:
            self.gave_up_at = now

    # Saving --------------------------------------------------------------------------------------

    def to_json(self) -> str:
        """The run as JSON (times in ISO 8601, UTC)."""
        data = asdict(self)
        for key in ("started_at", "passed_at", "gave_up_at"):
            if data[key] is not None:
                data[key] = as_utc(data[key]).isoformat()
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> DrillRun:
        """Read a run written by ``to_json``."""
        data = json.loads(text)
        for key in ("started_at", "passed_at", "gave_up_at"):
            if data.get(key):
                data[key] = as_utc(datetime.fromisoformat(data[key]))
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


def clock_text(seconds: float) -> str:
    """``m:ss`` (``h:mm:ss`` past an hour); a leading ``+`` for overtime (negative input)."""
    sign = "+" if seconds < 0 else ""
    whole = int(math.floor(abs(seconds)))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    body = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return sign + body


def countdown_text(run: DrillRun, now: datetime, seconds: bool = True) -> str:
    """What the timer shows: time left, or overtime once the countdown has run out.

    With ``seconds=False`` only whole minutes are shown, so the display changes once a minute.
    """
    left = run.remaining(now)
    if not seconds:
        minutes = math.ceil(left / 60) if left > 0 else math.floor(-left / 60)
        return f"{minutes} min left" if left > 0 else f"{minutes} min over"
    return f"{clock_text(left)} left" if left >= 0 else f"{clock_text(left)} over"
