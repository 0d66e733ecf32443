"""The drill catalogue: every coding task that can be re-written from a blank file against the clock.

Drills are not listed by hand: each task spec in ``lessons/day-NN/tasks/`` whose kind is
``function``, ``gradient`` or ``spec`` is a drill (training tasks take minutes to run and
are left out), so drills grow with the content. A drill's id is its task's id; it can also
be named by its entry function or its reference kernel (``tutor drill softmax``).

Reading the catalogue loads specs with pydantic and parses files with ``ast``: it never
imports NumPy or torch, so the app can list drills instantly.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from tutor.curriculum.loader import Curriculum

DRILL_KINDS = ("function", "gradient", "spec")
# The countdown: a base plus time per line of the reference solution, within these bounds.
TARGET_BASE_S = 60
TARGET_PER_LINE_S = 30
TARGET_MIN_S, TARGET_MAX_S = 120, 1200


@dataclass(frozen=True)
class Drill:
    """One drill: the task it re-uses and the countdown it starts with."""

    id: str
    title: str
    day: int
    kind: str
    framework: str
    entry: str
    reference: str
    folder: Path
    starter: str
    solution: str
    target_seconds: int

    @property
    def kernel(self) -> str:
        """The reference kernel's function name (``softmax`` for ``kernels.numpy.losses:softmax``)."""
        return self.reference.rpartition(":")[2]

    def blank_starter(self) -> str:
        """The file the learner starts a drill from: the task's starter with every body emptied."""
        return blank_source((self.folder / self.starter).read_text(encoding="utf-8"))


def _body_lines(source: str, entry: str) -> int:
    """Lines of code in ``entry``'s body (docstring and comments left out)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return 0
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == entry:
            body = node.body[1:] if ast.get_docstring(node) is not None else node.body
            lines = set()
            for statement in body:
                for child in ast.walk(statement):
                    if hasattr(child, "lineno"):
                        lines.add(child.lineno)
            return len(lines)
    return 0


def target_seconds(solution_source: str, entry: str) -> int:
    """The countdown for a drill: longer solutions get more time (rounded to half minutes)."""
    raw = TARGET_BASE_S + TARGET_PER_LINE_S * _body_lines(solution_source, entry)
    return int(min(TARGET_MAX_S, max(TARGET_MIN_S, round(raw / 30) * 30)))


def _blank_function(node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
    """Keep the signature and docstring; the body only raises."""
    docstring = node.body[:1] if ast.get_docstring(node) is not None else []
    message = ast.Constant(f"{node.name} is not written yet")
    raise_ = ast.Raise(exc=ast.Call(func=ast.Name("NotImplementedError", ast.Load()), args=[message], keywords=[]))
    node.body = docstring + [raise_]


def blank_source(source: str) -> str:
    """``source`` reduced to its imports, constants, and signatures with their docstrings.

    Every function (and method) body becomes ``raise NotImplementedError``, and comments with
    hints are dropped: a drill is written from memory. Falls back to the source as is if it
    does not parse.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    kept: list[tuple[bool, str]] = []  # (is a plain one-liner such as an import, its text)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            _blank_function(node)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    _blank_function(item)
        elif isinstance(node, ast.Expr) and node is not tree.body[0]:
            continue  # stray expressions (a print, an example call) are not part of the API
        plain = isinstance(node, ast.Import | ast.ImportFrom | ast.Assign | ast.AnnAssign)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            kept.append((False, f'"""{node.value.value}"""'))  # the module docstring, as written
            continue
        kept.append((plain, ast.unparse(ast.fix_missing_locations(node))))
    # One line break between imports, two blank lines around definitions (PEP 8).
    out = kept[0][1] if kept else ""
    for (before, _), (plain, text) in zip(kept, kept[1:], strict=False):
        out += ("\n" if before and plain else "\n\n\n") + text
    return out + "\n"


def _drill_from(entry_folder: Path, day: int) -> Drill | None:
    from tutor.grading.spec import SpecError, load_spec

    try:
        spec = load_spec(entry_folder)
    except SpecError:
        return None  # `tutor validate` reports it; a broken task is just not a drill
    if spec.kind.value not in DRILL_KINDS or not (entry_folder / spec.starter).is_file():
        return None
    solution_path = entry_folder / spec.solution
    solution = solution_path.read_text(encoding="utf-8") if solution_path.is_file() else ""
    return Drill(id=spec.id, title=spec.title, day=day, kind=spec.kind.value, framework=spec.framework,
                 entry=spec.entry, reference=spec.reference, folder=entry_folder, starter=spec.starter,
                 solution=spec.solution, target_seconds=target_seconds(solution, spec.entry))


def drill_catalogue(curriculum: Curriculum) -> list[Drill]:
    """Every drill in plan order (day, then task id)."""
    drills = []
    for task in sorted(curriculum.tasks.values(), key=lambda t: (t.day, t.id)):
        if task.kind not in DRILL_KINDS:
            continue
        drill = _drill_from(task.folder, task.day)
        if drill is not None:
            drills.append(drill)
    return drills


def find_drill(drills: list[Drill], name: str) -> Drill | None:
    """The drill called ``name``: a task id first, else an entry function or kernel name."""
    wanted = name.strip().lower()
    for match in (lambda d: d.id == wanted, lambda d: d.entry.lower() == wanted,
                  lambda d: d.kernel.lower() == wanted):
        found = [d for d in drills if match(d)]
        if found:
            return found[0]
    return None
