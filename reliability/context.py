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
  linked;
- links an implicit denial, a statement with no denial word that says the
  opposite of another source's claim just before it ("A Police Scotland
  spokeswoman said no arrests had been made"), to that claim, as a denial:
  it comes from a different source, it negates ("no", "never", "not") and
  it shares content words with the claim;
- links a rebuttal in the writer's voice or from a document ("Land registry
  records show no such sale", "The footage does not show him turning") to
  the claim of another source a few statements before it that it
  contradicts, as a denial: it negates or contradicts and shares content
  words with the claim.

See LABELS.md, "Document context" and "Disputes and denials".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Sequence

from . import lexicon
from .types import DENYING_EVIDENCE, SCORED_KINDS, Context, Evidence, Link

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
    # a later statement naming an independent check of an earlier claim
    # ("Reuters geolocated the video ...") is an evidence note that backs it
    for i in range(len(units)):
        if kinds[i] == "statement" and i not in denials:
            target = _verified_claim(text, units, kinds, i, denials)
            if target is not None:
                kinds[i] = "evidence_note"
                note_for[i] = target
    for i in deniers:
        target = _denied_claim(text, units, kinds, i, denials)
        if target is not None:
            denial_of[i] = target
    # implicit denials first, then rebuttals, so each statement's denied_by
    # lists them in that order
    for i in range(len(units)):
        if kinds[i] == "statement" and i not in denials:
            target = _contradicted_claim(text, units, kinds, i, denials)
            if target is not None:
                denial_of[i] = target
    for i in range(len(units)):
        if kinds[i] == "statement" and i not in denials and i not in denial_of:
            target = _rebutted_claim(text, units, kinds, i, denials)
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
    if unit.kind == "statement" and unit.role in ("disclaimer", "evidence_note"):
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
    function_words = lexicon.forms("cue_context", "function_word")
    noun = "|".join(map(re.escape, sorted(lexicon.forms("disclaimers", "anaphor_noun"))))
    # "..., a charge Tehran denies", "...; Tarrow called those reports untrue"
    appositive = re.compile(
        rf"(?:[,;—–]|\bbut)\s+(?:a|an|the|which|that|those|these)?\s*(?:[\w'’-]+\s+)?"
        rf"(?:{noun})\b(?:\s+[\w'’-]+){{0,{_APPOSITIVE_GAP}}}\s*$",
        re.IGNORECASE,
    )
    # "Reports that she had resigned were false, her office said" (to .match
    # at the start of the statement; no ";" or ":" may follow: see _subject_claim)
    subject_claim = re.compile(
        rf"[^\w'’-]*(?:[\w'’-]+\s+){{0,3}}(?:{noun})\b[^.;:]*?\bthat\b", re.IGNORECASE
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
    starts += [e.start for e in unit.evidence if e.polarity == "-" and e.category in DENYING_EVIDENCE]
    return min(starts, default=None)


def _denies_itself(text: str, unit: Unit, at: int) -> bool:
    """True when a statement reports a claim and its denial together.

    The claim is named by an appositive before the denial ("..., a charge
    Tehran denies") or by the subject ("Reports that she had resigned were
    false, her office said"), or the denial follows a claim from another link
    of the chain after a clause break ("Union says 900 jobs will go; company
    disputes tally")."""
    _, appositive, subject_claim = _lexicon()
    if appositive.search(text, max(unit.start, at - 80), at) or _subject_claim(subject_claim, text, unit.start, at):
        return True
    claim_before = any(
        link.cue_category != "denial" and link.cue is not None and link.cue.end <= at
        for link in unit.chain
    )
    if not claim_before:
        return False
    between = text[unit.start:at]
    return ";" in between or (unit.kind == "headline" and "," in between)


def _subject_claim(pattern: re.Pattern, text: str, start: int, at: int) -> bool:
    """The statement opens with a claim noun and its "that" clause, with no
    ";" or ":" after it before ``at``. The check after the match is done in
    Python: as a trailing ``[^;:]*$`` in the pattern it retried every later
    "that" and made crafted sentences quadratic."""
    found = pattern.match(text, start, at)
    if found is None:
        return False
    rest = text[found.end():at]
    return ";" not in rest and ":" not in rest


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
        if not any(e.polarity == "-" and e.category in DENYING_EVIDENCE for e in unit.evidence):
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


#: An implicit denial looks back this many scored statements for the claim
#: it contradicts, and shares this many content words with it; with the
#: claim just before it, one is enough ("Local newspapers reported that two
#: directors had been arrested. A Police Scotland spokeswoman said no arrests
#: had been made."), and a word pointing back ("never received any such
#: warning") counts as one.
_IMPLICIT_LOOKBACK = 3
_IMPLICIT_MIN_OVERLAP = 2
_ADJACENT_MIN_OVERLAP = 1
#: Words at most between the denier's cue and the contrary word ("said in a
#: statement that she had no intention of resigning"): further on, a "not"
#: sits in a clause of its own ("... because the locks do not update").
_IMPLICIT_GAP = 7
#: Source types that do not deny implicitly: a view ("Some specialists argue
#: the levels may not reflect ..."), a document's finding.
_NOT_DENIERS = ("vague", "document")
_LEADING_QUOTE = re.compile(r"\s*[\"“«‘']")
_WORDS = re.compile(r"[\w'’-]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
#: Reporting cues that frame an implicit denial: a plain "said", or the
#: source insisting ("insisted that no soldier had set foot in the village").
_IMPLICIT_CUES = ("neutral", "distancing")
#: Evidence a claim is backed by: such a statement is no claim to contradict.
_BACKED = ("verification", "corroboration", "confirmation", "admission", "observation")
#: Evidence by which a later statement backs an earlier claim, how far back
#: (in scored statements) it looks, the longest such statement in words, and
#: how many content words it must share with the claim.
_VERIFYING = ("verification", "corroboration", "confirmation")
_VERIFY_LOOKBACK = 3
_VERIFY_MAX_WORDS = 40
_VERIFY_MIN_OVERLAP = 2


@lru_cache(maxsize=None)
def _contrary() -> re.Pattern:
    """Words by which a statement says the opposite of a claim ("n't" is
    bound to the word before it)."""
    forms = lexicon.forms("negation", "contrary")
    free = lexicon.trie_pattern(f for f in forms if not f.startswith("n'"))
    bound = lexicon.trie_pattern(f for f in forms if f.startswith("n'"))
    return re.compile(rf"(?<![\w'’-])(?:{free})(?![\w'’-])|(?:{bound})(?![\w-])", re.IGNORECASE)


def _claim_words(text: str, unit: Unit) -> frozenset[str]:
    """The stems of a statement's content words outside its sources and cues."""
    function_words = _lexicon()[0]
    spans = [(link.source.start, link.source.end) for link in unit.chain]
    spans += [(link.cue.start, link.cue.end) for link in unit.chain if link.cue is not None]
    contrary = _contrary()
    return frozenset(
        m.group().lower()[:_STEM]
        for m in _CONTENT_WORD.finditer(text, unit.start, unit.end)
        if not any(a <= m.start() < b for a, b in spans)
        and m.group().lower() not in function_words
        and not contrary.fullmatch(m.group())
    )


def _contradicted_claim(text: str, units: Sequence[Unit], kinds: list[str], i: int,
                        denials: set[int]) -> int | None:
    """The claim an implicit denial contradicts, or None.

    An implicit denial is reported from a source with a neutral or insisting
    cue, has a contrary word ("no", "never", "not") in what the source says
    and no missing-support marker of its own; it contradicts the nearest of
    the few preceding statements that is another source's claim (neither a
    denial nor an admission, a confirmation or backed by evidence) and shares
    enough content words with it. A writer's-voice statement is never the
    target.
    """
    unit = units[i]
    if not unit.chain:
        return None
    outer = _speaker(unit)
    if outer.cue_category not in _IMPLICIT_CUES or outer.type in _NOT_DENIERS:
        return None
    if any(link.cue_category in _COMMITTED for link in unit.chain):
        return None
    if any(e.polarity == "-" for e in unit.evidence):
        return None
    said_from = _negation_start(text, unit)
    if said_from is None:
        return None
    # a quotation that opens by negating is as often a view ("These were not
    # faceless victims") as a denial: it needs the fuller overlap
    quoted = said_from < outer.source.start
    words = None
    back = 0
    for j, seen in _earlier_claims(units, kinds, i, _IMPLICIT_LOOKBACK, denials):
        claim = units[j]
        if _same_speaker(outer, claim.chain[0]):
            continue
        if _negation_start(text, claim) is not None:
            continue  # a denial of a denial would be a claim of its own
        if words is None:
            words = _claim_words(text, unit)
            back = int(any(m.group().lower() in _back_references()
                           for m in _WORDS.finditer(text, said_from, unit.end)))
        shared = len(words & _claim_words(text, claim)) + back
        if shared >= (_ADJACENT_MIN_OVERLAP if seen == 1 and not quoted else _IMPLICIT_MIN_OVERLAP):
            return j
    return None


def _verified_claim(text: str, units: Sequence[Unit], kinds: list[str], i: int,
                    denials: set[int]) -> int | None:
    """The earlier claim a statement verifies, or None.

    The statement names verification, confirmation or corroboration and no
    missing support, is short, and shares enough content words with one of
    the few preceding claims, made by another source ("The mayor claimed 40
    ships were waiting. Port records reviewed by Reuters confirm the 40
    ships." -- a source confirming itself verifies nothing).
    """
    unit = units[i]
    markers = [e for e in unit.evidence if e.polarity == "+" and e.category in _VERIFYING
               and _reports_a_check(text, unit, e) and not _reports_a_clause(text, unit, e)]
    if not markers or any(e.polarity == "-" for e in unit.evidence) or \
            len(_WORDS.findall(text, unit.start, unit.end)) > _VERIFY_MAX_WORDS:
        return None
    # a source reporting something of its own ("officials said tests had
    # confirmed ...", "the video, which Reuters geolocated, shows ...") makes
    # a statement, not a note
    if any(link.cue is not None and not any(m.start < link.cue.end and link.cue.start < m.end for m in markers)
           for link in unit.chain):
        return None
    return _sharing_claim(
        text, units, kinds, i, denials, _VERIFY_LOOKBACK, _checked_words, _VERIFY_MIN_OVERLAP,
        skip=lambda claim: bool(unit.chain) and _same_speaker(_speaker(unit), claim.chain[0]))


def _reports_a_check(text: str, unit: Unit, marker) -> bool:
    """A check done ("verified", "records confirm"), not one to do ("to
    confirm", "would verify", "distrust and verify"); "established" is far
    more often "founded" than "proved" (cue_context.tsv)."""
    not_a_check, not_done = _check_words()
    if marker.text.split()[-1].lower() in not_a_check:
        return False
    before = _WORDS.findall(text, unit.start, marker.start)
    return not before or before[-1].lower() not in not_done


def _reports_a_clause(text: str, unit: Unit, marker) -> bool:
    """A verb of checking followed by a clause reports a finding of its own
    ("Officers later confirmed the suspect was arrested"), not a check of
    something said before ("... confirm the 4% raises")."""
    after = [w.lower() for w in _WORDS.findall(text, marker.end, unit.end)[:_CLAUSE_WINDOW]]
    return any(w in _clause_verbs() for w in after)


#: How many words after a verb of checking a clause's verb is looked for.
_CLAUSE_WINDOW = 6


@lru_cache(maxsize=None)
def _clause_verbs() -> frozenset[str]:
    return lexicon.forms("cue_context", "clause_verb", "clause_opener")  # "would", "was", "that"


@lru_cache(maxsize=None)
def _check_words() -> tuple[frozenset[str], frozenset[str]]:
    return lexicon.forms("cue_context", "not_a_check"), lexicon.forms("cue_context", "not_done")


def _checked_words(text: str, unit: Unit) -> frozenset[str]:
    """What a check can share with a claim: its content words, singular
    ("seats" and "seat"), and its numbers ("40,000", "4%")."""
    words = {word.rstrip("s") for word in _claim_words(text, unit)}
    return frozenset(words | set(_NUMBER.findall(text, unit.start, unit.end)))


def _earlier_claims(units: Sequence[Unit], kinds: list[str], i: int, lookback: int,
                    denials) -> Iterator[tuple[int, int]]:
    """Earlier statements within ``lookback`` scored statements of ``i`` that
    report someone's claim a later statement could deny: nearest first, with
    how many scored statements back each is. Denials, admissions,
    confirmations and claims backed by named evidence are not candidates."""
    seen = 0
    for j in range(i - 1, -1, -1):
        if kinds[j] not in SCORED_KINDS:
            continue
        seen += 1
        if seen > lookback:
            return
        claim = units[j]
        if kinds[j] != "statement" or not claim.chain or j in denials:
            continue
        if any(link.cue_category in _COMMITTED for link in claim.chain):
            continue
        if any(e.polarity == "+" and e.category in _BACKED for e in claim.evidence):
            continue
        yield j, seen


def _speaker(unit: Unit) -> Link:
    """The source that speaks: the first with a cue ("Tandry said in a statement")."""
    return next((link for link in unit.chain if link.cue is not None), unit.chain[0])


def _negation_start(text: str, unit: Unit) -> int | None:
    """Where what a source says starts, if it opens by negating: a contrary
    word at most a few words into it ("said no arrests had been made",
    '"No patient was ever removed," the director said'); else None."""
    speaker = _speaker(unit)
    said = speaker.cue or speaker.source
    start = said.end
    lead = _LEADING_QUOTE.match(text, unit.start, said.start)
    if lead:
        start = lead.end()  # a quotation before its speaker
    at = _contrary_word(text, unit, start, unit.end)
    if at is None or len(_WORDS.findall(text, start, at)) > _IMPLICIT_GAP:
        return None
    return start


def _contrary_word(text: str, unit: Unit, start: int, end: int) -> int | None:
    """Where the first contrary word of ``text[start:end]`` outside the
    statement's sources starts ("who asked not to be named" is no denial)."""
    sources = [(link.source.start, link.source.end) for link in unit.chain]
    for m in _contrary().finditer(text, start, end):
        if not any(a <= m.start() < b for a, b in sources):
            return m.start()
    return None


def _same_speaker(a: Link, b: Link) -> bool:
    """Like :func:`_same_source`, also matching the name in an appositive
    ("The trust's chief executive, Helen Ashdown," and "Ashdown")."""
    if _same_source(a, b):
        return True
    x, y = (_source_key(link).replace(",", " ").split() for link in (a, b))
    return bool(x and y) and (x[-1] in y or y[-1] in x) and (x[-1][:1].isalpha())


@lru_cache(maxsize=None)
def _back_references() -> frozenset[str]:
    return lexicon.forms("cue_context", "back_reference")


#: A rebuttal looks back this many scored statements for the claim it
#: contradicts and shares this many content words with it.
_REBUTTAL_LOOKBACK = 3
_REBUTTAL_MIN_OVERLAP = 2
#: Evidence by which a sourced statement reports what a document or an
#: observation shows ("matched ... to satellite imagery").
_REBUTTAL_EVIDENCE = ("documents", "verification", "observation")


def _rebutted_claim(text: str, units: Sequence[Unit], kinds: list[str], i: int,
                    denials: set[int]) -> int | None:
    """The claim a rebuttal contradicts, or None.

    A rebuttal is a statement in the writer's voice, or from documents only
    (records, footage, filings), or naming documentary evidence or an
    observation, with a contrary word ("no", "never", "not") or a
    contradiction marker ("does not show") and no admission or confirmation.
    It contradicts the nearest of the few preceding statements that reports
    another source's claim (neither a denial, an admission or a confirmation,
    nor backed by evidence, nor itself negating) and shares enough content
    words with it. A writer's-voice statement is never the target
    (LABELS.md, "Disputes and denials").
    """
    unit = units[i]
    chain = unit.chain
    if any(link.cue_category in _COMMITTED or link.cue_category == "denial" for link in chain):
        return None
    # a document that only reports ("The suit alleges ...") makes a claim
    documentary = not chain or all(
        link.type == "document" and link.cue_category == "neutral" for link in chain) or any(
        e.polarity == "+" and e.category in _REBUTTAL_EVIDENCE for e in unit.evidence)
    if not documentary:
        return None
    contradiction = any(e.polarity == "-" and e.category == "contradiction" for e in unit.evidence)
    if not contradiction and _contrary_word(text, unit, unit.start, unit.end) is None:
        return None

    def skip(claim: Unit) -> bool:
        # the same source; a document's finding ("An outage report shows
        # ...") is no one's claim; a claim that negates is a denial of its own
        return any(_same_speaker(link, claim.chain[0]) for link in chain) \
            or all(link.type == "document" and link.cue_category == "neutral" for link in claim.chain) \
            or _negation_start(text, claim) is not None

    return _sharing_claim(text, units, kinds, i, denials, _REBUTTAL_LOOKBACK, _claim_words,
                          _REBUTTAL_MIN_OVERLAP, skip)


def _sharing_claim(text: str, units: Sequence[Unit], kinds: list[str], i: int, denials: set[int],
                   lookback: int, words_of, enough: int, skip) -> int | None:
    """The nearest earlier claim (:func:`_earlier_claims`) that ``skip``
    keeps and that shares ``enough`` of ``words_of`` with statement ``i``."""
    words = None
    for j, _ in _earlier_claims(units, kinds, i, lookback, denials):
        claim = units[j]
        if skip(claim):
            continue
        if words is None:
            words = words_of(text, units[i])
        if len(words & words_of(text, claim)) >= enough:
            return j
    return None
