"""F1 help: the keys of what is focused, then of the screen, then of the whole app."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

GENERAL = """\
## Everywhere
- **F1** this help · **Ctrl+P** command palette (type to find any action)
- **c** calendar · **r** reviews · **s** statistics · **d** drills · **q** quit
- **Escape** goes back one screen

## Calendar
Arrows or **h j k l** move, **Enter** opens a day, **g** jumps to today,
**t** switches between the 84-day plan and the 21-day track.
"""


def describe_bindings(node) -> list[str]:
    """One Markdown line per visible binding of ``node`` (a widget or screen)."""
    lines = []
    for binding in getattr(node, "BINDINGS", []):
        if isinstance(binding, Binding) and binding.description:
            key = binding.key_display or binding.key.split(",")[0]
            tip = f": {binding.tooltip}" if binding.tooltip else ""
            lines.append(f"- **{key}** {binding.description}{tip}")
    return lines


class HelpScreen(ModalScreen):
    """Keys for the focused widget and the screen, and the app's general keys."""

    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close", id="help.close", tooltip="Close help")]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 76; max-height: 22; border: round $accent; background: $surface; }
    """

    def __init__(self, screen, focused) -> None:
        super().__init__()
        self.sections: list[str] = []
        if focused is not None:
            lines = describe_bindings(focused)
            if lines:
                self.sections.append(f"## {type(focused).__name__} (focused)\n" + "\n".join(lines))
        lines = describe_bindings(screen)
        if lines:
            self.sections.append("## This screen\n" + "\n".join(lines))

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown("# Help\n" + "\n\n".join(self.sections + [GENERAL]))
