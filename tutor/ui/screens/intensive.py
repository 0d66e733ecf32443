"""One day of the 21-day track: what it covers, and a way into each lesson it uses."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from tutor.calendar_model import IntensiveCell


class IntensiveDayScreen(Screen):
    """Lists the plan days an intensive day draws on; Enter opens one."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="intensive.back", tooltip="Back to the calendar")]

    def __init__(self, cell: IntensiveCell) -> None:
        super().__init__()
        self.cell = cell

    def compose(self) -> ComposeResult:
        yield Header()
        cell = self.cell
        yield Static(f" [b]Intensive day {cell.day}: {cell.title}[/b]\n Week {cell.week} · {cell.status.value}",
                     id="intensive-title")
        yield Static(" Do these sections, in order:\n" + "\n".join(f"  • {s}" for s in cell.sections),
                     id="intensive-sections")
        curriculum = self.app.ctx.curriculum
        options = []
        for number in cell.covers:
            day = curriculum.day(number)
            title = day.meta.title if day else "(failed to load)"
            note = " (outline)" if day is None or day.is_outline else ""
            options.append(Option(f"Day {number}: {title}{note}", id=f"day-{number}"))
        yield OptionList(*options, id="covered")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "21-day intensive track"
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.app.open_day(int(event.option.id.removeprefix("day-")))
