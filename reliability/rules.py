"""The rule baseline: LABELS.md's combining rules as an estimator.

It reads only the analysis layer's output and has the same predict
interface as :class:`reliability.ReliabilityClassifier`, so the two can be
evaluated side by side. The trained model must beat it.
"""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from .combining import rule_level
from .features import Item, as_item
from .types import LEVELS

__all__ = ["RuleBaseline", "rule_level"]


class RuleBaseline(ClassifierMixin, BaseEstimator):
    """LABELS.md's combining rules with the estimator interface.

    ``fit`` learns nothing; it only checks its input, so the baseline can sit
    in the same evaluation code as the trained classifier.
    """

    def fit(self, X: Iterable[Any], y: Iterable[Any]) -> "RuleBaseline":
        self.classes_ = np.array(LEVELS)
        return self

    def predict_proba(self, X: Iterable[Item | str]) -> np.ndarray:
        levels = [rule_level(as_item(x)) for x in X]
        proba = np.zeros((len(levels), len(LEVELS)))
        proba[np.arange(len(levels)), levels] = 1.0
        return proba

    def predict(self, X: Iterable[Item | str]) -> np.ndarray:
        return np.array(LEVELS)[self.predict_proba(X).argmax(axis=1)]

    def score_strength(self, X: Iterable[Item | str]) -> np.ndarray:
        return self.predict_proba(X) @ (np.arange(len(LEVELS)) / (len(LEVELS) - 1))
