"""The speed round, on the trusted side (the drill worker): build the benchmark input, time both.

The benchmark input is derived from the task's own cases, so every drill has one without
extra content: take the case family with the largest inputs, set each size to the top of its
range, and double every size until the inputs hold ``TARGET_ELEMENTS`` numbers (fewer for
tasks whose point is a Python loop), stopping early if the reference refuses a size. Then your
function and the reference run in sandboxed processes taking turns (three rounds), on identical
copies of the input, timed in CPU time (wall time on a GPU), with one thread each
(``OMP_NUM_THREADS=1`` and friends are set before NumPy loads; torch gets ``set_num_threads(1)``):
one warm-up call, then repeated calls until ``MAX_REPEATS`` or ``BUDGET_S``, and the median counts.

Each side runs in its own process so that code in your file cannot touch the reference's
timing (by patching NumPy, say).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import types
from dataclasses import replace as dc_replace

import numpy as np

from tutor.drills.speed import SpeedResult
from tutor.grading import kinds
from tutor.grading.cases import BuiltCase, build_family
from tutor.grading.engine import Task, choose_device, limits_for
from tutor.grading.harness import error_info
from tutor.grading.resolve import resolve
from tutor.grading.sandbox import Run, hidden_paths
from tutor.grading.spec import Rule
from tutor.grading.wire import WireError, decode_frames, encode_frame

TARGET_ELEMENTS = 1 << 16
LOOP_TARGET_ELEMENTS = 1 << 11  # tasks that must use Python loops: keep the benchmark short
MAX_DOUBLINGS = 10
WARMUP = 1
MIN_REPEATS, MAX_REPEATS = 3, 35  # per round
BUDGET_S = 0.6  # per side and round, after the warm-up
ROUNDS = 3  # reference, yours, reference, yours...: a machine that slows down hits both sides alike
WALL_S = 30.0
SAMPLE_MS, MAX_CALLS = 2.0, 10_000  # a timed sample is at least ~2 ms of calls
SAMPLE_BYTES = 32 << 20


def _elements(case: BuiltCase) -> int:
    values = list(case.call_args) + list(case.kwargs.values())
    return sum(int(np.size(v)) for v in values if isinstance(v, np.ndarray))


def _bytes(case: BuiltCase) -> int:
    values = list(case.call_args) + list(case.kwargs.values())
    return sum(v.nbytes for v in values if isinstance(v, np.ndarray))


def _raises(task: Task, case: BuiltCase) -> bool:
    reference = resolve(task.spec.reference, task.folder)
    return isinstance(kinds.call_trusted(reference, case, task.spec), kinds.Raised)


def _built(task: Task, family, dims: dict[str, int]) -> BuiltCase:
    fixed = family.model_copy(update={"dims": dims, "seeds": [family.seeds[0]]})
    case = build_family(fixed, task.folder)[0]
    kinds.prepare(task.spec, task.folder, [case])
    return case


def benchmark_case(task: Task) -> BuiltCase:
    """The drill's benchmark input (see the module docstring for how it is chosen)."""
    spec = task.spec
    loops = any(c.rule in (Rule.REQUIRE_LOOP, Rule.MAX_LOOP_DEPTH) for c in spec.check)
    target = LOOP_TARGET_ELEMENTS if loops else TARGET_ELEMENTS
    candidates = []
    for family in spec.case:
        if family.generator or not family.dims:
            continue
        top = {k: (v if isinstance(v, int) else max(v)) for k, v in family.dims.items()}
        try:
            base = _built(task, family, top)
        except Exception:  # noqa: BLE001 - a family that cannot be built is simply not used
            continue
        if not _raises(task, base):
            candidates.append((_elements(base), family, top, base))
    if not candidates:
        usable = [c for c in task.cases if not _raises(task, c)] or task.cases
        return max(usable, key=_elements)
    size, family, dims, best = max(candidates, key=lambda c: c[0])
    for _ in range(MAX_DOUBLINGS):
        if size >= target:
            break
        bigger = {k: v * 2 for k, v in dims.items()}
        try:
            case = _built(task, family, bigger)
        except Exception:  # noqa: BLE001
            break
        if _raises(task, case):
            break
        dims, best, size = bigger, case, _elements(case)
    return dc_replace(best, name=f"{family.name} (scaled)")


def _load_learner(source: str, entry: str):
    with open("solution.py", "w", encoding="utf-8") as handle:
        handle.write(source)
    module = types.ModuleType("solution")
    module.__file__ = os.path.abspath("solution.py")
    sys.modules["solution"] = module
    exec(compile(source, module.__file__, "exec"), module.__dict__)  # noqa: S102 - inside the sandbox
    return module.__dict__[entry]


def _tensors(value, device: str):
    import torch

    if isinstance(value, np.ndarray):
        return torch.from_numpy(value.copy()).to(device)
    if isinstance(value, list | tuple):
        return type(value)(_tensors(v, device) for v in value)
    if isinstance(value, dict):
        return {k: _tensors(v, device) for k, v in value.items()}
    return value


def timed_calls(function, case: BuiltCase, framework: str, device: str, calls: int = 1) -> float:
    """Milliseconds per call, over ``calls`` calls, each on fresh copies of the inputs
    (copying is not timed).

    On the CPU this is the calling thread's CPU time, which other programs on a busy machine do
    not inflate (the work runs on this one thread; ``process_time`` ticks coarsely under the
    sandbox's CPU limit); on a GPU it is wall time, after a synchronise.
    Tiny functions are timed over many calls, since one call is below the clock's resolution.
    """
    inputs = []
    for _ in range(calls):
        args, kwargs = case.fresh_call()
        if framework == "torch":
            args, kwargs = _tensors(args, device), _tensors(kwargs, device)
        inputs.append((args, kwargs))
    cuda = device.startswith("cuda")
    clock = time.perf_counter if cuda else time.thread_time
    started = clock()
    for args, kwargs in inputs:
        function(*args, **kwargs)
    if cuda:
        import torch

        torch.cuda.synchronize()
    return (clock() - started) * 1000 / calls


def _time_body(task: Task, case: BuiltCase, device: str, source: str | None):
    """The sandboxed side: load the function, warm up, time repeated calls, send the times."""
    spec = task.spec

    def body(fd: int) -> None:
        def send(header: dict) -> None:
            view = memoryview(encode_frame(header))
            while view:
                view = view[os.write(fd, view):]

        if spec.framework == "torch":
            import torch

            torch.set_num_threads(1)
        try:
            function = (_load_learner(source, spec.entry) if source is not None
                        else resolve(spec.reference, task.folder))
            warm = max(timed_calls(function, case, spec.framework, device) for _ in range(WARMUP))
            most = max(1, SAMPLE_BYTES // max(1, _bytes(case)))  # copies of the inputs held at once
            calls = int(min(MAX_CALLS, most, max(1, SAMPLE_MS / max(warm, 1e-4))))
            times: list[float] = []
            started = time.perf_counter()
            while len(times) < MAX_REPEATS and (len(times) < MIN_REPEATS
                                                or time.perf_counter() - started < BUDGET_S):
                times.append(timed_calls(function, case, spec.framework, device, calls))
                if time.perf_counter() - started > WALL_S / 3:
                    break  # very slow code: a few repeats are enough to know it
        except BaseException as error:  # noqa: BLE001 - the learner's code may raise anything
            send({"kind": "bench", "status": "error", "error": error_info(error)})
            return
        send({"kind": "bench", "status": "ok", "times_ms": times})
    return body


def _timed(task: Task, case: BuiltCase, device: str, source: str | None) -> tuple[list[float] | None, str]:
    limits = dc_replace(limits_for(task.spec, device), wall_s=WALL_S, memory_mb=max(1024, task.spec.memory_mb))
    outcome = Run(_time_body(task, case, device, source), limits, hide=hidden_paths()).wait()
    try:
        frames, _ = decode_frames(outcome.data)
    except WireError:
        frames = []
    frame = next((f for f in frames if f.get("kind") == "bench"), None)
    if frame is None:
        if outcome.timed_out:
            return None, f"too slow to time on the benchmark input (over {WALL_S:.0f} s)"
        return None, "the timing run stopped before it reported"
    if frame.get("status") != "ok":
        error = frame.get("error", {})
        return None, f"{error.get('type', 'an error')}: {error.get('message', '')}"
    return list(frame["times_ms"]), ""


def speed_round(task: Task, source: str) -> SpeedResult:
    """Time the learner's ``source`` against the reference on the benchmark input."""
    device = choose_device(task.spec)
    case = benchmark_case(task)
    threads = 1 if os.environ.get("OMP_NUM_THREADS") == "1" else os.cpu_count() or 1
    result = SpeedResult(task=task.spec.id, ok=False, dims=dict(case.dims), case=case.name, device=device,
                         threads=threads, clock="wall" if device.startswith("cuda") else "cpu")
    reference: list[float] = []
    learner: list[float] = []
    for _ in range(ROUNDS):
        times, why = _timed(task, case, device, None)
        if times is None:
            result.message = f"the reference could not be timed ({why})"
            return result
        reference += times
        times, why = _timed(task, case, device, source)
        if times is None:
            result.message = why
            return result
        learner += times
        if sum(times) / 1000 > WALL_S / 3:
            break  # slow code: one round tells enough
    result.learner_ms = statistics.median(learner)
    result.reference_ms = statistics.median(reference)
    result.repeats = min(len(learner), len(reference))
    result.speedup = result.reference_ms / max(result.learner_ms, 1e-6)
    result.ok = True
    return result
