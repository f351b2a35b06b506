"""LABELS.md's combining rules, on the analysis layer's output.

:func:`rule_level` is the level the rules give a statement: the rule
baseline (:mod:`reliability.rules`) predicts it, and the classifier reads it
as a feature. Two rules also bind the classifier's probabilities whatever
it learnt (:func:`hard_rules`, :func:`apply_hard_rules`): level 0 needs a
sign in the document that support is missing or disputed, and a claim an
evidence note verifies is established unless it is at level 0.

Plain numpy, no scikit-learn: scoring with a saved model runs this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, Sequence

import numpy as np

from .types import Document, Statement

if TYPE_CHECKING:
    from .features import Item

__all__ = ["rule_level", "disputes_support", "backs", "HardRules", "hard_rules", "apply_hard_rules",
           "rule_out_unsupported", "lift_verified", "LEVEL_VALUES"]

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


def disputes_support(doc: Document) -> bool:
    """Does anything in ``doc`` say support is missing, failed or disputed?

    True when a statement, headline or evidence note of the document carries
    a missing-support or contrary marker, a denial cue, or a denial linked
    to a claim. LABELS.md gives level 0 only on such a sign (a disclaimer
    caps levels at 1, no lower).
    """
    return any(
        st.kind in ("statement", "headline", "evidence_note") and (
            any(ev.polarity == "-" for ev in st.evidence)
            or any(link.cue_category == "denial" for link in st.attribution)
            or st.context.denied_by or st.context.denial_of is not None)
        for st in doc.statements
    )


class HardRules(NamedTuple):
    """Which statements of a batch two of LABELS.md's rules bind, whatever a
    model learnt (:func:`hard_rules`)."""

    undisputed: np.ndarray  # bool per statement: nothing in its document disputes support
    verified: np.ndarray  # bool per statement: an evidence note names a check that backs it

    def take(self, rows: np.ndarray) -> "HardRules":
        """The flags of ``rows`` (indices into this batch, repeats allowed)."""
        return HardRules(self.undisputed[rows], self.verified[rows])


#: What each rule says, as an explanation reads it.
NO_DISPUTE = "nothing in the document disputes or questions support: level 0 ruled out"
VERIFIED = "an evidence note names a check that backs it: lifted to established"
#: The strength score of each level: the score is the expected level over 3.
LEVEL_VALUES = np.arange(4) / 3


def hard_rules(items: "Sequence[Item]") -> HardRules:
    """Which of ``items`` each rule binds.

    - Level 0 needs a sign in the text that support is missing, failed or
      disputed (:func:`disputes_support`); without one it is ruled out.
    - "Named independent corroboration or verification lifts a level 1 or 2
      statement to 3. It never lifts a level 0 statement": for a statement
      an evidence note backs (every marker of the note names evidence for
      it), the hedged and attributed probability moves to established.
    """
    disputed: dict[int, bool] = {}  # per document of the batch, found once
    for item in items:
        if id(item.doc) not in disputed:
            disputed[id(item.doc)] = disputes_support(item.doc)
    undisputed = np.array([not disputed[id(item.doc)] for item in items], dtype=bool)
    verified = np.array([_backed_by_a_note(item) for item in items], dtype=bool)
    return HardRules(undisputed, verified)


def _backed_by_a_note(item: "Item") -> bool:
    return any(backs(item.doc.statements[k]) for k in item.statement.context.noted_by)


def backs(note: Statement) -> bool:
    """Does an evidence note only name evidence for the claim it points at
    ("Port records reviewed by Reuters confirm the 40 ships")? Any other note
    questions the claim ("It provided no evidence")."""
    return bool(note.evidence) and all(ev.polarity == "+" for ev in note.evidence)


def apply_hard_rules(proba: np.ndarray, rules: HardRules) -> tuple[np.ndarray, list[tuple[str, np.ndarray]]]:
    """``proba`` after the rules, and what each rule did: its description and
    the change it made to each row's strength score (for explanations)."""
    no_zero = rule_out_unsupported(proba, rules.undisputed)
    lifted = lift_verified(no_zero, rules.verified)
    return lifted, [(NO_DISPUTE, (no_zero - proba) @ LEVEL_VALUES),
                    (VERIFIED, (lifted - no_zero) @ LEVEL_VALUES)]


def rule_out_unsupported(proba: np.ndarray, undisputed: np.ndarray) -> np.ndarray:
    """``proba`` with level 0 ruled out in the rows of ``undisputed``
    documents, the other levels rescaled to sum to 1. A row that had all
    its probability on level 0 (a forest can be that sure) goes to the
    nearest level left, hedged."""
    gated = np.array(proba, dtype=float, copy=True)
    gated[undisputed, 0] = 0.0
    rows = np.flatnonzero(undisputed)
    left = gated[rows].sum(axis=1)
    gated[rows[left == 0], 1] = 1.0
    left[left == 0] = 1.0
    gated[rows] /= left[:, None]
    return gated


def lift_verified(proba: np.ndarray, verified: np.ndarray) -> np.ndarray:
    """``proba`` with the hedged and attributed probability of the
    ``verified`` rows moved to established, unless level 0 is the most
    probable level: the lift "never lifts a level 0 statement"."""
    lifted = np.array(proba, dtype=float, copy=True)
    rows = verified & (lifted.argmax(axis=1) != 0)
    lifted[rows, 3] += lifted[rows, 1] + lifted[rows, 2]
    lifted[rows, 1:3] = 0.0
    return lifted
