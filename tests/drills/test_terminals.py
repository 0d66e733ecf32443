"""Plainer terminals and NO_COLOR, on a real pty: the colours the app sends follow what the terminal says."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from tests.drills.ptyterm import PtyApp

ROOT = Path(__file__).resolve().parents[2]
SGR = re.compile(rb"\x1b\[([0-9;]*)m")
pytestmark = pytest.mark.slow


def drill_list_output(tmp_path, **env_vars: str) -> bytes:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLORTERM")}
    env.update(TUTOR_HOME=str(tmp_path / "home"), **env_vars)
    app = PtyApp([sys.executable, "-m", "tutor", "drill"], env, cwd=str(ROOT))
    try:
        assert app.wait_for(b"Enter starts", timeout=90)
        app.wait_quiet(1.0, timeout=20)
        return app.output()
    finally:
        app.close()


def colours(output: bytes) -> list[tuple[str, tuple[int, ...]]]:
    """Every colour in the output's SGR sequences: ('256', (n,)), ('rgb', (r, g, b)) or ('16', (code,))."""
    found = []
    for match in SGR.finditer(output):
        parts = [int(p) for p in match.group(1).split(b";") if p]
        i = 0
        while i < len(parts):
            if parts[i] in (38, 48) and i + 1 < len(parts) and parts[i + 1] == 5:
                found.append(("256", (parts[i + 2],)))
                i += 3
            elif parts[i] in (38, 48) and i + 1 < len(parts) and parts[i + 1] == 2:
                found.append(("rgb", tuple(parts[i + 2:i + 5])))
                i += 5
            else:
                if 30 <= parts[i] <= 37 or 40 <= parts[i] <= 47 or 90 <= parts[i] <= 107:
                    found.append(("16", (parts[i],)))
                i += 1
    return found


def grey(kind: str, value: tuple[int, ...]) -> bool:
    if kind == "256":
        return value[0] >= 232 or value[0] in (0, 7, 8, 15, 16, 231)
    if kind == "rgb":
        return len(set(value)) == 1
    return value[0] in (30, 37, 40, 47, 90, 97, 100, 107)


def test_no_color_leaves_only_greys_and_the_text_is_all_there(tmp_path):
    output = drill_list_output(tmp_path, TERM="xterm-256color", NO_COLOR="1")
    found = colours(output)
    assert found and all(grey(kind, value) for kind, value in found)
    assert b"softmax" in output and b"Leaderboard" in output


def test_a_16_colour_terminal_gets_only_the_16_colours(tmp_path):
    found = colours(drill_list_output(tmp_path, TERM="xterm"))
    assert found and {kind for kind, _ in found} == {"16"}
