"""The review screen: one card at a time; reveal, grade, see what each grade would give, undo.

Keys: Space or Enter shows the answer; the top-row digits 0-5 give an SM-2 grade; a, h, g, e
give Again, Hard, Good, Easy (SM-2 1, 3, 4, 5, shown on screen). The two key maps never
collide, so neither needs a mode switch. u undoes the last grade of this session. For a
derivation or kata card, o opens the problem or task; its result suggests a grade, which is
highlighted and can be overridden. The work happens in tutor.srs.session.ReviewSession; this
screen only draws it.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tutor.clock import as_utc
from tutor.srs.session import BUTTONS, ReviewSession
from tutor.srs.settings import SrsSettings
from tutor.srs.sm2 import GRADE_MEANINGS
from tutor.srs.suggest import suggest_grade_from_derivation, suggest_grade_from_kata
from tutor.store.models import utcnow
from tutor.ui.navigation import leave

SHORT_MEANINGS = {0: "blackout", 1: "wrong", 2: "almost", 3: "hard", 4: "good", 5: "easy"}
LETTERS = {"again": "a", "hard": "h", "good": "g", "easy": "e"}


def _grade_bindings() -> list[Binding]:
    bindings = [Binding(str(g), f"grade({g})", f"Grade {g}", show=False, id=f"review.grade{g}",
                        tooltip=f"SM-2 grade {g}: {GRADE_MEANINGS[g]}") for g in range(6)]
    for name, grade in BUTTONS.items():
        bindings.append(Binding(LETTERS[name], f"grade({grade})", name.capitalize(), show=False,
                                id=f"review.{name}", tooltip=f"{name.capitalize()} = SM-2 grade {grade}"))
    return bindings


class ReviewScreen(Screen):
    """Review the cards due today."""

    BINDINGS = [
        Binding("space,enter", "reveal", "Show answer", id="review.reveal", key_display="Space",
                tooltip="Show the answer"),
        *_grade_bindings(),
        Binding("u", "undo", "Undo", id="review.undo", tooltip="Undo the last grade of this session"),
        Binding("o", "open_work", "Open", id="review.open",
                tooltip="Open the derivation or coding task this card asks for; its result suggests a grade"),
        Binding("escape", "back", "Back", id="review.back", tooltip="Leave the reviews"),
    ]

    DEFAULT_CSS = """
    ReviewScreen #review-progress { height: 1; background: $boost; padding: 0 1; }
    ReviewScreen #review-card { height: 1fr; border: round $primary; padding: 0 1; margin: 0 1; }
    ReviewScreen #review-front { text-style: bold; }
    ReviewScreen #review-back { margin-top: 1; }
    ReviewScreen #review-back.-revealed { border-top: dashed $primary-darken-1; }
    ReviewScreen #review-grades { height: 4; padding: 0 1; }
    ReviewScreen #review-status { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.session: ReviewSession | None = None
        self.revealed = False
        self.suggested: int | None = None
        self.shown_at = time.monotonic()
        self.shown_wall = None
        self.message = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="review-progress")
        with VerticalScroll(id="review-card"):
            yield Static(id="review-front", markup=False)
            yield Static(id="review-back", markup=False)
        yield Static(id="review-grades")
        yield Static(id="review-status")
        yield Footer()

    # Life cycle ---------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.sub_title = "Reviews"
        self.query_one("#review-front", Static).update("Opening your deck…")
        self._open()

    @work(thread=True, exclusive=True, exit_on_error=False, group="review")
    def _open(self) -> None:
        """Open the store (the first screen may be this one) and build the queue, off the UI thread."""
        ctx = self.app.ctx
        session = ReviewSession(ctx.engine, ctx.learner_id, ctx.clock, SrsSettings.from_env())
        session.start()
        self.app.call_from_thread(self._opened, session)

    def _opened(self, session: ReviewSession) -> None:
        self.session = session
        self._new_card()

    def on_screen_resume(self) -> None:
        if self.session is None:
            return
        if self.session.current is not None and self.session.current.kind in ("derivation", "kata"):
            self._suggest_from_store()  # back from the derivation or task screen
            self.redraw()
            return
        if self.session.current is None:
            self.session.start()  # a day finished elsewhere may have added cards
            self._new_card()

    def _new_card(self) -> None:
        self.revealed = False
        self.suggested = None
        self.shown_at = time.monotonic()
        # Attempts and answers are stamped with the real time, so compare with the real time.
        self.shown_wall = utcnow()
        self.redraw()

    # Drawing ------------------------------------------------------------------------------------

    def redraw(self) -> None:
        """Draw progress, the card, the grade choices and the last message."""
        session = self.session
        progress = session.progress()
        line = Text()
        line.append("Reviews", style="bold")
        line.append(f" · {progress.done} done · {progress.left} left")
        if progress.repeats:
            line.append(f" · {progress.repeats} same-day repeat{'s' if progress.repeats != 1 else ''}")
        if session.held_back():
            line.append(f" · {session.held_back()} wait for tomorrow (daily cap)", style="dim")
        self.query_one("#review-progress", Static).update(line)
        self.refresh_bindings()
        card = session.current
        front = self.query_one("#review-front", Static)
        back = self.query_one("#review-back", Static)
        if card is None:
            self.query_one("#review-card").border_title = "done"
            front.update(self._finished_text())
            back.update("")
            self.query_one("#review-grades", Static).update("")
            self.query_one("#review-status", Static).update(self.message)
            return
        reason = {"new": "new", "review": "review", "repeat": "same-day repeat"}[session.current_reason]
        title = f"{card.kind} · {reason}" + (f" · day {card.source_day}" if card.source_day else "")
        if card.state.leech:
            title += " · leech"
        self.query_one("#review-card").border_title = title
        front.update(card.front)
        back.set_class(self.revealed, "-revealed")
        if self.revealed:
            back.update(card.back or "(no answer written: grade how well you recalled it)")
        else:
            hint = "Space or Enter: show the answer"
            if card.kind in ("derivation", "kata"):
                hint += " · o: open the " + ("derivation" if card.kind == "derivation" else "task")
            back.update(Text(hint, style="dim"))
        self.query_one("#review-grades", Static).update(self._grades_text())
        self.query_one("#review-status", Static).update(self.message)

    def _grades_text(self) -> Text:
        text = Text()
        if not self.revealed:
            text.append("\n Grades appear with the answer.", style="dim")
            return text
        labels = self.session.choices()
        for grade in range(6):
            style = "reverse bold" if grade == self.suggested else "bold"
            text.append(f"{grade} {SHORT_MEANINGS[grade]:<9}", style=style)
            text.append("  " if grade < 5 else "\n")
        for grade in range(6):
            text.append(f"{labels.get(grade, ''):<11}", style="dim" if grade < 3 else "")
            text.append("  " if grade < 5 else "\n")
        text.append(" ".join(f"{LETTERS[n]}={n.capitalize()}({g})" for n, g in BUTTONS.items()), style="italic")
        if self.suggested is not None:
            text.append(f"  suggested: {self.suggested}", style="bold")
        return text

    def _finished_text(self) -> Text:
        text = Text()
        text.append("Nothing left to review now.\n\n", style="bold")
        summary = self.session.summary
        if summary is not None:
            if summary.new_waiting and not summary.new_cap_left:
                text.append(f"{summary.new_waiting} new cards wait; today's cap on new cards is reached.\n")
            if self.session.held_back():
                text.append(f"{self.session.held_back()} due cards wait for tomorrow (daily review cap).\n")
        text.append("Finish a day (m on its lesson) to add its cards, or press s for statistics.", style="dim")
        return text

    # Actions ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Grey out what cannot be done now: grading before the answer is shown, and so on."""
        if self.session is None:
            return None if action in ("grade", "reveal", "undo", "open_work") else True
        card = self.session.current
        if action == "grade":
            return True if (card is not None and self.revealed) else None
        if action == "reveal":
            return True if (card is not None and not self.revealed) else None
        if action == "open_work":
            return True if (card is not None and card.kind in ("derivation", "kata") and card.ref) else None
        if action == "undo":
            return True if self.session.history else None
        return True

    def action_reveal(self) -> None:
        """Show the answer and the grade choices."""
        self.revealed = True
        self.redraw()

    def action_grade(self, grade: int) -> None:
        """Save a grade for the current card; the screen says 'saved' only after the commit."""
        duration_ms = int((time.monotonic() - self.shown_at) * 1000)
        result = self.session.grade(grade, duration_ms)
        self.message = result.message
        if not result.saved:
            self.notify(result.message, severity="warning")
        elif result.outcome is not None and result.outcome.became_leech:
            self.notify(result.message, severity="warning", timeout=8)
        if self.session.current is None:
            self.session.start()  # same-day repeats and anything due meanwhile
        self._new_card()

    def action_undo(self) -> None:
        """Undo the last grade of this session and show that card again."""
        self.message = self.session.undo()
        self._new_card()

    def action_open_work(self) -> None:
        """Open the derivation problem or coding task behind this card."""
        card = self.session.current
        if card is None or not card.ref:
            return
        if card.kind == "derivation":
            try:
                from tutor.ui.screens.derivation import DerivationScreen
            except ImportError:
                self.notify("The derivation screen is not available yet; grade yourself.", severity="warning")
                return
            self.app.push_screen(DerivationScreen(card.ref), callback=self._derivation_done)
        elif card.kind == "kata":
            opener = getattr(self.app, "open_task", None)
            if opener is None:
                self.notify("Coding tasks are not available yet; grade yourself.", severity="warning")
                return
            opener(card.ref)

    def _derivation_done(self, result: object) -> None:
        suggestion = suggest_grade_from_derivation(result) if result is not None else None
        if suggestion is not None:
            self.suggested = suggestion
            self.revealed = True
            self.redraw()

    def _suggest_from_store(self) -> None:
        """Suggest a grade from the answers or attempts saved since the card was shown."""
        card = self.session.current
        if card is None or self.shown_wall is None or self.suggested is not None:
            return
        from sqlmodel import select

        from tutor.store.models import QuizAnswer, TaskAttempt

        ctx = self.app.ctx
        with ctx.session() as db:
            if card.kind == "derivation":
                rows = list(db.exec(select(QuizAnswer).where(
                    QuizAnswer.learner_id == ctx.learner_id, QuizAnswer.problem_id == card.ref,
                    QuizAnswer.created_at >= self.shown_wall).order_by(QuizAnswer.id)))
                graded = [r for r in rows if r.verdict in ("correct", "incorrect")]
                if graded:
                    correct = any(r.verdict == "correct" for r in graded)
                    self.suggested = suggest_grade_from_derivation(correct, attempts=len(graded))
            else:
                rows = list(db.exec(select(TaskAttempt).where(
                    TaskAttempt.learner_id == ctx.learner_id, TaskAttempt.task_id == card.ref,
                    TaskAttempt.created_at >= self.shown_wall).order_by(TaskAttempt.id)))
                if rows:
                    passing = next((r for r in rows if r.passed), None)
                    last = passing or rows[-1]
                    seconds = (as_utc(last.created_at) - self.shown_wall).total_seconds()
                    self.suggested = suggest_grade_from_kata(passing is not None, seconds,
                                                             rows.index(last) + 1)
        if self.suggested is not None:
            self.revealed = True

    def action_back(self) -> None:
        """Leave the reviews (grades are already saved)."""
        leave(self)
