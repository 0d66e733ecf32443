"""The statistics screen: 30-day forecast, a heatmap of reviews, retention by interval, streak, time.

The figures are computed in a worker thread (a long history takes a moment to read) and drawn
as the same text `tutor stats` prints.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tutor.srs import charts
from tutor.srs.settings import SrsSettings
from tutor.srs.stats import Stats, compute
from tutor.ui.navigation import leave


class StatsScreen(Screen):
    """Statistics of the learner's reviews."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="stats.back", tooltip="Leave the statistics"),
        Binding("f5,ctrl+r", "refresh_stats", "Refresh", id="stats.refresh", key_display="F5",
                tooltip="Recompute the figures"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="stats.down", tooltip="Scroll down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="stats.up", tooltip="Scroll up"),
    ]

    DEFAULT_CSS = """
    StatsScreen #stats-body { height: 1fr; padding: 0 1; }
    StatsScreen .stats-title { text-style: bold; margin-top: 1; color: $accent; }
    StatsScreen #stats-summary { margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats-body"):
            yield Static("Reading your review log…", id="stats-summary")
            yield Static("Due in the next 30 days", classes="stats-title")
            yield Static(id="stats-forecast", markup=False)
            yield Static("Reviews, last 26 weeks", classes="stats-title")
            yield Static(id="stats-heatmap", markup=False)
            yield Static("Retention by interval (recalled = graded 3 or more)", classes="stats-title")
            yield Static(id="stats-retention", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Statistics"
        self.query_one("#stats-body").focus()
        self.action_refresh_stats()

    def on_screen_resume(self) -> None:
        self.action_refresh_stats()

    def action_refresh_stats(self) -> None:
        """Recompute the figures from the store."""
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="stats")
    def _load(self) -> None:
        ctx = self.app.ctx
        with ctx.session() as db:
            figures = compute(db, ctx.learner_id, ctx.clock.now(), SrsSettings.from_env())
        self.app.call_from_thread(self.show, figures)

    def show(self, stats: Stats) -> None:
        """Draw the figures."""
        summary = Text(charts.summary_text(stats))
        self.query_one("#stats-summary", Static).update(summary)
        self.query_one("#stats-forecast", Static).update(charts.forecast_chart(stats))
        self.query_one("#stats-heatmap", Static).update(charts.heatmap(stats.heatmap, stats.today))
        self.query_one("#stats-retention", Static).update(charts.retention_table(stats))

    def action_scroll(self, lines: int) -> None:
        """Scroll the figures."""
        self.query_one("#stats-body", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_back(self) -> None:
        """Leave the statistics."""
        leave(self)
