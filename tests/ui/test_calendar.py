"""Driving the calendar and the lesson screen at 80x24, as a learner would."""

from __future__ import annotations

from tutor.store import progress
from tutor.store.progress import DayStatus
from tutor.ui.screens.calendar import CalendarScreen
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.lesson import LessonScreen
from tutor.ui.widgets.calendar_grid import CalendarGrid, IntensiveGrid

from .helpers import make_app

SIZE = (80, 24)



async def test_calendar_opens_on_today_with_streak_and_statuses():
    app = make_app(day=9)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        grid = app.screen.query_one(CalendarGrid)
        assert grid.cursor == 9
        cells = {cell.day: cell for cell in grid.cells}
        assert cells[9].is_today and not cells[8].is_today
        assert cells[1].status is DayStatus.DONE and cells[8].status is DayStatus.DONE
        assert cells[80].status is DayStatus.OUTLINE
        summary = str(app.screen.query_one("#summary").render())
        assert "today: day 9" in summary and "streak 8 days" in summary
        assert cells[14].milestone == "Gradient descent on a toy problem"


async def test_enter_opens_the_lesson_and_escape_returns():
    app = make_app(day=2, done=(1,))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("left", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.day.number == 1
        markdown = app.screen.query_one("#lesson-text")
        assert "Why today matters" in markdown.source
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)


async def test_outline_day_says_it_is_not_written():
    app = make_app(day=2, done=(1,))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one(CalendarGrid).cursor = 70
        await pilot.press("enter")
        await pilot.pause()
        assert "not written yet" in app.screen.query_one("#lesson-text").source
        info = str(app.screen.query_one("#lesson-info").render())
        assert "Day 70" in info and "/120 min" in info


async def test_finishing_a_day_marks_it_done_on_the_calendar():
    app = make_app(day=1, done=())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        cells = {cell.day: cell for cell in app.screen.query_one(CalendarGrid).cells}
        assert cells[1].status is DayStatus.DONE
    with app.ctx.session() as db:
        assert progress.day_progress(db, app.ctx.learner_id)[1].completed_at is not None


async def test_time_on_a_day_is_saved_when_leaving_it():
    app = make_app(day=1, done=())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        app.ctx.clock.advance(minutes=3)
        await pilot.press("down")  # activity 3 minutes in
        app.ctx.clock.advance(minutes=40)  # then idle: counts at most 5 minutes
        await pilot.press("escape")
        await pilot.pause()
    with app.ctx.session() as db:
        assert progress.seconds_spent(db, app.ctx.learner_id, 1) == 8 * 60


async def test_idle_time_does_not_count_however_often_it_is_saved():
    app = make_app(day=1, done=())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(30):  # half an hour idle, saved every minute
            app.ctx.clock.advance(minutes=1)
            app._save_study()
        await pilot.press("escape")
        await pilot.pause()
    with app.ctx.session() as db:
        assert progress.seconds_spent(db, app.ctx.learner_id, 1) == 5 * 60


async def test_switching_to_the_intensive_track_is_remembered():
    app = make_app(day=3, done=(1, 2))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.query_one(IntensiveGrid).display
        assert not app.screen.query_one(CalendarGrid).display
        assert "21-day intensive track" in str(app.screen.query_one("#summary").render())
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "IntensiveDayScreen"
        await pilot.press("enter")  # first covered lesson
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
    with app.ctx.session() as db:
        from tutor.store.models import Learner

        assert db.get(Learner, app.ctx.learner_id).track == "intensive21"


async def test_f1_help_lists_the_screen_keys():
    app = make_app(day=1, done=())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(app.screen.sections)
        assert "Track" in text and "Today" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)


async def test_every_footer_action_is_in_the_command_palette():
    app = make_app(day=1, done=())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = {}
        for command in app.get_system_commands(app.screen):
            name, _, keys = command.title.partition(" (")
            commands[name] = set(keys.rstrip(")").split(", "))
        for name, key in (("Track", "t"), ("Today", "g"), ("Open", "enter"), ("Help", "f1"),
                          ("Quit", "q"), ("Reviews", "r"), ("Stats", "s"), ("Drills", "d")):
            assert key in commands[name], (name, commands.get(name))


async def test_navigation_with_hjkl_stays_inside_the_plan():
    app = make_app(day=1, done=())
    async with app.run_test(size=SIZE) as pilot:
        grid = app.screen.query_one(CalendarGrid)
        await pilot.press("j", "j", "l")
        assert grid.cursor == 16
        await pilot.press("k", "k", "k", "h", "h")
        assert grid.cursor == 1
        await pilot.press("end")
        assert grid.cursor == 84
        await pilot.press("g")
        assert grid.cursor == 1
