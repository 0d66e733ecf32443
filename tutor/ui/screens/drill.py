"""Timed drills: pick a kernel, write it from a blank file against the countdown, submit, race the reference.

Three panes in one screen: the picker (every drill, your best, which ones the reviews say are
due, and the leaderboard of the highlighted one), the editor (while a drill runs), and the
verdict under it. The work lives in ``tutor.drills.session.DrillSession``; this screen draws it.

Quiet terminal: the editor's cursor does not blink, and nothing moves while no drill runs,
so an idle screen sends no bytes (over SSH too). While a drill runs, the countdown changes
once a second (F2 switches it to whole minutes, which change once a minute).
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    ContentSwitcher,
    Footer,
    Header,
    OptionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from tutor.drills import active, records
from tutor.drills.catalogue import Drill, drill_catalogue, find_drill
from tutor.drills.scoring import PENALTY_SECONDS, clock_text, countdown_text
from tutor.drills.speed import speedup_text
from tutor.ui.glyphs import glyphs
from tutor.ui.navigation import leave
from tutor.ui.widgets.code_editor import CodeEditor

DRAFT_SAVE_S = 2.0  # the draft is saved this long after the last keystroke


def _score_text(seconds: float, penalty: float) -> str:
    return clock_text(seconds + penalty) + (f" (incl. +{penalty:.0f} s)" if penalty else "")


class DrillScreen(Screen):
    """Timed drills: re-implement a kernel from memory against the clock."""

    BINDINGS = [
        Binding("ctrl+r,f5", "submit", "Submit", id="drill.submit", key_display="^r",
                tooltip="Grade your code now; a failed submission adds a penalty"),
        Binding("ctrl+g", "give_up", "Give up", id="drill.give_up", key_display="^g",
                tooltip="Stop the clock and see the solution (your review card gets a 1)"),
        Binding("f2", "toggle_seconds", "Timer s/min", id="drill.timer",
                tooltip="Show the countdown in seconds or whole minutes (changes once a minute)"),
        Binding("n", "start_due", "Due drill", id="drill.due",
                tooltip="Start the drill your reviews say is due"),
        Binding("a", "again", "Again", id="drill.again", tooltip="Start this drill again"),
        Binding("escape", "back", "Back", id="drill.back",
                tooltip="Back to the list (a running drill keeps its clock), or to the calendar"),
    ]

    DEFAULT_CSS = """
    DrillScreen #drill-bar { height: 1; background: $boost; }
    DrillScreen #drill-clock { width: 16; padding: 0 1; text-style: bold; }
    DrillScreen #drill-status { width: 1fr; padding: 0 1; }
    DrillScreen #drill-panes { height: 1fr; }
    DrillScreen #drill-picker { layout: vertical; }
    DrillScreen #drill-list { height: 1fr; border: none; }
    DrillScreen #drill-board { height: 9; border-top: solid $primary-lighten-2; padding: 0 1; }
    DrillScreen.-wide #drill-picker { layout: horizontal; }
    DrillScreen.-wide #drill-board { height: 1fr; width: 46; border-top: none;
                                     border-left: solid $primary-lighten-2; }
    DrillScreen #drill-editor { height: 1fr; border: none; }
    DrillScreen #drill-verdict-box { height: 7; border-top: solid $primary-lighten-2; padding: 0 1; }
    """

    def __init__(self, kernel: str | None = None, grader=None) -> None:
        super().__init__()
        self.kernel = kernel
        self.drills: list[Drill] = []
        self.session = None  # the DrillSession being written, or None in the picker
        self.seconds = True
        self._grader = grader  # a stand-in in tests; the drill worker otherwise
        self._client = None
        self._due: list[str] = []
        self._bests: dict = {}
        self._status = ""
        self._clock = ""
        self._ticker = None
        self._draft_timer = None
        self._busy = False
        self._passed_text = Text()
        self._draft: str | None = None  # the editor's text, kept for saving (also after unmount)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="drill-bar"):
            # The clock has its own fixed-width cell: its once-a-second change redraws 16 cells,
            # not the whole line.
            yield Static(id="drill-clock", markup=False)
            yield Static(id="drill-status", markup=False)
        with ContentSwitcher(initial="drill-picker", id="drill-panes"):
            with Horizontal(id="drill-picker"):
                yield OptionList(id="drill-list")
                yield Static(id="drill-board", markup=False)
            with Vertical(id="drill-run"):
                editor = CodeEditor.code_editor("", language="python", id="drill-editor")
                editor.cursor_blink = False  # a blinking cursor is two redraws a second, forever
                yield editor
                with VerticalScroll(id="drill-verdict-box"):
                    yield Static(id="drill-verdict", markup=False)
        yield Footer()

    # Life cycle ---------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.sub_title = "Drills"
        ctx = self.app.ctx
        self.drills = drill_catalogue(ctx.curriculum)
        self._ticker = self.set_interval(1.0, self._tick, pause=True)
        self.refresh_picker()
        wanted = self.kernel
        pending = active.load_run(ctx.learner_name, ctx.clock.now())
        if wanted is None and pending is not None:
            wanted = pending.drill  # resume the drill that was running when the app closed
        if wanted:
            drill = find_drill(self.drills, wanted)
            if drill is None:
                self.notify(f"No drill called {wanted!r}; pick one from the list.", severity="warning")
            else:
                self.start(drill)

    def on_unmount(self) -> None:
        self._save_draft()
        if self._client is not None:
            self._client.close()

    def on_screen_suspend(self) -> None:
        self._ticker.pause()  # another mode is on screen: the clock keeps counting, unseen
        self._save_draft()

    def on_screen_resume(self) -> None:
        if self.session is None:
            self.refresh_picker()
        elif not self.session.run.finished:
            self._ticker.resume()
            self._tick()

    # The picker ---------------------------------------------------------------------------------

    def refresh_picker(self) -> None:
        """Fill the list: each drill with its day, countdown, your best, and a mark when due."""
        ctx = self.app.ctx
        from tutor.drills.reviews import due_drills

        with ctx.session() as db:
            self._bests = records.personal_bests(db, ctx.learner_id)
            self._due = due_drills(db, ctx.learner_id, ctx.clock.now())
        mark = glyphs()["due"]
        listing = self.query_one("#drill-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        width = max((len(d.id) for d in self.drills), default=10)
        for drill in self.drills:
            best = self._bests.get(drill.id)
            best_text = _score_text(best.best.seconds, best.best.penalty_seconds) if best else "–"
            due = mark if drill.id in self._due else " "
            line = Text(f"{due} day {drill.day:2d}  {drill.id:<{width}}  {clock_text(drill.target_seconds):>5}"
                        f"  best {best_text}")
            listing.add_option(Option(line, id=drill.id))
        if self.drills:
            first_due = next((i for i, d in enumerate(self.drills) if d.id in self._due), 0)
            listing.highlighted = highlighted if highlighted is not None else first_due
        due_count = sum(1 for d in self.drills if d.id in self._due)
        self._set_status(f"{len(self.drills)} drills · {due_count} due in your reviews ({mark}) · "
                         "Enter starts · n starts the due one")
        self._show_board()

    def _highlighted_drill(self) -> Drill | None:
        listing = self.query_one("#drill-list", OptionList)
        if listing.highlighted is None or not self.drills:
            return None
        return self.drills[listing.highlighted]

    @on(OptionList.OptionHighlighted, "#drill-list")
    def _show_board(self, _event=None) -> None:
        drill = self._highlighted_drill()
        board = self.query_one("#drill-board", Static)
        if drill is None:
            board.update("No drills yet: drills come from the coding tasks in the lessons.")
            return
        ctx = self.app.ctx
        with ctx.session() as db:
            table = records.leaderboard(db, drill.id, limit=5)
            mine = records.history(db, ctx.learner_id, drill.id, limit=3)
        text = Text()
        text.append(f"{drill.title}\n", style="bold")
        text.append(f"day {drill.day} · {drill.kind} · countdown {clock_text(drill.target_seconds)} · "
                    f"+{PENALTY_SECONDS:.0f} s per failed submission\n")
        text.append("Leaderboard\n", style="bold")
        if not table:
            text.append("  nobody has passed it yet\n")
        for rank, entry, speed in table:
            text.append(f"  {rank}. {entry.learner[:14]:<14} {_score_text(entry.seconds, entry.penalty_seconds)}"
                        f"  {speedup_text(speed)}\n")
        if mine:
            text.append("Your last runs: " + ", ".join(_score_text(e.seconds, e.penalty_seconds) for e in mine))
        board.update(text)

    @on(OptionList.OptionSelected, "#drill-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        drill = find_drill(self.drills, str(event.option.id))
        if drill is not None:
            self.start(drill)

    # Running a drill ----------------------------------------------------------------------------

    def grader(self, drill: Drill):
        """The drill worker (started on demand; with torch only for torch drills)."""
        if self._grader is not None:
            return self._grader
        from tutor.drills.client import DrillClient

        wants_torch = drill.framework == "torch"
        if self._client is None or self._client.load_torch != wants_torch:
            if self._client is not None:
                self._client.close()
            self._client = DrillClient(load_torch=wants_torch)
        return self._client

    def start(self, drill: Drill, resume: bool = True) -> None:
        """Open ``drill`` in the editor: resumed if it was running, else from a blank file now."""
        from tutor.drills.session import DrillSession

        ctx = self.app.ctx
        pending = active.load_run(ctx.learner_name, ctx.clock.now())
        if resume and pending is not None and pending.drill != drill.id:
            self.notify(f"{pending.drill} was left unfinished; its time is not recorded.")
        self.session = DrillSession.begin(self.app.ctx, drill, self.grader(drill), resume=resume)
        editor = self.query_one("#drill-editor", TextArea)
        editor.read_only = False
        editor.load_text(self.session.run.code)
        self._draft = self.session.run.code
        editor.move_cursor(self._first_body_line(self.session.run.code))
        self.query_one("#drill-panes", ContentSwitcher).current = "drill-run"
        resumed = "Resumed: the clock kept running. " if self.session.resumed else ""
        self._verdict(f"{resumed}Write {drill.entry}() from memory. Ctrl+R submits; "
                      f"each failed submission adds {PENALTY_SECONDS:.0f} s. Esc leaves the editor.")
        editor.focus()
        self.refresh_bindings()
        self._ticker.resume()
        self._tick()
        self._warm_up()

    @staticmethod
    def _first_body_line(code: str) -> tuple[int, int]:
        lines = code.splitlines()
        for index, line in enumerate(lines):
            if "raise NotImplementedError" in line:
                return index, len(line) - len(line.lstrip())
        return 0, 0

    @work(thread=True, exclusive=True, group="drill-warm", exit_on_error=False)
    def _warm_up(self) -> None:
        grader = self.session.grader if self.session else None
        if hasattr(grader, "start"):
            try:
                grader.start()  # the first submission then takes milliseconds, not a second
            except Exception:  # noqa: BLE001 - the submission will say what is wrong
                pass

    def _tick(self) -> None:
        """Redraw the status line if its text changed (once a second, or a minute, while running)."""
        session = self.session
        if session is None:
            self._ticker.pause()
            return
        run, now = session.run, self.app.ctx.clock.now()
        if run.passed_at is not None:
            self._set_clock(f"passed {clock_text(run.elapsed(now))}")
        elif run.gave_up_at is not None:
            self._set_clock("gave up")
        else:
            self._set_clock(countdown_text(run, now, self.seconds))
        parts = [session.drill.id]
        parts.append(f"{run.failed} failed" + (f" (+{run.penalty_seconds:.0f} s)" if run.failed else ""))
        if self._busy:
            parts.append("grading...")
        self._set_status(" · ".join(parts))
        if run.finished:
            self._ticker.pause()

    def _set_status(self, text: str) -> None:
        if text != self._status:  # an unchanged line is not redrawn: no bytes to the terminal
            self._status = text
            self.query_one("#drill-status", Static).update(text)

    def _set_clock(self, text: str) -> None:
        if text != self._clock:
            self._clock = text
            self.query_one("#drill-clock", Static).update(text, layout=False)

    def _verdict(self, text: str | Text) -> None:
        self.query_one("#drill-verdict", Static).update(text)

    @on(TextArea.Changed, "#drill-editor")
    def _edited(self, event: TextArea.Changed) -> None:
        if self.session is None or self.session.run.finished:
            return
        self._draft = event.text_area.text
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_SAVE_S, self._save_draft)

    def _save_draft(self) -> None:
        if self.session is not None and not self.session.run.finished and self._draft is not None:
            self.session.save_draft(self._draft)

    def action_submit(self) -> None:
        """Grade the editor's code (in a worker thread: the screen stays responsive)."""
        if self.session is None or self.session.run.finished or self._busy:
            return
        self._busy = True
        self._tick()
        self._grade(self.query_one("#drill-editor", TextArea).text)

    @work(thread=True, exclusive=True, group="drill-grade", exit_on_error=False)
    def _grade(self, code: str) -> None:
        session = self.session
        try:
            submission = session.submit(code)
        except Exception as error:  # noqa: BLE001 - a broken worker must not end the drill
            self.app.call_from_thread(self._graded, session, None, f"could not grade: {error}")
            return
        self.app.call_from_thread(self._graded, session, submission, "")

    def _graded(self, session, submission, problem: str) -> None:
        self._busy = False
        if session is not self.session:
            return
        self._tick()
        if submission is None:
            self._verdict(problem)
            return
        result = submission.result
        text = Text()
        if not submission.passed:
            if not submission.parsed:
                text.append(f"{result.message}\n(no penalty: the code did not run)\n", style="bold")
            else:
                text.append(f"Not yet: {result.message}. +{submission.penalty_added:.0f} s\n", style="bold")
                failure = result.first_failure()
                if failure is not None and failure.message:
                    text.append(f"{failure.name}: {failure.message}\n")
                if result.diagnosis is not None:
                    text.append(result.diagnosis.message + "\n")
            self._verdict(text)
            return
        run = session.run
        now = self.app.ctx.clock.now()
        text.append(f"Passed in {clock_text(run.elapsed(now))}", style="bold")
        text.append(f" · {run.attempts} attempt{'s' if run.attempts != 1 else ''}"
                    f" · score {_score_text(run.elapsed(now), run.penalty_seconds)}")
        if submission.personal_best:
            text.append(" · personal best!", style="bold")
        if submission.rank is not None:
            text.append(f" · rank {submission.rank}")
        text.append("\n")
        if submission.review is not None:
            text.append(f"Reviews: {submission.review.message}\n")
        self._passed_text = text
        self._verdict(text + Text("Speed round: timing yours against the reference..."))
        self.query_one("#drill-editor", TextArea).read_only = True
        self.refresh_bindings()
        self._race(session)

    @work(thread=True, exclusive=True, group="drill-speed", exit_on_error=False)
    def _race(self, session) -> None:
        try:
            speed = session.speed_round()
            line = speed.summary()
        except Exception as error:  # noqa: BLE001 - the pass is recorded either way
            line = f"speed round: not measured ({error})"
        self.app.call_from_thread(self._raced, session, line)

    def _raced(self, session, line: str) -> None:
        if session is not self.session:
            return
        text = self._passed_text.copy()
        text.append(line + "\n")
        text.append("Correct is what counts; speed is a second score.  a: again · Esc: the list")
        self._verdict(text)

    def action_give_up(self) -> None:
        """Stop the clock, show the solution, and grade the review card 1."""
        if self.session is None or self.session.run.finished:
            return
        solution, fed = self.session.give_up()
        editor = self.query_one("#drill-editor", TextArea)
        editor.load_text(solution)
        editor.read_only = True
        self._tick()
        self.refresh_bindings()
        self._verdict(f"The solution is in the editor. Reviews: {fed.message}.  a: again · Esc: the list")

    def action_toggle_seconds(self) -> None:
        """Seconds or whole minutes on the countdown."""
        self.seconds = not self.seconds
        self._tick()

    def action_start_due(self) -> None:
        """Start the first drill whose review card is due."""
        due = next((d for d in self.drills if d.id in self._due), None)
        if due is None:
            self.notify("No drill is due in your reviews; pick any.")
            return
        self.start(due)

    def action_again(self) -> None:
        """Start the same drill again, from a blank file."""
        if self.session is not None:
            self.start(self.session.drill, resume=False)

    def action_back(self) -> None:
        """From a drill back to the list; from the list back to the calendar."""
        if self.session is not None:
            self._save_draft()
            self.session = None
            self._ticker.pause()
            self._set_clock("")
            self.query_one("#drill-panes", ContentSwitcher).current = "drill-picker"
            self.refresh_picker()
            self.refresh_bindings()
            self.query_one("#drill-list", OptionList).focus()
            return
        leave(self)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # Keys that do nothing in the current pane are hidden, so the footer fits 80 columns.
        running = self.session is not None and not self.session.run.finished
        if action in ("submit", "give_up", "toggle_seconds"):
            return running
        if action == "again":
            return self.session is not None and self.session.run.finished
        if action == "start_due":
            return self.session is None
        return True
