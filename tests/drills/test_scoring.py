"""Contest scoring on the tutor's clock: time to the pass, plus a penalty per failed submission."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import FIXED_NOW
from tutor.drills.scoring import PENALTY_SECONDS, DrillRun, clock_text, countdown_text


def run_at(**delta) -> tuple[DrillRun, object]:
    return DrillRun(drill="softmax", started_at=FIXED_NOW, target_seconds=150), FIXED_NOW + timedelta(**delta)


def test_failed_submissions_add_the_penalty_and_the_pass_stops_the_clock():
    run, later = run_at(seconds=40)
    run.submitted(False, True, later)
    run.submitted(False, True, later + timedelta(seconds=10))
    run.submitted(True, True, later + timedelta(seconds=20))
    assert run.attempts == 3 and run.failed == 2
    assert run.penalty_seconds == 2 * PENALTY_SECONDS
    assert run.elapsed(later + timedelta(hours=1)) == 60  # stopped at the pass
    assert run.score(later) == 60 + 2 * PENALTY_SECONDS
    run.submitted(False, True, later + timedelta(seconds=30))  # after the pass: ignored
    assert run.failed == 2


def test_code_that_does_not_compile_costs_nothing():
    run, later = run_at(seconds=5)
    run.submitted(False, False, later)
    assert run.penalty_seconds == 0 and run.unparsed == 1 and run.attempts == 0


def test_countdown_runs_out_into_overtime():
    run, _ = run_at()
    assert countdown_text(run, FIXED_NOW + timedelta(seconds=31)) == "1:59 left"
    assert countdown_text(run, FIXED_NOW + timedelta(seconds=162)) == "+0:12 over"
    assert countdown_text(run, FIXED_NOW + timedelta(seconds=31), seconds=False) == "2 min left"
    assert clock_text(3725) == "1:02:05"


def test_a_run_survives_json_with_its_start_time():
    run, later = run_at(seconds=70)
    run.submitted(False, True, later)
    run.code = "def softmax(x):\n    return x\n"
    again = DrillRun.from_json(run.to_json())
    assert again == run
    assert again.elapsed(later) == 70
