"""The Textual app: modes for calendar, reviews, statistics and drills; days open on top."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import partial

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tutor.context import LearnerContext
from tutor.studytime import StudyTimer
from tutor.ui.screens.calendar import CalendarScreen
from tutor.ui.screens.unavailable import NotAvailableScreen


def lazy_screen(module: str, name: str, what: str, *args) -> Screen:
    """Build a screen from a module that may not exist yet; otherwise a placeholder that says so."""
    try:
        screen_class = getattr(importlib.import_module(f"tutor.ui.screens.{module}"), name)
    except ModuleNotFoundError as error:
        if error.name != f"tutor.ui.screens.{module}":
            raise
        return NotAvailableScreen(what, "It is being built; the calendar and lessons work now.")
    return screen_class(*args)


class TutorApp(App):
    """The tutor: a calendar of the plan, lessons, tasks, derivations, reviews and drills."""

    TITLE = "tutor"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    CSS_PATH = "tutor.tcss"
    ENABLE_COMMAND_PALETTE = True
    MODES = {
        "calendar": CalendarScreen,
        "review": lambda: lazy_screen("review", "ReviewScreen", "The review screen"),
        "stats": lambda: lazy_screen("stats", "StatsScreen", "The statistics screen"),
        "drill": lambda: lazy_screen("drill", "DrillScreen", "Timed drills"),
    }
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help", tooltip="Show the keys of this screen"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Save and quit"),
        Binding("c", "switch_mode('calendar')", "Calendar", show=False, id="app.calendar", tooltip="The calendar of the plan"),
        Binding("r", "switch_mode('review')", "Reviews", id="app.review", tooltip="Review the cards due today"),
        Binding("s", "switch_mode('stats')", "Stats", show=False, id="app.stats", tooltip="Statistics of your reviews"),
        Binding("d", "switch_mode('drill')", "Drills", show=False, id="app.drill", tooltip="Timed drills"),
    ]

    def __init__(self, ctx: LearnerContext, start: str = "calendar", **kwargs) -> None:
        super().__init__(**kwargs)
        self.ctx = ctx
        self.start = start
        self._timer: StudyTimer | None = None
        self._study_day: int | None = None
        self._flush_interval = None
        self._saved_seconds = 0

    def on_mount(self) -> None:
        if self.start != "calendar":
            self.ctx.connect()  # only the calendar can draw before the store is open
        self.switch_mode(self.start if self.start in self.MODES else "calendar")
        for notice in self.ctx.notices:
            self.notify(notice, severity="warning", timeout=10)
        if self.ctx.curriculum.problems:
            count = len(self.ctx.curriculum.problems)
            self.notify(f"{count} content problem{'s' if count != 1 else ''}: run `tutor validate`.",
                        severity="warning", timeout=10)

    # Study time ---------------------------------------------------------------------------------

    def begin_study(self, day: int) -> None:
        """Start counting active time on ``day``."""
        self.end_study()
        self._study_day = day
        self._timer = StudyTimer(self.ctx.clock.now())
        self._saved_seconds = 0
        if self._flush_interval is None:
            # Save what was counted every minute, so a killed session loses at most a minute.
            # Saving draws nothing: it sends no bytes to the terminal.
            self._flush_interval = self.set_interval(60, self._save_study)

    def _save_study(self) -> None:
        """Save the active seconds counted since the last save (one timer per visit, so idle
        time past the cap never counts, however often we save)."""
        if self._timer is None or self._study_day is None:
            return
        from tutor.store import progress

        now = self.ctx.clock.now()
        total = self._timer.seconds(now)
        delta = total - self._saved_seconds
        if delta >= 1:
            with self.ctx.session() as db:
                progress.record_study_time(db, self.ctx.learner_id, self._study_day, now, delta)
            self._saved_seconds = total

    def end_study(self) -> None:
        """Save the time counted on the current day and stop counting."""
        self._save_study()
        self._timer = None
        self._study_day = None

    def pending_study_seconds(self) -> int:
        """Seconds counted but not yet saved."""
        return self._timer.seconds(self.ctx.clock.now()) - self._saved_seconds if self._timer else 0

    def on_key(self, event: events.Key) -> None:
        if self._timer is not None:
            self._timer.touch(self.ctx.clock.now())

    async def action_quit(self) -> None:
        self.end_study()
        self.exit()

    # Navigation ---------------------------------------------------------------------------------

    def open_day(self, number: int) -> None:
        """Open day ``number``'s lesson, or say why it cannot be opened."""
        day = self.ctx.curriculum.day(number)
        if day is None:
            self.notify(f"Day {number} failed to load: run `tutor validate` to see why.", severity="error")
            return
        from tutor.ui.screens.lesson import LessonScreen

        self.push_screen(LessonScreen(day))

    def open_task(self, task_id: str) -> None:
        """Open a coding task."""
        self.push_screen(lazy_screen("task", "TaskScreen", "Coding tasks", task_id))

    def open_quiz(self, problem_id: str) -> None:
        """Open a derivation problem."""
        self.push_screen(lazy_screen("derivation", "DerivationScreen", "Derivation quizzes", problem_id))

    def add_day_cards(self, db, day: int) -> int:
        """Add a finished day's cards to the learner's deck; returns how many were new."""
        try:
            from tutor.srs.deck import add_day_cards
        except ModuleNotFoundError:
            return 0
        return add_day_cards(db, self.ctx.learner_id, self.ctx.curriculum, day, self.ctx.clock.now())

    def action_help(self) -> None:
        from tutor.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen, self.focused))

    # Command palette: every binding of the screen and the app is findable by typing ------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # One command per action, listing every key bound to it ("Quit (q, ctrl+q)").
        actions: dict[str, tuple[object, object, list[str]]] = {}
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or not active.enabled:
                continue
            key = binding.key_display or binding.key.split(",")[0]
            if binding.action in actions:
                actions[binding.action][2].append(key)
            else:
                actions[binding.action] = (active.node, binding, [key])
        for action, (node, binding, keys) in actions.items():
            yield SystemCommand(f"{binding.description} ({', '.join(keys)})", binding.tooltip or binding.description,
                                partial(self._run_from_palette, node, action))
        yield SystemCommand("Change theme", "Pick a colour theme", self.action_change_theme)

    async def _run_from_palette(self, node, action: str) -> None:
        await self.run_action(action, node)
