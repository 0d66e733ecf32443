"""Classification metrics: accuracy, confusion matrix, precision, recall and F1,
binary and macro-averaged.

Labels are integers 0..K−1. Where a ratio has a zero denominator (no predicted
positives, say) it counts as 0, as scikit-learn's ``zero_division=0`` does.
Macro averages run over classes 0..K−1, K = ``num_classes`` or 1 + the largest label seen.
"""

from __future__ import annotations

import numpy as np


def _labels(y_pred):
    """Predicted labels; a 2-D array of scores becomes its argmax per row."""
    y_pred = np.asarray(y_pred)
    return y_pred.argmax(axis=1) if y_pred.ndim == 2 else y_pred


def accuracy(y_true, y_pred):
    """Fraction of predictions equal to the true label. y_pred: labels or scores [N×C]."""
    return np.mean(np.asarray(y_true) == _labels(y_pred))


def confusion_matrix(y_true, y_pred, num_classes: int | None = None):
    """K×K counts: C[i, j] = number of samples of true class i predicted as class j.

    Rows are the truth, columns the prediction (scikit-learn's convention), so
    the diagonal holds the correct predictions.
    """
    y_true = np.asarray(y_true, dtype=np.int64)
    y_pred = _labels(y_pred).astype(np.int64)
    k = (
        num_classes
        if num_classes is not None
        else int(max(y_true.max(initial=0), y_pred.max(initial=0))) + 1
    )
    return np.bincount(y_true * k + y_pred, minlength=k * k).reshape(k, k)


def _ratio(num, den):
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    return np.divide(num, den, out=np.zeros_like(num), where=den > 0)


def _per_class(y_true, y_pred, num_classes):
    """(tp, fp, fn) for every class, from the confusion matrix."""
    cm = confusion_matrix(y_true, y_pred, num_classes)
    tp = np.diag(cm)
    return tp, cm.sum(axis=0) - tp, cm.sum(axis=1) - tp


def _binary_counts(y_true, y_pred, pos_label):
    t = np.asarray(y_true) == pos_label
    p = _labels(y_pred) == pos_label
    return np.sum(t & p), np.sum(~t & p), np.sum(t & ~p)


def precision(
    y_true,
    y_pred,
    average: str = "binary",
    pos_label: int = 1,
    num_classes: int | None = None,
):
    """Precision = TP / (TP + FP): of the samples predicted positive, the share that are.

    average="binary" scores class ``pos_label``; "macro" averages the
    per-class precisions with equal weight.
    """
    if average == "binary":
        tp, fp, _ = _binary_counts(y_true, y_pred, pos_label)
        return _ratio(tp, tp + fp)[()]
    _check_average(average)
    tp, fp, _ = _per_class(y_true, y_pred, num_classes)
    return np.mean(_ratio(tp, tp + fp))


def recall(
    y_true,
    y_pred,
    average: str = "binary",
    pos_label: int = 1,
    num_classes: int | None = None,
):
    """Recall = TP / (TP + FN): of the truly positive samples, the share found.

    average="binary" scores class ``pos_label``; "macro" averages per class.
    """
    if average == "binary":
        tp, _, fn = _binary_counts(y_true, y_pred, pos_label)
        return _ratio(tp, tp + fn)[()]
    _check_average(average)
    tp, _, fn = _per_class(y_true, y_pred, num_classes)
    return np.mean(_ratio(tp, tp + fn))


def f1(
    y_true,
    y_pred,
    average: str = "binary",
    pos_label: int = 1,
    num_classes: int | None = None,
):
    """F1 = 2·TP / (2·TP + FP + FN), the harmonic mean of precision and recall.

    "macro" is the mean of the per-class F1 scores, not the F1 of the macro
    precision and recall (those differ).
    """
    if average == "binary":
        tp, fp, fn = _binary_counts(y_true, y_pred, pos_label)
        return _ratio(2 * tp, 2 * tp + fp + fn)[()]
    _check_average(average)
    tp, fp, fn = _per_class(y_true, y_pred, num_classes)
    return np.mean(_ratio(2 * tp, 2 * tp + fp + fn))


def _check_average(average):
    if average != "macro":
        raise ValueError(f'average must be "binary" or "macro", got {average!r}')
