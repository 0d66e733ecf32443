"""Grades the machine can suggest: from a kata's result and from the derivation checker's verdict.

The learner always has the last word; a suggestion is only highlighted on the review screen.
"""

from __future__ import annotations

DEFAULT_KATA_SECONDS = 300.0


def suggest_grade_from_kata(passed: bool, seconds: float, attempts: int = 1,
                            target_seconds: float = DEFAULT_KATA_SECONDS) -> int:
    """An SM-2 grade (0-5) for re-implementing a kernel from memory.

    A fail is 1 (you saw the answer and recognised it). A pass on the first attempt within half
    the target time is 5, within the target 4, slower 3; each extra attempt costs one grade, but
    a pass never drops below 3 (it was recalled, with serious difficulty).
    """
    if not passed:
        return 1
    if seconds <= target_seconds / 2:
        grade = 5
    elif seconds <= target_seconds:
        grade = 4
    else:
        grade = 3
    return max(3, grade - max(0, attempts - 1))


def suggest_grade_from_derivation(verdict: object, attempts: int = 1) -> int | None:
    """An SM-2 grade for a derivation re-asked in review, from the checker's verdict.

    Correct at the first try is 4 (the learner may raise it to 5), correct after retries 3,
    wrong 1. An answer the checker could not read (a syntax error) suggests nothing.
    The verdict may be the string 'correct'/'incorrect'/'invalid', a bool, or an object with
    a ``verdict`` or ``correct`` attribute, so the review screen stays loosely coupled to the checker.
    """
    value = verdict
    for name in ("verdict", "correct", "ok", "passed"):
        if hasattr(value, name):
            value = getattr(value, name)
            break
    if hasattr(value, "value"):  # an Enum
        value = value.value
    if isinstance(value, bool):
        correct = value
    elif isinstance(value, str):
        text = value.strip().lower()
        if text in {"correct", "pass", "passed", "ok", "right"}:
            correct = True
        elif text in {"incorrect", "wrong", "fail", "failed"}:
            correct = False
        else:
            return None
    else:
        return None
    if not correct:
        return 1
    return 4 if attempts <= 1 else 3
