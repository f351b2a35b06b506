"""Result types shared by every pipeline stage.

All results are frozen dataclasses with a ``to_dict()`` method; JSON output is
built from ``to_dict()`` and nothing else. Every span is a pair of character
offsets into the original text, end-exclusive, so ``text[start:end]`` is
always the span's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Statement kinds. Only ``statement`` and ``headline`` carry a strength level.
KINDS = ("statement", "headline", "boilerplate", "disclaimer", "evidence_note")
SCORED_KINDS = ("statement", "headline")

#: Hedge categories (see LABELS.md, level 1).
HEDGE_CATEGORIES = (
    "distancing_verb",
    "epistemic_modal",
    "epistemic_adverb",
    "belief_frame",
    "vague_quantifier",
    "conditional",
)

#: Source types of an attribution link (see LABELS.md, attribution chains).
SOURCE_TYPES = (
    "named_person",
    "official",
    "organization",
    "media",
    "document",
    "anonymous",
    "vague",
)

#: Categories of the reporting cue that introduces a source.
CUE_CATEGORIES = (
    "neutral",  # said, told, according to, wrote, posted
    "distancing",  # claimed, alleged, insisted, purported
    "belief",  # believes, thinks, suspects, estimates
    "confirming",  # confirmed, verified, acknowledged (by the source itself)
    "admission",  # admitted, conceded
    "denial",  # denied, rejected, disputed
)

#: Evidence categories by which a statement denies a claim ("denied",
#: "disputed", "false"); their markers are always of polarity "-".
DENYING_EVIDENCE = ("denial", "dispute", "false")

#: The four strength levels, weakest first; the index is the level.
LEVELS = ("unsupported", "hedged", "attributed", "established")


@dataclass(frozen=True)
class Span:
    """A piece of the original text."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Hedge:
    """A hedge cue: a word or phrase that weakens commitment to a statement.

    ``negated`` is true for a negated hedge ("not likely"), which is still a
    hedge. ``scope`` is ``"clause"`` when the hedge bears on the statement's
    claim, ``"noun_phrase"`` when it only names a topic ("Trump's alleged
    ties are under investigation"), which does not pull the statement down
    (LABELS.md, combining rule 4).
    """

    text: str
    start: int
    end: int
    category: str
    negated: bool = False
    scope: str = "clause"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "negated": self.negated,
            "scope": self.scope,
        }


@dataclass(frozen=True)
class Evidence:
    """An evidence marker. ``polarity`` is ``"+"`` (corroboration,
    verification, documents, admission) or ``"-"`` (missing, failed
    verification, denial, dispute)."""

    text: str
    start: int
    end: int
    polarity: str
    category: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "polarity": self.polarity,
            "category": self.category,
        }


@dataclass(frozen=True)
class Link:
    """One source in an attribution chain.

    ``source`` is the text as written ("he", "the ministry"); ``resolved`` is
    the earlier, fuller mention it refers to (or the same text). ``cue`` is
    the reporting word or phrase ("said", "according to"), or None for a
    source with no cue word (a photo, a colon attribution). ``content`` is
    the reported content, where it can be delimited.

    ``carried_from`` is set on a statement that carries on a quotation whose
    speaker is named in an earlier statement (``"A," Lopez said. "B."``: "B."
    is Lopez's): the index of the statement the link is written in, whose
    offsets ``source`` and ``cue`` give. It is None for a link written in the
    statement itself.
    """

    source: Span
    cue: Span | None
    resolved: str
    type: str
    cue_category: str = "neutral"
    content: Span | None = None
    carried_from: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "resolved": self.resolved,
            "type": self.type,
            "cue_category": self.cue_category,
            "content": self.content.to_dict() if self.content else None,
            "carried_from": self.carried_from,
        }


@dataclass(frozen=True)
class Context:
    """What the rest of the document says about a statement."""

    disclaimer: bool = False
    evidence_note_for: int | None = None
    noted_by: tuple[int, ...] = ()
    denial_of: int | None = None
    denied_by: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "disclaimer": self.disclaimer,
            "evidence_note_for": self.evidence_note_for,
            "noted_by": list(self.noted_by),
            "denial_of": self.denial_of,
            "denied_by": list(self.denied_by),
        }


@dataclass(frozen=True)
class Statement:
    """One statement of a document with everything the analysis found."""

    index: int
    start: int
    end: int
    text: str
    kind: str
    hedges: tuple[Hedge, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    attribution: tuple[Link, ...] = ()
    context: Context = field(default_factory=Context)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "hedges": [h.to_dict() for h in self.hedges],
            "evidence": [e.to_dict() for e in self.evidence],
            "attribution": [link.to_dict() for link in self.attribution],
            "context": self.context.to_dict(),
        }


@dataclass(frozen=True)
class Document:
    """An analysed text: its statements in order and its disclaimers."""

    text: str
    statements: tuple[Statement, ...]
    disclaimers: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "statements": [s.to_dict() for s in self.statements],
            "disclaimers": [d.to_dict() for d in self.disclaimers],
        }


@dataclass(frozen=True)
class Explanation:
    """One feature that moved a statement's score: what, how much, where."""

    feature: str
    contribution: float
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "contribution": self.contribution,
                "start": self.start, "end": self.end}

    def __iter__(self):  # unpacks as (feature, contribution, (start, end))
        return iter((self.feature, self.contribution, (self.start, self.end)))


@dataclass(frozen=True)
class ScoredStatement(Statement):
    """A statement with its strength. Units with no level (boilerplate,
    disclaimers, evidence notes) have ``label``, ``level`` and ``score`` None."""

    label: str | None = None
    level: int | None = None
    score: float | None = None
    probabilities: dict[str, float] | None = None
    explanation: tuple[Explanation, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out.update(
            label=self.label,
            level=self.level,
            score=self.score,
            probabilities=self.probabilities,
            explanation=[e.to_dict() for e in self.explanation],
        )
        return out


@dataclass(frozen=True)
class ScoredDocument(Document):
    """A scored document; ``statements`` are :class:`ScoredStatement`."""
