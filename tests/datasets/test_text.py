"""Sentiment: shipped rated sentences offline, IMDb reviews (aclImdb layout) when present."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.datasets import DatasetUnavailable, load_sentiment


def test_offline_sentiment_is_the_shipped_sentences_with_the_stated_split():
    train, test = load_sentiment("train"), load_sentiment("test")
    assert (train.n, test.n) == (8453, 2113)
    assert train.info.name == "rt-sentences" and train.info.source == "shipped"
    assert not set(train.texts) & set(test.texts)
    # Labels are the sign of the human rating, as SOURCE.md says.
    assert np.array_equal(train.y, (train.scores > 0).astype(int))
    assert np.all(train.scores != 0)


def test_picks_are_balanced_seeded_and_unpack_as_texts_and_labels():
    texts, y = load_sentiment("train", n=40, seed=3)
    assert len(texts) == 40 and np.bincount(y).tolist() == [20, 20]
    assert texts == load_sentiment("train", n=40, seed=3).texts
    assert texts != load_sentiment("train", n=40, seed=4).texts
    assert all(isinstance(t, str) and t for t in texts)


def test_asking_for_imdb_offline_says_how_to_get_it():
    with pytest.raises(DatasetUnavailable, match="tutor data download imdb"):
        load_sentiment(source="full")
    with pytest.raises(DatasetUnavailable, match="8,453"):
        load_sentiment("train", n=20_000)


def _write_aclimdb(root, per_label=3):
    for split in ("train", "test"):
        for label in ("pos", "neg"):
            folder = root / "aclImdb" / split / label
            folder.mkdir(parents=True)
            for i in range(per_label):
                word = "wonderful" if label == "pos" else "terrible"
                review = f"A {word} {split} film number {i}.<br />The end."
                (folder / f"{i}_7.txt").write_text(review)


def test_imdb_folder_is_used_when_present(data_root):
    _write_aclimdb(data_root)
    data = load_sentiment("test")
    assert data.info.name == "imdb" and data.info.source == "full" and data.n == 6
    for text, label in zip(data.texts, data.y, strict=True):
        assert ("wonderful" in text) == bool(label) and "<br />" not in text and "test" in text
    assert load_sentiment("test", source="shipped").info.name == "rt-sentences"
    assert load_sentiment("train", n=2).n == 2
