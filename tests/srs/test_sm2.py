"""SM-2 as Wozniak wrote it: the pinned vectors, exact EF, same-day repeats, the two settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
import pytest

from tutor.srs.settings import DayRule, Sm2Settings
from tutor.srs.simulate import simulate
from tutor.srs.sm2 import CardState, review

RULE = DayRule(start_hour=4, tz=UTC)
NOON = datetime(2024, 3, 4, 12, 0, tzinfo=UTC)


def intervals(grades, settings=None):
    return [s.interval for s in simulate(grades, settings)]


def test_five_perfect_grades_give_1_6_17_50_150_and_ef_3():
    steps = simulate([5, 5, 5, 5, 5])
    assert [s.interval for s in steps] == [1, 6, 17, 50, 150]
    assert steps[-1].ef == "3.0" and steps[-1].ef_centi == 300


def test_five_good_grades_keep_ef_at_2_5():
    steps = simulate([4, 4, 4, 4, 4])
    assert [s.interval for s in steps] == [1, 6, 15, 38, 95]
    assert {s.ef_centi for s in steps} == {250}


def test_a_failure_resets_the_card_to_today_without_touching_ef():
    steps = simulate([5, 5, 5, 2, 4, 4])
    assert [s.interval for s in steps] == [1, 6, 17, 0, 1, 6]
    assert [s.ef for s in steps[2:]] == ["2.8", "2.8", "2.8", "2.8"]
    assert steps[3].next_day == steps[3].day  # it comes back the same day


def test_the_two_disputed_points_are_settings():
    # Old EF in the interval: the fourth 5 gives 17 × 2.8 = 47.6 -> 48 instead of 17 × 2.9 -> 50.
    assert intervals([5, 5, 5, 5], Sm2Settings(interval_uses_new_ef=False)) == [1, 6, 17, 48]
    # A failure may lower EF: 2.8 + (0.1 - 3 × 0.14) = 2.48.
    steps = simulate([5, 5, 5, 2], Sm2Settings(failure_changes_ef=True))
    assert steps[-1].ef == "2.48"


def reference_ef(grades, failure_changes_ef=False):
    """EF after each grade, computed with Decimal from the formula as printed."""
    ef, out = Decimal("2.5"), []
    for q in grades:
        if q >= 3 or failure_changes_ef:
            ef = max(Decimal("1.3"), ef + (Decimal("0.1") - (5 - q) * (Decimal("0.08") + (5 - q) * Decimal("0.02"))))
        out.append(ef)
    return out


@given(st.lists(st.integers(0, 5), min_size=1, max_size=40), st.booleans())
def test_ef_is_exact_and_never_below_1_3(grades, failure_changes_ef):
    steps = simulate(grades, Sm2Settings(failure_changes_ef=failure_changes_ef))
    # Same-day repeats do not touch EF; compare with the grades that were real repetitions.
    scheduled = [s.grade for s in steps if not s.note.startswith("same-day repeat")]
    expected = reference_ef(scheduled, failure_changes_ef)
    got = [Decimal(s.ef_centi) / 100 for s in steps if not s.note.startswith("same-day repeat")]
    assert got == expected
    assert all(s.ef_centi >= 130 for s in steps)


@given(st.lists(st.integers(3, 5), min_size=3, max_size=12))
def test_intervals_grow_as_previous_times_ef_rounded_up(grades):
    steps = [s for s in simulate(grades) if not s.note.startswith("same-day repeat")]
    for previous, step in zip(steps[1:], steps[2:]):
        exact = Decimal(previous.interval) * Decimal(step.ef_centi) / 100
        assert step.interval == int(exact.to_integral_value(rounding="ROUND_CEILING"))


def test_a_grade_of_3_passes_but_must_be_repeated_the_same_day():
    card = CardState(due=NOON)
    passed = review(card, 3, NOON, day=RULE)
    assert passed.state.interval_days == 1 and passed.state.drill_on == NOON.date()
    again = review(passed.state, 3, NOON + timedelta(minutes=5), day=RULE)
    assert again.same_day_repeat and again.state.drill_on == NOON.date()
    done = review(again.state, 4, NOON + timedelta(minutes=9), day=RULE)
    assert done.same_day_repeat and done.state.drill_on is None
    # The repeats never moved the schedule.
    assert (done.state.interval_days, done.state.ef_centi, done.state.due) == (1, passed.state.ef_centi, passed.state.due)


def test_next_due_is_the_start_of_the_learner_day():
    # 2 AM still belongs to the day before (days start at 4 AM): interval 1 -> due at 4 AM the same date.
    early = datetime(2024, 3, 5, 2, 0, tzinfo=UTC)
    outcome = review(CardState(due=early), 5, early, day=RULE)
    assert outcome.state.due == datetime(2024, 3, 5, 4, 0, tzinfo=UTC)
    late = datetime(2024, 3, 5, 23, 0, tzinfo=UTC)
    assert review(CardState(due=late), 5, late, day=RULE).state.due == datetime(2024, 3, 6, 4, 0, tzinfo=UTC)


def test_eight_lapses_make_a_leech_that_is_suspended():
    state, now = CardState(due=NOON), NOON
    outcomes = []
    for _ in range(8):
        state = review(state, 4, now, day=RULE).state  # learned...
        outcome = review(state, 1, now, day=RULE)  # ...and forgotten
        outcomes.append(outcome)
        state = outcome.state
        now += timedelta(days=2)
    assert [o.state.lapses for o in outcomes] == list(range(1, 9))
    assert not any(o.state.suspended for o in outcomes[:7])
    assert outcomes[-1].became_leech and state.leech and state.suspended


def test_failing_a_new_card_is_not_a_lapse():
    outcome = review(CardState(due=NOON), 0, NOON, day=RULE)
    assert not outcome.lapse and outcome.state.lapses == 0 and outcome.state.interval_days == 0


def test_grades_outside_0_to_5_are_refused():
    with pytest.raises(ValueError):
        review(CardState(due=NOON), 6, NOON)


def test_state_round_trips_through_the_log_json():
    state = review(review(CardState(due=NOON), 3, NOON, day=RULE).state, 5, NOON, day=RULE).state
    assert CardState.from_json(state.to_json()) == state
