"""Sentiment classification: IMDb reviews when present, else shipped movie-review sentences."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

from tutor.datasets.base import (
    DatasetInfo,
    DatasetUnavailable,
    LabeledTexts,
    balanced_pick,
    check_source,
    check_split,
    full_data_root,
    too_few,
)
from tutor.datasets.formats import list_aclimdb, read_review

SENTIMENT_CLASSES = ("negative", "positive")
SHIPPED_SENTENCES = "sentiment/rt_sentences.tsv.gz"
_HINT = (
    "The IMDb reviews (25,000 + 25,000) are used when present: "
    "`tutor data download imdb` (online)."
)


def full_imdb_folder() -> Path | None:
    """``<TUTOR_DATA_DIR>/aclImdb`` if it holds train and test reviews, else None."""
    folder = full_data_root() / "aclImdb"
    ok = all((folder / split / "pos").is_dir() for split in ("train", "test"))
    return folder if ok else None


def read_shipped_sentences() -> list[tuple[int, str, int, float, str]]:
    """Every row of the shipped sentence file: (id, split, label, score, text)."""
    from tutor.paths import data_dir

    with gzip.open(data_dir() / SHIPPED_SENTENCES, "rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()[1:]  # the first line names the columns
    rows = []
    for line in lines:
        sid, split, label, score, text = line.split("\t", 4)
        rows.append((int(sid), split, int(label), float(score), text))
    return rows


def load_sentiment(
    split: str = "train",
    n: int | None = None,
    *,
    seed: int = 0,
    source: str = "auto",
) -> LabeledTexts:
    """Movie reviews labelled 0 (negative) or 1 (positive): ``texts`` list[str], ``y`` [n].

    ``source``: "auto" (IMDb's 25,000/25,000 reviews if present, else the shipped 8,453/2,113
    Rotten Tomatoes sentences), "full" or "shipped". ``n`` examples are picked
    class-balanced and shuffled by ``seed``. For the shipped set, ``scores`` holds the
    mean human rating (-4 to +4) whose sign gave the label.
    """
    check_split(split)
    check_source(source, ("auto", "full", "shipped"))
    folder = full_imdb_folder() if source in ("auto", "full") else None
    if folder is not None:
        files, labels = list_aclimdb(folder, split)
        if n is not None and n > len(labels):
            raise too_few("imdb", split, n, len(labels), "That is the whole split.")
        rows = balanced_pick(labels, n, seed)
        # Read only the reviews picked: 25,000 small files are slow to open on some disks.
        texts = [read_review(files[i]) for i in rows]
        info = DatasetInfo("imdb", split, "full", str(folder), SENTIMENT_CLASSES, "see SOURCE")
        return LabeledTexts(texts, labels[rows], info)
    if source == "full":
        raise DatasetUnavailable(f"imdb: no aclImdb folder in {full_data_root()}. {_HINT}")
    table = [r for r in read_shipped_sentences() if r[1] == split]
    labels = np.array([r[2] for r in table], dtype=np.int64)
    if n is not None and n > len(labels):
        raise too_few("rt-sentences", split, n, len(labels), _HINT)
    rows = balanced_pick(labels, n, seed)
    info = DatasetInfo(
        "rt-sentences",
        split,
        "shipped",
        "Rotten Tomatoes sentences rated by people, from vaderSentiment 3.3.2 "
        f"(data/{SHIPPED_SENTENCES}), labelled by the sign of the mean rating",
        SENTIMENT_CLASSES,
        "MIT",
        note=_HINT,
    )
    scores = np.array([table[i][3] for i in rows])
    return LabeledTexts([table[i][4] for i in rows], labels[rows], info, scores)
