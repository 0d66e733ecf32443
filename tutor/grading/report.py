"""A result as text for a terminal (the `tutor check` output; the app renders its own)."""

from __future__ import annotations

from tutor.grading.result import Result

MARKS = {"pass": "✓", "fail": "✗", "error": "!", "timeout": "⏱", "skipped": "·"}


def format_result(result: Result, verbose: bool = False) -> str:
    """A short report: the verdict, each case, the first failure in full, the likely bug."""
    verdict = "PASS" if result.passed else ("ERROR" if result.status == "error" else "FAIL")
    lines = [f"{result.task}: {verdict} ({result.message}) in {result.duration_ms} ms"]
    shown_detail = False
    for case in result.cases:
        mark = MARKS.get(case.status, "?")
        lines.append(f"  {mark} {case.name}")
        if not case.passed and case.status != "skipped" and (verbose or not shown_detail) and case.message:
            lines += ["      " + line for line in case.message.splitlines()]
            if case.note:
                lines.append(f"      (this case checks: {case.note})")
            shown_detail = True
    if result.diagnosis:
        lines.append("Likely bug: " + result.diagnosis.message)
    if result.output.strip():
        lines.append("Your code printed:")
        lines += ["  " + line for line in result.output.rstrip().splitlines()[:20]]
    return "\n".join(lines)
