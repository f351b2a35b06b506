"""How well a scorer does: macro-F1, per-level scores, confusion matrix,
rank correlation of the strength score with the level, calibration."""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
from scipy.stats import spearmanr
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.model_selection import GroupKFold
from sklearn.base import clone

from .types import LEVELS

_VALUES = np.arange(len(LEVELS)) / (len(LEVELS) - 1)


def metrics(y_true: Sequence[str], proba: np.ndarray, *, bins: int = 10,
            acceptable: Sequence[Sequence[str]] | None = None) -> dict[str, Any]:
    """All evaluation figures for true levels and predicted probabilities.

    ``proba`` has one column per level in ``LEVELS`` order. With
    ``acceptable`` (other defensible labels of each statement, from the
    annotation), ``accuracy_with_acceptable`` counts a prediction of any of
    them as correct too. The expected
    calibration error (ECE) is the top-label ECE over ``bins`` equal-width
    confidence bins; ``reliability_diagram`` lists each bin's mean
    confidence, accuracy and size.
    """
    y_true = np.asarray(y_true)
    levels = np.array(LEVELS)
    y_pred = levels[proba.argmax(axis=1)]
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=levels, zero_division=0
    )
    truth = np.array([LEVELS.index(y) for y in y_true])
    score = proba @ _VALUES
    rho = spearmanr(score, truth).statistic if len(set(truth)) > 1 else float("nan")
    confidence = proba.max(axis=1)
    correct = (y_pred == y_true).astype(float)
    diagram, ece = [], 0.0
    edges = np.linspace(0, 1, bins + 1)
    for lo, hi in zip(edges[:-1], edges[1:]):
        inside = (confidence > lo) & (confidence <= hi) if lo > 0 else (confidence <= hi)
        n = int(inside.sum())
        if n == 0:
            continue
        conf, acc = float(confidence[inside].mean()), float(correct[inside].mean())
        ece += n / len(y_true) * abs(conf - acc)
        diagram.append({"bin": [round(lo, 2), round(hi, 2)], "confidence": round(conf, 4),
                        "accuracy": round(acc, 4), "count": n})
    extra = {}
    if acceptable is not None:
        extra["accuracy_with_acceptable"] = round(float(lenient_correct(y_pred, y_true, acceptable).mean()), 4)
    return {
        "statements": int(len(y_true)),
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=levels, average="macro",
                                         zero_division=0)), 4),
        "accuracy": round(float(correct.mean()), 4),
        "per_level": {
            level: {"precision": round(float(p), 4), "recall": round(float(r), 4),
                    "f1": round(float(f), 4), "support": int(s)}
            for level, p, r, f, s in zip(LEVELS, precision, recall, f1, support)
        },
        "confusion_matrix": {
            "labels": list(LEVELS),
            "rows_true_columns_predicted": confusion_matrix(y_true, y_pred, labels=levels).tolist(),
        },
        "spearman_score_level": round(float(rho), 4),
        "ece": round(float(ece), 4),
        "reliability_diagram": diagram,
        **extra,
    }


def lenient_correct(y_pred, y_true, acceptable) -> np.ndarray:
    """Per statement, whether the prediction is the label or one of its
    ``acceptable`` alternatives."""
    return np.array([p == t or p in ok for p, t, ok in zip(y_pred, y_true, acceptable)], dtype=bool)


def cross_validate(estimator: Any, items: Sequence[Any], labels: Sequence[str],
                   groups: Sequence[str], *, n_splits: int = 5) -> dict[str, Any]:
    """Grouped (by document) cross-validation; metrics over pooled out-of-fold predictions.

    Also reports the mean and spread of per-fold macro-F1.
    """
    labels = np.asarray(labels)
    proba, folds = out_of_fold_proba(estimator, items, labels, groups, n_splits=n_splits)
    fold_f1 = [
        f1_score(labels[test], np.array(LEVELS)[proba[test].argmax(axis=1)], labels=list(LEVELS),
                 average="macro", zero_division=0)
        for test in folds
    ]
    result = metrics(labels, proba)
    result["folds"] = n_splits
    result["fold_macro_f1_mean"] = round(float(np.mean(fold_f1)), 4)
    result["fold_macro_f1_std"] = round(float(np.std(fold_f1)), 4)
    return result


def out_of_fold_proba(estimator: Any, items: Sequence[Any], labels: Sequence[str],
                      groups: Sequence[str], *, n_splits: int = 5) -> tuple[np.ndarray, list[np.ndarray]]:
    """Probabilities for every statement from a clone fit without its document's
    fold (grouped K-fold), and the test indices of each fold."""
    items, labels, groups = list(items), np.asarray(labels), np.asarray(groups)
    proba = np.zeros((len(items), len(LEVELS)))
    folds = []
    for train, test in GroupKFold(n_splits=n_splits).split(items, labels, groups):
        model = clone(estimator).fit([items[k] for k in train], labels[train])
        proba[test] = model.predict_proba([items[k] for k in test])
        folds.append(test)
    return proba, folds


def format_report(result: dict[str, Any], title: str = "") -> str:
    """A plain-text report of :func:`metrics` output, for terminals."""
    lines = [title] if title else []
    lines.append(f"statements: {result['statements']}   macro-F1: {result['macro_f1']:.3f}"
                 f"   accuracy: {result['accuracy']:.3f}"
                 + (f"   accuracy counting acceptable labels: {result['accuracy_with_acceptable']:.3f}"
                    if "accuracy_with_acceptable" in result else ""))
    if "fold_macro_f1_mean" in result:
        lines.append(f"grouped {result['folds']}-fold CV: per-fold macro-F1"
                     f" {result['fold_macro_f1_mean']:.3f} ± {result['fold_macro_f1_std']:.3f}")
    lines.append(f"Spearman(score, level): {result['spearman_score_level']:.3f}"
                 f"   expected calibration error: {result['ece']:.3f}")
    lines.append("")
    lines.append(f"{'level':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}")
    for level, row in result["per_level"].items():
        lines.append(f"{level:<12} {row['precision']:>9.3f} {row['recall']:>7.3f}"
                     f" {row['f1']:>6.3f} {row['support']:>8}")
    lines.append("")
    lines.append("confusion matrix (rows: true, columns: predicted)")
    names = [name[:11] for name in LEVELS]
    lines.append(" " * 12 + " ".join(f"{n:>11}" for n in names))
    for name, row in zip(names, result["confusion_matrix"]["rows_true_columns_predicted"]):
        lines.append(f"{name:<12}" + " ".join(f"{v:>11}" for v in row))
    lines.append("")
    lines.append("reliability diagram (confidence of the predicted level vs accuracy)")
    for b in result["reliability_diagram"]:
        bar = "#" * round(b["accuracy"] * 30)
        lines.append(f"  {b['bin'][0]:.1f}-{b['bin'][1]:.1f}  conf {b['confidence']:.2f}"
                     f"  acc {b['accuracy']:.2f}  n={b['count']:<5} |{bar:<30}|")
    return "\n".join(lines)
