"""A drill session: start or resume a drill, submit, record the pass, run the speed round, give up.

The drill screen is a thin view of this object, so what a learner notices (the clock, the
penalty, what is saved, what the review card gets) is tested here without a terminal.
Grading goes through a ``grader`` with ``check(task_id, source) -> Result`` and
``bench(task_id, source) -> SpeedResult``: the drill worker in the app (``DrillClient``), a
stand-in in tests. Every time comes from the learner context's clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from tutor.drills import active, records
from tutor.drills.catalogue import Drill
from tutor.drills.reviews import Fed, feed_review
from tutor.drills.scoring import DrillRun
from tutor.drills.speed import SpeedResult
from tutor.grading.result import Result


class Grader(Protocol):
    """What a drill needs from the grading side."""

    def check(self, task_id: str, source: str) -> Result: ...

    def bench(self, task_id: str, source: str) -> SpeedResult: ...


@dataclass(frozen=True)
class Submission:
    """The verdict on one submission and what it did to the drill."""

    result: Result
    passed: bool
    parsed: bool
    penalty_added: float
    result_id: int | None = None  # the recorded pass
    personal_best: bool = False
    rank: int | None = None  # on the leaderboard, after this pass
    review: Fed | None = None


def syntax_problem(source: str) -> str | None:
    """Why ``source`` does not compile (``line 3: ...``), or None if it does.

    Compiling (not only parsing) also catches ``return`` outside a function and the like.
    """
    try:
        compile(source, "solution.py", "exec", dont_inherit=True)  # compiles only; nothing runs here
    except SyntaxError as error:
        return f"line {error.lineno}: {type(error).__name__}: {error.msg}"
    except ValueError as error:  # a NUL byte in the source
        return f"ValueError: {error}"
    return None


class DrillSession:
    """One learner writing one drill."""

    def __init__(self, ctx, drill: Drill, grader: Grader, run: DrillRun, resumed: bool = False):
        self.ctx = ctx
        self.resumed = resumed  # True when the run began before this session (after a disconnect)
        self.drill = drill
        self.grader = grader
        self.run = run
        self.last: Submission | None = None
        self.speed: SpeedResult | None = None

    @classmethod
    def begin(cls, ctx, drill: Drill, grader: Grader, resume: bool = True) -> DrillSession:
        """Resume the learner's unfinished run of ``drill`` (its clock kept counting), or start one now."""
        now = ctx.clock.now()
        run = active.load_run(ctx.learner_name, now) if resume else None
        resumed = run is not None and run.drill == drill.id
        if not resumed:
            run = DrillRun(drill=drill.id, started_at=now, target_seconds=drill.target_seconds,
                           code=drill.blank_starter())
        session = cls(ctx, drill, grader, run, resumed)
        active.save_run(ctx.learner_name, run)
        return session

    def save_draft(self, code: str) -> None:
        """Keep the current draft, so the drill can be resumed if the app closes."""
        if self.run.finished:
            return
        self.run.code = code
        active.save_run(self.ctx.learner_name, self.run)

    def submit(self, code: str) -> Submission:
        """Grade ``code``; a fail adds the penalty, a pass stops the clock and is recorded."""
        when = self.ctx.clock.now()  # the time of the submission, not of the verdict
        self.run.code = code
        problem = syntax_problem(code)
        if problem is not None:
            result = Result(task=self.drill.id, passed=False, score=0.0, status="error", message=problem)
        else:
            result = self.grader.check(self.drill.id, code)
        before = self.run.penalty_seconds
        self.run.submitted(result.passed, problem is None, when)
        submission = Submission(result, result.passed, problem is None, self.run.penalty_seconds - before)
        if result.passed:
            submission = self._record(submission, when)
        else:
            active.save_run(self.ctx.learner_name, self.run)
        self.last = submission
        return submission

    def _record(self, submission: Submission, when) -> Submission:
        ctx = self.ctx
        with ctx.session() as db:
            result_id = records.record_pass(db, ctx.learner_id, self.run, when)
            best = records.is_personal_best(db, ctx.learner_id, result_id)
            board = records.leaderboard(db, self.drill.id, limit=10_000)
        self.run.result_id = result_id
        active.clear_run(ctx.learner_name)
        rank = next((r for r, entry, _ in board if entry.learner == ctx.learner_name), None)
        fed = feed_review(ctx.engine, ctx.learner_id, self.drill.id, when, passed=True,
                          seconds=self.run.elapsed(when), attempts=self.run.attempts,
                          target_seconds=self.run.target_seconds)
        return Submission(submission.result, True, True, submission.penalty_added, result_id, best, rank, fed)

    def speed_round(self) -> SpeedResult:
        """Time the passing code against the reference; the speedup is saved with the pass."""
        if self.run.passed_at is None:
            raise RuntimeError("the speed round comes after a pass")
        speed = self.grader.bench(self.drill.id, self.run.code)
        self.speed = speed
        if speed.ok and speed.speedup is not None and self.run.result_id is not None:
            with self.ctx.session() as db:
                records.set_speedup(db, self.run.result_id, speed.speedup)
        return speed

    def give_up(self) -> tuple[str, Fed]:
        """Stop the clock without a pass: returns the reference solution and what the review card got."""
        now = self.ctx.clock.now()
        self.run.give_up(now)
        active.clear_run(self.ctx.learner_name)
        fed = feed_review(self.ctx.engine, self.ctx.learner_id, self.drill.id, now, passed=False,
                          seconds=self.run.elapsed(now), attempts=max(1, self.run.attempts),
                          target_seconds=self.run.target_seconds)
        solution = self.drill.folder / self.drill.solution
        text = solution.read_text(encoding="utf-8") if solution.is_file() else "(this task has no solution file)"
        return text, fed
