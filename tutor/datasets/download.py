"""Fetch the full datasets and ResNet weights through torchvision, when this machine is online.

Before importing torch, a quick connection to the download host (a few seconds at most)
tells whether there is a network at all, so an offline learner gets a plain answer at once.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tutor.datasets.base import DatasetUnavailable, full_data_root


class Offline(DatasetUnavailable):
    """The download host cannot be reached from this machine."""


@dataclass(frozen=True)
class Download:
    """One thing ``tutor data download`` can fetch."""

    name: str
    url: str  # the first place torchvision fetches from (a test checks it against torchvision)
    size: str
    what: str


IMDB_URL = "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"
IMDB_MD5 = "7c2ac02c03563afcf9b574c7e56c153a"

DOWNLOADS = {
    d.name: d
    for d in (
        Download("mnist", "https://ossci-datasets.s3.amazonaws.com/mnist/", "12 MB",
                 "MNIST, 60,000 + 10,000 handwritten digits"),
        Download("fashion-mnist", "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
                 "30 MB", "Fashion-MNIST, 60,000 + 10,000 clothing images"),
        Download("cifar10", "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz", "163 MB",
                 "CIFAR-10, 50,000 + 10,000 colour photos in 10 classes"),
        Download("imdb", IMDB_URL, "84 MB", "IMDb reviews (aclImdb), 25,000 + 25,000"),
        Download("resnet18", "https://download.pytorch.org/models/resnet18-f37072fd.pth", "45 MB",
                 "ResNet-18 ImageNet weights, into torch's hub cache"),
    )
}


def reachable(url: str, timeout: float = 3.0) -> tuple[bool, str]:
    """Whether a TCP connection to the URL's host opens within ``timeout`` s, and why not."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return True, ""
    except socket.gaierror:
        return False, f"cannot look up {parts.hostname} (no network or no DNS)"
    except TimeoutError:
        return False, f"no answer from {parts.hostname} within {timeout:g} s"
    except OSError as exc:
        return False, f"cannot connect to {parts.hostname}: {exc.strerror or exc}"


def present(name: str) -> Path | None:
    """Where the full copy of ``name`` already is, or None."""
    from tutor.datasets.images import full_cifar10_folder, full_gray_folder
    from tutor.datasets.text import full_imdb_folder
    from tutor.datasets.weights import resnet18_status

    if name in ("mnist", "fashion-mnist"):
        return full_gray_folder(name)
    if name == "cifar10":
        return full_cifar10_folder()
    if name == "imdb":
        return full_imdb_folder()
    if name == "resnet18":
        return resnet18_status().path
    raise KeyError(name)


def download(
    name: str, root: Path | None = None, timeout: float = 3.0, check: bool = True
) -> Path:
    """Download ``name`` into ``root`` (default: ``full_data_root()``) and return where it is.

    Raises ``Offline`` at once when the host cannot be reached (checked first unless
    ``check`` is False), ``KeyError`` for an unknown name, and ``DatasetUnavailable`` when
    the download itself fails.
    """
    item = DOWNLOADS[name]
    ok, why = reachable(item.url, timeout) if check else (True, "")
    if not ok:
        raise Offline(why)
    root = Path(root) if root is not None else full_data_root()
    root.mkdir(parents=True, exist_ok=True)
    try:
        _fetch(name, root)
    except (OSError, RuntimeError) as exc:  # URLError is an OSError; torchvision: RuntimeError
        raise DatasetUnavailable(f"the download of {name} failed: {exc}") from exc
    where = present(name) if root == full_data_root() or name == "resnet18" else root
    if where is None:
        raise DatasetUnavailable(f"{name} downloaded, but its files are not where expected")
    return where


def _fetch(name: str, root: Path) -> None:
    """The torchvision call for each name; torchvision draws the progress bar."""
    from torchvision import datasets

    if name in ("mnist", "fashion-mnist"):
        cls = datasets.MNIST if name == "mnist" else datasets.FashionMNIST
        for train in (True, False):
            cls(str(root), train=train, download=True)
    elif name == "cifar10":
        datasets.CIFAR10(str(root), train=True, download=True)
        # The 163 MB archive is no longer needed once the batches are extracted.
        (root / datasets.CIFAR10.filename).unlink(missing_ok=True)
    elif name == "imdb":
        from torchvision.datasets.utils import download_and_extract_archive

        download_and_extract_archive(IMDB_URL, str(root), md5=IMDB_MD5, remove_finished=True)
    elif name == "resnet18":
        from torchvision.models import ResNet18_Weights

        ResNet18_Weights.DEFAULT.get_state_dict(progress=True)
