"""The side of a check that runs in the sandbox: load the learner's file, call it, report.

It writes frames (see ``wire.py``) to its result pipe: ``hello`` (what isolation is in
force), ``load`` (the file ran, or why not), one ``case`` per call with the returned value
as plain data or the exception, and ``done``. The grader trusts none of it beyond its
shape: the values are compared on the trusted side.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tutor.grading import sandbox
from tutor.grading.artifacts import read_back
from tutor.grading.cases import BuiltCase
from tutor.grading.wire import encode_frame, to_plain

SOLUTION_FILE = "solution.py"


@dataclass
class Job:
    """What one sandboxed run does: which code, which calls."""

    entry: str
    cases: list[BuiltCase]
    source: str | None = None  # the learner's file
    function: Callable | None = None  # or a trusted function (a reference, a mutant), for dev checks
    framework: str = "numpy"
    device: str = "cpu"
    tensor_args: dict[int, list[bool]] = field(default_factory=dict)  # case index -> which args become tensors
    artifacts: dict[int, list[str]] = field(default_factory=dict)  # case index -> files the call writes


def _send(fd: int, header: dict, value: Any = None) -> None:
    view = memoryview(encode_frame(header, value))
    while view:
        view = view[os.write(fd, view):]


def error_info(error: BaseException, filename: str = SOLUTION_FILE) -> dict:
    """An exception as data: its type, message, the learner's line and a short traceback."""
    try:
        message = str(error)
    except BaseException:  # a hostile __str__
        message = "<the exception's message could not be read>"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(filename)]
    lines = [line.replace(frame.filename, "your file") for frame, line in
             zip(frames[-3:], traceback.format_list(frames[-3:]))]
    return {"type": type(error).__name__, "message": message[:2000],
            "line": frames[-1].lineno if frames else None,
            "traceback": "".join(lines)[-3000:]}


def _load(job: Job) -> Callable:
    if job.function is not None:
        return job.function
    with open(SOLUTION_FILE, "w", encoding="utf-8") as handle:  # so tracebacks can show lines
        handle.write(job.source or "")
    code = compile(job.source or "", os.path.abspath(SOLUTION_FILE), "exec")
    module = types.ModuleType("solution")
    module.__file__ = os.path.abspath(SOLUTION_FILE)
    sys.modules["solution"] = module
    exec(code, module.__dict__)  # noqa: S102 - this is the sandbox: running the learner's code is its job
    function = module.__dict__.get(job.entry)
    if function is None:
        raise LookupError(f"your file defines no function named {job.entry!r}")
    if not callable(function):
        raise TypeError(f"{job.entry} is a {type(function).__name__}, not a function")
    return function


def _to_device(value: Any, device: str) -> Any:
    import numpy as np
    import torch

    if isinstance(value, np.ndarray):
        return torch.from_numpy(value.copy()).to(device)
    if isinstance(value, list | tuple):
        return type(value)(_to_device(v, device) for v in value)
    if isinstance(value, dict):
        return {k: _to_device(v, device) for k, v in value.items()}
    return value


def call_case(function: Callable, case: BuiltCase, framework: str, device: str,
              tensor_mask: list[bool] | None = None) -> tuple[Any, float]:
    """Call ``function`` on fresh copies of the case's arguments; (result, milliseconds)."""
    args, kwargs = case.fresh_call()
    if framework == "torch":
        mask = tensor_mask or [True] * len(args)
        args = [_to_device(a, device) if keep else a for a, keep in zip(args, mask + [True] * len(args))]
        kwargs = {k: _to_device(v, device) for k, v in kwargs.items()}
    started = time.perf_counter()
    result = function(*args, **kwargs)
    if framework == "torch" and device.startswith("cuda"):
        import torch

        torch.cuda.synchronize()
    return result, (time.perf_counter() - started) * 1000


def run_job(job: Job, fd: int) -> None:
    """Run every case of ``job`` and stream the results to ``fd`` (the sandbox body)."""
    _send(fd, {"kind": "hello", "isolation": list(sandbox.ACTIVE_ISOLATION), "pid": os.getpid()})
    if job.framework == "torch":
        import torch

        torch.set_num_threads(1)
    try:
        function = _load(job)
    except BaseException as error:  # noqa: BLE001 - SystemExit and friends are the learner's too
        sys.stdout.flush()
        _send(fd, {"kind": "load", "status": "error", "error": error_info(error)})
        return
    _send(fd, {"kind": "load", "status": "ok"})
    for index, case in enumerate(job.cases):
        header: dict = {"kind": "case", "case": index}
        value = None
        try:
            result, elapsed = call_case(function, case, job.framework, job.device, job.tensor_args.get(index))
            value = to_plain(result)
            header.update(status="ok", elapsed_ms=elapsed)
        except BaseException as error:  # noqa: BLE001
            header.update(status="error", error=error_info(error))
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001 - printing past the output cap fails here
            header["output_error"] = True
        _send(fd, header, value)
        for path in job.artifacts.get(index, []):
            artifact, data = read_back(path)
            _send(fd, {**artifact, "case": index}, data)
    _send(fd, {"kind": "done"})
