"""Time the reference kernels: NumPy against torch, in one run.

    python benchmarks/kernels.py [--repeats 15] [--skip-naive]

For each operation it prints the median wall time of the NumPy kernel, of the
torch twin in kernels/torch, and of torch's own implementation, on the CPU
(and on CUDA when there is a GPU), then the ratio NumPy / torch built-in.
Everything is float32, forward passes only. Targets from the issue: im2col
conv2d within 3x of torch on the CPU, NumPy attention within 2x.

Both libraries get the same number of threads, ``--threads`` (default 1):
on a busy machine, worker threads wait for each other on each of attention's
64 small matrix products and each LSTM step (5-35x slower at load 7-12 on 2
cores, for NumPy and torch alike), which measures the scheduler, not the kernel.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

_pre = argparse.ArgumentParser(add_help=False)
_pre.add_argument("--threads", type=int, default=1)
THREADS = _pre.parse_known_args()[0].threads
# OpenBLAS reads this once, when NumPy first loads it: set it before the import.
os.environ["OPENBLAS_NUM_THREADS"] = str(THREADS)

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kernels.numpy import attention as np_att
from kernels.numpy import basics as np_basics
from kernels.numpy import conv as np_conv
from kernels.numpy import rnn as np_rnn
from kernels.torch import attention as t_att
from kernels.torch import basics as t_basics
from kernels.torch import conv as t_conv
from kernels.torch import rnn as t_rnn

torch.set_num_threads(THREADS)

TARGETS = {"conv2d 3x3 pad 1": 3.0, "attention": 2.0}


def median_ms(fn, repeats: int, device: str = "cpu") -> float:
    """Median wall time of fn() in milliseconds, after one warm-up call."""
    sync = torch.cuda.synchronize if device == "cuda" else (lambda: None)
    with torch.no_grad():
        fn()
        sync()
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            fn()
            sync()
            times.append(time.perf_counter() - start)
    return 1e3 * statistics.median(times)


def problems(rng):
    """The benchmark inputs (NumPy float32), sized as the issue asks."""
    f32 = lambda *s: rng.standard_normal(s).astype(np.float32)
    return {
        "matmul": (f32(512, 512), f32(512, 512)),
        "conv": (f32(32, 16, 32, 32), f32(32, 16, 3, 3), f32(32)),
        "pool": (f32(32, 32, 32, 32),),
        "attention": (f32(8, 8, 128, 64), f32(8, 8, 128, 64), f32(8, 8, 128, 64)),
        "lstm": (
            f32(32, 50, 128),
            f32(32, 128),
            f32(128, 512) * 0.1,
            f32(128, 512) * 0.1,
            f32(512) * 0.1,
        ),
    }


def torch_rows(p, device, repeats):
    """{op: (torch twin ms, torch built-in ms)} on one device."""
    t = {k: [torch.from_numpy(a).to(device) for a in v] for k, v in p.items()}
    x, w, b = t["conv"]
    lstm = torch.nn.LSTM(128, 128, batch_first=True).to(device)
    with torch.no_grad():  # the same weights as the kernels use
        lstm.weight_ih_l0.copy_(t["lstm"][2].T)
        lstm.weight_hh_l0.copy_(t["lstm"][3].T)
        lstm.bias_ih_l0.copy_(t["lstm"][4])
        lstm.bias_hh_l0.zero_()
    h0 = t["lstm"][1][None]
    return {
        "matmul 512": (
            median_ms(lambda: t_basics.matmul(*t["matmul"]), repeats, device),
            median_ms(lambda: torch.mm(*t["matmul"]), repeats, device),
        ),
        "conv2d 3x3 pad 1": (
            median_ms(
                lambda: t_conv.conv2d_forward_im2col(x, w, b, 1, 1), repeats, device
            ),
            median_ms(lambda: F.conv2d(x, w, b, padding=1), repeats, device),
        ),
        "maxpool 2x2": (
            median_ms(lambda: t_conv.maxpool_forward(*t["pool"]), repeats, device),
            median_ms(lambda: F.max_pool2d(t["pool"][0], 2, 2), repeats, device),
        ),
        "attention": (
            median_ms(
                lambda: t_att.scaled_dot_product_attention(*t["attention"]),
                repeats,
                device,
            ),
            median_ms(
                lambda: F.scaled_dot_product_attention(*t["attention"]), repeats, device
            ),
        ),
        "lstm T=50": (
            median_ms(lambda: t_rnn.lstm_forward(*t["lstm"]), repeats, device),
            median_ms(
                lambda: lstm(t["lstm"][0], (h0, torch.zeros_like(h0))), repeats, device
            ),
        ),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads for NumPy's BLAS and for torch (default 1)",
    )
    parser.add_argument(
        "--skip-naive",
        action="store_true",
        help="skip the (slow, ~10 s) naive conv loops",
    )
    args = parser.parse_args(argv)
    p = problems(np.random.default_rng(0))
    r = args.repeats
    x, w, b = p["conv"]
    numpy_ms = {
        "matmul 512": median_ms(lambda: np_basics.matmul(*p["matmul"]), r),
        "conv2d 3x3 pad 1": median_ms(
            lambda: np_conv.conv2d_forward_im2col(x, w, b, 1, 1), r
        ),
        "maxpool 2x2": median_ms(lambda: np_conv.maxpool_forward(*p["pool"]), r),
        "attention": median_ms(
            lambda: np_att.scaled_dot_product_attention(*p["attention"]), r
        ),
        "lstm T=50": median_ms(lambda: np_rnn.lstm_forward(*p["lstm"]), r),
    }
    print(
        f"torch {torch.__version__}, numpy {np.__version__}; {torch.get_num_threads()} torch thread(s), OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}"
    )
    print(
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; medians of {r} runs, float32, forward only"
    )
    print(
        "shapes: matmul 512x512; conv N=32 C=16 H=W=32 F=32 3x3 pad 1; maxpool on 32x32x32x32;"
    )
    print("        attention batch 8, 8 heads, T=128, d=64; LSTM T=50 N=32 D=H=128\n")
    if not args.skip_naive:
        naive = median_ms(lambda: np_conv.conv2d_forward_naive(x, w, b, 1, 1), 1)
        print(
            f"conv2d naive loops (NumPy): {naive:9.1f} ms = {naive / numpy_ms['conv2d 3x3 pad 1']:.0f}x im2col\n"
        )
    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    header = f"{'op':<18}{'numpy ms':>10}"
    for d in devices:
        header += f"{d + ' twin':>12}{d + ' torch':>12}{'np/' + d:>9}"
    print(header)
    rows = {d: torch_rows(p, d, r) for d in devices}
    verdicts = []
    for op, np_ms in numpy_ms.items():
        line = f"{op:<18}{np_ms:>10.2f}"
        for d in devices:
            twin, builtin = rows[d][op]
            line += f"{twin:>12.2f}{builtin:>12.2f}{np_ms / builtin:>8.1f}x"
        print(line)
        if op in TARGETS:
            ratio = np_ms / rows["cpu"][op][1]
            verdicts.append(
                f"{op}: NumPy is {ratio:.1f}x torch on the CPU (target ≤ {TARGETS[op]:.0f}x): {'met' if ratio <= TARGETS[op] else 'MISSED'}"
            )
    print("\n" + "\n".join(verdicts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
