"""The problem bank: every ``[[problem]]`` in ``quizzes/derivations/*.toml``, loaded and validated."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from tutor.derive.problem import Problem, ProblemError, problem_from_dict
from tutor.paths import quizzes_dir

MIN_ACCEPTED = 3
_HEADER = re.compile(r"^\s*\[\[\s*problem\s*\]\]")


def bank_dir(root: Path | None = None) -> Path:
    """The folder holding the derivation problem files (under content ``root`` if given)."""
    return (root / "quizzes" if root else quizzes_dir()) / "derivations"


def _files(root: Path | None = None) -> list[Path]:
    folder = bank_dir(root)
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def _header_lines(text: str) -> list[int]:
    return [i + 1 for i, line in enumerate(text.splitlines()) if _HEADER.match(line)]


def _field_line(lines: list[str], start: int, end: int, field: str | None, needle: str | None = None) -> int:
    """Best line for a message: the field's key (or a quoted value) inside one problem's span."""
    for i in range(start - 1, min(end, len(lines))):
        line = lines[i]
        if needle and needle in line:
            return i + 1
        if not needle and field and re.match(rf"^\s*(\[+problem\.)?{re.escape(field)}\b", line):
            return i + 1
    return start


def _read(path: Path) -> tuple[list[tuple[int, int, dict]], list[tuple[Path, int, str]]]:
    """Parse one file: (start line, end line, table) per problem, and any errors."""
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        m = re.search(r"line (\d+)", str(err))
        return [], [(path, int(m.group(1)) if m else 1, f"bad TOML: {err}")]
    tables = data.get("problem", [])
    errors = []
    if set(data) - {"problem"}:
        errors.append((path, 1, f"unexpected top-level key {sorted(set(data) - {'problem'})[0]!r}"))
    starts = _header_lines(text)
    if len(starts) != len(tables):
        starts = [1] * len(tables)
    ends = starts[1:] + [len(text.splitlines()) + 1]
    return list(zip(starts, ends, tables)), errors


def load_bank(root: Path | None = None) -> dict[str, Problem]:
    """Every well-formed problem in the bank, by id (a broken one is skipped; see ``validate_bank``)."""
    problems: dict[str, Problem] = {}
    for path in _files(root):
        entries, _ = _read(path)
        for start, _end, table in entries:
            try:
                problem = problem_from_dict(table, path, start)
            except (ProblemError, TypeError, ValueError, AttributeError):
                continue
            problems.setdefault(problem.id, problem)
    return problems


def get_problem(problem_id: str) -> Problem:
    """One problem by id; raises ``KeyError`` naming the id when there is none."""
    bank = load_bank()
    if problem_id not in bank:
        raise KeyError(problem_id)
    return bank[problem_id]


def validate_bank(deep: bool = True, root: Path | None = None) -> list[tuple[Path, int, str]]:
    """Every problem in the bank's files, as (path, line, message).

    Finds bad TOML, missing or unknown keys, duplicate ids and bad names. With ``deep`` it also
    compiles each key and checks the problem's own examples: each ``accept`` answer is marked
    correct, each ``[[problem.mistake]]`` gets its message, and each ``invalid`` input is refused.
    """
    errors: list[tuple[Path, int, str]] = []
    seen: dict[str, tuple[Path, int]] = {}
    for path in _files(root):
        lines = path.read_text(encoding="utf-8").splitlines()
        entries, file_errors = _read(path)
        errors.extend(file_errors)
        for start, end, table in entries:
            try:
                problem = problem_from_dict(table, path, start)
            except ProblemError as err:
                errors.append((path, _field_line(lines, start, end, err.field), str(err)))
                continue
            except (TypeError, ValueError, AttributeError) as err:
                errors.append((path, start, f"malformed problem: {err}"))
                continue
            if problem.id in seen:
                first = seen[problem.id]
                errors.append((path, _field_line(lines, start, end, "id"),
                               f"duplicate id {problem.id!r} (first at {first[0].name}:{first[1]})"))
                continue
            seen[problem.id] = (path, start)
            if len(problem.accept) < MIN_ACCEPTED:
                errors.append((path, _field_line(lines, start, end, "accept"),
                               f"{problem.id}: list at least {MIN_ACCEPTED} accepted answers"))
            if deep:
                for line_hint, message in _deep_check(problem):
                    errors.append((path, _field_line(lines, start, end, "f", line_hint) if line_hint
                                   else _field_line(lines, start, end, "f"), f"{problem.id}: {message}"))
    return errors


def _deep_check(problem: Problem) -> list[tuple[str | None, str]]:
    """Compile the key and run the problem's own examples through the checker."""
    from tutor.derive.check import check_answer
    from tutor.derive.compile import compiled

    try:
        compiled(problem)
    except ProblemError as err:
        return [(None, f"the key does not compile: {err}")]
    except Exception as err:  # a SymPy failure is a content problem to report, not a crash
        return [(None, f"the key does not compile: {type(err).__name__}: {err}")]
    out = []
    for text in problem.accept:
        v = check_answer(problem, text, confirm=False)
        if not v.correct:
            out.append((text, f"accepted answer {text!r} is marked {v.verdict}: {v.message}"))
    for m in problem.mistakes:
        v = check_answer(problem, m.answer, confirm=False)
        if v.correct or m.message not in v.message:
            out.append((m.answer, f"mistake {m.answer!r} does not get its message (got: {v.message})"))
    for text in problem.invalid:
        v = check_answer(problem, text, confirm=False)
        if v.verdict != "invalid":
            out.append((text, f"invalid input {text!r} is not refused (got {v.verdict}: {v.message})"))
    return out
