"""`tutor data status` and `tutor data download`: what a learner sees, online or not."""

from __future__ import annotations

import pytest

from tutor.cli import main
from tutor.commands.data import human_size
from tutor.datasets import download as dl
from tutor.datasets.download import DOWNLOADS, reachable

from .conftest import make_idx_set


def test_status_offline_lists_shipped_data_with_sizes_and_what_is_missing(capsys):
    assert main(["data", "status"]) == 0
    out = capsys.readouterr().out
    assert "Shipped with tutor" in out and "8,000 train + 2,000 test images" in out
    assert "1.6 MB" in out  # the shipped MNIST file
    assert "8,453 train + 2,113 test sentences" in out
    assert "tutor data download cifar10" in out
    assert "dataset-fashion-mnist" in out
    assert "Pretrained weights (optional)" in out


def test_status_lists_full_sets_that_are_present(data_root, capsys):
    make_idx_set(data_root / "MNIST" / "raw", 30, 20, compress=True)
    (data_root / "aclImdb" / "train" / "pos").mkdir(parents=True)
    (data_root / "aclImdb" / "test" / "pos").mkdir(parents=True)
    (data_root / "aclImdb" / "train" / "pos" / "0_9.txt").write_text("Good.")
    main(["data", "status"])
    out = capsys.readouterr().out
    assert "30 train + 20 test images" in out
    assert "1 train + 0 test reviews" in out
    assert str(data_root) in out and "TUTOR_DATA_DIR" in out


def test_plain_tutor_data_shows_the_status(capsys):
    assert main(["data"]) == 0
    assert "Shipped with tutor" in capsys.readouterr().out


def test_download_offline_says_so_plainly_and_downloads_nothing(monkeypatch, capsys):
    monkeypatch.setattr(dl, "reachable", lambda url, timeout=3.0: (False, "cannot look up host"))
    monkeypatch.setattr(dl, "_fetch", lambda *a: pytest.fail("tried to download"))
    assert main(["data", "download", "cifar10"]) == 2
    err = capsys.readouterr().err
    assert "You are offline" in err and "nothing was downloaded" in err
    assert "data shipped in data/" in err


def test_offline_weights_download_says_lessons_train_from_scratch(monkeypatch, capsys):
    monkeypatch.setattr(dl, "reachable", lambda url, timeout=3.0: (False, "no route"))
    assert main(["data", "download", "resnet18"]) == 2
    assert "from scratch" in capsys.readouterr().err


def test_an_unresolvable_host_is_reported_as_unreachable_quickly():
    ok, why = reachable("https://tutor-offline-check.invalid/file", timeout=2.0)
    assert not ok and "tutor-offline-check.invalid" in why


def test_download_online_fetches_into_the_data_root(monkeypatch, data_root, capsys):
    def fake_fetch(name, root):
        make_idx_set(root / "MNIST" / "raw", 12, 8, compress=False)

    monkeypatch.setattr(dl, "reachable", lambda url, timeout=3.0: (True, ""))
    monkeypatch.setattr(dl, "_fetch", fake_fetch)
    assert main(["data", "download", "mnist"]) == 0
    assert "Done" in capsys.readouterr().out
    assert main(["data", "download", "mnist"]) == 0
    assert "already here" in capsys.readouterr().out


def test_a_failed_download_is_reported_not_raised(monkeypatch, capsys):
    def broken(name, root):
        raise RuntimeError("Error downloading train-images-idx3-ubyte.gz")

    monkeypatch.setattr(dl, "reachable", lambda url, timeout=3.0: (True, ""))
    monkeypatch.setattr(dl, "_fetch", broken)
    assert main(["data", "download", "fashion-mnist"]) == 1
    assert "Download failed" in capsys.readouterr().err


def test_unknown_download_name_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["data", "download", "imagenet"])
    assert "mnist" in capsys.readouterr().err


def test_download_urls_are_the_ones_torchvision_uses():
    from torchvision import datasets
    from torchvision.models import ResNet18_Weights

    assert DOWNLOADS["mnist"].url == datasets.MNIST.mirrors[0]
    assert DOWNLOADS["fashion-mnist"].url == datasets.FashionMNIST.mirrors[0]
    assert DOWNLOADS["cifar10"].url == datasets.CIFAR10.url
    assert DOWNLOADS["resnet18"].url == ResNet18_Weights.DEFAULT.url


@pytest.mark.parametrize(("n", "text"), [(0, "0 B"), (999, "999 B"), (1_628_848, "1.6 MB")])
def test_sizes_read_like_a_person_would_write_them(n, text):
    assert human_size(n) == text


def test_status_flags_the_synthetic_cifar_stand_in_once_made(capsys):
    from tutor.datasets.images import synthetic_cifar10_folder
    from tutor.datasets.synthetic import write_synthetic_cifar10

    write_synthetic_cifar10(synthetic_cifar10_folder(), n_train=20, n_test=10)
    main(["data", "status"])
    assert "cifar10-synthetic" in capsys.readouterr().out
