"""The home screen: the 84-day calendar (or the 21-day track), today, streak and reviews due."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.worker import Worker, WorkerState
from textual.widgets import Footer, Header, Static

from tutor.calendar_model import CalendarView, ProgressSnapshot, build_calendar, load_progress
from tutor.daystatus import DayStatus
from tutor.ui.glyphs import glyphs
from tutor.ui.widgets.calendar_grid import PHASE_STYLES, CalendarGrid, Grid, IntensiveGrid

TRACKS = {"plan84": "84-day plan", "intensive21": "21-day intensive track"}


class CalendarScreen(Screen):
    """The calendar of the plan; Enter opens a day."""

    BINDINGS = [
        Binding("t", "toggle_track", "Track", id="calendar.track",
                tooltip="Switch between the 84-day plan and the 21-day intensive track"),
        Binding("g", "goto_today", "Today", id="calendar.today", tooltip="Move the cursor to today"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: CalendarView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="summary")
        with Vertical(id="grids"):
            yield CalendarGrid(id="plan-grid")
            yield IntensiveGrid(id="intensive-grid")
        yield Static(id="legend")
        yield Static(id="detail")
        yield Footer()

    @property
    def track(self) -> str:
        return self.app.ctx.track

    def on_mount(self) -> None:
        ctx = self.app.ctx
        # Draw the plan from content at once; the learner's progress follows when the store
        # is open (importing the database layer costs more than this first paint).
        self._apply(load_progress(ctx) if ctx.connected else None)
        self._active_grid().focus()
        if not ctx.connected:
            # After the first paint: the worker's imports would otherwise compete with it.
            self.call_after_refresh(self.run_worker, self._load_in_background, thread=True,
                                    exclusive=True, group="progress", exit_on_error=False)

    def _load_in_background(self) -> None:
        snapshot = load_progress(self.app.ctx)
        self.app.call_from_thread(self._apply, snapshot)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.app.exit(return_code=2, message=f"tutor: cannot open your progress: {event.worker.error}")

    def on_screen_resume(self) -> None:
        if self.view is not None and self.app.ctx.connected:
            self.refresh_view()

    def refresh_view(self) -> None:
        """Recompute statuses from the store and redraw."""
        self._apply(load_progress(self.app.ctx))

    def _apply(self, snapshot: ProgressSnapshot | None) -> None:
        first_progress = snapshot is not None and (self.view is None or not self.view.loaded)
        self.view = build_calendar(self.app.ctx.curriculum, snapshot)
        self.query_one(CalendarGrid).cells = tuple(self.view.days)
        self.query_one(IntensiveGrid).cells = tuple(self.view.intensive)
        self._show_track()
        if first_progress:
            self.action_goto_today()
        self._draw_summary()
        self._draw_legend()
        self._draw_detail(self._active_grid().cursor)

    def _active_grid(self) -> Grid:
        return self.query_one(IntensiveGrid if self.track == "intensive21" else CalendarGrid)

    def _show_track(self) -> None:
        intensive = self.track == "intensive21"
        self.query_one(CalendarGrid).display = not intensive
        self.query_one(IntensiveGrid).display = intensive
        self.sub_title = TRACKS[self.track]

    def _draw_summary(self) -> None:
        view = self.view
        if not view.loaded:
            self.query_one("#summary", Static).update(Text(f" {TRACKS[self.track]} · opening your progress…"))
            return
        day = view.intensive_today if self.track == "intensive21" else view.today
        streak = f"{view.streak} day{'s' if view.streak != 1 else ''}"
        line = Text()
        line.append(f" {TRACKS[self.track]}", style="bold")
        line.append(f" · today: day {day}")
        line.append(f" · streak {streak}")
        line.append(f" · reviews {view.reviews_due} due", style="bold red" if view.reviews_due else "")
        if view.new_cards:
            line.append(f", {view.new_cards} new")
        line.append(f" · {view.minutes_today}/120 min")
        self.query_one("#summary", Static).update(line)

    def _draw_legend(self) -> None:
        marks = glyphs()
        legend = Text(" ")
        for status in DayStatus:
            legend.append(f"{marks[status]} {status.value} ", style="dim")
        legend.append(f"{marks['milestone']} milestone {marks['due']} reviews ▸ today", style="dim")
        self.query_one("#legend", Static).update(legend)

    def _draw_detail(self, number: int) -> None:
        if self.view is None:
            return
        detail = Text()
        if self.track == "intensive21":
            cell = self.view.intensive[number - 1] if number <= len(self.view.intensive) else None
            if cell is None:
                return
            detail.append(f" Intensive day {cell.day}: {cell.title}\n", style="bold")
            detail.append(f" Uses plan days {', '.join(str(d) for d in cell.covers)} · {cell.status.value}\n")
            detail.append(" " + "; ".join(cell.sections), style="dim")
        else:
            cell = self.view.days[number - 1]
            phase = self.app.ctx.curriculum.plan.phase_of(cell.day) if self.app.ctx.curriculum.plan else None
            detail.append(f" Day {cell.day}: {cell.title}\n", style="bold")
            if phase:
                detail.append(f" Phase {phase.number} {phase.name}", style=PHASE_STYLES.get(phase.number, ""))
            detail.append(f" · week {cell.week} · {cell.status.value}")
            if cell.reviews_due:
                detail.append(f" · {cell.reviews_due} reviews due", style="bold red")
            detail.append(f"\n {cell.tasks} coding task{'s' if cell.tasks != 1 else ''}, "
                          f"{cell.quizzes} derivation{'s' if cell.quizzes != 1 else ''}")
            if cell.milestone:
                detail.append(f" · {glyphs()['milestone']} milestone: {cell.milestone}", style="bold")
        self.query_one("#detail", Static).update(detail)

    @on(Grid.CursorMoved)
    def _cursor_moved(self, event: Grid.CursorMoved) -> None:
        self._draw_detail(event.day)

    @on(Grid.DayChosen)
    def _day_chosen(self, event: Grid.DayChosen) -> None:
        if self.track == "intensive21":
            from tutor.ui.screens.intensive import IntensiveDayScreen

            self.app.push_screen(IntensiveDayScreen(self.view.intensive[event.day - 1]))
        else:
            self.app.open_day(event.day)

    def action_toggle_track(self) -> None:
        """Switch between the 84-day plan and the 21-day track, and remember the choice."""
        from tutor.store import progress
        from tutor.store.models import Learner

        ctx = self.app.ctx
        ctx.track = "intensive21" if ctx.track == "plan84" else "plan84"
        with ctx.session() as db:
            progress.set_track(db, db.get(Learner, ctx.learner_id), ctx.track)
        self._show_track()
        self.action_goto_today()
        grid = self._active_grid()
        grid.focus()
        self._draw_summary()
        self._draw_detail(grid.cursor)

    def action_goto_today(self) -> None:
        """Put the cursor on today (day 1 until the learner's progress is loaded)."""
        grid = self._active_grid()
        today = self.view.intensive_today if self.track == "intensive21" else self.view.today
        grid.cursor = today or 1
