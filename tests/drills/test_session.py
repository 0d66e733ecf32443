"""A drill session without a terminal: clock, penalties, records, resume, reviews, speed round."""

from __future__ import annotations

from sqlmodel import select

from tests.drills.conftest import GOOD_SOFTMAX, NAIVE_SOFTMAX, FakeGrader
from tutor.context import LearnerContext
from tutor.drills import active, records
from tutor.drills.catalogue import drill_catalogue, find_drill
from tutor.drills.scoring import PENALTY_SECONDS
from tutor.drills.session import DrillSession
from tutor.srs.deck import add_day_cards
from tutor.store.models import DrillResult, ReviewLog
from tutor.store.reviews import card_by_key


def softmax_drill(ctx):
    return find_drill(drill_catalogue(ctx.curriculum), "softmax")


def test_fail_then_pass_records_time_attempts_and_penalty(ctx, clock, grader):
    session = DrillSession.begin(ctx, softmax_drill(ctx), grader)
    assert "raise NotImplementedError" in session.run.code
    clock.advance(seconds=50)
    first = session.submit(NAIVE_SOFTMAX)
    assert not first.passed and first.penalty_added == PENALTY_SECONDS
    clock.advance(seconds=25)
    second = session.submit(GOOD_SOFTMAX)
    assert second.passed and second.personal_best and second.rank == 1
    with ctx.session() as db:
        row = db.exec(select(DrillResult)).one()
    assert (row.drill, row.seconds, row.attempts, row.penalty_seconds) == ("softmax", 75.0, 2, PENALTY_SECONDS)
    assert active.load_run("ada", clock.now()) is None  # nothing left to resume


def test_code_that_does_not_compile_is_not_sent_and_costs_nothing(ctx, clock, grader):
    session = DrillSession.begin(ctx, softmax_drill(ctx), grader)
    verdict = session.submit("def softmax(x):\nreturn x\n")
    assert not verdict.parsed and verdict.penalty_added == 0
    assert "line 2" in verdict.result.message
    assert grader.checks == []


def test_a_drill_resumes_after_the_app_closes_and_its_clock_kept_running(ctx, clock, grader):
    drill = softmax_drill(ctx)
    first = DrillSession.begin(ctx, drill, grader)
    first.submit(NAIVE_SOFTMAX)
    first.save_draft("import numpy as np\n# half written\n")
    clock.advance(seconds=90)  # the connection dropped; the learner logs in again
    again = DrillSession.begin(ctx, drill, FakeGrader())
    assert again.resumed
    assert again.run.started_at == first.run.started_at
    assert again.run.elapsed(clock.now()) == 90
    assert again.run.failed == 1 and "half written" in again.run.code
    clock.advance(hours=active.RESUME_HOURS + 1)
    stale = DrillSession.begin(ctx, drill, grader)
    assert not stale.resumed and stale.run.failed == 0


def test_personal_bests_history_and_a_leaderboard_shared_by_learners(ctx, clock, grader):
    drill = softmax_drill(ctx)
    for seconds in (100, 60, 80):
        session = DrillSession.begin(ctx, drill, grader, resume=False)
        clock.advance(seconds=seconds)
        session.submit(GOOD_SOFTMAX)
    grace = LearnerContext.open(clock=clock, learner="grace")  # same database, another login
    session = DrillSession.begin(grace, drill, grader)
    clock.advance(seconds=50)
    session.submit(NAIVE_SOFTMAX)  # +30 s: her score is 50 + 30 = 80
    verdict = session.submit(GOOD_SOFTMAX)
    assert verdict.rank == 2
    with ctx.session() as db:
        best = records.personal_bests(db, ctx.learner_id)["softmax"]
        board = records.leaderboard(db, "softmax")
        mine = records.history(db, ctx.learner_id, "softmax")
    assert best.best.seconds == 60 and best.runs == 3
    assert [(rank, entry.learner, entry.score) for rank, entry, _ in board] == [(1, "ada", 60), (2, "grace", 80)]
    assert [entry.seconds for entry in mine] == [80, 60, 100]  # newest first


def test_speed_round_saves_the_speedup_with_the_pass(ctx, clock, grader):
    session = DrillSession.begin(ctx, softmax_drill(ctx), grader)
    session.submit(GOOD_SOFTMAX)
    speed = session.speed_round()
    assert speed.speedup == 1.5 and grader.benches == [GOOD_SOFTMAX]
    with ctx.session() as db:
        assert db.exec(select(DrillResult)).one().speedup == 1.5
        assert records.personal_bests(db, ctx.learner_id)["softmax"].best_speedup == 1.5


def test_a_pass_grades_the_due_kata_card(ctx, clock, grader):
    drill = softmax_drill(ctx)
    with ctx.session() as db:
        add_day_cards(db, ctx.learner_id, ctx.curriculum, drill.day, clock.now())
    session = DrillSession.begin(ctx, drill, grader)
    clock.advance(seconds=drill.target_seconds // 4)  # fast, first try: a 5
    verdict = session.submit(GOOD_SOFTMAX)
    assert verdict.review.graded and verdict.review.grade == 5
    with ctx.session() as db:
        card = card_by_key(db, ctx.learner_id, "kata:softmax")
        log = db.exec(select(ReviewLog)).one()
    assert log.grade == 5 and log.session_key == "drill" and log.card_id == card.id
    assert card.state.repetitions == 1
    # Not due again until tomorrow: a second drill today leaves the card alone.
    session = DrillSession.begin(ctx, drill, grader, resume=False)
    assert not session.submit(GOOD_SOFTMAX).review.graded


def test_giving_up_shows_the_solution_and_grades_the_card_1(ctx, clock, grader):
    drill = softmax_drill(ctx)
    with ctx.session() as db:
        add_day_cards(db, ctx.learner_id, ctx.curriculum, drill.day, clock.now())
    session = DrillSession.begin(ctx, drill, grader)
    solution, fed = session.give_up()
    assert "def softmax" in solution and fed.grade == 1
    with ctx.session() as db:
        assert db.exec(select(DrillResult)).all() == []  # giving up records no time


def test_without_a_card_the_drill_says_so(ctx, grader):
    session = DrillSession.begin(ctx, softmax_drill(ctx), grader)
    verdict = session.submit(GOOD_SOFTMAX)
    assert not verdict.review.graded and "finish its day" in verdict.review.message
