"""Review settings: the SM-2 variant, daily caps, the scheduler, read from the environment.

SM-2 as Wozniak described it in 1990 leaves two points open that implementations answer
differently; both are settings here, and the defaults follow the literal text:

- ``failure_changes_ef`` (``TUTOR_SM2_FAILURE_CHANGES_EF=1``): step 6 says a grade below 3
  restarts the repetitions "without changing the E-Factor"; default False.
- ``interval_uses_new_ef`` (``TUTOR_SM2_INTERVAL_EF=old``): step 5 modifies EF "after each
  repetition", so I(n) = I(n-1) × EF uses the EF just updated; default True (the new EF).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import tzinfo

from tutor.clock import day_start_hour


def _env_int(name: str, default: int, low: int = 0) -> int:
    try:
        value = int(os.environ.get(name, default))
    except ValueError:
        return default
    return max(low, value)


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Sm2Settings:
    """The SM-2 variant: the two disputed points, and the leech threshold."""

    failure_changes_ef: bool = False
    interval_uses_new_ef: bool = True
    leech_lapses: int = 8


@dataclass(frozen=True)
class DayRule:
    """When the learner's day starts (hour, local zone ``tz``; None means the machine's zone)."""

    start_hour: int = 4
    tz: tzinfo | None = None


@dataclass(frozen=True)
class SrsSettings:
    """Everything the review queue and session need to know."""

    sm2: Sm2Settings = field(default_factory=Sm2Settings)
    day: DayRule = field(default_factory=DayRule)
    new_per_day: int = 20
    reviews_per_day: int = 200
    scheduler: str = "sm2"  # or "fsrs" (needs the optional `fsrs` package)

    @classmethod
    def from_env(cls) -> SrsSettings:
        """Settings from ``TUTOR_*`` environment variables, defaults elsewhere."""
        sm2 = Sm2Settings(
            failure_changes_ef=_env_flag("TUTOR_SM2_FAILURE_CHANGES_EF"),
            interval_uses_new_ef=os.environ.get("TUTOR_SM2_INTERVAL_EF", "new").strip().lower() != "old",
            leech_lapses=_env_int("TUTOR_LEECH_LAPSES", 8, low=1),
        )
        scheduler = os.environ.get("TUTOR_SCHEDULER", "sm2").strip().lower()
        return cls(
            sm2=sm2,
            day=DayRule(start_hour=day_start_hour()),
            new_per_day=_env_int("TUTOR_NEW_CARDS_PER_DAY", 20),
            reviews_per_day=_env_int("TUTOR_REVIEWS_PER_DAY", 200),
            scheduler=scheduler if scheduler in {"sm2", "fsrs"} else "sm2",
        )
