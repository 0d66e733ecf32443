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


def validation_problems(
    path: Path, error: ValidationError, source: str, start_line: int = 1, default_line: int = 1
) -> list[ContentProblem]:
    """Turn pydantic's errors into problems, each at the line of the key it is about."""
    problems = []
    for item in error.errors():
        location = [str(part) for part in item["loc"]]
        key = next((part for part in location if not part.isdigit()), "")
        line = line_of_key(source, key, start_line, default_line) if key else default_line
        where = ".".join(location)
        message = item["msg"]
        if item["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            message = "unknown key (a typo?)"
        elif item["type"] in ("missing", "missing_argument"):
            message = "required key is missing"
        problems.append(ContentProblem(path, line, f"{where}: {message}" if where else message))
    return problems
