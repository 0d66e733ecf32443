"""Classification metrics in PyTorch: accuracy, confusion matrix, precision,
recall, F1 (binary and macro). Same API and conventions as
``kernels.numpy.metrics``; results are float64 tensors."""

from __future__ import annotations

import torch


def _labels(y_pred):
    return y_pred.argmax(dim=1) if y_pred.dim() == 2 else y_pred


def accuracy(y_true, y_pred):
    """Fraction of predictions equal to the true label. y_pred: labels or scores [N×C]."""
    return (y_true == _labels(y_pred)).to(torch.float64).mean()


def confusion_matrix(y_true, y_pred, num_classes: int | None = None):
    """K×K counts C[i, j] of true class i predicted as j."""
    y_true = y_true.to(torch.int64)
    y_pred = _labels(y_pred).to(torch.int64)
    if num_classes is None:
        num_classes = (
            int(
                max(
                    y_true.max().item() if y_true.numel() else 0,
                    y_pred.max().item() if y_pred.numel() else 0,
                )
            )
            + 1
        )
    k = num_classes
    return torch.bincount(y_true * k + y_pred, minlength=k * k).reshape(k, k)


def _ratio(num, den):
    num = num.to(torch.float64)
    den = den.to(torch.float64)
    return torch.where(
        den > 0,
        num / torch.where(den > 0, den, torch.ones_like(den)),
        torch.zeros_like(num),
    )


def _per_class(y_true, y_pred, num_classes):
    cm = confusion_matrix(y_true, y_pred, num_classes)
    tp = torch.diag(cm)
    return tp, cm.sum(dim=0) - tp, cm.sum(dim=1) - tp


def _binary_counts(y_true, y_pred, pos_label):
    t = y_true == pos_label
    p = _labels(y_pred) == pos_label
    return (t & p).sum(), (~t & p).sum(), (t & ~p).sum()


def _check_average(average):
    if average != "macro":
        raise ValueError(f'average must be "binary" or "macro", got {average!r}')


def precision(
    y_true,
    y_pred,
    average: str = "binary",
    pos_label: int = 1,
    num_classes: int | None = None,
):
    """TP / (TP + FP), for ``pos_label`` ("binary") or averaged over classes ("macro")."""
    if average == "binary":
        tp, fp, _ = _binary_counts(y_true, y_pred, pos_label)
        return _ratio(tp, tp + fp)
    _check_average(average)
    tp, fp, _ = _per_class(y_true, y_pred, num_classes)
    return _ratio(tp, tp + fp).mean()


def recall(
    y_true,
    y_pred,
    average: str = "binary",
    pos_label: int = 1,
    num_classes: int | None = None,
):
    """TP / (TP + FN), for ``pos_label`` ("binary") or averaged over classes ("macro")."""
    if average == "binary":
        tp, _, fn = _binary_counts(y_true, y_pred, pos_label)
        return _ratio(tp, tp + fn)
    _check_average(average)
    tp, _, fn = _per_class(y_true, y_pred, num_classes)
    return _ratio(tp, tp + fn).mean()


def f1(
    y_true,
    y_pred,
    average: str = "binary",
    pos_label: int = 1,
    num_classes: int | None = None,
):
    """2·TP / (2·TP + FP + FN); "macro" is the mean of the per-class F1 scores."""
    if average == "binary":
        tp, fp, fn = _binary_counts(y_true, y_pred, pos_label)
        return _ratio(2 * tp, 2 * tp + fp + fn)
    _check_average(average)
    tp, fp, fn = _per_class(y_true, y_pred, num_classes)
    return _ratio(2 * tp, 2 * tp + fp + fn).mean()
