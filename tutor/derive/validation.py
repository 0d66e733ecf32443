"""The derivation bank's part of `tutor validate` (found by name by ``tutor.curriculum.validate``)."""

from __future__ import annotations


def validate_for_curriculum(curriculum) -> list:
    """Every problem in the bank under ``curriculum.root``, as ``ContentProblem``s.

    Bad TOML and duplicate ids are left out: the curriculum loader already reports them.
    """
    from tutor.curriculum.problems import ContentProblem
    from tutor.derive.bank import validate_bank

    return [ContentProblem(path, line, message)
            for path, line, message in validate_bank(root=curriculum.root)
            if not message.startswith(("bad TOML", "duplicate id"))]
