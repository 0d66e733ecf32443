"""A derivation quiz: read the problem, type a gradient, see how it was read, get feedback.

The preview is computed as the learner types (a whitelist parse and tiny float arrays, no
SymPy). Enter sends the answer to the sandboxed checker process from a worker thread, so the
screen never blocks; the verdict is saved with the answer when the app has a learner store.
"""

from __future__ import annotations

import atexit
import threading

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import Worker, WorkerState

from tutor.derive.bank import load_bank
from tutor.derive.feedback import Verdict
from tutor.derive.preview import CONVENTION, names_table, preview
from tutor.derive.sandbox import Checker

_CHECKER: Checker | None = None
_CHECKER_LOCK = threading.Lock()


def shared_checker() -> Checker:
    """One checker process for the whole app, started on first use and stopped at exit."""
    global _CHECKER
    with _CHECKER_LOCK:
        if _CHECKER is None:
            _CHECKER = Checker()
            atexit.register(_CHECKER.close)
        return _CHECKER


_MARKS = {"correct": ("✓ ", "bold green"), "incorrect": ("✗ ", "bold red"),
          "invalid": ("? ", "bold yellow"), "error": ("! ", "bold magenta")}


def reflow(statement: str) -> str:
    """Join a statement's wrapped prose lines; keep indented lines (display math) as they are."""
    out: list[str] = []
    for line in statement.splitlines():
        if out and line and not line[0].isspace() and out[-1] and not out[-1][0].isspace():
            out[-1] += " " + line
        else:
            out.append(line)
    return "\n".join(out)


class DerivationScreen(Screen):
    """One derivation problem: statement, answer line with live preview, hints, worked solution."""

    DEFAULT_CSS = """
    DerivationScreen #derive-body { height: 1fr; padding: 0 1; }
    DerivationScreen #derive-statement { margin-bottom: 1; }
    DerivationScreen #derive-names { color: $text-muted; }
    DerivationScreen #derive-convention { color: $text-muted; margin-bottom: 1; }
    DerivationScreen #derive-hints, DerivationScreen #derive-worked { margin-top: 1; }
    DerivationScreen #derive-result { height: auto; max-height: 5; padding: 0 1; }
    DerivationScreen #derive-preview { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    DerivationScreen #derive-answer { margin: 0 1; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="derivation.back", tooltip="Back to where you came from"),
        # h and w work away from the answer line (Tab leaves it); F2 and F3 work while typing.
        Binding("h", "hint", "Hint", show=False, id="derivation.hint", tooltip="Show the next hint, one tier at a time"),
        Binding("f2", "hint", "Hint", id="derivation.hint_typing", tooltip="Show the next hint (also h)"),
        Binding("w", "worked", "Worked", show=False, id="derivation.worked", tooltip="Show the worked derivation"),
        Binding("f3", "worked", "Worked", id="derivation.worked_typing", tooltip="Show the worked derivation (also w)"),
        Binding("i", "focus_answer", "Answer", show=False, id="derivation.answer", tooltip="Back to the answer line"),
    ]

    def __init__(self, problem_id: str, checker: Checker | None = None) -> None:
        super().__init__()
        self.problem_id = problem_id
        self.problem = load_bank().get(problem_id)
        self._checker = checker
        self.hints_shown = 0
        self.worked_shown = False
        self.solved = False

    @property
    def checker(self) -> Checker:
        """The checker process this screen sends answers to."""
        if self._checker is None:
            self._checker = shared_checker()
        return self._checker

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="derive-body"):
            yield Static(id="derive-statement")
            yield Static(id="derive-names")
            yield Static(CONVENTION, id="derive-convention")
            yield Static(id="derive-hints")
            yield Static(id="derive-worked")
        yield Static(id="derive-result")
        yield Static(id="derive-preview")
        answer = Input(placeholder="your answer, then Enter (F2 hint · F3 worked · Tab to scroll · Esc back)",
                       id="derive-answer")
        answer.cursor_blink = False  # a blinking cursor sends ~1.7 KB/s to an idle SSH terminal
        yield answer
        yield Footer()

    def on_mount(self) -> None:
        self.title = "tutor"
        statement = self.query_one("#derive-statement", Static)
        if self.problem is None:
            self.sub_title = "Derivation"
            statement.update(Text(f"There is no derivation problem {self.problem_id!r}. "
                                  "Press Escape to go back.", style="bold red"))
            self.query_one(Input).disabled = True
            return
        p = self.problem
        self.sub_title = f"Day {p.day} · derivation"
        text = Text()
        text.append(p.title + "\n", style="bold")
        text.append(reflow(p.statement))
        if "Find" not in p.statement and "find" not in p.statement:
            text.append(f"\nFind {p.target_label}.", style="bold")
        statement.update(text)
        self.query_one("#derive-names", Static).update("Names: " + " · ".join(names_table(p)))
        self._show_preview("")
        self.query_one(Input).focus()
        # Compile the key now, in the background, so the first check is quick.
        self._warm()

    @work(thread=True, exclusive=False, exit_on_error=False, group="derivation-warm")
    def _warm(self) -> None:
        self.checker.warm(self.problem_id)

    # Preview and checking -------------------------------------------------------------------

    @on(Input.Changed, "#derive-answer")
    def _typed(self, event: Input.Changed) -> None:
        self._show_preview(event.value)

    def _show_preview(self, value: str) -> None:
        widget = self.query_one("#derive-preview", Static)
        if self.problem is None:
            return
        if not value.strip():
            widget.update("Type your answer; the line above shows how it was read.")
            return
        pv = preview(self.problem, value)
        if pv.ok:
            line = Text("read as: ")
            line.append(pv.pretty, style="bold")
            line.append(f"   → {pv.shape}")
            if pv.names:
                line.append("   (" + ", ".join(pv.names) + ")", style="dim")
            widget.update(line)
        else:
            read = f"read as: {pv.pretty} · " if pv.pretty else ""
            widget.update(Text(read + pv.message, style="yellow"))

    @on(Input.Submitted, "#derive-answer")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if self.problem is None or not text:
            return
        self.query_one("#derive-result", Static).update(Text("checking…", style="dim"))
        self.check(text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="derivation-check")
    def check(self, text: str) -> tuple[str, Verdict]:
        """Check ``text`` in the checker process and save it; runs off the UI thread."""
        verdict = self.checker.check(self.problem_id, text)
        self._save(text, verdict)
        return text, verdict

    def _save(self, text: str, verdict: Verdict) -> None:
        """Record the answer and its verdict for the learner, when the app has a store."""
        ctx = getattr(self.app, "ctx", None)
        if ctx is None or verdict.verdict == "error":
            return
        from tutor.store import progress

        ctx.connect()
        with ctx.session() as db:
            progress.record_quiz_answer(db, ctx.learner_id, self.problem_id, text, verdict.verdict, verdict.message)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "derivation-check":
            return
        result = self.query_one("#derive-result", Static)
        if event.state == WorkerState.SUCCESS:
            _text, verdict = event.worker.result
            self._show_verdict(verdict)
        elif event.state == WorkerState.ERROR:
            result.update(Text(f"! The check failed: {event.worker.error}", style="bold magenta"))

    def _show_verdict(self, verdict: Verdict) -> None:
        mark, style = _MARKS.get(verdict.verdict, ("", ""))
        line = Text(mark, style=style)
        line.append(verdict.message[:1].upper() + verdict.message[1:])
        if verdict.correct and verdict.confirmed == "symbolic":
            line.append("  (SymPy confirms it symbolically.)", style="dim")
        self.query_one("#derive-result", Static).update(line)
        if verdict.correct and not self.solved:
            self.solved = True
            self.action_worked()
            self.query_one("#derive-body").focus()

    # Hints, worked derivation, navigation -------------------------------------------------------

    def action_hint(self) -> None:
        """Reveal the next hint tier."""
        if self.problem is None:
            return
        hints = self.problem.hints
        if self.hints_shown >= len(hints):
            self.notify("No more hints: press w for the worked derivation.", timeout=4)
            return
        self.hints_shown += 1
        text = Text()
        for i, hint in enumerate(hints[:self.hints_shown], start=1):
            text.append(f"Hint {i}/{len(hints)}: ", style="bold")
            text.append(hint + "\n")
        self.query_one("#derive-hints", Static).update(text)
        self.query_one("#derive-body", VerticalScroll).scroll_end(animate=False)

    def action_worked(self) -> None:
        """Show the worked derivation."""
        if self.problem is None:
            return
        self.worked_shown = True
        text = Text("Worked derivation\n", style="bold")
        text.append(self.problem.worked)
        text.append("\nAccepted, for example: " + "   ".join(self.problem.accept[:3]), style="dim")
        self.query_one("#derive-worked", Static).update(text)
        self.query_one("#derive-body", VerticalScroll).scroll_end(animate=False)

    def action_focus_answer(self) -> None:
        self.query_one(Input).focus()

    def action_back(self) -> None:
        self.app.pop_screen()
