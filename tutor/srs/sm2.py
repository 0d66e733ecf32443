"""SM-2 exactly as Wozniak described it in 1990, as pure functions with the clock passed in.

1. Every item starts with an easiness factor EF = 2.5.
2. Intervals: I(1) = 1 day, I(2) = 6 days, I(n) = I(n-1) × EF for n > 2, rounded up.
3. After each repetition the learner grades recall 0-5 and
   EF' = EF + (0.1 − (5−q)(0.08 + 0.02(5−q))), never below 1.3.
4. A grade below 3 starts the repetitions again from I(1), without changing EF.
5. Items graded below 4 come back the same day until they score 4 or more.

EF is kept in integer hundredths (250 means 2.5): every step of the formula is a whole number
of hundredths, so no binary float ever rounds a schedule the wrong way. A "same-day repeat"
(step 5, for a card that passed with a 3) does not move the schedule; it only has to be
passed with a 4 or 5 before the day ends. A card that failed (grade below 3) is due again at
once, with interval 0, and its next grade is its first repetition.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from tutor.clock import learner_date
from tutor.srs.settings import DayRule, Sm2Settings

EF_START = 250
EF_MIN = 130
GRADES = range(6)
GRADE_MEANINGS = {
    5: "perfect response",
    4: "correct after a hesitation",
    3: "correct with serious difficulty",
    2: "incorrect, but the answer seemed easy to recall",
    1: "incorrect; the answer was remembered when shown",
    0: "complete blackout",
}


@dataclass(frozen=True)
class CardState:
    """A card's scheduling state; ``version`` counts grades and undos (for compare-and-set)."""

    due: datetime
    ef_centi: int = EF_START
    repetitions: int = 0
    interval_days: int = 0
    lapses: int = 0
    suspended: bool = False
    leech: bool = False
    drill_on: date | None = None
    last_review: datetime | None = None
    version: int = 0

    @property
    def is_new(self) -> bool:
        """True for a card that has never been graded."""
        return self.last_review is None

    @property
    def ef(self) -> str:
        """EF as the learner reads it: '2.5', '2.36', '1.3'."""
        whole, cents = divmod(self.ef_centi, 100)
        return f"{whole}.{cents:02d}".rstrip("0").rstrip(".") if cents else f"{whole}.0"

    def to_json(self) -> str:
        """The state as JSON, the form the review log keeps before and after each grade."""
        data = asdict(self)
        for key in ("due", "last_review", "drill_on"):
            data[key] = data[key].isoformat() if data[key] is not None else None
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> CardState:
        """Read a state written by ``to_json``."""
        data = json.loads(text)
        data["due"] = _utc(datetime.fromisoformat(data["due"]))
        if data.get("last_review"):
            data["last_review"] = _utc(datetime.fromisoformat(data["last_review"]))
        if data.get("drill_on"):
            data["drill_on"] = date.fromisoformat(data["drill_on"])
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(frozen=True)
class Outcome:
    """What one grade did: the new state, and whether it was a same-day repeat or a lapse."""

    state: CardState
    grade: int
    same_day_repeat: bool = False  # the grade was a step-5 repeat; the schedule did not move
    lapse: bool = False  # a learned card was forgotten
    became_leech: bool = False

    @property
    def comes_back_today(self) -> bool:
        """True when the card must be seen again before the learner's day ends."""
        return self.state.interval_days == 0 or self.state.drill_on is not None


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def ef_change_centi(grade: int) -> int:
    """EF' − EF in hundredths for a grade: 0.1 − (5−q)(0.08 + 0.02(5−q)), times 100."""
    miss = 5 - grade
    return 10 - miss * (8 + 2 * miss)


def next_ef_centi(ef_centi: int, grade: int) -> int:
    """The new easiness factor in hundredths, never below 1.3."""
    return max(EF_MIN, ef_centi + ef_change_centi(grade))


def next_interval(repetitions: int, previous_days: int, ef_centi: int) -> int:
    """I(n) in days for the n-th successful repetition: 1, 6, then I(n-1) × EF rounded up."""
    if repetitions <= 1:
        return 1
    if repetitions == 2:
        return 6
    return -(-previous_days * ef_centi // 100)  # ceiling division, exact in integers


def day_start(day: date, rule: DayRule) -> datetime:
    """The UTC moment at which the learner's ``day`` begins (its start hour, local time)."""
    local = datetime.combine(day, time(rule.start_hour))
    local = local.replace(tzinfo=rule.tz) if rule.tz is not None else local.astimezone()
    return local.astimezone(UTC)


def today_of(now: datetime, rule: DayRule) -> date:
    """The learner's date at ``now``."""
    return learner_date(now, rule.start_hour, rule.tz)


def review(state: CardState, grade: int, now: datetime, settings: Sm2Settings | None = None,
           day: DayRule | None = None) -> Outcome:
    """Apply one grade (0-5) given at ``now`` to a card and return the new state.

    A card waiting for its same-day repeat (it passed with a 3 earlier today) is only
    re-checked: a 4 or 5 clears the repeat, anything lower keeps it; EF and the interval stay.
    Otherwise this is an SM-2 repetition: below 3 resets the card (interval 0, due now),
    3 and above advance it and set the next due date to the start of that learner-day.
    """
    if grade not in GRADES:
        raise ValueError(f"an SM-2 grade is 0 to 5, not {grade!r}")
    settings = settings or Sm2Settings()
    day = day or DayRule()
    now = _utc(now)
    today = today_of(now, day)
    bumped = {"version": state.version + 1, "last_review": now}

    if state.drill_on == today and state.interval_days > 0:
        drill_on = today if grade < 4 else None
        return Outcome(replace(state, drill_on=drill_on, **bumped), grade, same_day_repeat=True)

    if grade < 3:
        lapse = state.repetitions > 0
        lapses = state.lapses + (1 if lapse else 0)
        ef = next_ef_centi(state.ef_centi, grade) if settings.failure_changes_ef else state.ef_centi
        leech = state.leech or lapses >= settings.leech_lapses
        new = replace(state, ef_centi=ef, repetitions=0, interval_days=0, due=now, lapses=lapses,
                      leech=leech, suspended=state.suspended or leech, drill_on=None, **bumped)
        return Outcome(new, grade, lapse=lapse, became_leech=leech and not state.leech)

    ef = next_ef_centi(state.ef_centi, grade)
    repetitions = state.repetitions + 1
    interval = next_interval(repetitions, state.interval_days,
                             ef if settings.interval_uses_new_ef else state.ef_centi)
    new = replace(state, ef_centi=ef, repetitions=repetitions, interval_days=interval,
                  due=day_start(today + timedelta(days=interval), day),
                  drill_on=today if grade < 4 else None, **bumped)
    return Outcome(new, grade)


def preview(state: CardState, now: datetime, settings: Sm2Settings | None = None,
            day: DayRule | None = None) -> dict[int, Outcome]:
    """What each grade 0-5 would do to the card now (the review screen shows the intervals)."""
    return {grade: review(state, grade, now, settings, day) for grade in GRADES}


def interval_label(outcome: Outcome) -> str:
    """A short label for what a grade gives: 'again today', '6d', '6d +repeat' (and again today), '3mo'."""
    if outcome.same_day_repeat:
        return "done today" if outcome.state.drill_on is None else "repeat today"
    days = outcome.state.interval_days
    if days == 0:
        return "again today"
    label = f"{days}d" if days < 60 else f"{days / 30.4:.0f}mo" if days < 730 else f"{days / 365.25:.1f}y"
    return label + (" +repeat" if outcome.state.drill_on is not None else "")
