"""A placeholder for a part of the tutor that is not built yet; says so plainly."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tutor.ui.navigation import leave


class NotAvailableScreen(Screen):
    """Tells the learner that a feature is not available yet, and how to go back."""

    BINDINGS = [Binding("escape", "back", "Back", id="unavailable.back", tooltip="Go back")]

    def __init__(self, what: str, detail: str = "") -> None:
        super().__init__()
        self.what = what
        self.detail = detail

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"\n  [b]{self.what}[/b] is not available yet.\n\n  {self.detail}\n\n"
                     "  Press Escape to go back.", id="unavailable")
        yield Footer()

    def action_back(self) -> None:
        leave(self)
