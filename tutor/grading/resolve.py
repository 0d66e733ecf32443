"""Find the Python objects a spec names: ``"module:function"`` or ``"file:function"``.

``"kernels.numpy.losses:softmax"`` is imported as a module; ``"cases:and_gate"`` is the
file ``cases.py`` in the task's own folder (named generators and task-specific mutants).
``defines`` answers "does it exist?" by reading source, without importing, so that
`tutor validate` never imports torch.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import sys
from functools import cache
from pathlib import Path
from typing import Any


class ResolveError(LookupError):
    """A named object cannot be found."""


def split_ref(ref: str) -> tuple[str, str]:
    """Split ``"module:attr"`` into its two parts (ResolveError if malformed)."""
    module, sep, attr = ref.partition(":")
    if not sep or not module or not attr:
        raise ResolveError(f"{ref!r} should look like 'module:function'")
    return module, attr


def local_file(folder: Path | None, module: str) -> Path | None:
    """The task-local file a module name refers to, if there is one."""
    if folder is None or "." in module:
        return None
    path = folder / f"{module}.py"
    return path if path.is_file() else None


@cache
def _load_local(path: Path):
    name = "tutor_task_" + "_".join(path.parent.name.split("-")) + "_" + path.stem
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look modules up by name
    spec.loader.exec_module(module)
    return module


def resolve(ref: str, folder: Path | None = None) -> Any:
    """Import and return the object ``ref`` names (task-local files first)."""
    module_name, attr = split_ref(ref)
    path = local_file(folder, module_name)
    try:
        module = _load_local(path.resolve()) if path else importlib.import_module(module_name)
    except ImportError as error:
        raise ResolveError(f"{ref}: cannot import {module_name}: {error}") from None
    try:
        return getattr(module, attr)
    except AttributeError:
        raise ResolveError(f"{ref}: {module_name} has no {attr!r}") from None


def _top_level_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def defines(ref: str, folder: Path | None = None) -> str | None:
    """None if ``ref`` exists, else why not. Reads source files instead of importing them."""
    try:
        module_name, attr = split_ref(ref)
    except ResolveError as error:
        return str(error)
    path = local_file(folder, module_name)
    if path is None:
        if module_name.split(".")[0] in ("torch", "torchvision"):
            return None  # importing torch to look is too slow for `tutor validate`
        try:
            found = importlib.util.find_spec(module_name)
        except (ImportError, ValueError):
            found = None
        if found is None:
            return f"{ref}: no module {module_name!r}" + (" in the task folder" if "." not in module_name else "")
        origin = found.origin
        if origin is None or not origin.endswith(".py"):
            return None if attr in dir(importlib.import_module(module_name)) else f"{ref}: {module_name} has no {attr!r}"
        path = Path(origin)
    try:
        names = _top_level_names(path)
    except SyntaxError as error:
        return f"{ref}: {path.name} does not parse: {error.msg} (line {error.lineno})"
    if attr in names:
        return None
    if path.name == "__init__.py":  # packages such as numpy export names built at import time
        return None if hasattr(importlib.import_module(module_name), attr) else f"{ref}: {module_name} has no {attr!r}"
    return f"{ref}: {path.name} defines no {attr!r}"
