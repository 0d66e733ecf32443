"""Day 1 as a learner meets it, in the real app at 80x24: read the lesson, open the task,
submit a wrong and then a right solution, answer the derivation, finish the day, and find
the day's cards waiting in the review queue."""

from __future__ import annotations

import asyncio

import pytest

from tests.ui.helpers import make_app
from tutor.ui.screens.calendar import CalendarScreen
from tutor.ui.screens.lesson import LessonScreen

WRONG = '''\
def dot(x, y):
    if len(x) != len(y):
        raise ValueError("lengths differ")
    total = 0.0
    for i in range(len(x) - 1):
        total += x[i] * y[i]
    return total
'''

RIGHT = '''\
def dot(x, y):
    if len(x) != len(y):
        raise ValueError("lengths differ")
    total = 0.0
    for i in range(len(x)):
        total += x[i] * y[i]
    return total
'''


async def until(pilot, condition, seconds: float = 60.0) -> None:
    """Wait (in app time) until condition() holds; fail if it never does."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            break
        await asyncio.sleep(0.05)
    await pilot.pause()
    assert condition()


def work_items(screen: LessonScreen) -> list[str]:
    work = screen.query_one("#work-list")
    return [str(work.get_option_at_index(i).prompt) for i in range(work.option_count)]


@pytest.mark.slow
async def test_a_learner_walks_through_day_1():
    app = make_app(day=1, done=())
    async with app.run_test(size=(80, 24)) as pilot:
        # The calendar opens on day 1; Enter opens its lesson.
        assert isinstance(app.screen, CalendarScreen)
        await pilot.press("enter")
        await pilot.pause()
        lesson = app.screen
        assert isinstance(lesson, LessonScreen) and lesson.day.number == 1
        assert "Why today matters" in lesson.query_one("#lesson-text").source
        await pilot.press("pagedown", "pagedown")  # read on
        items = work_items(lesson)
        assert any("Code:" in item and "dot product" in item.lower() for item in items)
        assert any("Derive:" in item for item in items)

        # Open the coding task from the work list.
        await pilot.press("tab", "enter")
        await until(pilot, lambda: type(app.screen).__name__ == "TaskScreen")
        task = app.screen
        assert task.task_id == "dot-product-loops"

        # A wrong solution: one product short. The tutor says it fails and why.
        task.editor.text = WRONG
        task.last_result = None
        await pilot.press("ctrl+r")
        await until(pilot, lambda: task.last_result is not None)
        assert not task.last_result.passed
        shown = str(task.query_one("#task-result").render())
        assert "FAIL" in shown

        # The right one passes, and the attempt is saved.
        task.editor.text = RIGHT
        task.last_result = None
        await pilot.press("ctrl+r")
        await until(pilot, lambda: task.last_result is not None)
        assert task.last_result.passed
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LessonScreen), seconds=5)
        assert any(item.startswith("✓ Code:") for item in work_items(app.screen))

        # The derivation: first the other variable's gradient, then the right answer.
        await pilot.press("tab")  # to the work list, if the lesson text has focus
        work = app.screen.query_one("#work-list")
        if not work.has_focus:
            await pilot.press("tab")
        work.highlighted = next(i for i, item in enumerate(work_items(app.screen)) if "Derive:" in item)
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "DerivationScreen")
        derive = app.screen
        answer = derive.query_one("#derive-answer")
        answer.value = "w"
        await pilot.press("enter")
        await until(pilot, lambda: "∂" in str(derive.query_one("#derive-result").render()), seconds=60)
        assert "not ∂L/∂w" in str(derive.query_one("#derive-result").render())
        assert not derive.solved
        answer.value = "x"
        await pilot.press("enter")
        await until(pilot, lambda: derive.solved, seconds=60)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, LessonScreen))
        assert all(not item.startswith(("○", "✗")) for item in work_items(app.screen)
                   if item.startswith(("○", "✗", "✓")) and ("Code:" in item or "Derive:" in item))

        # Finish the day: it is done on the calendar and its cards join the reviews.
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CalendarScreen))
        assert app.screen.view.days[0].status.value == "done"
        assert app.screen.view.new_cards >= 5

        await pilot.press("r")
        await until(pilot, lambda: getattr(app.screen, "session", None) is not None)
        review = app.screen
        current = review.session.current
        assert current is not None and current.source_day == 1
        # Every concept card of day 1 is in today's queue, with the derivation and the kata.
        from tutor.srs.queue import due_cards

        with app.ctx.session() as db:
            queued = due_cards(db, app.ctx.learner_id, app.ctx.clock.now(), new_limit=50, review_limit=50)
        keys = {item.card.card_key for item in queued}
        assert {card.id for card in app.ctx.curriculum.cards_of(1)} <= keys
        assert "derivation:dot-product-gradient" in keys and "kata:dot-product-loops" in keys
