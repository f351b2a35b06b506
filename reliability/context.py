"""Document context: signals that live outside a statement's own sentence.

This stage runs after segmentation, cue detection and attribution. It

- turns sentences whose job is to disclaim (``sentence_role == "disclaimer"``)
  into ``disclaimer`` units and records their scope, the whole document, on
  every statement;
- turns evidence notes into ``evidence_note`` units and links each to the
  statement it comments on: the nearest preceding statement from the same
  source, else the preceding statement;
- links a denial to the claim it denies: the nearest preceding statement
  reported from a different source, or for a headline denial the body claim
  that shares most words with it. A statement that reports a claim and its
  denial together ("..., a charge Tehran denies") denies itself and is not
  linked.

See LABELS.md, "Document context" and "Disputes and denials".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from . import lexicon
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
    denials: set[int] = set()
    deniers: list[int] = []
    for i, unit in enumerate(units):
        if kinds[i] == "evidence_note":
            target = _note_target(text, units, kinds, i)
            if target is not None:
                note_for[i] = target
        elif kinds[i] in SCORED_KINDS:
            at = _denial_start(unit)
            if at is not None:
                denials.add(i)
                if not _denies_itself(text, unit, at):
                    deniers.append(i)
    for i in deniers:
        target = _denied_claim(text, units, kinds, i, denials)
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
#: Cue categories of a statement that commits its source against interest or
#: confirms: never the claim a denial denies.
_COMMITTED = ("admission", "confirming")
#: How far back (in scored statements) a denial looks for the claim it denies,
#: and how far forward a headline denial looks into the body.
_DENIAL_LOOKBACK = 8
_HEADLINE_LOOKAHEAD = 6
#: A headline denial links forward only to a body claim sharing this many
#: content words with it ("Ship operator denies Houthi claim of missile hit").
_HEADLINE_MIN_OVERLAP = 3
#: Words a denial marker may stand after an appositive noun that names the
#: sentence's own claim ("..., a charge Tehran denies").
_APPOSITIVE_GAP = 5
#: Content words are compared on this many leading letters ("falsified",
#: "falsifying").
_STEM = 5
_CONTENT_WORD = re.compile(r"[A-Za-z][\w'’-]{2,}")


@lru_cache(maxsize=None)
def _lexicon() -> tuple[frozenset[str], re.Pattern, re.Pattern]:
    """Function words (ignored when comparing a denial with claims) and the
    regexes of a noun phrase naming the sentence's own claim: an appositive
    before the denial, a subject at the start."""
    function_words = frozenset(
        form
        for entry in lexicon.read("cue_context")
        if entry.category == "function_word"
        for form in lexicon.expand(entry.phrase.lower())
    )
    nouns = sorted(
        form
        for entry in lexicon.read("disclaimers")
        if entry.category == "anaphor_noun"
        for form in lexicon.expand(entry.phrase.lower())
    )
    noun = "|".join(map(re.escape, nouns))
    # "..., a charge Tehran denies", "...; Tarrow called those reports untrue"
    appositive = re.compile(
        rf"(?:[,;—–]|\bbut)\s+(?:a|an|the|which|that|those|these)?\s*(?:[\w'’-]+\s+)?"
        rf"(?:{noun})\b(?:\s+[\w'’-]+){{0,{_APPOSITIVE_GAP}}}\s*$",
        re.IGNORECASE,
    )
    # "Reports that she had resigned were false, her office said" (to .match
    # at the start of the statement)
    subject_claim = re.compile(
        rf"\W*(?:[\w'’-]+\s+){{0,3}}(?:{noun})\b[^.;:]*?\bthat\b[^;:]*$", re.IGNORECASE
    )
    return function_words, appositive, subject_claim


def _content(text: str, start: int, end: int) -> frozenset[str]:
    """The stems of a statement's content words."""
    function_words = _lexicon()[0]
    return frozenset(
        w[:_STEM] for w in (m.group().lower() for m in _CONTENT_WORD.finditer(text, start, end))
        if w not in function_words
    )


def _denial_start(unit: Unit) -> int | None:
    """Where the first denial cue of a statement starts, or None if it denies
    nothing.

    A denial verb frames it ("the army denied ...", "... and it rejected the
    group's toll"), or a source calls something false ("called the rumour
    'simply false'", "said the report was untrue").
    """
    if not unit.chain:
        return None
    starts = [link.cue.start if link.cue is not None else link.source.start
              for link in unit.chain if link.cue_category == "denial"]
    starts += [e.start for e in unit.evidence if e.polarity == "-" and e.category in _DENYING]
    return min(starts, default=None)


def _is_denial(unit: Unit) -> bool:
    """Does this statement deny or dispute something?"""
    return _denial_start(unit) is not None


def _denies_itself(text: str, unit: Unit, at: int) -> bool:
    """True when a statement reports a claim and its denial together.

    The claim is named by an appositive before the denial ("..., a charge
    Tehran denies") or by the subject ("Reports that she had resigned were
    false, her office said"), or the denial follows a claim from another link
    of the chain after a clause break ("Union says 900 jobs will go; company
    disputes tally")."""
    _, appositive, subject_claim = _lexicon()
    if appositive.search(text, max(unit.start, at - 80), at) or subject_claim.match(text, unit.start, at):
        return True
    claim_before = any(
        link.cue_category != "denial" and link.cue is not None and link.cue.end <= at
        for link in unit.chain
    )
    if not claim_before:
        return False
    between = text[unit.start:at]
    return ";" in between or (unit.kind == "headline" and "," in between)


def _name(link: Link) -> str:
    """A source's name without its appositive ("leclerc" for "Leclerc, 61,")."""
    return _source_key(link).split(",", 1)[0].strip()


def _same_source(a: Link, b: Link) -> bool:
    """Do two links name the same source ("Leclerc, 61," and "Prof. Bertrand
    Leclerc")?"""
    x, y = _name(a), _name(b)
    if not x or not y:
        return False
    short, long = sorted((x, y), key=len)
    return long == short or long.endswith(" " + short)


def _denied_claim(text: str, units: Sequence[Unit], kinds: list[str], i: int,
                  denials: set[int]) -> int | None:
    """The claim a denial denies.

    Candidates are statements reported from a source other than the
    denier's that neither deny anything themselves nor admit or confirm. A
    denial in the body denies the nearest preceding candidate (it beats
    picking the candidate that shares most words with the denial, which
    favours a story's long lead). A denial in a headline denies a claim the
    body reports after it: the candidate among the next few that shares most
    content words with the headline, if it shares enough. A writer's-voice
    statement is never the target: the writer's commitment stands (LABELS.md,
    "Disputes and denials").
    """
    unit = units[i]
    denier = unit.chain[0]
    headline = unit.kind == "headline"
    if headline:
        # only a denial word ("denies", "disputes", "false"), not a bare
        # "rejects", which as often rejects a plan as a claim
        if not any(e.polarity == "-" and e.category in _DENYING for e in unit.evidence):
            return None
        order = range(i + 1, min(len(units), i + 1 + _HEADLINE_LOOKAHEAD))
        words = _content(text, unit.start, unit.end)
    else:
        order = range(i - 1, max(-1, i - 1 - _DENIAL_LOOKBACK), -1)
    best, best_score = None, _HEADLINE_MIN_OVERLAP - 1
    for j in order:
        if kinds[j] not in SCORED_KINDS or not units[j].chain or j in denials:
            continue
        if any(link.cue_category in _COMMITTED for link in units[j].chain):
            continue  # an admission or a confirmation is no claim to deny
        if _same_source(denier, units[j].chain[0]):
            continue
        if not headline:
            return j
        score = len(words & _content(text, units[j].start, units[j].end))
        if score > best_score:
            best, best_score = j, score
    return best
