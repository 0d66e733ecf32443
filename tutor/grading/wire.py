"""What crosses from the learner's process to the grader: plain data, never pickles.

A value becomes a *plain* tree: NumPy arrays of numbers or booleans, None, strings, lists,
tuples, dicts with string keys, and ``Opaque`` (the type name and a short repr of anything
else). A frame is a JSON header (the tree, with arrays replaced by references to their
dtype and shape) followed by the arrays' raw bytes. Decoding accepts only numeric dtypes
and checks every length, so a corrupted or hostile stream is an error, never code.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from typing import Any

import numpy as np

MAX_DEPTH = 16
MAX_ITEMS = 10_000
MAX_TEXT = 4_000
ALLOWED_KINDS = "biufc"  # bool, signed, unsigned, float, complex


@dataclass(frozen=True)
class Opaque:
    """A value that is not data the grader compares: its type and a short repr."""

    type: str
    repr: str


class WireError(ValueError):
    """The result stream is not what the harness writes."""


def _is_tensor(value: Any) -> bool:
    return type(value).__module__.startswith("torch") and hasattr(value, "detach")


def _short_repr(value: Any) -> str:
    try:
        text = repr(value)
    except BaseException as error:  # a learner's __repr__ may raise anything
        text = f"<repr failed: {type(error).__name__}>"
    return text if len(text) <= 200 else text[:200] + "..."


def to_plain(value: Any, depth: int = 0) -> Any:
    """Turn a returned value into plain data (tensors become NumPy arrays on the CPU)."""
    if depth > MAX_DEPTH:
        return Opaque("nested too deep", "")
    if value is None or isinstance(value, np.ndarray) and value.dtype.kind in ALLOWED_KINDS:
        # np.require, not np.ascontiguousarray: that one turns a 0-d array into shape (1,).
        return None if value is None else np.require(value, requirements="C")
    if isinstance(value, bool | int | float | complex | np.generic) and not isinstance(value, str | bytes):
        array = np.asarray(value)
        return array if array.dtype.kind in ALLOWED_KINDS else Opaque(type(value).__name__, _short_repr(value))
    if isinstance(value, str):
        return value[:MAX_TEXT]
    if _is_tensor(value):
        tensor = value.detach().cpu()
        if str(tensor.dtype) in ("torch.bfloat16", "torch.float16"):
            tensor = tensor.float()
        return np.require(tensor.numpy(), requirements="C")
    if isinstance(value, np.ndarray):  # object arrays: maybe a list of numbers in disguise
        try:
            array = np.asarray(value.tolist(), dtype=float)
        except (TypeError, ValueError):
            return Opaque("ndarray of objects", _short_repr(value))
        return array
    if isinstance(value, tuple | list):
        if len(value) > MAX_ITEMS:
            return Opaque(type(value).__name__, f"{len(value)} items")
        items = [to_plain(v, depth + 1) for v in value]
        return tuple(items) if isinstance(value, tuple) else items
    if isinstance(value, dict):
        if len(value) > MAX_ITEMS or not all(isinstance(k, str) for k in value):
            return Opaque("dict", _short_repr(value))
        return {k: to_plain(v, depth + 1) for k, v in value.items()}
    return Opaque(type(value).__name__, _short_repr(value))


def _encode_tree(value: Any, arrays: list[np.ndarray]) -> Any:
    if value is None:
        return None
    if isinstance(value, np.ndarray):
        arrays.append(value)
        return {"a": len(arrays) - 1}
    if isinstance(value, str):
        return {"s": value}
    if isinstance(value, Opaque):
        return {"o": value.type, "r": value.repr}
    if isinstance(value, tuple):
        return {"t": [_encode_tree(v, arrays) for v in value]}
    if isinstance(value, list):
        return {"l": [_encode_tree(v, arrays) for v in value]}
    if isinstance(value, dict):
        return {"d": [[k, _encode_tree(v, arrays)] for k, v in value.items()]}
    raise WireError(f"not plain data: {type(value).__name__}")


def encode_frame(header: dict, value: Any = None) -> bytes:
    """One frame: the header (with ``value`` as a tree) and the raw bytes of its arrays."""
    arrays: list[np.ndarray] = []
    header = dict(header, value=_encode_tree(value, arrays))
    header["arrays"] = [{"dtype": a.dtype.str, "shape": list(a.shape)} for a in arrays]
    head = json.dumps(header, allow_nan=True).encode()
    payload = b"".join(np.ascontiguousarray(a).tobytes() for a in arrays)
    return struct.pack("<I", len(head)) + head + struct.pack("<Q", len(payload)) + payload


def _decode_tree(node: Any, arrays: list[np.ndarray], depth: int = 0) -> Any:
    if depth > MAX_DEPTH + 2:
        raise WireError("tree too deep")
    if node is None:
        return None
    if not isinstance(node, dict) or len(node) not in (1, 2):
        raise WireError("bad tree node")
    if "a" in node:
        index = node["a"]
        if not isinstance(index, int) or not 0 <= index < len(arrays):
            raise WireError("bad array reference")
        return arrays[index]
    if "s" in node:
        return str(node["s"])
    if "o" in node:
        return Opaque(str(node["o"]), str(node.get("r", "")))
    if "t" in node:
        return tuple(_decode_tree(v, arrays, depth + 1) for v in node["t"])
    if "l" in node:
        return [_decode_tree(v, arrays, depth + 1) for v in node["l"]]
    if "d" in node:
        return {str(k): _decode_tree(v, arrays, depth + 1) for k, v in node["d"]}
    raise WireError("unknown tree node")


def _decode_array(meta: dict, payload: bytes, offset: int) -> tuple[np.ndarray, int]:
    dtype = np.dtype(str(meta["dtype"]))
    shape = tuple(int(s) for s in meta["shape"])
    if dtype.kind not in ALLOWED_KINDS or dtype.itemsize > 16 or any(s < 0 for s in shape):
        raise WireError(f"refused array of dtype {dtype} and shape {shape}")
    size = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if offset + size > len(payload):
        raise WireError("array bytes are missing")
    array = np.frombuffer(payload, dtype=dtype, count=size // dtype.itemsize if dtype.itemsize else 0,
                          offset=offset).reshape(shape).copy()
    return array, offset + size


def decode_frames(data: bytes) -> tuple[list[dict], bool]:
    """Decode a byte stream of frames: (frames, complete). ``complete`` is False when the
    stream stops mid-frame (the process died while writing). WireError on garbage."""
    frames, position = [], 0
    while position < len(data):
        if position + 4 > len(data):
            return frames, False
        (head_len,) = struct.unpack_from("<I", data, position)
        start = position + 4
        if head_len > 16 * 2**20:
            raise WireError("header too large")
        if start + head_len + 8 > len(data):
            return frames, False
        try:
            header = json.loads(data[start:start + head_len])
        except (ValueError, UnicodeDecodeError) as error:
            raise WireError(f"header is not JSON: {error}") from None
        (payload_len,) = struct.unpack_from("<Q", data, start + head_len)
        body = start + head_len + 8
        if body + payload_len > len(data):
            return frames, False
        payload = data[body:body + payload_len]
        if not isinstance(header, dict) or not isinstance(header.get("arrays", []), list):
            raise WireError("header is not an object")
        arrays, offset = [], 0
        try:
            for meta in header.get("arrays", []):
                array, offset = _decode_array(meta, payload, offset)
                arrays.append(array)
        except (TypeError, KeyError) as error:
            raise WireError(f"bad array description: {error}") from None
        header["value"] = _decode_tree(header.get("value"), arrays)
        frames.append(header)
        position = body + payload_len
    return frames, True
