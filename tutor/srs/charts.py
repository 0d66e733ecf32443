"""Terminal charts for the review statistics: a bar chart and a calendar heatmap, as plain text.

Both fit in 80 columns and have an ASCII form (``TUTOR_ASCII=1``) for terminals without the
block characters. The stats screen and `tutor stats` print the same text.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

from tutor.srs.stats import Stats

EIGHTHS = " ▁▂▃▄▅▆▇█"
HEAT = " ░▒▓█"
ASCII_HEAT = " .:o#"


def _ascii() -> bool:
    return bool(os.environ.get("TUTOR_ASCII"))


def bar_chart(values: list[int], height: int = 6, ascii_only: bool | None = None) -> list[str]:
    """Vertical bars, one 2-character column per value, with the top value on the y-axis."""
    ascii_only = _ascii() if ascii_only is None else ascii_only
    top = max(values, default=0)
    label_width = max(len(str(top)), 1)
    lines = []
    for level in range(height, 0, -1):
        cells = []
        for value in values:
            eighths = round(value * height * 8 / top) if top else 0
            filled = eighths - (level - 1) * 8
            if filled >= 8:
                cell = "#" if ascii_only else EIGHTHS[8]
            elif filled <= 0:
                cell = " "
            else:
                cell = ("#" if filled >= 4 else ".") if ascii_only else EIGHTHS[filled]
            cells.append(cell + " ")
        axis = str(top).rjust(label_width) if level == height else ("0".rjust(label_width) if level == 1 else " " * label_width)
        lines.append(f"{axis} |" + "".join(cells).rstrip())
    return lines


def forecast_chart(stats: Stats, height: int = 6) -> str:
    """The 30-day forecast of due cards with a day axis underneath."""
    if not any(stats.forecast):
        return "nothing due in the next 30 days"
    lines = bar_chart(stats.forecast, height)
    pad = " " * (lines[0].index("|") + 1)
    ticks = "".join(f"{i:<10}" for i in range(0, len(stats.forecast), 5)).rstrip()
    lines.append(pad + "-" * (2 * len(stats.forecast)))
    lines.append(pad + ticks + "  days from today")
    return "\n".join(lines)


def heatmap(counts: dict[date, int], end: date, weeks: int = 26, ascii_only: bool | None = None) -> str:
    """Reviews per day as a calendar: 7 rows (Mon-Sun), one column per week, darker = more."""
    ascii_only = _ascii() if ascii_only is None else ascii_only
    shades = ASCII_HEAT if ascii_only else HEAT
    first = end - timedelta(days=end.weekday()) - timedelta(weeks=weeks - 1)
    values = sorted(n for n in counts.values() if n > 0)

    def shade(n: int) -> str:
        if n <= 0 or not values:
            return "·" if not ascii_only else "."
        rank = sum(1 for v in values if v <= n) / len(values)  # quartiles of the active days
        return shades[min(4, max(1, int(rank * 4 + 0.999)))]

    rows = []
    for weekday, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
        cells = []
        for week in range(weeks):
            day = first + timedelta(weeks=week, days=weekday)
            cells.append(" " if day > end else shade(counts.get(day, 0)))
        rows.append((f"{name:<4}" + " ".join(cells)).rstrip())
    header = [" "] * (4 + 2 * weeks + 3)
    free = 0  # first column where a month name may start without overlapping the last one
    for week in range(weeks):
        monday = first + timedelta(weeks=week)
        column = 4 + 2 * week
        if (week == 0 or monday.month != (monday - timedelta(weeks=1)).month) and column >= free:
            header[column:column + 3] = monday.strftime("%b")
            free = column + 4
    legend = "    less " + " ".join(shades[1:]) + " more"
    return "\n".join(["".join(header).rstrip()] + rows + [legend])


def retention_table(stats: Stats) -> str:
    """Retention by interval band, one line per band."""
    lines = ["interval     reviews  recalled  retention"]
    for band in stats.bands:
        rate = "   -" if band.retention is None else f"{band.retention:6.1%}"
        lines.append(f"{band.label:<12} {band.reviews:>7}  {band.recalled:>8}  {rate:>9}")
    return "\n".join(lines)


def minutes(seconds: float) -> str:
    """A duration as '3 min' or '2 h 05 min'."""
    total = round(seconds / 60)
    return f"{total} min" if total < 60 else f"{total // 60} h {total % 60:02d} min"


def summary_text(stats: Stats) -> str:
    """Deck size, due now, streak and time spent, in a few lines."""
    return (f"{stats.cards} cards: {stats.learned} learned, {stats.new} new, {stats.suspended} suspended "
            f"({stats.leeches} leech{'es' if stats.leeches != 1 else ''}) · due now: {stats.due_now}\n"
            f"streak: {stats.streak} day{'s' if stats.streak != 1 else ''} · today: {stats.reviews_today} reviews "
            f"in {minutes(stats.seconds_today)} · this week: {minutes(stats.seconds_week)}\n"
            f"all time: {stats.reviews_total} reviews in {minutes(stats.seconds_total)}")


def full_report(stats: Stats) -> str:
    """Everything, as `tutor stats` prints it."""
    return "\n\n".join([
        summary_text(stats),
        "Due in the next 30 days\n" + forecast_chart(stats),
        "Reviews, last 26 weeks\n" + heatmap(stats.heatmap, stats.today),
        "Retention by interval\n" + retention_table(stats),
    ])
