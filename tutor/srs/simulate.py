"""Replay a sequence of grades on one new card, so a learner can see how SM-2 schedules it.

Each grade is given the next time the card comes back: on its due day, or the same day when
it failed or is waiting for its same-day repeat.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tutor.srs.settings import DayRule, Sm2Settings
from tutor.srs.sm2 import CardState, Outcome, review, today_of

START = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)
RULE = DayRule(start_hour=4, tz=UTC)  # fixed, so the output is the same on every machine


@dataclass(frozen=True)
class Step:
    """One grade of the simulation and what it did."""

    number: int
    day: int  # learner-day on which the grade was given, 0 for the first
    grade: int
    interval: int
    ef: str
    ef_centi: int
    repetitions: int
    next_day: int  # the learner-day on which the card comes back
    note: str

    def as_dict(self) -> dict:
        """The step as plain data (for --json)."""
        return {"step": self.number, "day": self.day, "grade": self.grade, "interval": self.interval,
                "ef": self.ef, "ef_centi": self.ef_centi, "repetitions": self.repetitions,
                "next_day": self.next_day, "note": self.note}


def parse_grades(text: str) -> list[int]:
    """Grades from '5,5,5,2,4,4' (commas or spaces); each must be 0-5."""
    parts = [p for p in text.replace(",", " ").split() if p]
    grades = []
    for part in parts:
        if not part.isdigit() or int(part) > 5:
            raise ValueError(f"{part!r} is not a grade: grades are whole numbers 0 to 5")
        grades.append(int(part))
    if not grades:
        raise ValueError("give at least one grade, e.g. 5,5,5,2,4,4")
    return grades


def _note(outcome: Outcome) -> str:
    if outcome.same_day_repeat:
        return "same-day repeat passed" if outcome.state.drill_on is None else "same-day repeat: again today"
    if outcome.state.interval_days == 0:
        return "forgotten: starts again, back today" + (" (lapse)" if outcome.lapse else "")
    if outcome.state.drill_on is not None:
        return "graded below 4: repeat today"
    return ""


def simulate(grades: list[int], settings: Sm2Settings | None = None) -> list[Step]:
    """Apply ``grades`` to a new card, each when the card next comes back; one Step per grade."""
    state = CardState(due=START)
    now = START
    first_day = today_of(START, RULE)
    steps = []
    for number, grade in enumerate(grades, start=1):
        outcome = review(state, grade, now, settings, RULE)
        state = outcome.state
        day = (today_of(now, RULE) - first_day).days
        if outcome.comes_back_today:
            next_moment = now + timedelta(minutes=10)
        else:
            next_moment = state.due + timedelta(hours=8)  # the morning of the due day
        steps.append(Step(number, day, grade, state.interval_days, state.ef, state.ef_centi,
                          state.repetitions, (today_of(next_moment, RULE) - first_day).days, _note(outcome)))
        now = next_moment
    return steps


def format_table(steps: list[Step]) -> str:
    """The simulation as a table a learner can read."""
    lines = ["step  day  grade  interval  EF    next  note"]
    for s in steps:
        lines.append(f"{s.number:>4}  {s.day:>3}  {s.grade:>5}  {s.interval:>7}d  {s.ef:<4}  "
                     f"{s.next_day:>4}  {s.note}".rstrip())
    return "\n".join(lines)
