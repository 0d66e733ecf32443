"""Task specs as data: what a coding task asks for and how it is checked.

A task lives in ``lessons/day-NN/tasks/<task-id>/`` with ``task.toml`` (this model),
``statement.md``, ``starter.py`` (what the learner starts from, it fails), ``solution.py``
(shown after a pass) and, when needed, small Python files with named generators or
task-specific mutants (referenced as ``"file:function"``, e.g. ``"cases:and_gate"``).

Inputs are described, not coded: ``{ normal = ["N", "D"] }`` draws a float array whose
sizes come from the case's ``dims``; ``{ array = [[1.0, 2.0]] }`` is a literal. See
``cases.py`` for every generator.
"""

from __future__ import annotations

import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tutor import paths
from tutor.curriculum.problems import ContentError, ContentProblem, toml_problem, validation_problems

GENERATOR_KEYS = ("array", "value", "normal", "uniform", "integers", "labels", "probs",
                  "zeros", "ones", "function", "generator")
SHAPED_KEYS = ("normal", "uniform", "integers", "probs", "zeros", "ones")


class Strict(BaseModel):
    """Unknown keys are errors, so a typo in a spec is caught by `tutor validate`."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Kind(StrEnum):
    """How a task is graded."""

    FUNCTION = "function"  # outputs compared with the reference kernel's
    GRADIENT = "gradient"  # backward pass against the reference / autograd and central differences
    TRAINING = "training"  # trained parameters must reach a metric on shipped data in a time budget
    SPEC = "spec"  # named checks (static rules, timings) plus cases


class Tolerance(Strict):
    """Element-wise |actual − expected| ≤ atol + rtol·|expected| passes."""

    rtol: float = Field(ge=0)
    atol: float = Field(ge=0)


# Defaults by dtype of the expected output; "tf32" is float32 computed on a CUDA GPU,
# where matrix products may use TensorFloat-32 (10 mantissa bits).
DEFAULT_TOLERANCE = {
    "float64": Tolerance(rtol=1e-7, atol=1e-9),
    "float32": Tolerance(rtol=1e-4, atol=1e-6),
    "float16": Tolerance(rtol=1e-2, atol=1e-3),
    "bfloat16": Tolerance(rtol=2e-2, atol=1e-2),
    "tf32": Tolerance(rtol=5e-3, atol=1e-4),
    "int": Tolerance(rtol=0.0, atol=0.0),
}


class Arg(Strict):
    """One input of a case: exactly one generator key says how it is made."""

    name: str | None = None
    array: Any = None  # literal nested list
    value: Any = None  # literal scalar, string or bool, passed as is
    normal: list[int | str] | None = None
    uniform: list[int | str] | None = None
    integers: list[int | str] | None = None
    labels: int | str | None = None  # shape (N,), values in [0, classes)
    probs: list[int | str] | None = None  # rows on the simplex (a softmax of normals)
    zeros: list[int | str] | None = None
    ones: list[int | str] | None = None
    function: str | None = None  # "numpy:sin" or "file:function" in the task folder
    generator: str | None = None  # "file:function" called as f(rng, dims) -> value
    dtype: str = "float64"
    mean: float = 0.0
    std: float = 1.0
    shift: float = 0.0
    low: float | str = 0.0
    high: float | str = 1.0
    classes: int | str | None = None
    shown: str | None = None  # how the example call writes this argument
    tensor: bool = True  # torch tasks: pass as a tensor (False keeps NumPy / Python)

    @model_validator(mode="after")
    def _one_generator(self) -> Arg:
        given = [key for key in GENERATOR_KEYS if getattr(self, key) is not None]
        if len(given) != 1:
            raise ValueError(f"an input needs exactly one of {', '.join(GENERATOR_KEYS)}; got {given or 'none'}")
        if self.labels is not None and self.classes is None:
            raise ValueError("labels need classes = <dim or number>")
        return self

    @property
    def generator_key(self) -> str:
        """Which generator key this input uses."""
        return next(key for key in GENERATOR_KEYS if getattr(self, key) is not None)


class Example(Strict):
    """The example call in the statement; its output is computed by the reference."""

    args: list[Arg] = []
    kwargs: dict[str, Arg] = {}


class Case(Strict):
    """A family of inputs: one case per seed, sizes drawn from ``dims``."""

    name: str = Field(min_length=1)
    seeds: list[int] = [0]
    dims: dict[str, int | list[int]] = {}
    args: list[Arg] = []
    kwargs: dict[str, Arg] = {}
    generator: str | None = None  # "file:function" returning the args list (takes rng, dims)
    note: str = ""  # what this case is there to catch, shown when it fails
    tolerance: Tolerance | None = None
    central_differences: bool = True  # gradient tasks: False at a kink (ReLU at 0), where they are not defined


class Rule(StrEnum):
    """Named checks that read or time the learner's code."""

    MAX_LOOP_DEPTH = "max_loop_depth"  # static: loops (and comprehensions) nested at most `max`
    FORBID_CALLS = "forbid_calls"  # static: none of `names` is called or used (e.g. "np.dot", "@")
    REQUIRE_LOOP = "require_loop"  # static: the entry function has a for/while loop
    TIME_LIMIT = "time_limit"  # the call on case `case` takes at most `budget_ms`


class Check(Strict):
    """A named check with the message shown when it fails."""

    name: str
    rule: Rule
    message: str
    max: int | None = None
    names: list[str] = []
    case: str | None = None
    budget_ms: float | None = None


class Mutant(Strict):
    """A known-wrong version of the solution and the diagnosis it earns.

    Either ``function = "file:name"`` in the task folder with a ``diagnosis``, or
    ``registry = "<name>"`` from ``kernels.mutants`` (its diagnosis unless one is given).
    """

    name: str | None = None
    function: str | None = None
    registry: str | None = None
    diagnosis: str | None = None

    @model_validator(mode="after")
    def _one_source(self) -> Mutant:
        if (self.function is None) == (self.registry is None):
            raise ValueError("a mutant needs exactly one of function or registry")
        if self.function is not None and not (self.name and self.diagnosis):
            raise ValueError("a task-local mutant needs a name and a diagnosis")
        return self

    @property
    def label(self) -> str:
        """The mutant's name as results show it."""
        return self.name or str(self.registry)


class Metric(StrEnum):
    """How a training task's trained parameters are scored."""

    ACCURACY = "accuracy"  # higher is better
    MSE = "mse"  # lower is better


class TaskSpec(Strict):
    """One coding task."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=3)
    kind: Kind
    entry: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", description="The function the learner writes.")
    reference: str = Field(description="'module:function' of the reference kernel.")
    framework: str = Field("numpy", pattern="^(numpy|torch)$")
    points: int = Field(10, ge=1)
    statement: str = "statement.md"
    starter: str = "starter.py"
    solution: str = "solution.py"
    learned: str = Field(min_length=10, description="What passing this task shows you can do.")
    hints: list[str] = Field(min_length=2, max_length=3)
    time_limit_s: float = Field(5.0, gt=0, le=120)
    memory_mb: int = Field(512, ge=64, le=8192)
    tolerance: dict[str, Tolerance] = {}
    dim_names: dict[str, str] = {}  # what a size means, for diagnoses: {N = "the batch size"}
    returns: list[str] = []  # names of the returned values, for messages: ["loss", "dx"]
    # Files the learner's function writes: the names of the arguments holding their paths.
    # The tutor fetches each one from the sandbox, checks it and saves it to the workspace.
    artifacts: list[str] = []
    example: Example
    case: list[Case] = Field(min_length=1)
    check: list[Check] = []
    mutant: list[Mutant] = []
    # gradient tasks
    forward: str | None = None  # 'module:function' returning (out, cache)
    autograd: str | None = None  # a torch kernel of the same forward, for an autograd cross-check
    wrt: list[str] = []  # which named inputs the gradients are for, in the order returned
    form: str = Field("backward", pattern="^(backward|loss)$")
    # training tasks
    predict: str | None = None  # 'module:function' called as predict(X, *trained)
    metric: Metric | None = None
    threshold: float | None = None

    @model_validator(mode="after")
    def _kind_fields(self) -> TaskSpec:
        if self.kind is Kind.GRADIENT:
            if not self.wrt:
                raise ValueError("a gradient task needs wrt = [names of the inputs]")
            if self.form == "backward" and not self.forward:
                raise ValueError("a backward gradient task needs forward = 'module:function'")
        if self.kind is Kind.TRAINING and (self.predict is None or self.metric is None or self.threshold is None):
            raise ValueError("a training task needs predict, metric and threshold")
        if self.kind is Kind.SPEC and not self.check:
            raise ValueError("a spec task needs at least one [[check]]")
        names = [c.name for c in self.case]
        if len(names) != len(set(names)):
            raise ValueError("case names must be unique")
        return self

    def tolerance_for(self, dtype: str) -> Tolerance:
        """The tolerance for an expected output of ``dtype`` (this spec's, else the default)."""
        key = "int" if dtype.startswith(("int", "uint", "bool")) else dtype
        return self.tolerance.get(key) or DEFAULT_TOLERANCE.get(key) or DEFAULT_TOLERANCE["float64"]


class SpecError(Exception):
    """A task spec cannot be loaded; ``problems`` say where and why."""

    def __init__(self, problems: list[ContentProblem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class UnknownTask(LookupError):
    """No task folder has this id."""


def load_spec(folder: Path) -> TaskSpec:
    """Load ``folder/task.toml``; raise SpecError with path:line problems if it is wrong."""
    path = folder / "task.toml"
    try:
        source = path.read_text(encoding="utf-8")
        raw = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise SpecError([toml_problem(path, error)]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise SpecError([ContentProblem(path, 1, f"cannot read: {error}")]) from None
    try:
        return TaskSpec.model_validate(raw)
    except ValidationError as error:
        raise SpecError(validation_problems(path, error, source)) from None


def find_task_folder(task_id: str, lessons: Path | None = None) -> Path:
    """The folder of task ``task_id`` (``lessons/day-NN/tasks/<id>``); UnknownTask if none."""
    lessons = lessons or paths.lessons_dir()
    for spec in sorted(lessons.glob(f"day-*/tasks/{task_id}/task.toml")):
        return spec.parent
    raise UnknownTask(task_id)


def day_of(folder: Path) -> int:
    """The plan day a task folder belongs to (from ``day-NN`` two levels up)."""
    try:
        return int(folder.parent.parent.name.removeprefix("day-"))
    except ValueError:
        return 0


def validate_task_specs(curriculum) -> list[ContentProblem]:
    """Every problem in every task spec of ``curriculum``, as path:line: message.

    Called by `tutor validate`. Checks the spec's fields, that the files it names exist and
    parse, that referenced kernels and generators exist (read, not imported, so this never
    imports torch), and that the starter and solution define the entry function.
    """
    from tutor.grading.specchecks import check_task_folder

    problems: list[ContentProblem] = []
    for task in curriculum.tasks.values():
        try:
            spec = load_spec(task.folder)
        except (SpecError, ContentError) as error:
            problems += error.problems
            continue
        problems += check_task_folder(spec, task.folder)
    return problems
