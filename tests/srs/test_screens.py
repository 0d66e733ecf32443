"""The review and statistics screens in the real app, at 80x24, on a frozen clock."""

from __future__ import annotations

import subprocess
import sys

from sqlmodel import select

from tests.conftest import FIXED_NOW
from tutor.clock import FixedClock
from tutor.context import LearnerContext
from tutor.srs.deck import add_day_cards
from tutor.store import progress, reviews
from tutor.store.models import ReviewLog
from tutor.ui.app import TutorApp


def screen_text(app) -> str:
    """What the terminal shows, as plain text lines."""
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


def context_with_cards(days=(1,), extra: list[dict] | None = None) -> LearnerContext:
    ctx = LearnerContext.open(clock=FixedClock(FIXED_NOW))
    ctx.connect()
    with ctx.session() as db:
        for day in days:
            add_day_cards(db, ctx.learner_id, ctx.curriculum, day, FIXED_NOW)
        if extra:
            reviews.insert_cards(db, ctx.learner_id, extra, FIXED_NOW)
    return ctx


async def opened(app, pilot) -> None:
    """Wait until the review screen has opened the store and built its queue."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def grades_in_log(ctx) -> list[tuple[str, int | None]]:
    with ctx.session() as db:
        return [(r.kind, r.grade) for r in db.exec(select(ReviewLog).order_by(ReviewLog.id))]


async def test_review_reveal_grade_undo_at_80x24():
    ctx = context_with_cards()
    app = TutorApp(ctx, start="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app, pilot)
        assert type(app.screen).__name__ == "ReviewScreen"
        first = app.screen.session.current
        text = screen_text(app)
        assert first.front.splitlines()[0][:60] in text and "0 done" in text
        await pilot.press("4")  # grading before the answer is shown does nothing
        await pilot.pause()
        assert grades_in_log(ctx) == []

        await pilot.press("space")
        await pilot.pause()
        text = screen_text(app)
        for label in ("0 blackout", "3 hard", "4 good", "5 easy", "again today", "1d", "g=Good(4)"):
            assert label in text, label
        await pilot.press("g")
        await pilot.pause()
        assert grades_in_log(ctx) == [("grade", 4)]
        text = screen_text(app)
        assert "saved · next: 1d" in text and "1 done" in text
        assert app.screen.session.current.id != first.id

        await pilot.press("u")
        await pilot.pause()
        assert grades_in_log(ctx) == [("grade", 4), ("undo", None)]
        assert app.screen.session.current.id == first.id
        assert "undone" in screen_text(app)


async def test_a_grade_of_1_brings_the_card_back_the_same_session():
    ctx = context_with_cards(days=(), extra=[{"card_key": "only", "front": "The one question", "back": "42"}])
    app = TutorApp(ctx, start="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app, pilot)
        await pilot.press("space", "a")  # Again = SM-2 grade 1
        await pilot.pause()
        assert grades_in_log(ctx) == [("grade", 1)]
        text = screen_text(app)
        assert "The one question" in text and "same-day repeat" in text
        await pilot.press("space", "e")  # Easy = 5
        await pilot.pause()
        assert "Nothing left to review now" in screen_text(app)


async def test_a_fast_kata_pass_suggests_a_high_grade():
    ctx = context_with_cards(days=(), extra=[{"card_key": "kata:softmax", "kind": "kata", "ref": "softmax",
                                              "front": "Re-implement from memory: softmax"}])
    app = TutorApp(ctx, start="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app, pilot)
        review = app.screen
        # The learner opens the task elsewhere and passes it at once (a fresh clock reading).
        from textual.screen import Screen

        await app.push_screen(Screen())
        with ctx.session() as db:
            progress.record_task_attempt(db, ctx.learner_id, "softmax", 1, "code", passed=True)
        app.pop_screen()
        await pilot.pause()
        assert review.suggested == 5 and review.revealed
        assert "suggested: 5" in screen_text(app)


async def test_stats_screen_draws_the_figures_at_80x24():
    ctx = context_with_cards()
    app = TutorApp(ctx, start="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app, pilot)
        await pilot.press("space", "g")
        await pilot.pause()
        await app.run_action("switch_mode('stats')")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert type(app.screen).__name__ == "StatsScreen"
        assert "today: 1 reviews" in text and "Due in the next 30 days" in text


def test_srs_core_never_imports_textual_and_the_screens_never_import_torch():
    code = ("import tutor.srs.session, tutor.srs.stats, tutor.srs.transfer, tutor.srs.charts, "
            "tutor.srs.simulate, tutor.srs.deck, tutor.store.reviews, tutor.commands.srs, tutor.commands.stats\n"
            "import sys; print('\\n'.join(sys.modules))")
    core = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert not any(m == "textual" or m.startswith("textual.") for m in core)
    code = ("import tutor.ui.screens.review, tutor.ui.screens.stats\nimport sys; print('\\n'.join(sys.modules))")
    ui = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split())
    assert "textual" in ui and "torch" not in ui


async def test_a_derivation_solved_after_a_wrong_try_suggests_3():
    ctx = context_with_cards(days=(), extra=[{"card_key": "derivation:p", "kind": "derivation", "ref": "p",
                                              "front": "Derive again: dL/dz"}])
    app = TutorApp(ctx, start="review")
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app, pilot)
        review = app.screen
        assert "o: open the derivation" in screen_text(app)
        from textual.screen import Screen

        await app.push_screen(Screen())  # stands in for the derivation screen
        with ctx.session() as db:
            progress.record_quiz_answer(db, ctx.learner_id, "p", "p + y", "incorrect", "sign")
            progress.record_quiz_answer(db, ctx.learner_id, "p", "p - y", "correct", "right")
        app.pop_screen()
        await pilot.pause()
        assert review.suggested == 3 and "suggested: 3" in screen_text(app)
        await pilot.press("5")  # the learner overrides the suggestion
        await pilot.pause()
        assert grades_in_log(ctx) == [("grade", 5)]
