"""The drill screen in the real app at 80x24, with a stand-in grader, on a frozen clock."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

import tutor.ui.app as app_module
from tests.conftest import FIXED_NOW
from tests.drills.conftest import FakeGrader
from tutor.clock import FixedClock
from tutor.context import LearnerContext
from tutor.drills import active
from tutor.store.models import DrillResult
from tutor.ui.app import TutorApp
from tutor.ui.screens.drill import DrillScreen

SIZE = (80, 24)


def screen_text(app) -> str:
    """What the terminal shows, as plain text lines."""
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


def app_with(grader: FakeGrader, kernel: str | None = None, clock: FixedClock | None = None) -> TutorApp:
    ctx = LearnerContext.open(clock=clock or FixedClock(FIXED_NOW))

    class App(TutorApp):
        CSS_PATH = str(Path(app_module.__file__).with_name("tutor.tcss"))
        MODES = {**TutorApp.MODES, "drill": lambda: DrillScreen(kernel, grader=grader)}

    return App(ctx, start="drill")


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def type_body(pilot, lines: list[str]) -> None:
    """Replace the starter's `raise NotImplementedError` line with ``lines`` (Enter keeps the indent)."""
    await pilot.press("ctrl+k")
    for index, line in enumerate(lines):
        if index:
            await pilot.press("enter")
        await pilot.press(*line)


async def test_pick_a_drill_fail_then_pass_and_race_the_reference():
    grader = FakeGrader()
    clock = FixedClock(FIXED_NOW)
    app = app_with(grader, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert "dot-product-loops" in text and "softmax" in text and "nobody has passed it yet" in text
        screen = app.screen
        ids = [d.id for d in screen.drills]
        for _ in range(ids.index("softmax")):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(app, pilot)
        editor = screen.query_one("#drill-editor")
        assert editor.has_focus and not editor.cursor_blink
        assert "def softmax(x):" in editor.text and "raise NotImplementedError" in editor.text
        assert "2:30 left       softmax · 0 failed" in screen_text(app)

        await type_body(pilot, ["e = np.exp(x)", "return e / e.sum(axis=-1, keepdims=True)"])
        clock.advance(seconds=40)
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        text = screen_text(app)
        assert "1 failed (+30 s)" in text and "expected 0.09, got nan" in text
        assert "    return e / e.sum" in editor.text  # Enter kept the indentation

        await pilot.press("up", "home", "enter", "up", *"x = x - x.max(axis=-1, keepdims=True)")
        clock.advance(seconds=20)
        await pilot.press("f5")
        await settle(app, pilot)
        text = screen_text(app)
        assert "Passed in 1:00" in text and "2 attempts" in text and "score 1:30" in text
        assert "personal best" in text and "1.5×, faster than the reference" in text
        assert editor.read_only
    with app.ctx.session() as db:
        row = db.exec(select(DrillResult)).one()
    assert (row.seconds, row.attempts, row.penalty_seconds, row.speedup) == (60.0, 2, 30.0, 1.5)


async def test_the_countdown_follows_the_tutors_clock_and_typing_q_does_not_quit():
    clock = FixedClock(FIXED_NOW)
    app = app_with(FakeGrader(), kernel="softmax", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert "2:30 left" in screen_text(app)
        clock.advance(seconds=95)
        screen._tick()
        await pilot.pause()
        assert "0:55 left" in screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
        assert "1 min left" in screen_text(app)
        await pilot.press("q", "r", "d")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, DrillScreen)
        assert "qrd" in screen.query_one("#drill-editor").text


async def test_leaving_a_drill_keeps_its_clock_and_coming_back_resumes_it():
    clock = FixedClock(FIXED_NOW)
    app = app_with(FakeGrader(), kernel="softmax", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press(*"# my draft")
        await pilot.press("escape", "escape")  # out of the editor, then back to the list
        await pilot.pause()
        assert "Enter starts" in screen_text(app)
        assert "my draft" in active.load_run("tester", clock.now()).code  # saved on leaving
        clock.advance(seconds=30)
        app.screen.start(app.screen.drills[[d.id for d in app.screen.drills].index("softmax")])
        await settle(app, pilot)
        assert "Resumed" in screen_text(app) and "2:00 left" in screen_text(app)
        assert "my draft" in app.screen.query_one("#drill-editor").text


async def test_give_up_shows_the_solution_and_stops_the_clock():
    app = app_with(FakeGrader(), kernel="softmax")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        text = screen_text(app)
        assert "The solution is in the editor" in text and "gave up" in text
        assert "np.exp" in app.screen.query_one("#drill-editor").text
        await pilot.press("a")  # again: a fresh blank file
        await pilot.pause()
        assert "raise NotImplementedError" in app.screen.query_one("#drill-editor").text


async def test_d_opens_drills_from_the_calendar():
    app = TutorApp(LearnerContext.open(clock=FixedClock(FIXED_NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, DrillScreen)
        assert "drills" in screen_text(app)
