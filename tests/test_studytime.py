"""Study time counts active stretches only, capped while idle."""

from datetime import UTC, datetime, timedelta

from tutor.studytime import StudyTimer

T0 = datetime(2026, 11, 23, 9, tzinfo=UTC)


def test_active_time_counts_and_idle_gaps_are_capped():
    timer = StudyTimer(T0)
    timer.touch(T0 + timedelta(minutes=2))
    timer.touch(T0 + timedelta(minutes=4))
    timer.touch(T0 + timedelta(minutes=64))  # an hour at lunch counts as 5 minutes
    assert timer.seconds() == (4 + 5) * 60
    assert timer.seconds(T0 + timedelta(minutes=65)) == 10 * 60


def test_time_never_runs_backwards():
    timer = StudyTimer(T0)
    timer.touch(T0 - timedelta(minutes=3))
    assert timer.seconds(T0 + timedelta(seconds=30)) == 30
