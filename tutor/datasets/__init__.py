"""Datasets for the lessons, seeded and deterministic, that work offline.

NumPy loaders (importing this package never imports torch):

    x, y = load_mnist("train", n=1000, seed=0)          # x [1000, 1, 28, 28] float32 in [0, 1]
    data = load_cifar10("test", n=500)                   # synthetic unless CIFAR-10 is here
    print(data.info.describe())                          # says where the data came from
    texts, y = load_sentiment("train", n=2000)           # IMDb if present, else RT sentences
    x, y = make_moons(200, noise=0.2, split="test")

torch Datasets, and models that use pretrained weights when installed:

    ds = torch_dataset("mnist", "train", n=5000)         # (tensor [1, 28, 28], int64 label)
    ds = as_torch_dataset(make_spirals(300))
    m = image_model(num_classes=10)                      # m.model, m.pretrained, m.message
    enc = text_encoder(train_texts)                      # enc.encode(texts) -> [N, dim]

Full sets live in ``TUTOR_DATA_DIR`` (torchvision's layout); ``tutor data status`` lists them.
"""

from __future__ import annotations

from tutor.datasets.base import (
    DatasetInfo,
    DatasetUnavailable,
    LabeledArrays,
    LabeledTexts,
    SyntheticDataWarning,
    full_data_root,
    train_val_split,
)
from tutor.datasets.images import load_cifar10, load_fashion_mnist, load_mnist
from tutor.datasets.text import load_sentiment
from tutor.datasets.toy import make_blobs, make_moons, make_parabola, make_spirals, truth_table

LOADERS = {
    "mnist": load_mnist,
    "fashion-mnist": load_fashion_mnist,
    "cifar10": load_cifar10,
    "sentiment": load_sentiment,
}


def as_torch_dataset(data: LabeledArrays | LabeledTexts, transform=None):
    """Wrap what a loader returned as a ``torch.utils.data.Dataset``.

    Arrays give ``(x_i, y_i)`` tensors (float32 inputs, int64 class labels; ``transform``
    applied to each input); texts give ``(text, label)``. ``.info`` and ``.classes`` travel along.
    """
    from tutor.datasets.torch_data import wrap

    return wrap(data, transform)


def torch_dataset(
    name: str,
    split: str = "train",
    n: int | None = None,
    *,
    seed: int = 0,
    source: str = "auto",
    transform=None,
):
    """Load ``name`` ("mnist", "fashion-mnist", "cifar10", "sentiment") as a torch Dataset."""
    if name not in LOADERS:
        raise ValueError(f"name must be one of {', '.join(LOADERS)}, not {name!r}")
    return as_torch_dataset(LOADERS[name](split, n, seed=seed, source=source), transform)


def image_model(num_classes: int, **kwargs):
    """A classifier for transfer learning: EfficientNet-Lite0 or ResNet-18 pretrained on
    ImageNet when installed, else a small CNN from scratch. See ``pretrained.image_model``."""
    from tutor.datasets.pretrained import image_model as build

    return build(num_classes, **kwargs)


def text_encoder(train_texts: list[str] | None = None, **kwargs):
    """all-MiniLM-L6-v2 when installed, else a small Transformer encoder trained from
    scratch on ``train_texts``. See ``pretrained.text_encoder``."""
    from tutor.datasets.pretrained import text_encoder as build

    return build(train_texts, **kwargs)


__all__ = [
    "DatasetInfo",
    "DatasetUnavailable",
    "LabeledArrays",
    "LabeledTexts",
    "SyntheticDataWarning",
    "as_torch_dataset",
    "full_data_root",
    "image_model",
    "load_cifar10",
    "load_fashion_mnist",
    "load_mnist",
    "load_sentiment",
    "make_blobs",
    "make_moons",
    "make_parabola",
    "make_spirals",
    "text_encoder",
    "torch_dataset",
    "train_val_split",
    "truth_table",
]
