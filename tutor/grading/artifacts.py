"""Files a learner's function writes, such as a plot's PNG: fetched back, checked and kept.

Inside the sandbox the files live in a throw-away folder, so the harness reads each one back
right after the call and sends its bytes (a uint8 array: plain data, never unpickled). The
trusted side checks what it can without decoding the image (a PNG's signature and its
width × height from the IHDR chunk) and saves the file into the learner's workspace, where
the tutor tells them to open it.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import Any

from tutor.grading.result import CaseResult

MAX_ARTIFACT_BYTES = 4 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def artifact_paths(names: list[str], case) -> list[str]:
    """The output paths a case passes to the learner's function, for the spec's artifact names."""
    values = {**case.named(), **case.kwargs}
    return [str(values[name]) for name in names if isinstance(values.get(name), str)]


def read_back(path: str) -> tuple[dict, Any]:
    """Inside the sandbox: the file at ``path`` as (header, bytes as a uint8 array or None)."""
    import numpy as np

    header = {"kind": "artifact", "path": path}
    try:
        size = os.path.getsize(path)
        if size > MAX_ARTIFACT_BYTES:
            return {**header, "status": "too big", "size": size}, None
        with open(path, "rb") as handle:
            data = handle.read(MAX_ARTIFACT_BYTES + 1)
    except OSError as error:
        return {**header, "status": "missing", "error": type(error).__name__}, None
    return {**header, "status": "ok", "size": len(data)}, np.frombuffer(data, dtype=np.uint8)


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG from its first chunk, or None if ``data`` is not a PNG."""
    if len(data) < 24 or not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def collect(frames: list[dict], case_names: list[str], folder: Path) -> list[CaseResult]:
    """Check each file the learner's code wrote and save it in ``folder``; one check per file name.

    ``frames`` are the harness's artifact frames (case index, path, status, and the bytes as
    their ``value``). A later case writing the same file name replaces the earlier one.
    """
    latest: dict[str, tuple[dict, Any]] = {}
    for frame in frames:
        latest[os.path.basename(str(frame.get("path", "")))] = (frame, frame.get("value"))
    checks = []
    for name, (frame, data) in sorted(latest.items()):
        case = case_names[frame["case"]] if 0 <= frame.get("case", -1) < len(case_names) else "a case"
        label = f"{name} is saved"
        if frame.get("status") == "missing":
            checks.append(CaseResult(label, "fail", f"in '{case}' your function did not save {name}: "
                                     "call fig.savefig(path) with the path it is given", kind="check"))
            continue
        if frame.get("status") != "ok" or data is None:
            size = frame.get("size", 0)
            checks.append(CaseResult(label, "fail", f"{name} is {size} bytes, over the "
                                     f"{MAX_ARTIFACT_BYTES // 2**20} MiB limit", kind="check"))
            continue
        raw = bytes(data)
        if name.lower().endswith(".png") and png_size(raw) is None:
            checks.append(CaseResult(label, "fail", f"{name} is not a PNG image: save it with "
                                     "fig.savefig(path) (a .png path gives PNG)", kind="check"))
            continue
        saved = _save(folder / name, raw)
        size = png_size(raw)
        what = f"a {size[0]}×{size[1]} PNG" if size else f"{len(raw)} bytes"
        where = f", saved as {saved}: open it to see your plot" if saved else ""
        checks.append(CaseResult(label, "pass", f"{what}{where}", kind="check"))
    return checks


def _save(path: Path, data: bytes) -> Path | None:
    """Write ``data`` to ``path`` (a read-only workspace just means nothing is kept)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError:
        return None
    return path
