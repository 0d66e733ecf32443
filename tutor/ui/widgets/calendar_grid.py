"""The calendar grids: 12 weeks x 7 days of the plan, or 3 x 7 of the intensive track.

Drawn as one Rich Text (cheap to redraw, exact at 80 columns); the cursor moves with the
arrow keys or h/j/k/l and Enter posts ``DayChosen``.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tutor.calendar_model import DayCell, IntensiveCell
from tutor.daystatus import DayStatus
from tutor.ui.glyphs import glyphs

PHASE_STYLES = {1: "cyan", 2: "green", 3: "magenta", 4: "yellow"}
STATUS_STYLES = {
    DayStatus.OUTLINE: "dim",
    DayStatus.NOT_STARTED: "",
    DayStatus.IN_PROGRESS: "bold yellow",
    DayStatus.DONE: "bold green",
}
CELL_WIDTH = 9


class Grid(Widget, can_focus=True):
    """A week-by-week grid of cells with a cursor."""

    BINDINGS = [
        Binding("left,h", "move(-1)", "Previous day", show=False),
        Binding("right,l", "move(1)", "Next day", show=False),
        Binding("up,k", "move(-7)", "Previous week", show=False),
        Binding("down,j", "move(7)", "Next week", show=False),
        Binding("home", "first", "First day", show=False),
        Binding("end", "last", "Last day", show=False),
        Binding("enter", "choose", "Open", id="calendar.open", tooltip="Open the highlighted day"),
    ]

    cursor: reactive[int] = reactive(1)

    class DayChosen(Message):
        """The learner pressed Enter on a day."""

        def __init__(self, day: int) -> None:
            super().__init__()
            self.day = day

    class CursorMoved(Message):
        """The highlighted day changed."""

        def __init__(self, day: int) -> None:
            super().__init__()
            self.day = day

    size_in_days = 84

    def validate_cursor(self, value: int) -> int:
        return max(1, min(self.size_in_days, value))

    def watch_cursor(self, value: int) -> None:
        self.post_message(self.CursorMoved(value))

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_first(self) -> None:
        self.cursor = 1

    def action_last(self) -> None:
        self.cursor = self.size_in_days

    def action_choose(self) -> None:
        self.post_message(self.DayChosen(self.cursor))

    def _cell_text(self, number: int, mark: str, mark_style: str, extra: str, today: bool) -> Text:
        label = f"{number:>2}"
        cell = Text()
        cell.append("▸" if today else " ", style="bold reverse" if today else "")
        cell.append(label, style="bold underline" if today else "")
        cell.append(" ")
        cell.append(mark, style=mark_style)
        cell.append(extra.ljust(CELL_WIDTH - 5))
        if number == self.cursor:
            cell.stylize("reverse" if self.has_focus else "underline")
        return cell


class CalendarGrid(Grid):
    """The 84-day plan: a row per week, phase colour on the row label."""

    DEFAULT_CSS = "CalendarGrid { height: 13; width: auto; }"

    cells: reactive[tuple[DayCell, ...]] = reactive(tuple, layout=True)

    def render(self) -> Text:
        marks = glyphs()
        text = Text()
        header = "Wk Ph " + "".join(f"{'+' + str(i):<{CELL_WIDTH}}" for i in range(7))
        text.append(header.rstrip() + "\n", style="dim")
        for week in range(12):
            row = self.cells[week * 7:(week + 1) * 7]
            if not row:
                break
            phase = row[0].phase
            text.append(f"{week + 1:>2} ", style="bold")
            text.append(f"P{phase} ", style=PHASE_STYLES.get(phase, ""))
            for cell in row:
                extra = ""
                if cell.milestone:
                    extra += marks["milestone"]
                if cell.reviews_due:
                    extra += marks["due"]
                text.append_text(self._cell_text(
                    cell.day, marks[cell.status], STATUS_STYLES[cell.status], extra, cell.is_today))
            text.append("\n")
        text.rstrip()
        return text


class IntensiveGrid(Grid):
    """The 21-day intensive track: three weeks of seven."""

    DEFAULT_CSS = "IntensiveGrid { height: 4; width: auto; }"

    size_in_days = 21
    cells: reactive[tuple[IntensiveCell, ...]] = reactive(tuple, layout=True)

    def render(self) -> Text:
        marks = glyphs()
        text = Text()
        text.append("Wk    " + "".join(f"{'+' + str(i):<{CELL_WIDTH}}" for i in range(7)).rstrip() + "\n",
                    style="dim")
        for week in range(3):
            row = self.cells[week * 7:(week + 1) * 7]
            text.append(f"{week + 1:>2}    ", style="bold")
            for cell in row:
                text.append_text(self._cell_text(
                    cell.day, marks[cell.status], STATUS_STYLES[cell.status], "", cell.is_today))
            text.append("\n")
        text.rstrip()
        return text
