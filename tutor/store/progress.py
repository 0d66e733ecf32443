"""Reading and writing a learner's progress: days, time, attempts, answers, streaks.

Functions take a Session and commit their own writes, so a grade or an attempt shown as
saved is on disk.
"""

from __future__ import annotations

import getpass
import os
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from tutor.clock import as_utc, learner_date, streak  # noqa: F401  (streak re-exported)
from tutor.daystatus import DayStatus, status_of
from tutor.store.models import (
    DayProgress,
    Learner,
    QuizAnswer,
    ReviewLog,
    StudyTime,
    TaskAttempt,
    utcnow,
)


def learner_name() -> str:
    """Who is learning: ``TUTOR_LEARNER``, else the login name (one learner per SSH user)."""
    return os.environ.get("TUTOR_LEARNER") or getpass.getuser()


def get_or_create_learner(session: Session, name: str, today: date) -> Learner:
    """Return the learner called ``name``, creating them with day 1 on ``today``."""
    learner = session.exec(select(Learner).where(Learner.name == name)).first()
    if learner is None:
        learner = Learner(name=name, started_on=today)
        session.add(learner)
        session.commit()
        session.refresh(learner)
    return learner


def set_track(session: Session, learner: Learner, track: str) -> None:
    """Remember which track the learner looks at ('plan84' or 'intensive21')."""
    learner.track = track
    session.add(learner)
    session.commit()


def _day_row(session: Session, learner_id: int, day: int) -> DayProgress:
    row = session.exec(
        select(DayProgress).where(DayProgress.learner_id == learner_id, DayProgress.day == day)
    ).first()
    return row or DayProgress(learner_id=learner_id, day=day)


def mark_day_started(session: Session, learner_id: int, day: int, when: datetime | None = None) -> None:
    """Note that the learner opened ``day`` (the first time counts)."""
    row = _day_row(session, learner_id, day)
    if row.started_at is None:
        row.started_at = when or utcnow()
        session.add(row)
        session.commit()


def mark_day_done(session: Session, learner_id: int, day: int, when: datetime | None = None) -> None:
    """Mark ``day`` finished."""
    row = _day_row(session, learner_id, day)
    now = when or utcnow()
    row.started_at = row.started_at or now
    row.completed_at = row.completed_at or now
    session.add(row)
    session.commit()


def reopen_day(session: Session, learner_id: int, day: int) -> None:
    """Undo "done" on a day (the learner marked it by mistake)."""
    row = _day_row(session, learner_id, day)
    if row.id is not None and row.completed_at is not None:
        row.completed_at = None
        session.add(row)
        session.commit()


def day_progress(session: Session, learner_id: int) -> dict[int, DayProgress]:
    """Every day the learner has touched, by day number."""
    rows = session.exec(select(DayProgress).where(DayProgress.learner_id == learner_id))
    return {row.day: row for row in rows}


def day_status(progress: DayProgress | None, is_outline: bool) -> DayStatus:
    """The calendar status of one day from its progress row."""
    if progress is None:
        return status_of(None, None, is_outline)
    return status_of(progress.started_at, progress.completed_at, is_outline)


def record_study_time(session: Session, learner_id: int, day: int, started_at: datetime, seconds: int) -> None:
    """Add a span of study on ``day``; spans under a second are not worth a row."""
    if seconds >= 1:
        session.add(StudyTime(learner_id=learner_id, day=day, started_at=started_at, seconds=int(seconds)))
        session.commit()


def seconds_spent(session: Session, learner_id: int, day: int | None = None) -> int:
    """Total study seconds, on one day or on all."""
    query = select(func.coalesce(func.sum(StudyTime.seconds), 0)).where(StudyTime.learner_id == learner_id)
    if day is not None:
        query = query.where(StudyTime.day == day)
    return int(session.exec(query).one())


def record_task_attempt(
    session: Session,
    learner_id: int,
    task_id: str,
    day: int,
    code: str,
    passed: bool,
    score: float = 0.0,
    verdict_json: str = "{}",
    duration_ms: int = 0,
) -> TaskAttempt:
    """Save one submission of a task with its verdict."""
    attempt = TaskAttempt(
        learner_id=learner_id, task_id=task_id, day=day, code=code, passed=passed,
        score=score, verdict_json=verdict_json, duration_ms=duration_ms,
    )
    session.add(attempt)
    session.commit()
    return attempt


def passed_tasks(session: Session, learner_id: int) -> set[str]:
    """Ids of the tasks the learner has passed at least once."""
    rows = session.exec(
        select(TaskAttempt.task_id).where(TaskAttempt.learner_id == learner_id, TaskAttempt.passed)
    )
    return set(rows)


def attempted_tasks(session: Session, learner_id: int) -> set[str]:
    """Ids of the tasks the learner has submitted at least once."""
    return set(session.exec(select(TaskAttempt.task_id).where(TaskAttempt.learner_id == learner_id)))


def record_quiz_answer(
    session: Session, learner_id: int, problem_id: str, answer: str, verdict: str, message: str
) -> QuizAnswer:
    """Save one answer to a derivation problem with its verdict ('correct', 'incorrect', 'invalid')."""
    row = QuizAnswer(learner_id=learner_id, problem_id=problem_id, answer=answer, verdict=verdict, message=message)
    session.add(row)
    session.commit()
    return row


def solved_quizzes(session: Session, learner_id: int) -> set[str]:
    """Ids of the derivation problems answered correctly at least once."""
    rows = session.exec(
        select(QuizAnswer.problem_id).where(QuizAnswer.learner_id == learner_id, QuizAnswer.verdict == "correct")
    )
    return set(rows)


def attempted_quizzes(session: Session, learner_id: int) -> set[str]:
    """Ids of the derivation problems the learner has answered at least once."""
    return set(session.exec(select(QuizAnswer.problem_id).where(QuizAnswer.learner_id == learner_id)))


def activity_dates(session: Session, learner_id: int, start_hour: int | None = None) -> set[date]:
    """The learner-days on which the learner did anything: studied, submitted, answered or reviewed."""
    moments: list[datetime] = []
    moments += session.exec(select(StudyTime.started_at).where(StudyTime.learner_id == learner_id))
    moments += session.exec(select(TaskAttempt.created_at).where(TaskAttempt.learner_id == learner_id))
    moments += session.exec(select(QuizAnswer.created_at).where(QuizAnswer.learner_id == learner_id))
    moments += session.exec(select(ReviewLog.reviewed_at).where(ReviewLog.learner_id == learner_id))
    return {learner_date(as_utc(m), start_hour) for m in moments}

