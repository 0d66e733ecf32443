"""The shipped data folder: every set has its licence and source note, and the folder stays small."""

from __future__ import annotations

from tutor.datasets.catalog import SHIPPED, folder_size
from tutor.paths import data_dir


def test_every_shipped_set_has_licence_and_source_notes():
    for rel in SHIPPED.values():
        folder = (data_dir() / rel).parent
        assert (folder / "LICENSE").read_text().strip(), folder
        source = (folder / "SOURCE.md").read_text()
        assert "Licence" in source and "Conversion" in source and "Split" in source, folder


def test_shipped_data_stays_a_few_megabytes():
    assert folder_size(data_dir()) < 5_000_000
