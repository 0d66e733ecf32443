"""Content problems reported as ``path:line: message``, the shape `tutor validate` prints."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError


@dataclass(frozen=True, order=True)
class ContentProblem:
    """One thing wrong with the content, located in a file."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """Raised when a file cannot be loaded; carries the problems found in it."""

    def __init__(self, problems: list[ContentProblem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def toml_problem(path: Path, error: tomllib.TOMLDecodeError, line_offset: int = 0) -> ContentProblem:
    """Turn a TOML syntax error into a problem at the line tomllib names."""
    text = str(error)
    match = _TOML_LINE.search(text)
    line = int(match.group(1)) + line_offset if match else line_offset + 1
    message = _TOML_LINE.sub("", text).strip()
    return ContentProblem(path, line, f"invalid TOML: {message}")


def line_of_key(source: str, key: str, start_line: int = 1, default: int = 1) -> int:
    """Find the line where ``key = ...`` is written in TOML ``source`` (1-based, offset by start_line)."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number, text in enumerate(source.splitlines(), start=start_line):
        if pattern.match(text):
            return number
    return default


def line_of_table(source: str, name: str, index: int) -> int:
    """Line (1-based) of the index-th ``[[name]]`` table header in TOML ``source`` (1 if absent)."""
    seen = -1
    for number, text in enumerate(source.splitlines(), start=1):
        if text.strip() == f"[[{name}]]":
            seen += 1
            if seen == index:
                return number
    return 1


def line_of_location(source: str, location: list[str], start_line: int = 1, default: int = 1) -> int:
    """The line a pydantic error location points at: ``["phases", "0", "goal"]`` is the ``goal``
    key inside the first ``[[phases]]`` table; a missing key points at its table's header."""
    lines = source.splitlines()
    line = default
    offset = 0  # index into lines where the current table starts
    for position, part in enumerate(location):
        following = location[position + 1] if position + 1 < len(location) else None
        if following is not None and following.isdigit():
            header = line_of_table("\n".join(lines[offset:]), part, int(following))
            if header != 1 or (lines[offset:offset + 1] and lines[offset].strip() == f"[[{part}]]"):
                offset += header - 1
                line = offset + start_line
                continue
        if part.isdigit():
            continue
        found = line_of_key("\n".join(_current_table(lines, offset)), part, 1, 0)
        if found:
            line = offset + found + start_line - 1
        break
    return line


def _current_table(lines: list[str], offset: int) -> list[str]:
    """The lines from ``offset`` up to the next table header (a missing key is not in the next table)."""
    for index in range(offset + 1, len(lines)):
        if lines[index].lstrip().startswith("["):
            return lines[offset:index]
    return lines[offset:]


def validation_problems(
    path: Path, error: ValidationError, source: str, start_line: int = 1, default_line: int = 1
) -> list[ContentProblem]:
    """Turn pydantic's errors into problems, each at the line of the key it is about."""
    problems = []
    for item in error.errors():
        location = [str(part) for part in item["loc"]]
        line = line_of_location(source, location, start_line, default_line)
        where = ".".join(location)
        message = item["msg"]
        if item["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            message = "unknown key (a typo?)"
        elif item["type"] in ("missing", "missing_argument"):
            message = "required key is missing"
        problems.append(ContentProblem(path, line, f"{where}: {message}" if where else message))
    return problems
