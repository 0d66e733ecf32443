"""A day: its lesson on the left (or top), its work on the right (or bottom), time against budget."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from tutor.curriculum.models import Day
from tutor.store import progress
from tutor.ui.glyphs import glyphs

OUTLINE_NOTE = (
    "> **This lesson is not written yet** (the calendar shows it as *outline*). "
    "Its plan and objectives are below; its tasks and quizzes, if any, are in the work list."
)


def outline_markdown(day: Day) -> str:
    """What an outline day shows: its plan line and objectives."""
    objectives = "\n".join(f"- {o}" for o in day.meta.objectives)
    extra = ""
    if day.meta.extra_topics:
        extra = "\n\n**Also covered here** (from the 21-day track): " + "; ".join(day.meta.extra_topics)
    return f"# Day {day.number}: {day.meta.title}\n\n{OUTLINE_NOTE}\n\n**From the plan:** {day.meta.source}\n\n" \
           f"**Objectives**\n\n{objectives}{extra}\n"


class LessonScreen(Screen):
    """Read a day's lesson and pick its work."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="lesson.back", tooltip="Back to the calendar"),
        Binding("tab", "switch_pane", "Lesson/Work", id="lesson.switch",
                tooltip="Move between the lesson text and the work list"),
        Binding("m", "mark_done", "Finish day", id="lesson.done",
                tooltip="Mark the day done and add its cards to your reviews"),
        Binding("left_square_bracket", "other_day(-1)", "Prev day", id="lesson.prev",
                tooltip="Open the previous day", key_display="["),
        Binding("right_square_bracket", "other_day(1)", "Next day", id="lesson.next",
                tooltip="Open the next day", key_display="]"),
    ]

    def __init__(self, day: Day) -> None:
        super().__init__()
        self.day = day

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="lesson-info")
        with Horizontal(id="lesson-body"):
            with VerticalScroll(id="lesson-scroll"):
                body = outline_markdown(self.day) if self.day.is_outline else self.day.body
                yield Markdown(body, id="lesson-text")
            with Vertical(id="work"):
                yield Static(" Work for today", id="work-title")
                yield OptionList(id="work-list")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Day {self.day.number}"
        self.title = "tutor"
        ctx = self.app.ctx
        with ctx.session() as db:
            progress.mark_day_started(db, ctx.learner_id, self.day.number, ctx.clock.now())
        self.app.begin_study(self.day.number)
        self.refresh_work()
        self.query_one("#lesson-scroll").focus()

    def on_unmount(self) -> None:
        self.app.end_study()

    def on_screen_resume(self) -> None:
        self.refresh_work()

    def refresh_work(self) -> None:
        """Redraw the info line and the work list from the store."""
        ctx = self.app.ctx
        curriculum = ctx.curriculum
        number = self.day.number
        marks = glyphs()
        with ctx.session() as db:
            passed = progress.passed_tasks(db, ctx.learner_id)
            tried = progress.attempted_tasks(db, ctx.learner_id)
            solved = progress.solved_quizzes(db, ctx.learner_id)
            answered = progress.attempted_quizzes(db, ctx.learner_id)
            seconds = progress.seconds_spent(db, ctx.learner_id, number)
            row = progress.day_progress(db, ctx.learner_id).get(number)
        seconds += self.app.pending_study_seconds()
        status = progress.day_status(row, self.day.is_outline)
        info = Text()
        info.append(f" Day {number} · {self.day.meta.title}", style="bold")
        info.append(f"\n Phase {self.day.meta.phase} · week {self.day.meta.week} · {status.value} · "
                    f"{seconds // 60}/{self.day.meta.minutes} min")
        self.query_one("#lesson-info", Static).update(info)

        def mark(done: bool, attempted: bool) -> str:
            return marks["check"] if done else marks["cross"] if attempted else marks["todo"]

        options: list[Option] = []
        for task in curriculum.tasks_of(number):
            options.append(Option(f"{mark(task.id in passed, task.id in tried)} Code: {task.title}",
                                  id=f"task:{task.id}"))
        for quiz in curriculum.quizzes_of(number):
            options.append(Option(f"{mark(quiz.id in solved, quiz.id in answered)} Derive: {quiz.title}",
                                  id=f"quiz:{quiz.id}"))
        cards = len(curriculum.cards_of(number))
        if not options:
            options.append(Option("No graded work for this day yet", id="none", disabled=True))
        verb = "Reopen day" if status is progress.DayStatus.DONE else f"Finish day (adds {cards} cards)"
        options.append(Option(f"{marks['check'] if status is progress.DayStatus.DONE else ' '} {verb}",
                              id="finish"))
        work = self.query_one("#work-list", OptionList)
        highlighted = work.highlighted
        work.clear_options()
        work.add_options(options)
        # Keep the learner's place; start on the first item so Enter always opens something.
        work.highlighted = highlighted if highlighted is not None and highlighted < len(options) else 0

    @on(OptionList.OptionSelected, "#work-list")
    def _open_work(self, event: OptionList.OptionSelected) -> None:
        kind, _, ident = (event.option.id or "").partition(":")
        if kind == "task":
            self.app.open_task(ident)
        elif kind == "quiz":
            self.app.open_quiz(ident)
        elif kind == "finish":
            self.action_mark_done()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_switch_pane(self) -> None:
        work = self.query_one("#work-list", OptionList)
        if work.has_focus:
            self.query_one("#lesson-scroll").focus()
            return
        if work.highlighted is None and work.option_count:
            work.highlighted = 0  # so Enter opens something at once
        work.focus()

    def action_mark_done(self) -> None:
        """Finish the day (its cards join the reviews), or reopen it if it was done."""
        ctx = self.app.ctx
        number = self.day.number
        with ctx.session() as db:
            row = progress.day_progress(db, ctx.learner_id).get(number)
            if row is not None and row.completed_at is not None:
                progress.reopen_day(db, ctx.learner_id, number)
                self.notify(f"Day {number} reopened.")
            else:
                progress.mark_day_done(db, ctx.learner_id, number, ctx.clock.now())
                added = self.app.add_day_cards(db, number)
                self.notify(f"Day {number} done. {added} card{'s' if added != 1 else ''} added to your reviews.")
        self.refresh_work()

    def action_other_day(self, delta: int) -> None:
        target = self.day.number + delta
        if 1 <= target <= 84:
            self.app.pop_screen()
            self.app.open_day(target)
