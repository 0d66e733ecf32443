"""A coding task: the statement, the learner's file in an editor, and the checks' results.

The file lives in ``TUTOR_HOME/workspace`` (copied from the starter on first open); the
learner edits it here, or in $EDITOR (the app suspends meanwhile), or in any editor outside
(the file is polled once a second, which draws nothing unless it changed). Checks run in
the grading worker process from a thread worker, so the screen never blocks and this
process never imports torch.
"""

from __future__ import annotations

import atexit
import os
import shlex
import subprocess
import threading
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, Static, TextArea

from tutor.ui.widgets.code_editor import CodeEditor
from textual.worker import Worker, WorkerState

from tutor.grading.client import GradingClient
from tutor.grading.result import Result
from tutor.grading.spec import SpecError, TaskSpec, UnknownTask, day_of, find_task_folder, load_spec
from tutor.grading.statement import PLACEHOLDER
from tutor.grading.workspace import ensure_workspace_file, reset_workspace_file

_CLIENT: GradingClient | None = None
_CLIENT_LOCK = threading.Lock()
MARKS = {"pass": ("✓", "green"), "fail": ("✗", "red"), "error": ("!", "magenta"),
         "timeout": ("⏱", "yellow"), "skipped": ("·", "dim")}
DETAILED_FAILURES = 3


def shared_client() -> GradingClient:
    """One grading worker for the whole app, started on first use and stopped at exit."""
    global _CLIENT
    with _CLIENT_LOCK:
        if _CLIENT is None:
            _CLIENT = GradingClient(load_torch=True)
            atexit.register(_CLIENT.close)
        return _CLIENT


def render_result(result: Result) -> Text:
    """A result as the results panel shows it: verdict, each case, failures in detail, the bug."""
    text = Text()
    if result.passed:
        text.append("✓ PASS", style="bold green")
    else:
        text.append("! ERROR" if result.status == "error" else "✗ FAIL", style="bold red")
    text.append(f"  {result.message} · {result.duration_ms} ms\n")
    detailed = 0
    for case in result.cases:
        mark, style = MARKS.get(case.status, ("?", ""))
        text.append(f"{mark} ", style=style)
        text.append(case.name + "\n", style="dim" if case.status == "skipped" else "")
        if case.status in ("fail", "error", "timeout") and case.message and detailed < DETAILED_FAILURES:
            detailed += 1
            for line in case.message.splitlines():
                text.append(f"    {line}\n")
            if case.note:
                text.append(f"    (this case: {case.note})\n", style="italic")
    if result.diagnosis:
        text.append("Likely bug: ", style="bold yellow")
        text.append(result.diagnosis.message + "\n")
    if result.output.strip():
        text.append("Your code printed:\n", style="bold")
        text.append(result.output.rstrip()[:2000] + "\n", style="dim")
    return text


class TaskScreen(Screen):
    """Write, check and fix one coding task."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    DEFAULT_CSS = """
    TaskScreen #task-body { height: 1fr; layout: vertical; }
    TaskScreen #task-side { height: 7; padding: 0 1; border-bottom: solid $primary-darken-2; }
    TaskScreen #task-main { height: 1fr; }
    TaskScreen #task-editor { height: 1fr; border: none; }
    TaskScreen #task-results { height: 7; padding: 0 1; border-top: solid $primary-darken-2; }
    TaskScreen #task-hints { margin-top: 1; }
    TaskScreen.-wide #task-body { layout: horizontal; }
    TaskScreen.-wide #task-side { width: 2fr; height: 1fr; border-bottom: none; border-right: solid $primary-darken-2; }
    TaskScreen.-wide #task-main { width: 3fr; }
    TaskScreen.-wide #task-results { height: 12; }
    TaskScreen.-statement #task-side { height: 1fr; }
    TaskScreen.-statement #task-main { display: none; }
    """

    BINDINGS = [
        Binding("ctrl+r,f5", "check", "Check", id="task.check", key_display="^r/F5",
                tooltip="Save your file and run the checks"),
        Binding("f2", "hint", "Hint", id="task.hint", key_display="F2", tooltip="Show the next hint, one tier at a time"),
        Binding("f3", "toggle_statement", "Statement", id="task.statement", key_display="F3",
                tooltip="Show the statement full size, or go back to the editor"),
        Binding("f4,ctrl+o", "open_editor", "$EDITOR", id="task.editor", key_display="F4",
                tooltip="Edit the file in your own editor ($VISUAL or $EDITOR)"),
        Binding("f8", "reset", "Reset", id="task.reset", key_display="F8",
                tooltip="Put the starter back; your file is kept next to it as a backup"),
        Binding("ctrl+s", "save", "Save", show=False, id="task.save", tooltip="Save the file"),
        # priority: the editor would otherwise take the first Escape just to release focus.
        Binding("escape", "back", "Back", id="task.back", tooltip="Save and go back", priority=True),
    ]

    def __init__(self, task_id: str, client: GradingClient | None = None) -> None:
        super().__init__()
        self.task_id = task_id
        self._client = client
        self.spec: TaskSpec | None = None
        self.folder: Path | None = None
        self.day = 0
        self.path: Path | None = None
        self.hints_shown = 0
        self.last_result: Result | None = None
        self._saved_text = ""
        self._stamp: int | None = None
        self._problem = ""
        try:
            self.folder = find_task_folder(task_id)
            self.spec = load_spec(self.folder)
            self.day = day_of(self.folder)
        except UnknownTask:
            self._problem = f"There is no task {task_id!r}."
        except SpecError as error:
            self._problem = f"The task {task_id!r} is broken:\n{error}\nRun `tutor validate`."

    @property
    def client(self) -> GradingClient:
        """The grading worker this screen talks to."""
        if self._client is None:
            self._client = shared_client()
        return self._client

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="task-body"):
            with VerticalScroll(id="task-side"):
                yield Markdown(id="task-statement")
                yield Markdown(id="task-hints")
                yield Markdown(id="task-solution")
            with Vertical(id="task-main"):
                # CodeEditor: a TextArea that redraws only the rows a keystroke changes (~0.5 KB
                # per key instead of ~3 KB over SSH).
                editor = CodeEditor(language="python", id="task-editor", show_line_numbers=True,
                                  tab_behavior="indent")
                editor.cursor_blink = False  # a blinking cursor redraws twice a second, over SSH too
                yield editor
                with VerticalScroll(id="task-results"):
                    yield Static(id="task-result")
        yield Footer()

    @property
    def editor(self) -> TextArea:
        """The editor holding the learner's file."""
        return self.query_one("#task-editor", TextArea)

    def on_mount(self) -> None:
        self.title = "tutor"
        result = self.query_one("#task-result", Static)
        if self.spec is None:
            self.sub_title = "Task"
            result.update(Text(self._problem + " Press Escape to go back.", style="bold red"))
            self.editor.disabled = True
            return
        self.sub_title = f"Day {self.day} · {self.spec.title}"
        self.path = ensure_workspace_file(self.spec.id, self.day, self.folder / self.spec.starter)
        self._load_file()
        statement = (self.folder / self.spec.statement).read_text(encoding="utf-8")
        self.query_one("#task-statement", Markdown).update(
            statement.replace(PLACEHOLDER, "*(the example is being computed…)*"))
        result.update(Text(f"Your file: {self.path}\nPress Ctrl+R or F5 to run the checks.", style="dim"))
        self.editor.focus()
        self.set_interval(1.0, self._poll_file)  # draws nothing unless the file changed
        self._fetch_statement()
        self._look_up_passed()

    # The file ------------------------------------------------------------------------------------

    def _load_file(self) -> None:
        text = self.path.read_text(encoding="utf-8")
        self._saved_text = text
        self._stamp = self.path.stat().st_mtime_ns
        self.editor.load_text(text)

    def save(self) -> None:
        """Write the editor's text to the workspace file if it changed."""
        if self.path is None or self.spec is None:
            return
        text = self.editor.text
        if text != self._saved_text:
            self.path.write_text(text, encoding="utf-8")
            self._saved_text = text
        self._stamp = self.path.stat().st_mtime_ns

    def _poll_file(self) -> None:
        """Notice edits made in another editor."""
        try:
            stamp = self.path.stat().st_mtime_ns
        except OSError:
            return
        if stamp == self._stamp:
            return
        self._stamp = stamp
        text = self.path.read_text(encoding="utf-8")
        if text == self._saved_text:
            return
        if self.editor.text == self._saved_text:  # nothing unsaved here: take the new file
            self._saved_text = text
            self.editor.load_text(text)
            self.notify("Reloaded: the file changed on disk.", timeout=3)
        else:
            self._saved_text = text
            self.notify("The file changed on disk while you have unsaved edits here; saving keeps yours.",
                        severity="warning", timeout=6)

    def action_save(self) -> None:
        self.save()
        self.notify("Saved.", timeout=2)

    def action_reset(self) -> None:
        if self.spec is None:
            return
        backup = reset_workspace_file(self.spec.id, self.day, self.folder / self.spec.starter)
        self._load_file()
        kept = f" Your file was kept as {backup.name}." if backup else ""
        self.notify(f"The starter is back.{kept}", timeout=6)

    def action_open_editor(self) -> None:
        if self.spec is None:
            return
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not command:
            self.notify("Set $EDITOR (or $VISUAL) to edit in your own editor.", severity="warning")
            return
        self.save()
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(command), str(self.path)], check=False)
        except Exception as error:  # noqa: BLE001 - SuspendNotSupported, a missing editor...
            self.notify(f"Could not open {command}: {error}", severity="error")
            return
        self._load_file()

    async def action_back(self) -> None:
        self.save()
        self.app.pop_screen()

    def on_unmount(self) -> None:
        try:
            self.save()  # the app may quit straight from here
        except Exception:  # noqa: BLE001 - the widgets may already be gone
            pass

    def action_toggle_statement(self) -> None:
        self.toggle_class("-statement")

    # Hints and the solution --------------------------------------------------------------------

    def action_hint(self) -> None:
        if self.spec is None:
            return
        hints = self.spec.hints
        if self.hints_shown >= len(hints):
            self.notify("That was the last hint. The reference solution appears when your checks pass.")
            return
        self.hints_shown += 1
        parts = []
        for number, hint in enumerate(hints[:self.hints_shown], start=1):
            body = f"```python\n{hint}\n```" if "\n" in hint else hint
            parts.append(f"**Hint {number} of {len(hints)}.** {body}")
        self.query_one("#task-hints", Markdown).update("\n\n".join(parts))
        self.query_one("#task-side").scroll_end(animate=False)

    def show_solution(self) -> None:
        """After a pass: what was learned, and the reference solution."""
        solution = (self.folder / self.spec.solution).read_text(encoding="utf-8")
        self.query_one("#task-solution", Markdown).update(
            f"## Passed\n\n{self.spec.learned}\n\n### The reference solution\n\n```python\n{solution}\n```")

    # Background work ---------------------------------------------------------------------------

    def _run_in_thread(self, function, *args, group: str) -> None:
        self.run_worker(lambda: function(*args), thread=True, exclusive=True, exit_on_error=False, group=group)

    def _fetch_statement(self) -> None:
        self._run_in_thread(self.client.statement, self.task_id, group="task-statement")

    def _look_up_passed(self) -> None:
        ctx = getattr(self.app, "ctx", None)
        if ctx is None:
            return

        def passed_before() -> bool:
            from tutor.store import progress

            ctx.connect()
            with ctx.session() as db:
                return self.task_id in progress.passed_tasks(db, ctx.learner_id)

        self._run_in_thread(passed_before, group="task-passed")

    def action_check(self) -> None:
        if self.spec is None:
            return
        self.save()
        self.query_one("#task-result", Static).update(Text("checking…", style="dim"))
        source = self.editor.text
        self._run_in_thread(self._check, source, group="task-check")

    def _check(self, source: str) -> Result:
        """Grade in the worker process and save the attempt (runs in a thread)."""
        timeout = self.spec.time_limit_s + 120  # the sandbox's own limit is far shorter
        result = self.client.check(self.task_id, source, timeout=timeout)
        ctx = getattr(self.app, "ctx", None)
        if ctx is not None:
            from tutor.grading.attempts import save_attempt

            ctx.connect()
            with ctx.session() as db:
                save_attempt(db, ctx.learner_id, self.day, source, result)
        return result

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        group, state = event.worker.group, event.state
        if state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        if group == "task-statement" and state == WorkerState.SUCCESS:
            self.query_one("#task-statement", Markdown).update(event.worker.result)
        elif group == "task-passed" and state == WorkerState.SUCCESS and event.worker.result:
            self.show_solution()
        elif group == "task-check":
            panel = self.query_one("#task-result", Static)
            if state == WorkerState.ERROR:
                panel.update(Text(f"! The check could not run: {event.worker.error}", style="bold magenta"))
                return
            self.last_result = event.worker.result
            panel.update(render_result(self.last_result))
            self.query_one("#task-results").scroll_home(animate=False)
            if self.last_result.passed:
                self.show_solution()
                self.notify(f"Passed: {self.spec.title}", timeout=4)
