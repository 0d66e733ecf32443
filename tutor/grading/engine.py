"""Grade a submission: read it, run it in the sandbox, compare, diagnose.

``grade`` is the one entry point. It runs in a trusted process (the CLI, or the warm
worker the app talks to): the learner's code runs in a forked, sandboxed child while this
process computes the expected values; then the child's outputs are compared here.
"""

from __future__ import annotations

import ast
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tutor.grading import artifacts, kinds, rules
from tutor.grading.cases import BuiltCase, build_cases
from tutor.grading.diagnose import Failure, diagnose
from tutor.grading.harness import Job, run_job
from tutor.grading.result import CaseResult, Result
from tutor.grading.sandbox import Limits, Outcome, Run, hidden_paths
from tutor.grading.spec import Rule, TaskSpec, day_of, find_task_folder, load_spec
from tutor.grading.workspace import workspace_file
from tutor.grading.wire import WireError, decode_frames

SIGNAL_NAMES = {11: "a segmentation fault (SIGSEGV)", 6: "an abort (SIGABRT)", 7: "a bus error (SIGBUS)",
                8: "a floating-point exception (SIGFPE)", 9: "SIGKILL (out of memory?)",
                24: "the CPU-time limit (SIGXCPU)", 4: "an illegal instruction (SIGILL)"}


@dataclass
class Task:
    """A loaded task: its spec and folder, with its cases built once."""

    spec: TaskSpec
    folder: Path
    cases: list[BuiltCase]
    expected: dict[str, list] = field(default_factory=dict)  # by device: the answers never change

    @classmethod
    def load(cls, task: str | Path) -> Task:
        """Load by id (searched in the lessons) or by folder; cases are built and prepared."""
        folder = Path(task) if isinstance(task, Path) else find_task_folder(task)
        spec = load_spec(folder)
        cases = build_cases(spec, folder)
        kinds.prepare(spec, folder, cases)
        return cls(spec, folder, cases)


def choose_device(spec: TaskSpec) -> str:
    """Where a task runs: the CPU for NumPy; for torch ``TUTOR_DEVICE``, else CUDA when a GPU is
    visible. Decided without initialising CUDA, so the grader can still fork safely."""
    if spec.framework != "torch":
        return "cpu"
    override = os.environ.get("TUTOR_DEVICE", "").strip()
    if override:
        return override
    import torch

    return "cuda" if torch.version.cuda and os.path.exists("/dev/nvidiactl") else "cpu"


def limits_for(spec: TaskSpec, device: str) -> Limits:
    """The sandbox limits a task asks for."""
    return Limits(wall_s=spec.time_limit_s, memory_mb=spec.memory_mb, limit_memory=not device.startswith("cuda"))


def _static_checks(task: Task, source: str) -> tuple[list[CaseResult], str | None]:
    """Parse the file (never run it here) and apply the spec's static rules."""
    if len(source.encode()) > rules.MAX_SOURCE_BYTES:
        return [], "your file is over 1 MiB: is it the right file?"
    try:
        tree = ast.parse(source, filename="solution.py")
    except SyntaxError as error:
        return [], f"line {error.lineno}: SyntaxError: {error.msg}" + (f"\n    {error.text.rstrip()}" if error.text else "")
    results = []
    imported = rules.forbidden_import(tree)
    if imported:
        results.append(CaseResult("writes its own code", "fail", f"line {imported[1]}: imports {imported[0]}, "
                                  "which holds the answer; write the function yourself", kind="check"))
    for check in task.spec.check:
        if check.rule is Rule.TIME_LIMIT:
            continue
        outcome = rules.apply_rule(check, tree, task.spec.entry)
        message = "" if outcome.ok else check.message + (f" ({outcome.detail})" if outcome.detail else "")
        results.append(CaseResult(check.name, "pass" if outcome.ok else "fail", message, kind="check"))
    return results, None


def _timing_checks(task: Task, case_results: list[CaseResult]) -> list[CaseResult]:
    by_name = {c.name: c for c in case_results}
    results = []
    for check in task.spec.check:
        if check.rule is not Rule.TIME_LIMIT:
            continue
        case = by_name.get(check.case or "")
        ok = case is not None and case.elapsed_ms is not None and case.elapsed_ms <= (check.budget_ms or 0)
        took = f" (took {case.elapsed_ms:.0f} ms; the budget is {check.budget_ms:g} ms)" if case and case.elapsed_ms else ""
        results.append(CaseResult(check.name, "pass" if ok else "fail", "" if ok else check.message + took,
                                  kind="check"))
    return results


def _missing_case_message(outcome: Outcome, spec: TaskSpec) -> tuple[str, str]:
    """Why the run stopped before a case finished: (status, message)."""
    if outcome.timed_out:
        return "timeout", (f"did not finish within {spec.time_limit_s:g} s: an infinite loop, or far too "
                           f"much work for these sizes?")
    if outcome.result_overflow:
        return "error", "returned more data than the grader accepts (64 MiB)"
    if outcome.signal is not None:
        what = SIGNAL_NAMES.get(outcome.signal, f"signal {outcome.signal}")
        return "error", f"the process was stopped by {what}"
    if outcome.supervisor_error:
        return "error", "the sandbox failed: " + outcome.supervisor_error.strip().splitlines()[-1]
    return "error", (f"your code ended the process (exit code {outcome.exit_code}) instead of returning: "
                     f"os._exit, os.kill, or closing the grader's pipe?")


def _expected_in_child(task: Task, device: str, limits: Limits) -> Callable[[], list[kinds.Expected]]:
    """Start the reference in a trusted forked child (how GPU answers are computed: CUDA must
    never be initialised in the process that forks the sandboxes); returns a waiter."""
    reference = kinds.resolve(task.spec.reference, task.folder)
    job = Job(task.spec.entry, task.cases, function=reference, framework=task.spec.framework, device=device)
    run = Run(lambda fd: run_job(job, fd), limits, isolate=False)

    def wait() -> list[kinds.Expected]:
        frames, _ = decode_frames(run.wait().data)
        by_case = {f["case"]: f for f in frames if f.get("kind") == "case"}
        missing = {"status": "error", "error": {"type": "RuntimeError", "message": "the reference did not run"}}
        out = []
        for index in range(len(task.cases)):
            frame = by_case.get(index, missing)
            out.append(kinds.Expected(frame.get("value")) if frame["status"] == "ok"
                       else kinds.Expected(kinds.Raised(frame["error"]["type"], frame["error"]["message"])))
        return out
    return wait


def _run_expected(task: Task, device: str, limits: Limits) -> Callable[[], list[kinds.Expected]]:
    """Start computing expected values; returns a function that waits for them.

    On the CPU they are computed here, in this trusted process, once per task and device.
    """
    if task.spec.framework == "torch" and device.startswith("cuda"):
        return _expected_in_child(task, device, limits)
    if device not in task.expected:
        task.expected[device] = [kinds.expected_for(task.spec, task.folder, case, device) for case in task.cases]
    values = task.expected[device]
    return lambda: values


def grade(task: str | Path | Task, source: str | None = None, *, function: Callable | None = None,
          device: str | None = None) -> Result:
    """Grade ``source`` (the learner's file) or ``function`` (trusted code, for `tutor dev check`)."""
    started = time.perf_counter()
    task = task if isinstance(task, Task) else Task.load(task)
    spec = task.spec
    device = device or choose_device(spec)
    result = Result(task=spec.id, passed=False, score=0.0, points=spec.points, device=device)
    checks: list[CaseResult] = []
    if function is None:
        checks, syntax = _static_checks(task, source or "")
        if syntax is not None:
            result.status, result.message = "error", syntax
            result.cases = [CaseResult(c.name, "skipped", kind="case") for c in task.cases]
            return _finish(result, started)
    if spec.framework == "torch":
        import torch  # noqa: F401 - before the fork, so the child does not import it again

    limits = limits_for(spec, device)
    # Files are fetched from the learner's runs only: references and mutants write none.
    written = {i: artifacts.artifact_paths(spec.artifacts, case) for i, case in enumerate(task.cases)} \
        if spec.artifacts and function is None else {}
    job = Job(spec.entry, task.cases, source=source, function=function, framework=spec.framework, device=device,
              artifacts=written)
    run = Run(lambda fd: run_job(job, fd), limits, hide=hidden_paths())
    expected = _run_expected(task, device, limits)()
    outcome = run.wait()
    result.isolation, result.output = outcome.isolation, _output_text(outcome, limits)
    try:
        frames, _ = decode_frames(outcome.data)
    except WireError as error:
        frames = []
        result.message = f"the result stream was garbled ({error}): did your code write to files it does not own?"
    for frame in frames:
        if frame.get("kind") == "hello":
            result.isolation = list(frame.get("isolation") or result.isolation)
        if frame.get("kind") == "load" and frame.get("status") == "error":
            result.status = "error"
            result.message = "your file could not run: " + kinds.error_message(frame["error"], spec)
    by_case = {f.get("case"): f for f in frames if f.get("kind") == "case"}
    cases, failures, stopped = [], [], result.status == "error"
    for index, case in enumerate(task.cases):
        frame = by_case.get(index)
        if frame is None:
            if stopped:
                cases.append(CaseResult(case.name, "skipped", "not run: the check stopped earlier", note=case.note))
                continue
            stopped = True
            status, message = _missing_case_message(outcome, spec)
            cases.append(CaseResult(case.name, status, message, note=case.note))
            if not result.message:
                result.message = f"case '{case.name}': {message}"
            continue
        case_result, comparison = kinds.judge(spec, task.folder, case, frame, expected[index], device)
        cases.append(case_result)
        if not case_result.passed:
            failures.append(Failure(case, frame, expected[index].value, comparison))
    cases += _timing_checks(task, cases)
    if written:
        folder = workspace_file(spec.id, day_of(task.folder)).with_suffix("")
        cases += artifacts.collect([f for f in frames if f.get("kind") == "artifact"],
                                   [c.name for c in task.cases], folder)
    result.cases = checks + cases
    graded = [c for c in result.cases if c.status != "skipped"] or result.cases
    result.score = round(sum(c.passed for c in result.cases) / max(1, len(result.cases)), 4)
    result.passed = bool(graded) and all(c.passed for c in result.cases)
    if result.status != "error":
        result.status = "pass" if result.passed else "fail"
    if failures:
        result.diagnosis = diagnose(spec, task.folder, failures, device)
    if not result.message:
        done = sum(c.passed for c in result.cases)
        result.message = "all checks pass" if result.passed else f"{done} of {len(result.cases)} checks pass"
    return _finish(result, started)


def _output_text(outcome: Outcome, limits: Limits) -> str:
    text = outcome.output
    if outcome.output_size > len(text.encode()):
        cut = " (the output limit, 1 MiB, was reached)" if outcome.output_size >= limits.output_bytes else ""
        text += f"\n... {outcome.output_size} bytes in all{cut}"
    return text


def _finish(result: Result, started: float) -> Result:
    result.duration_ms = int((time.perf_counter() - started) * 1000)
    return result


def grade_file(task_id: str, path: Path) -> Result:
    """Grade the file at ``path`` for task ``task_id``."""
    return grade(task_id, path.read_text(encoding="utf-8"))
