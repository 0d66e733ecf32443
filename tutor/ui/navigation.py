"""Leaving a screen the same way everywhere."""

from __future__ import annotations

from textual.screen import Screen


def leave(screen: Screen) -> None:
    """Go back from ``screen``: pop it if something is under it, else to the calendar.

    A mode's first screen (reviews, statistics, drills) has nothing under it; an app without
    a calendar mode (a test harness) exits instead.
    """
    app = screen.app
    if len(app.screen_stack) > 1:
        app.pop_screen()
        return
    try:
        app.switch_mode("calendar")
    except Exception:  # noqa: BLE001 - no calendar mode: a bare harness
        app.exit()
