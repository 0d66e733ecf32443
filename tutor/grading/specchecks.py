"""Checks of one task folder beyond the spec's own fields (run by `tutor validate`).

Nothing here runs content code: references are found by reading source files, and the
starter and solution are parsed, not imported.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tutor.curriculum.problems import ContentProblem, line_of_key, line_of_table
from tutor.grading.resolve import defines
from tutor.grading.spec import SHAPED_KEYS, Arg, Kind, Rule, TaskSpec


def _defines_function(path: Path, name: str) -> str | None:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as error:
        return f"{path.name} does not parse: {error.msg} (line {error.lineno})"
    if not any(isinstance(n, ast.FunctionDef) and n.name == name for n in tree.body):
        return f"{path.name} defines no function {name}()"
    return None


def _arg_problems(arg: Arg, dims: set[str], folder: Path) -> list[str]:
    problems = []
    key = arg.generator_key
    if key in SHAPED_KEYS:
        problems += [f"size {d!r} is not in dims" for d in getattr(arg, key) if isinstance(d, str) and d not in dims]
    if key == "labels":
        problems += [f"size {d!r} is not in dims" for d in (arg.labels, arg.classes)
                     if isinstance(d, str) and d not in dims]
    for ref in (arg.function, arg.generator):
        if ref and (why := defines(ref, folder)):
            problems.append(why)
    return problems


def check_task_folder(spec: TaskSpec, folder: Path) -> list[ContentProblem]:
    """Problems in one task's folder: missing files, broken references, sizes, names."""
    path = folder / "task.toml"
    source = path.read_text(encoding="utf-8")
    problems: list[ContentProblem] = []

    def add(line: int, message: str) -> None:
        problems.append(ContentProblem(path, line, message))

    for key in ("statement", "starter", "solution"):
        if not (folder / getattr(spec, key)).is_file():
            add(line_of_key(source, key), f"{key}: {getattr(spec, key)} is missing from the task folder")
    for key in ("starter", "solution"):
        file = folder / getattr(spec, key)
        if file.is_file() and (why := _defines_function(file, spec.entry)):
            add(line_of_key(source, "entry"), why)
    for key in ("reference", "forward", "autograd", "predict"):
        ref = getattr(spec, key)
        if ref and (why := defines(ref, folder)):
            add(line_of_key(source, key), why)
    argument_names = {arg.name for case in spec.case for arg in case.args if arg.name} | \
        {name for case in spec.case for name in case.kwargs}
    for name in spec.artifacts:
        if name not in argument_names:
            add(line_of_key(source, "artifacts"), f"artifacts: no case passes an argument named {name!r}")
    for arg in spec.example.args + list(spec.example.kwargs.values()):
        if arg.generator_key not in ("array", "value", "function") and not arg.shown:
            add(line_of_key(source, "example"), "an example input must be a literal (array, value, function) "
                                                "or say how it is shown")
    for index, case in enumerate(spec.case):
        line = line_of_table(source, "case", index)
        if case.generator and (why := defines(case.generator, folder)):
            add(line, why)
        if not case.generator and not case.args and not case.kwargs:
            add(line, f"case {case.name!r} has no args")
        for arg in case.args + list(case.kwargs.values()):
            for message in _arg_problems(arg, set(case.dims), folder):
                add(line, f"case {case.name!r}: {message}")
        if spec.kind is Kind.GRADIENT and not case.generator:
            names = [a.name for a in case.args]
            missing = [w for w in spec.wrt if w not in names]
            if missing or None in names:
                add(line, f"case {case.name!r}: a gradient task names every input; wrt {missing} not found"
                    if missing else f"case {case.name!r}: a gradient task names every input")
    case_names = {c.name for c in spec.case}
    for index, check in enumerate(spec.check):
        line = line_of_table(source, "check", index)
        if check.rule is Rule.TIME_LIMIT and (check.case not in case_names or check.budget_ms is None):
            add(line, f"check {check.name!r}: a time_limit needs case = <a case name> and budget_ms")
        if check.rule is Rule.FORBID_CALLS and not check.names:
            add(line, f"check {check.name!r}: forbid_calls needs names = [...]")
    problems += _mutant_problems(spec, folder, source, path)
    return problems


def _mutant_problems(spec: TaskSpec, folder: Path, source: str, path: Path) -> list[ContentProblem]:
    problems = []
    if not spec.mutant:
        problems.append(ContentProblem(path, 1, "a task needs at least one [[mutant]] so its bugs can be named"))
    registry = None
    labels = [m.label for m in spec.mutant]
    for index, mutant in enumerate(spec.mutant):
        line = line_of_table(source, "mutant", index)
        if labels.count(mutant.label) > 1:
            problems.append(ContentProblem(path, line, f"mutant name {mutant.label!r} is used twice"))
        if mutant.function and (why := defines(mutant.function, folder)):
            problems.append(ContentProblem(path, line, why))
        if mutant.registry:
            if registry is None:
                try:
                    from kernels.mutants import registry as make_registry

                    registry = make_registry()
                except ImportError as error:
                    registry = {}
                    problems.append(ContentProblem(path, line, f"kernels.mutants is not available: {error}"))
                    continue
            if mutant.registry not in registry:
                problems.append(ContentProblem(path, line, f"no mutant {mutant.registry!r} in kernels.mutants"))
    return problems
