"""Document context: signals that live outside a statement's own sentence.

This stage runs after segmentation, cue detection and attribution. It

- turns sentences whose job is to disclaim (``sentence_role == "disclaimer"``)
  into ``disclaimer`` units and records their scope, the whole document, on
  every statement;
- turns evidence notes into ``evidence_note`` units and links each to the
  statement it comments on: the nearest preceding statement from the same
  source, else the preceding statement;
- links a denial to the claim it denies: the nearest preceding statement
  reported from a different source.

See LABELS.md, "Document context" and "Disputes and denials".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from .types import SCORED_KINDS, Context, Evidence, Link

# A note's subject: the words before its first verb-like token. Only the
# first few words matter ("It", "The ministry", "Officials").
_SUBJECT = re.compile(r"[A-Za-z][\w.'’-]*(?:\s+[A-Za-z][\w.'’-]*){0,3}")
_PRONOUNS = {"it", "he", "she", "they", "its", "his", "her", "their"}


@dataclass(frozen=True)
class Unit:
    """What the earlier stages found for one sentence, as context needs it."""

    start: int
    end: int
    kind: str
    role: str | None
    evidence: tuple[Evidence, ...]
    chain: tuple[Link, ...]


def resolve(text: str, units: Sequence[Unit]) -> tuple[list[str], list[Context]]:
    """Final kinds and contexts for the units of one document.

    Parameters
    ----------
    text : str
        The document text.
    units : sequence of Unit
        The document's sentences in order.

    Returns
    -------
    kinds : list of str
        Each unit's kind, with ``disclaimer`` and ``evidence_note`` applied.
    contexts : list of Context
        Each unit's document context.
    """
    kinds = [_final_kind(u) for u in units]
    has_disclaimer = "disclaimer" in kinds
    note_for: dict[int, int] = {}
    denial_of: dict[int, int] = {}
    for i, unit in enumerate(units):
        if kinds[i] == "evidence_note":
            target = _note_target(text, units, kinds, i)
            if target is not None:
                note_for[i] = target
        elif kinds[i] in SCORED_KINDS and _is_denial(unit):
            target = _denied_claim(units, kinds, i)
            if target is not None:
                denial_of[i] = target

    noted_by: dict[int, list[int]] = {}
    for note, target in note_for.items():
        noted_by.setdefault(target, []).append(note)
    denied_by: dict[int, list[int]] = {}
    for denial, target in denial_of.items():
        denied_by.setdefault(target, []).append(denial)

    contexts = [
        Context(
            disclaimer=has_disclaimer and kinds[i] in SCORED_KINDS,
            evidence_note_for=note_for.get(i),
            noted_by=tuple(noted_by.get(i, ())),
            denial_of=denial_of.get(i),
            denied_by=tuple(denied_by.get(i, ())),
        )
        for i in range(len(units))
    ]
    return kinds, contexts


def _final_kind(unit: Unit) -> str:
    if unit.kind in ("statement",) and unit.role in ("disclaimer", "evidence_note"):
        return unit.role
    return unit.kind


def _source_key(link: Link) -> str:
    return link.resolved.lower()


def _note_target(text: str, units: Sequence[Unit], kinds: list[str], i: int) -> int | None:
    """The statement an evidence note comments on.

    The nearest preceding statement whose chain names the note's subject
    (resolved through pronouns to the nearest preceding attributed
    statement), else the nearest preceding statement.
    """
    earlier = [j for j in range(i - 1, -1, -1) if kinds[j] in SCORED_KINDS]
    if not earlier:
        return None
    subject = _subject(text, units[i])
    if subject in _PRONOUNS:
        for j in earlier:
            if units[j].chain:
                return j
    elif subject:
        head = subject.split()[-1]
        for j in earlier:
            if any(head in _source_key(link) or head in link.source.text.lower()
                   for link in units[j].chain):
                return j
    return earlier[0]


def _subject(text: str, unit: Unit) -> str:
    """The lower-cased first words of a note, up to its first evidence cue."""
    stop = unit.evidence[0].start if unit.evidence else unit.end
    match = _SUBJECT.match(text, unit.start, stop)
    if not match:
        return ""
    words = match.group().lower().split()
    if words and words[0] in _PRONOUNS:
        return words[0]
    if words and words[0] in ("the", "a", "an", "this", "that"):
        words = words[1:]
    return " ".join(words[:2])


_DENYING = ("denial", "dispute", "false")


def _is_denial(unit: Unit) -> bool:
    """Does this statement deny or dispute something said earlier?

    A denial verb frames it ("the army denied ..."), or a source calls
    something false ("called the rumour 'simply false'").
    """
    if unit.chain and unit.chain[0].cue_category == "denial":
        return True
    return any(e.polarity == "-" and e.category in _DENYING for e in unit.evidence) and bool(unit.chain)


def _denied_claim(units: Sequence[Unit], kinds: list[str], i: int) -> int | None:
    """The nearest preceding statement reported from a different source.

    A writer's-voice statement is never the target: the writer's commitment
    stands (LABELS.md, "Disputes and denials").
    """
    denier = {_source_key(link) for link in units[i].chain[:1]}
    for j in range(i - 1, -1, -1):
        if kinds[j] not in SCORED_KINDS or not units[j].chain:
            continue
        if not denier or _source_key(units[j].chain[0]) not in denier:
            return j
    return None
