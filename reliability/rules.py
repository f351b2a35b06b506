"""The rule baseline: LABELS.md's combining rules in code.

It reads only the analysis layer's output and has the same predict
interface as :class:`reliability.ReliabilityClassifier`, so the two can be
evaluated side by side. The trained model must beat it.
"""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from .features import Item, as_item
from .types import LEVELS

UNSUPPORTED, HEDGED, ATTRIBUTED, ESTABLISHED = range(4)

_WEAK_SOURCES = {"anonymous", "vague"}
_WEAK_CUES = {"distancing", "belief"}
# Evidence that lifts a hedged or attributed statement to established.
_LIFTING = {"verification", "corroboration", "documents", "observation"}
# Evidence that says support is missing; denial/dispute words in a statement
# are usually the statement's own denial, which keeps its frame.
_SINKING = {"missing", "unverified", "rumour", "false"}


def rule_level(item: Item) -> int:
    """The level LABELS.md's combining rules give an analysed statement."""
    doc, st = item.doc, item.statement
    chain = st.attribution
    # 1. the frame
    if not chain:
        level = ESTABLISHED
    elif any(link.cue_category == "admission" for link in chain):
        level = ESTABLISHED
    else:
        level = ATTRIBUTED
        if any(link.type in _WEAK_SOURCES or link.cue_category in _WEAK_CUES for link in chain):
            level = HEDGED
    # 2. the weakest signal present
    if any(h.scope == "clause" for h in st.hedges):
        level = min(level, HEDGED)
    if any(e.polarity == "-" and e.category in _SINKING for e in st.evidence):
        level = UNSUPPORTED
    notes = [doc.statements[i] for i in st.context.noted_by]
    if any(e.polarity == "-" for note in notes for e in note.evidence):
        level = UNSUPPORTED
    if any(link.type in _WEAK_SOURCES for note in notes for link in note.attribution):
        level = min(level, HEDGED)
    if st.context.denied_by:
        level = UNSUPPORTED
    if st.context.disclaimer and level == ATTRIBUTED:
        level = HEDGED
    # exception: named corroboration or verification lifts 1 or 2 to 3
    lifted = any(e.polarity == "+" and e.category in _LIFTING for e in st.evidence) or any(
        e.polarity == "+" for note in notes for e in note.evidence
    )
    if lifted and level in (HEDGED, ATTRIBUTED):
        level = ESTABLISHED
    return level


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
