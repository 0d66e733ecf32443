"""How fast derivation answers are checked, over the whole bank.

Compile time (deriving each key with SymPy and evaluating it at the sample points) is reported
per problem, separately. Then every accepted answer, every known mistake and a few generic
wrong variants (negated, doubled, transposed) are checked repeatedly, once compiled, and the
median and 95th percentile are printed for scalar and matrix problems, in this process and
through the sandboxed worker (which adds a JSON round trip). Targets from the issue: p95 under
50 ms for scalar problems and under 100 ms for matrix problems.

    python benchmarks/derive.py [--repeat 5] [--no-sandbox]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tutor.derive.bank import load_bank  # noqa: E402
from tutor.derive.check import check_answer  # noqa: E402
from tutor.derive.compile import compile_problem, compiled  # noqa: E402


def variants(problem) -> list[str]:
    """Accepted forms, known mistakes, and generic wrong answers built from the first accepted one."""
    first = problem.accept[0]
    wrong = [f"-({first})", f"2*({first})", f"({first}) + 1"]
    if any(v.shape for v in problem.vars.values()):
        wrong.append(f"({first}).T")
    return list(problem.accept) + [m.answer for m in problem.mistakes] + wrong


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-sandbox", action="store_true")
    args = parser.parse_args()
    bank = load_bank()

    print(f"{len(bank)} problems\n\ncompile time per problem (ms):")
    compile_ms = {}
    for pid, problem in sorted(bank.items()):
        start = time.perf_counter()
        compile_problem(problem)
        compile_ms[pid] = (time.perf_counter() - start) * 1e3
        compiled(problem)  # fill the cache used by check_answer
    for pid, ms in sorted(compile_ms.items(), key=lambda kv: -kv[1]):
        print(f"  {pid:34s} {ms:8.1f}")
    values = list(compile_ms.values())
    print(f"  total {sum(values) / 1e3:.2f} s, median {statistics.median(values):.1f} ms, max {max(values):.1f} ms")

    times: dict[str, list[float]] = {"scalar": [], "matrix": []}
    verdicts: dict[str, int] = {}
    for problem in bank.values():
        kind = "matrix" if any(v.shape for v in problem.vars.values()) else "scalar"
        for text in variants(problem):
            for _ in range(args.repeat):
                start = time.perf_counter()
                verdict = check_answer(problem, text)
                times[kind].append((time.perf_counter() - start) * 1e3)
            verdicts[verdict.verdict] = verdicts.get(verdict.verdict, 0) + 1
    print(f"\nchecks in process, compiled ({args.repeat} repeats; verdicts {verdicts}):")
    for kind, target in (("scalar", 50), ("matrix", 100)):
        t = times[kind]
        print(f"  {kind:6s} n={len(t):5d}  median {statistics.median(t):6.2f} ms  p95 {pct(t, 0.95):6.2f} ms  "
              f"max {max(t):7.2f} ms  (target p95 < {target} ms)")

    if args.no_sandbox:
        return
    from tutor.derive.sandbox import Checker

    with Checker() as checker:
        start = time.perf_counter()
        checker.check("power-rule", "5*x**4")
        print(f"\nsandbox start + first check: {(time.perf_counter() - start) * 1e3:.0f} ms")
        for pid in bank:
            checker.warm(pid)
        times = {"scalar": [], "matrix": []}
        for problem in bank.values():
            kind = "matrix" if any(v.shape for v in problem.vars.values()) else "scalar"
            for text in variants(problem):
                start = time.perf_counter()
                checker.check(problem.id, text)
                times[kind].append((time.perf_counter() - start) * 1e3)
    print("checks through the sandboxed worker, compiled:")
    for kind, target in (("scalar", 50), ("matrix", 100)):
        t = times[kind]
        print(f"  {kind:6s} n={len(t):5d}  median {statistics.median(t):6.2f} ms  p95 {pct(t, 0.95):6.2f} ms  "
              f"max {max(t):7.2f} ms  (target p95 < {target} ms)")


if __name__ == "__main__":
    main()
