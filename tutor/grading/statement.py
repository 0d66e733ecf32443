"""A task's statement as the learner reads it, with its example call computed by the reference."""

from __future__ import annotations

from pathlib import Path

from tutor.grading.spec import TaskSpec

PLACEHOLDER = "{{example}}"


def example_block(spec: TaskSpec, folder: Path) -> str:
    """The example call and its output, computed now by the reference kernel."""
    import numpy as np

    from tutor.grading.cases import BuiltCase, example_call_text, make_value, show_value
    from tutor.grading.harness import call_case
    from tutor.grading.resolve import resolve

    rng = np.random.default_rng(0)
    args = [make_value(a, rng, {}, folder) for a in spec.example.args]
    kwargs = {k: make_value(a, rng, {}, folder) for k, a in spec.example.kwargs.items()}
    case = BuiltCase("example", args, [a.name for a in spec.example.args], kwargs, {}, 0, call_args=list(args))
    try:
        with np.errstate(all="ignore"):
            value, _ = call_case(resolve(spec.reference, folder), case, spec.framework, "cpu")
        shown = show_value(value)
    except Exception as error:  # noqa: BLE001 - an example may show an error on purpose
        shown = f"{type(error).__name__}: {error}"
    return f"```python\n>>> {example_call_text(spec)}\n{shown}\n```"


def render_statement(spec: TaskSpec, folder: Path) -> str:
    """The statement Markdown with ``{{example}}`` replaced (or the example appended)."""
    path = folder / spec.statement
    text = path.read_text(encoding="utf-8") if path.is_file() else f"# {spec.title}\n"
    block = "For example:\n\n" + example_block(spec, folder)
    return text.replace(PLACEHOLDER, block) if PLACEHOLDER in text else f"{text.rstrip()}\n\n{block}\n"
