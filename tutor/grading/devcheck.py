"""`tutor dev check`: prove the task content, the way rustlings proves its exercises.

For every task: the statement renders (its example computed), the starter fails, the
solution passes, every mutant fails *and* is diagnosed as itself, gradient references agree
with central differences (and autograd), and a training reference reaches its threshold.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from tutor.grading.spec import Kind

GRADIENT_AGREEMENT = 1e-5


@dataclass
class ContentCheck:
    """One proof about one task."""

    task: str
    what: str
    ok: bool
    detail: str = ""

    def to_dict(self) -> dict:
        """Plain data for --json."""
        return asdict(self)


def check_task(folder: Path) -> list[ContentCheck]:
    """Every proof for the task in ``folder``."""
    from tutor.grading import kinds
    from tutor.grading.diagnose import load_mutants
    from tutor.grading.engine import Task, grade
    from tutor.grading.statement import render_statement

    task = Task.load(folder)
    spec, out = task.spec, []

    def add(what: str, ok: bool, detail: str = "") -> None:
        out.append(ContentCheck(spec.id, what, ok, detail))

    try:
        text = render_statement(spec, folder)
        add("statement renders with its example", "{{example}}" not in text)
    except Exception as error:  # noqa: BLE001
        add("statement renders with its example", False, f"{type(error).__name__}: {error}")
    starter = grade(task, (folder / spec.starter).read_text(encoding="utf-8"))
    add("starter fails", not starter.passed, "the starter passes every check" if starter.passed else "")
    solution = grade(task, (folder / spec.solution).read_text(encoding="utf-8"))
    failure = solution.first_failure()
    add("solution passes", solution.passed,
        "" if solution.passed else f"{solution.message}; {failure.name if failure else ''}: "
                                   f"{failure.message if failure else ''}")
    for mutant in load_mutants(spec, folder):
        result = grade(task, function=mutant.function)
        named = result.diagnosis.mutant if result.diagnosis else None
        detail = ""
        if result.passed:
            detail = "the mutant passes every check: add a case that catches it"
        elif named != mutant.name:
            detail = f"diagnosed as {named or (result.diagnosis.kind if result.diagnosis else 'nothing')}"
        add(f"mutant {mutant.name} fails and is named", not result.passed and named == mutant.name, detail)
    if spec.kind is Kind.GRADIENT:
        if spec.autograd:
            try:
                import torch  # noqa: F401 - with torch loaded the references are also checked by autograd
            except ImportError:
                pass
        worst = max(kinds.expected_for(spec, folder, case).agreement or 0.0 for case in task.cases)
        add("reference gradient agrees with central differences and autograd", worst < GRADIENT_AGREEMENT,
            f"worst relative error {worst:.1e}")
    if spec.kind is Kind.TRAINING:
        from tutor.grading.resolve import resolve

        reference = resolve(spec.reference, folder)
        for case in task.cases:
            value = kinds.call_trusted(reference, case, spec)
            metric = kinds.metric_value(spec, folder, case, value)
            add(f"reference reaches the threshold on '{case.name}'", kinds.reaches(spec, metric),
                f"{spec.metric.value} {metric:.4g}")
    return out


def dev_check(task_ids: list[str] | None = None) -> list[ContentCheck]:
    """Proofs for the given tasks (default: every task in the lessons)."""
    from tutor import paths
    from tutor.grading.spec import find_task_folder

    if task_ids:
        folders = [find_task_folder(t) for t in task_ids]
    else:
        folders = [p.parent for p in sorted(paths.lessons_dir().glob("day-*/tasks/*/task.toml"))]
    results = []
    for folder in folders:
        try:
            results += check_task(folder)
        except Exception as error:  # noqa: BLE001 - a broken task is a finding, not a crash
            results.append(ContentCheck(folder.name, "task loads", False, f"{type(error).__name__}: {error}"))
    return results
