"""Status marks drawn on the calendar, in Unicode or plain ASCII (``TUTOR_ASCII=1``)."""

from __future__ import annotations

import os

from tutor.daystatus import DayStatus

UNICODE = {
    DayStatus.OUTLINE: "·",
    DayStatus.NOT_STARTED: "○",
    DayStatus.IN_PROGRESS: "◐",
    DayStatus.DONE: "●",
    "milestone": "★",
    "due": "!",
    "check": "✓",
    "cross": "✗",
    "todo": "○",
}
ASCII = {
    DayStatus.OUTLINE: ".",
    DayStatus.NOT_STARTED: "o",
    DayStatus.IN_PROGRESS: "~",
    DayStatus.DONE: "#",
    "milestone": "*",
    "due": "!",
    "check": "+",
    "cross": "x",
    "todo": "-",
}


def glyphs() -> dict:
    """The glyph table for this terminal."""
    return ASCII if os.environ.get("TUTOR_ASCII") else UNICODE
