"""The task screen at 80x24, driven with Pilot as a learner would."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.app import App

from tests.grading.conftest import SOLUTION
from tutor.context import LearnerContext
from tutor.grading.client import GradingClient
from tutor.store import progress
from tutor.ui.screens.task import TaskScreen

SIZE = (80, 24)
ROOT = Path(__file__).resolve().parents[2]


class Host(App):
    """A small app holding one task screen, with a learner context like the real app's."""

    def __init__(self, ctx: LearnerContext, screen: TaskScreen):
        super().__init__()
        self.ctx = ctx
        self.task_screen = screen

    def on_mount(self) -> None:
        self.push_screen(self.task_screen)


@pytest.fixture(scope="module")
def client():
    worker = GradingClient(load_torch=False)
    yield worker
    worker.close()


@pytest.fixture
def host(client, tmp_path, monkeypatch):
    (tmp_path / "home").mkdir(exist_ok=True)
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TUTOR_DB_URL", f"sqlite:///{tmp_path / 'home' / 'tutor.db'}")
    ctx = LearnerContext.open()
    return Host(ctx, TaskScreen("softmax", client=client))


async def wait_for(pilot, condition, seconds: float = 30.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            break
        await asyncio.sleep(0.05)
    await pilot.pause()
    assert condition()


async def check(pilot, screen: TaskScreen):
    screen.last_result = None
    await pilot.press("ctrl+r")
    await wait_for(pilot, lambda: screen.last_result is not None)
    return screen.last_result


def text_of(widget) -> str:
    return str(widget.render())


async def test_statement_editor_and_a_failing_check(host):
    async with host.run_test(size=SIZE) as pilot:
        screen = host.task_screen
        await pilot.pause()
        assert screen.editor.has_focus
        assert "def softmax(x):" in screen.editor.text and "NotImplementedError" in screen.editor.text
        assert screen.path == Path(os.environ["TUTOR_HOME"]) / "workspace/day-09/softmax.py"
        await wait_for(pilot, lambda: "For example" in screen.query_one("#task-statement")._markdown)
        result = await check(pilot, screen)
        assert result.status == "fail"
        panel = text_of(screen.query_one("#task-result"))
        assert "✗ FAIL" in panel and "NotImplementedError" in panel
        with host.ctx.session() as db:
            assert progress.attempted_tasks(db, host.ctx.learner_id) == {"softmax"}
            assert progress.passed_tasks(db, host.ctx.learner_id) == set()


async def test_a_known_bug_then_a_pass_shows_the_solution(host):
    async with host.run_test(size=SIZE) as pilot:
        screen = host.task_screen
        await pilot.pause()
        screen.editor.load_text("import numpy as np\ndef softmax(x):\n    e = np.exp(x)\n"
                                "    return e / e.sum(axis=-1, keepdims=True)\n")
        result = await check(pilot, screen)
        panel = text_of(screen.query_one("#task-result"))
        assert "Likely bug" in panel and "subtracting the max" in panel
        assert "index (0, 0)" in panel and "expected 0.090030573, got nan" in panel
        assert result.diagnosis.mutant == "no-max-shift"
        screen.editor.load_text(SOLUTION)
        result = await check(pilot, screen)
        assert result.passed
        solution = screen.query_one("#task-solution")._markdown
        assert "The reference solution" in solution and screen.spec.learned in solution
        assert screen.path.read_text() == SOLUTION  # checking saves the file
        with host.ctx.session() as db:
            assert progress.passed_tasks(db, host.ctx.learner_id) == {"softmax"}


async def test_hints_come_one_tier_at_a_time(host):
    async with host.run_test(size=SIZE) as pilot:
        screen = host.task_screen
        await pilot.pause()
        await pilot.press("f2")
        hints = screen.query_one("#task-hints")._markdown
        assert "Hint 1 of 3" in hints and "Hint 2" not in hints
        await pilot.press("f2", "f2", "f2")
        hints = screen.query_one("#task-hints")._markdown
        assert "Hint 3 of 3" in hints and "```python" in hints


async def test_an_edit_in_another_editor_is_noticed(host):
    async with host.run_test(size=SIZE) as pilot:
        screen = host.task_screen
        await pilot.pause()
        await asyncio.sleep(0.01)
        screen.path.write_text(SOLUTION)
        await wait_for(pilot, lambda: screen.editor.text == SOLUTION, seconds=5)


async def test_reset_restores_the_starter_and_keeps_a_backup(host):
    async with host.run_test(size=SIZE) as pilot:
        screen = host.task_screen
        await pilot.pause()
        starter = screen.editor.text
        screen.editor.load_text(SOLUTION)
        await pilot.press("ctrl+s", "f8")
        await pilot.pause()
        assert screen.editor.text == starter == screen.path.read_text()
        backups = list(screen.path.parent.glob("softmax.*.bak.py"))
        assert [b.read_text() for b in backups] == [SOLUTION]


async def test_open_in_editor_suspends_and_reloads(host, tmp_path, monkeypatch):
    script = tmp_path / "fake-editor.sh"
    script.write_text(f"#!/bin/sh\ncat > \"$1\" <<'EOF'\n{SOLUTION}EOF\n")
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.delenv("VISUAL", raising=False)
    suspended = []

    @contextlib.contextmanager
    def suspend():
        suspended.append(True)
        yield

    async with host.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(host, "suspend", suspend)
        screen = host.task_screen
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert suspended == [True]
        assert screen.editor.text.strip() == SOLUTION.strip()


async def test_nothing_redraws_while_idle(host):
    async with host.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await asyncio.sleep(1.5)  # let the statement arrive and the first polls run
        await pilot.pause()
        draws = []
        original = host._display
        host._display = lambda screen, renderable: (draws.append(renderable) if renderable else None,
                                                    original(screen, renderable))
        await asyncio.sleep(2.5)  # two and a half file polls
        assert draws == []


async def test_an_unknown_task_says_so(client):
    app = Host(LearnerContext.open(), TaskScreen("no-such-task", client=client))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "There is no task 'no-such-task'" in text_of(app.task_screen.query_one("#task-result"))
        await pilot.press("escape")


@pytest.mark.slow
def test_the_ui_process_never_imports_torch(tmp_path):
    """Grade a torch task through the screen in a fresh process; torch stays in the worker."""
    script = f"""
import asyncio, sys
sys.path.insert(0, {str(ROOT)!r})
from tests.grading.test_task_screen import Host, wait_for
from tutor.context import LearnerContext
from tutor.ui.screens.task import TaskScreen

async def main():
    screen = TaskScreen("torch-softmax")
    app = Host(LearnerContext.open(), screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen.editor.load_text(open({str(ROOT / 'lessons/day-29/tasks/torch-softmax/solution.py')!r}).read())
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.last_result is not None, seconds=240)
        print("PASSED" if screen.last_result.passed else screen.last_result.message)
    screen.client.close()
    print("TORCH" if "torch" in sys.modules else "NO-TORCH")

asyncio.run(main())
"""
    env = dict(os.environ, TUTOR_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    env.pop("TUTOR_DB_URL", None)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert run.stdout.split() == ["PASSED", "NO-TORCH"], run.stdout + run.stderr[-3000:]
