"""Cue stage: hedges, evidence markers and the role of a sentence.

Three functions look at one statement, ``text[start:end]``, and return spans
as absolute offsets into ``text``:

- :func:`find_hedges` finds words that weaken commitment to the statement
  (LABELS.md level 1): distancing verbs, epistemic modals and adverbs
  (including "unknown", "questionable", "further research is needed"), belief
  frames, weasel sources (vague quantifiers and source nouns standing in for
  a source, agentless judgements such as "is widely regarded as"),
  conditionals;
- :func:`find_evidence` finds markers of support named (``+``: verification,
  corroboration, documents, observation, admission, confirmation) or missing
  (``-``: missing evidence, failed verification, denial, dispute, rumour,
  falsehood), with negation handled ("did not confirm" is ``-``);
- :func:`sentence_role` tells a document-level disclaimer and an evidence
  note (a sentence that only comments on the evidence for another) from an
  ordinary statement.

The word lists are data files under ``reliability/lexicons/``: ``hedges.tsv``,
``evidence.tsv``, ``negation.tsv``, ``disclaimers.tsv`` and
``cue_context.tsv`` (the word classes the heuristics look at), together with
the distancing, belief, admission and denial rows of ``reporting_verbs.tsv``
and the outlet names of ``outlets.tsv``.

All cue lexicons are matched in one regex pass per statement. The pass uses
:class:`reliability.lexicon.PhraseMatcher` semantics (whole words, case
insensitive, longest match first) with the alternation factored into a prefix
trie, which is several times faster on lexicons of hundreds of forms. The
three functions share one cached scan, so calling all of them on a statement
costs little more than calling one.

Examples
--------
>>> text = "The governor claimed turnout doubled. He provided no evidence."
>>> [(h.text, h.category) for h in find_hedges(text, 0, 37)]
[('claimed', 'distancing_verb')]
>>> [(e.text, e.polarity, e.category) for e in find_evidence(text, 38, len(text))]
[('provided no evidence', '-', 'missing')]
>>> sentence_role(text, 38, len(text))
'evidence_note'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from . import lexicon
from .lexicon import Entry, PhraseMatcher
from .sources import is_number
from .types import HEDGE_CATEGORIES, Evidence, Hedge

__all__ = ["find_hedges", "find_evidence", "sentence_role"]

#: Reporting-verb categories whose rows become cues, and what they become.
_REPORTING_AS_CUE = {
    "distancing": ("distancing_verb", "verb"),
    "belief": ("belief_frame", "verb"),
    "admission": ("admission", "+ drop verb"),
    "denial": ("denial", "- drop verb"),
}
#: A belief row of reporting_verbs.tsv is a hedge only when its strength prior
#: says it commits the writer this little or less ("believe" -0.2 is a
#: hedge; "expect" -0.1 and "know" 0.2 are not).
_BELIEF_PRIOR_MAX = -0.2
#: Categories that silence a shorter cue and yield nothing.
_NONE = "none"
#: Evidence categories whose marker can make a sentence an evidence note.
_NOTE_NEGATIVE = ("missing", "unverified", "contradiction")
_NOTE_POSITIVE = ("verification", "confirmation", "corroboration")
#: Upper bounds, in words, on a disclaimer and on an evidence note.
_DISCLAIMER_MAX_WORDS = 45
_NOTE_MAX_WORDS = 20
#: Two coordinated clauses, each commenting on the evidence ("He offered no
#: evidence, and the league said it had received no complaints"), are an
#: evidence note up to this length.
_COORDINATED_NOTE_MAX_WORDS = 40
#: An evidence note this short needs no anaphor ("No evidence was given.").
_NOTE_BARE_WORDS = 8
# words before a "missing support" marker that still make a note's subject
_NOTE_SUBJECT_MAX_WORDS = 7
#: An evidence note about anonymous sourcing is this short at most.
_ANONYMITY_NOTE_MAX_WORDS = 15
#: Words between an anaphoric subject and its evidence marker ("This was
#: independently confirmed", "The claim is totally false").
_VERB_GROUP_MAX_WORDS = 3
#: A disclaimer's subject ("The BBC has not been able to") is this short.
_SUBJECT_MAX_WORDS = 8
#: Words a negation may stand before an evidence marker ("has not yet been
#: independently verified") and before a hedge ("not very likely").
_NEGATION_GAP_EVIDENCE = 3
_NEGATION_GAP_SUBJECT = 6  # "None of the three accounts has been verified"
_NEGATION_GAP_HEDGE = 1
#: Words a vague source may stand before its predicate ("analysts at the bank
#: expect") and after its reporting cue ("according to many experts").
_SOURCE_GAP_AFTER = 3
_SOURCE_GAP_BEFORE = 1
#: Words an agentless passive ("is now widely regarded as") may look back
#: over for its auxiliary or its generality adverb.
_PASSIVE_LOOKBACK = 3
#: Words between a call for more research and its need word ("further
#: studies are needed") and before it ("warrants further investigation").
_NEED_GAP_AFTER = 2
_NEED_GAP_BEFORE = 1

#: Hedge flags whose check looks at the word before the cue.
_NEEDS_PREVIOUS_WORD = frozenset(
    {"number_guard", "prenominal", "prenominal_only", "np_after_det", "source_only"}
)

_WORD = r"[\w'’-]+"
_WORD_RE = re.compile(_WORD)
_PREV_WORD = re.compile(rf"({_WORD})\s*$")
_NEXT_TOKEN = re.compile(rf"\s*({_WORD}|\S)")
_LEADING_NONWORD = re.compile(r"[\W_]*")


# ---------------------------------------------------------------------------
# 1-2. The cue lexicon (matched with lexicon.PhraseMatcher) and the word
#      classes around a cue
# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cue:
    """What one surface form of the cue lexicon means."""

    kind: str  # "hedge", "evidence", "anonymity" or "none"
    category: str
    flags: frozenset[str]
    polarity: str = ""
    verb_noun: bool = False  # a verb form that may be a noun: claim, claims that
    participle: bool = False  # a verb form in -ed: alleged, suspected


def _prior(entry: Entry) -> float:
    """The strength prior of a reporting-verb row (a row without one counts
    as weak)."""
    try:
        return float(entry.extra)
    except ValueError:
        return -1.0


def _reporting_rows() -> list[Entry]:
    """Distancing, belief, admission and denial rows of reporting_verbs.tsv,
    recast as cue rows."""
    rows = []
    for entry in lexicon.read("reporting_verbs"):
        if entry.category not in _REPORTING_AS_CUE:
            continue
        if entry.category == "belief" and _prior(entry) > _BELIEF_PRIOR_MAX:
            continue
        category, flags = _REPORTING_AS_CUE[entry.category]
        rows.append(Entry(entry.phrase, category, flags, entry.line))
    return rows


@lru_cache(maxsize=None)
def _cue_lexicon() -> tuple[PhraseMatcher, dict[str, _Cue]]:
    """One matcher over every cue lexicon, and the meaning of each form.

    Rows of ``evidence.tsv`` and ``hedges.tsv`` come first, so a row there
    overrides the same phrase from ``reporting_verbs.tsv``.
    """
    anonymity = [e for e in lexicon.read("disclaimers") if e.category == "anonymity"]
    entries = [*lexicon.read("evidence"), *lexicon.read("hedges"), *anonymity, *_reporting_rows()]
    matcher = PhraseMatcher(entries)
    meaning = {}
    for form, entry in matcher.items():
        flags = frozenset(entry.extra.split())
        # A verb row: from reporting_verbs.tsv, or a phrase with a "+" word.
        is_verb = "verb" in flags or "+" in entry.phrase
        first = form.split(" ", 1)[0]
        if entry.category == _NONE:
            kind = _NONE
        elif entry.category in HEDGE_CATEGORIES:
            kind = "hedge"
        elif entry.category == "anonymity":
            kind = "anonymity"
        else:
            kind = "evidence"
        polarity = next((f for f in flags if f in ("+", "-")), "")
        meaning[form] = _Cue(
            kind=kind,
            category=entry.category,
            flags=flags,
            polarity=polarity,
            # only a one-word form can be a noun ("claims of"); "gave no evidence for" is a verb
            verb_noun=is_verb and first == form and not form.endswith("ed"),
            participle=is_verb and first == form and form.endswith("ed"),
        )
    return matcher, meaning


def _forms(name: str, *classes: str) -> list[str]:
    return sorted(lexicon.forms(name, *classes))


@dataclass(frozen=True)
class _Context:
    """Word classes and small regexes the heuristics look at around a cue."""

    determiners: frozenset[str]
    predicative: frozenset[str]
    clause_followers: frozenset[str]
    number_after: re.Pattern
    noun_follower: re.Pattern
    clause_opener: re.Pattern
    option_after: re.Pattern
    source_after: re.Pattern
    source_before: re.Pattern
    quantifiers: frozenset[str]
    definites: frozenset[str]
    generality_adverbs: frozenset[str]
    passive_auxiliaries: frozenset[str]
    passive_skips: frozenset[str]
    passive_stops: frozenset[str]
    need_after: re.Pattern
    need_before: re.Pattern
    pair_before: re.Pattern
    agents_after: re.Pattern
    negated_evidence: re.Pattern
    negated_hedge: re.Pattern
    negation: re.Pattern  # any negation word
    clause_break: re.Pattern  # ", and" between coordinated clauses


def _after(forms: Iterable[str], lead: str = "") -> re.Pattern:
    """A regex to ``.match`` right after a cue: ``forms`` as the next words."""
    return re.compile(rf"{lead}\s+(?:{lexicon.trie_pattern(forms)})(?![\w-])")


def _clause_opener(ctx: str) -> re.Pattern:
    """A regex to ``.match`` right after a distancing verb where a clause
    follows: "that", or a short noun phrase and its verb ("asserted the
    bridge would reopen"), not an object ("maintained the bridge")."""
    openers = lexicon.trie_pattern(_forms(ctx, "clause_opener"))
    determiners = lexicon.trie_pattern(_forms(ctx, "determiner"))
    verbs = lexicon.trie_pattern(_forms(ctx, "clause_verb"))
    # the noun phrase holds no relative pronoun: "maintained the roads that
    # were damaged" keeps an object
    relatives = lexicon.trie_pattern(_forms(ctx, "relative_pronoun"))
    word = rf"(?!(?:{relatives})(?![\w-])){_WORD}"
    return re.compile(rf"\s+(?:(?:{openers})|(?:{determiners})(?:\s+{word}){{1,3}}\s+(?:{verbs}))(?![\w-])")


def _negation_pattern(gap: int, subject_gap: int | None = None) -> re.Pattern:
    """A regex to ``.search`` up to a cue: a negation then at most ``gap`` words.

    A negation row starting with ``n'`` ("n't") attaches to the word before.
    With ``subject_gap``, a negated subject ("none of", class ``subject``)
    reaches that many words: "None of those accounts has been verified".
    """
    forms = _forms("negation", "negation")
    free = [f for f in forms if not f.startswith("n'")]
    bound = [f for f in forms if f.startswith("n'")]
    negation = rf"(?<![\w'’-])(?:{lexicon.trie_pattern(free)})(?![\w-])"
    if bound:
        negation = rf"(?:{negation}|(?:{lexicon.trie_pattern(bound)}))"
    pattern = rf"{negation}(?:\s+{_WORD}){{0,{gap}}}"
    if subject_gap is not None:
        subject = rf"(?<![\w'’-])(?:{lexicon.trie_pattern(_forms('negation', 'subject'))})(?![\w-])"
        pattern = rf"(?:{pattern}|{subject}(?:\s+{_WORD}){{0,{subject_gap}}})"
    return re.compile(rf"{pattern}\s+$")


@lru_cache(maxsize=None)
def _context() -> _Context:
    ctx = "cue_context"
    numbers = lexicon.trie_pattern(_forms(ctx, "number_word"))
    predicates = [*_forms("reporting_verbs", *_all_categories("reporting_verbs")),
                  *_forms(ctx, "vague_predicate")]
    predicate = lexicon.trie_pattern([*predicates, *_forms(ctx, "judgement_predicate")])
    intro = lexicon.trie_pattern([*predicates, *_forms(ctx, "source_intro")])
    agents = lexicon.trie_pattern(_forms(ctx, "agent"))
    need = lexicon.trie_pattern(_forms(ctx, "need_word"))
    coordinators = lexicon.trie_pattern(_forms(ctx, "coordinator"))
    return _Context(
        determiners=lexicon.forms(ctx, "determiner"),
        predicative=lexicon.forms(ctx, "predicative"),
        clause_followers=lexicon.forms(ctx, "clause_follower"),
        number_after=re.compile(
            rf"\s+(?:(?:{lexicon.trie_pattern(_forms(ctx, 'number_lead'))})\s+)?"
            rf"(?:[$€£¥]?\d|(?:{numbers})(?![\w-]))"
        ),
        noun_follower=_after(_forms(ctx, "noun_follower")),
        clause_opener=_clause_opener(ctx),
        option_after=_after(
            _forms(ctx, "option_verb"), lead=rf"(?:\s+(?:{lexicon.trie_pattern(_forms(ctx, 'option_adverb'))}))?"
        ),
        source_after=re.compile(rf"(?:\s+{_WORD}){{0,{_SOURCE_GAP_AFTER}}}?\s+(?:{predicate})(?![\w-])"),
        source_before=re.compile(
            rf"(?<![\w-])(?:{intro})(?:\s+{_WORD}){{0,{_SOURCE_GAP_BEFORE}}}\s+$"
        ),
        quantifiers=lexicon.forms(ctx, "quantifier"),
        definites=lexicon.forms(ctx, "definite"),
        generality_adverbs=lexicon.forms(ctx, "generality_adverb"),
        passive_auxiliaries=lexicon.forms(ctx, "passive_auxiliary"),
        passive_skips=lexicon.forms(ctx, "passive_skip"),
        passive_stops=lexicon.forms(ctx, "passive_stop"),
        need_after=re.compile(rf"(?:\s+{_WORD}){{0,{_NEED_GAP_AFTER}}}?\s+(?:{need})(?![\w-])"),
        need_before=re.compile(rf"(?<![\w-])(?:{need})(?:\s+{_WORD}){{0,{_NEED_GAP_BEFORE}}}\s+$"),
        pair_before=re.compile(rf"(?<![\w-])(?:{lexicon.trie_pattern(_forms(ctx, 'pair'))})(?![\w-])"),
        agents_after=re.compile(
            rf"\s+(?:{agents})\s+[^,;:.!?]{{1,60}}?\s(?:{coordinators})\s"
        ),
        negated_evidence=_negation_pattern(_NEGATION_GAP_EVIDENCE, _NEGATION_GAP_SUBJECT),
        negated_hedge=_negation_pattern(_NEGATION_GAP_HEDGE),
        negation=re.compile(
            rf"(?<![\w'’-])(?:{lexicon.trie_pattern(_forms('negation', 'negation'))})(?![\w-])"
        ),
        clause_break=re.compile(rf"\s*[,;]\s+(?:{coordinators})\s+|\s*;\s+"),
    )


def _all_categories(name: str) -> tuple[str, ...]:
    return tuple({entry.category for entry in lexicon.read(name)})


# ---------------------------------------------------------------------------
# 3. Reading one cue in its context
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scan:
    """Everything found in one statement (cached for the three functions)."""

    hedges: tuple[Hedge, ...]
    evidence: tuple[Evidence, ...]
    note_markers: tuple[Evidence, ...]  # evidence that can make an evidence note
    anonymity: tuple[tuple[int, int], ...]


def _previous_word(low: str, lo: int, pos: int) -> str | None:
    """The word just before ``pos`` (whitespace only between), or None."""
    match = _PREV_WORD.search(low, max(lo, pos - 30), pos)
    return match.group(1) if match else None


def _previous_words(low: str, lo: int, pos: int, count: int) -> Iterator[str]:
    """Up to ``count`` words before ``pos``, nearest first (whitespace only
    between them)."""
    for _ in range(count):
        match = _PREV_WORD.search(low, max(lo, pos - 30), pos)
        if match is None:
            return
        yield match.group(1)
        pos = match.start()


def _next_token(low: str, pos: int, hi: int) -> str | None:
    """The word or punctuation mark just after ``pos``, or None at the end."""
    match = _NEXT_TOKEN.match(low, pos, hi)
    return match.group(1) if match else None


def _verb_after_subject(cue: str, prev: str | None, ctx: _Context) -> bool:
    """A past form after a noun is its verb, not an adjective: "Prosecutors
    alleged fraud", "Police reported two arrests" (but "the alleged fraud",
    "two reported attacks", "the widely reported attack", "Reported cases")."""
    return cue.lower().endswith("ed") and prev is not None and _is_word(prev) \
        and not _is_determiner(prev, ctx) and not is_number(prev) and not prev.endswith("ly") \
        and prev not in ctx.predicative \
        and not _is_past_verb(prev)  # "Police arrested alleged gang members"


def _is_past_verb(word: str) -> bool:
    return word.endswith("ed") or word in lexicon.irregular_pasts()


def _is_determiner(word: str | None, ctx: _Context) -> bool:
    return word is not None and (word in ctx.determiners or word.endswith(("'s", "’s")))


def _is_word(token: str | None) -> bool:
    return token is not None and (token[0].isalnum() or token[0] == "_")


def _noun_use(low: str, lo: int, s: int, e: int, hi: int, cue: _Cue, ctx: _Context,
              after_adjective: bool) -> bool:
    """True when a verb form is used as a noun ("the claim", "claims of fraud")."""
    if not cue.verb_noun:
        return False
    prev = _previous_word(low, lo, s)
    if _is_determiner(prev, ctx) or after_adjective:
        return True
    return ctx.noun_follower.match(low, e, hi) is not None


def _prenominal(prev: str | None, nxt: str | None, ctx: _Context) -> bool:
    """True when an adjective stands before a noun it qualifies ("alleged attack")."""
    if prev in ctx.predicative or not _is_word(nxt):
        return False
    return nxt not in ctx.clause_followers


def _is_vague_source(low: str, lo: int, s: int, e: int, hi: int, prev: str | None, ctx: _Context,
                     after_quantifier: bool) -> bool:
    """True when a source noun or weasel quantifier stands in for a source:
    "critics say", "according to experts", "some historians trace".

    After a definite determiner the noun points back to a source named
    earlier ("the analysts"); with ``after_quantifier``, after a weasel
    quantifier it is vague whatever its verb ("many critics").
    """
    if after_quantifier and prev in ctx.quantifiers:
        return True
    if prev in ctx.definites:
        return False
    return bool(ctx.source_after.match(low, e, hi) or ctx.source_before.search(low, max(lo, s - 40), s))


def _agentless(low: str, lo: int, s: int, e: int, hi: int, ctx: _Context, adverb_only: bool) -> bool:
    """True for an agentless passive of judgement standing in for a source:
    "is widely regarded as", "was considered a hero" (not "was considered by
    the committee", "was considered at the meeting").

    A generality adverb before it ("widely", "often") is enough; otherwise,
    unless ``adverb_only``, a passive auxiliary before it and no agent or
    circumstance after it.
    """
    for word in _previous_words(low, lo, s, _PASSIVE_LOOKBACK):
        if word in ctx.generality_adverbs:
            return True
        if word in ctx.passive_skips:
            continue
        if adverb_only or word not in ctx.passive_auxiliaries:
            return False
        nxt = _next_token(low, e, hi)
        return _is_word(nxt) and nxt not in ctx.passive_stops
    return False


def _hedge(text: str, low: str, lo: int, hi: int, s: int, e: int, cue: _Cue,
           after_adjective: bool) -> Hedge | None:
    """The hedge a match stands for in its context, or None."""
    ctx = _context()
    flags = cue.flags
    if _noun_use(low, lo, s, e, hi, cue, ctx, after_adjective):
        return None
    if "capital_guard" in flags and text[s].isupper() and text[s + 1:e].islower():
        at_start = _LEADING_NONWORD.fullmatch(text, lo, s) is not None
        if not at_start or ctx.number_after.match(low, e, hi):
            return None
    if "option_guard" in flags and ctx.option_after.match(low, e, hi):
        return None
    prev = None
    if flags & _NEEDS_PREVIOUS_WORD or cue.participle:
        prev = _previous_word(low, lo, s)
    if "number_guard" in flags:
        if ctx.number_after.match(low, e, hi) or (cue.participle and _is_determiner(prev, ctx)):
            return None
    if "source_only" in flags and not _is_vague_source(
        low, lo, s, e, hi, prev, ctx, after_quantifier="after_quantifier" in flags
    ):
        return None
    if flags & {"agentless", "adverb_only"} and not _agentless(
        low, lo, s, e, hi, ctx, adverb_only="adverb_only" in flags
    ):
        return None
    if "need_only" in flags and not (
        ctx.need_after.match(low, e, hi) or ctx.need_before.search(low, max(lo, s - 40), s)
    ):
        return None
    if "clause_only" in flags:
        nxt = _next_token(low, e, hi)
        if _is_word(nxt) and not ctx.clause_opener.match(low, e, hi):
            return None
    scope = "clause"
    if "prenominal_only" in flags or ("prenominal" in flags and not cue.verb_noun):
        if _prenominal(prev, _next_token(low, e, hi), ctx) and not _verb_after_subject(text[s:e], prev, ctx):
            scope = "noun_phrase"
        elif "prenominal_only" in flags:
            return None
    elif "np_after_det" in flags or cue.participle:
        if _is_determiner(prev, ctx) and _prenominal(prev, _next_token(low, e, hi), ctx):
            scope = "noun_phrase"
    negated = "negated" in flags
    if not negated and cue.category not in ("conditional", "vague_quantifier"):
        negated = ctx.negated_hedge.search(low, max(lo, s - 40), s) is not None
    return Hedge(text[s:e], s, e, cue.category, negated=negated, scope=scope)


def _evidence(text: str, low: str, lo: int, hi: int, s: int, e: int, cue: _Cue,
              after_adjective: bool, anonymity: list[tuple[int, int]]) -> Evidence | None:
    """The evidence marker a match stands for in its context, or None.
    ``anonymity`` holds the anonymity phrases before it, whose "not" negates
    nothing ("officials who asked not to be named confirmed the account")."""
    ctx = _context()
    if _noun_use(low, lo, s, e, hi, cue, ctx, after_adjective):
        return None
    polarity, category = cue.polarity, cue.category
    negation = ctx.negated_evidence.search(low, max(lo, s - 60), s)
    negated = negation is not None and not any(a <= negation.start() < b for a, b in anonymity)
    if "negonly" in cue.flags:
        if not negated:
            return None
    elif negated and "flip" in cue.flags:
        polarity, category = "-", "unverified"
    elif negated and "drop" in cue.flags:
        return None
    if category == "confirmation" and (
        ctx.pair_before.search(low, lo, s) or ctx.agents_after.match(low, e, hi)
    ):
        category = "corroboration"
    return Evidence(text[s:e], s, e, polarity, category)


@lru_cache(maxsize=64)
def _scan(text: str, start: int, end: int) -> _Scan:
    """Find every cue in ``text[start:end]`` in one pass."""
    matcher, meaning = _cue_lexicon()
    low = lexicon.lowered(text)
    hedges, evidence, notes, anonymity = [], [], [], []
    adjective_end = -1  # end of the last cue that qualifies a following noun
    for s, e, form in matcher.iterforms(text, start, end):
        cue = meaning[form]
        after_adjective = adjective_end >= 0 and not low[adjective_end:s].strip()
        if cue.kind == "hedge":
            hedge = _hedge(text, low, start, end, s, e, cue, after_adjective)
            if hedge is not None:
                hedges.append(hedge)
                if hedge.scope == "noun_phrase":
                    adjective_end = e
        elif cue.kind == "evidence":
            marker = _evidence(text, low, start, end, s, e, cue, after_adjective, anonymity)
            if marker is not None:
                evidence.append(marker)
                if marker.category in ("unverified", "false") and " " not in marker.text:
                    adjective_end = e
                if "inline" not in cue.flags and not _attributive(low, e, end, cue, marker):
                    notes.append(marker)
        elif cue.kind == "anonymity":
            anonymity.append((s, e))
    return _Scan(tuple(hedges), tuple(evidence), tuple(notes), tuple(anonymity))


def _attributive(low: str, e: int, hi: int, cue: _Cue, marker: Evidence) -> bool:
    """True for a one-word adjective marker before its noun ("unproven
    therapies"): it qualifies a noun phrase and does not comment on evidence."""
    if cue.verb_noun or cue.participle or " " in marker.text:
        return False
    return _is_word(_next_token(low, e, hi))


def _bounds(text: str, start: int, end: int | None) -> tuple[int, int]:
    """The statement span clipped to the text (``end`` None: to the end)."""
    if not isinstance(text, str):
        raise TypeError(f"cues need a str, got {type(text).__name__}")
    end = len(text) if end is None else min(end, len(text))
    return max(0, start), end


# ---------------------------------------------------------------------------
# 4. Public functions
# ---------------------------------------------------------------------------


def find_hedges(text: str, start: int = 0, end: int | None = None) -> list[Hedge]:
    """Hedge cues in the statement ``text[start:end]``.

    Parameters
    ----------
    text : str
        The document (or the statement alone).
    start, end : int
        The statement's span in ``text``; ``end`` defaults to the end of text.

    Returns
    -------
    list of Hedge
        In text order, offsets absolute into ``text``. ``category`` is one of
        ``types.HEDGE_CATEGORIES``; ``negated`` marks a negated hedge ("not
        likely", "unlikely"); ``scope`` is ``"noun_phrase"`` for a hedge that
        only names a topic ("the alleged attack") and ``"clause"`` otherwise.
        Numeric approximation ("some 300 people", "an estimated 2,000"), a
        quantity word that stands in for no source ("wounded several
        others") and a comparison of rates ("more likely to vote than") are
        not hedges.

    Examples
    --------
    >>> [(h.text, h.category, h.scope) for h in find_hedges("The alleged attack may have been staged.")]
    [('alleged', 'distancing_verb', 'noun_phrase'), ('may', 'epistemic_modal', 'clause')]
    >>> find_hedges("Some 300 people attended.")
    []
    """
    start, end = _bounds(text, start, end)
    if start >= end:
        return []
    return list(_scan(text, start, end).hedges)


def find_evidence(text: str, start: int = 0, end: int | None = None) -> list[Evidence]:
    """Evidence markers in the statement ``text[start:end]``.

    Parameters
    ----------
    text : str
        The document (or the statement alone).
    start, end : int
        The statement's span in ``text``; ``end`` defaults to the end of text.

    Returns
    -------
    list of Evidence
        In text order, offsets absolute into ``text``. ``polarity`` ``"+"``
        (categories verification, corroboration, documents, observation,
        admission, confirmation) or ``"-"`` (missing, unverified, denial,
        dispute, rumour, false). A negated positive marker is ``"-"
        unverified`` ("did not confirm"); a negated denial is no marker
        ("did not deny").

    Examples
    --------
    >>> [(e.text, e.polarity, e.category) for e in find_evidence("The claim could not be verified.")]
    [('could not be verified', '-', 'unverified')]
    >>> [(e.text, e.polarity, e.category) for e in find_evidence("She did not confirm the report.")]
    [('confirm', '-', 'unverified')]
    >>> find_evidence("He did not deny it.")
    []
    """
    start, end = _bounds(text, start, end)
    if start >= end:
        return []
    return list(_scan(text, start, end).evidence)


def sentence_role(text: str, start: int = 0, end: int | None = None) -> str | None:
    """The role of the sentence ``text[start:end]``, if it is not a statement.

    Parameters
    ----------
    text : str
        The document (or the sentence alone).
    start, end : int
        The sentence's span in ``text``; ``end`` defaults to the end of text.

    Returns
    -------
    str or None
        ``"disclaimer"`` for a document-level caveat about what the outlet
        could verify ("CNN could not independently verify the claims made by
        either side"); ``"evidence_note"`` for a short sentence whose only job
        is to comment on the evidence for an earlier statement ("It provided
        no evidence for the assertion.", "The claim could not be
        independently verified."); None for anything else, including a
        statement that asserts something and says evidence is missing
        ("The governor claimed without evidence that turnout doubled.").

    Examples
    --------
    >>> sentence_role("Reuters was unable to independently verify the reports.")
    'disclaimer'
    >>> sentence_role("The Associated Press was not able to verify the video.")
    'evidence_note'
    >>> sentence_role("The bridge reopened on Monday.") is None
    True
    """
    start, end = _bounds(text, start, end)
    if start >= end:
        return None
    scan = _scan(text, start, end)
    if not scan.note_markers and not scan.anonymity:
        return None
    return _role(text, start, end, scan)


# ---------------------------------------------------------------------------
# 5. Disclaimers and evidence notes
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _RoleLexicon:
    generic_scope: PhraseMatcher
    generic_object: PhraseMatcher
    anaphor: PhraseMatcher  # an earlier statement or source, as subject
    object_anaphor: PhraseMatcher  # an earlier statement, as object ("confirmed the account")
    outlet: PhraseMatcher
    source_subject: PhraseMatcher  # an earlier source, as subject ("the company")
    anaphor_noun: PhraseMatcher  # "figure" in "that figure"
    anaphor_np: re.Pattern  # "the new claim", "that contention"
    either: PhraseMatcher  # "either", "both": an object spanning the sides of a story
    proposition: PhraseMatcher  # reporting verbs and "according to"
    complementizer: PhraseMatcher
    coordinator: PhraseMatcher


@lru_cache(maxsize=None)
def _role_lexicon() -> _RoleLexicon:
    rows = lexicon.read("disclaimers")

    def of(*categories: str) -> PhraseMatcher:
        return PhraseMatcher([e for e in rows if e.category in categories])

    outlets = [e for e in lexicon.read("outlets") if e.category == "outlet"]
    reporting = [
        e for e in lexicon.read("reporting_verbs") if e.category in ("neutral", "distancing", "belief")
    ]
    context = lexicon.read("cue_context")
    return _RoleLexicon(
        generic_scope=of("generic_scope"),
        generic_object=of("generic_object"),
        anaphor=of("anaphor", "anaphor_subject"),
        object_anaphor=of("anaphor"),
        outlet=PhraseMatcher([*(e for e in rows if e.category == "outlet"), *outlets]),
        source_subject=of("source_subject", "anaphor_subject", "outlet"),
        anaphor_noun=of("anaphor_noun"),
        anaphor_np=re.compile(
            rf"(?<![\w-])(?:{lexicon.trie_pattern(_forms('disclaimers', 'anaphor_determiner'))})"
            rf"(?:\s+{_WORD})?\s+(?:{lexicon.trie_pattern(_forms('disclaimers', 'anaphor_noun'))})(?![\w-])"
        ),
        either=of("either"),
        proposition=PhraseMatcher([*reporting, *(e for e in context if e.category == "source_intro")]),
        complementizer=PhraseMatcher([e for e in context if e.category == "complementizer"]),
        coordinator=PhraseMatcher([e for e in context if e.category == "coordinator"]),
    )


def _found(matcher: PhraseMatcher, text: str, start: int, end: int) -> bool:
    return next(matcher.finditer(text, start, end), None) is not None


def _word_count(text: str, start: int, end: int) -> int:
    return len(_WORD_RE.findall(text, start, end))


def _role(text: str, start: int, end: int, scan: _Scan) -> str | None:
    """Decide disclaimer / evidence note for a sentence that has a trigger."""
    lex = _role_lexicon()
    words = _word_count(text, start, end)
    if words > _DISCLAIMER_MAX_WORDS:
        return None
    failed = [m for m in scan.note_markers if m.category == "unverified"]
    if failed and _is_disclaimer(text, start, end, failed[0], lex):
        return "disclaimer"
    if words > _NOTE_MAX_WORDS or _adds_proposition(text, start, end, scan, lex):
        return "evidence_note" if _coordinated_note(text, start, end, words) else None
    has_anaphor = _found(lex.anaphor, text, start, end) or bool(
        lex.anaphor_np.search(lexicon.lowered(text), start, end))
    subject_end = _anaphor_subject_end(text, start, end, lex)
    first = _LEADING_NONWORD.match(text, start, end).end()
    source_subject = lex.source_subject.match_at(text, first, end) is not None
    for marker in scan.note_markers:
        # a short subject before the marker ("Pennock's has not published any
        # figures", "The filing does not name any doctor") comments on evidence
        short_subject = _word_count(text, start, marker.start) <= _NOTE_SUBJECT_MAX_WORDS
        if marker.category in _NOTE_NEGATIVE and (
            has_anaphor or source_subject or short_subject or words <= _NOTE_BARE_WORDS
        ):
            return "evidence_note"
        about_anaphor = _matches_at(lex.object_anaphor, text, marker.end, end) or (
            subject_end is not None and _word_count(text, subject_end, marker.start) <= _VERB_GROUP_MAX_WORDS
        )
        if marker.category in (*_NOTE_POSITIVE, "false") and about_anaphor:
            return "evidence_note"
    if scan.anonymity and subject_end is not None and words <= _ANONYMITY_NOTE_MAX_WORDS:
        # "... spoke on condition of anonymity and sent copies" adds a fact.
        if not _found(lex.coordinator, text, scan.anonymity[-1][1], end):
            return "evidence_note"
    return None


def _coordinated_note(text: str, start: int, end: int, words: int) -> bool:
    """True for two coordinated clauses that both comment on the evidence: one
    is an evidence note on its own, the other is negated ("Morrow did not
    provide any documents, and the club's published accounts do not show a
    shortfall of that size"). Only the first clause break counts."""
    if words > _COORDINATED_NOTE_MAX_WORDS:
        return False
    ctx = _context()
    match = ctx.clause_break.search(text, start, end)
    if match is None or match.end() >= end:
        return False
    low = lexicon.lowered(text)
    first, second = (start, match.start()), (match.end(), end)
    for note, other in ((first, second), (second, first)):
        if not ctx.negation.search(low, *other):
            continue
        scan = _scan(text, *note)
        if scan.note_markers and _role(text, *note, scan) == "evidence_note":
            return True
    return False


def _matches_at(matcher: PhraseMatcher, text: str, pos: int, end: int) -> bool:
    """True when a phrase of ``matcher`` starts at the first word from ``pos``."""
    first = _LEADING_NONWORD.match(text, pos, end).end()
    return matcher.match_at(text, first, end) is not None


def _anaphor_subject_end(text: str, start: int, end: int, lex: _RoleLexicon) -> int | None:
    """Where the sentence's anaphoric subject ("The claim", "It") ends, or None."""
    first = _LEADING_NONWORD.match(text, start, end).end()
    return lex.anaphor.match_at(text, first, end)


def _is_disclaimer(text: str, start: int, end: int, failed: Evidence, lex: _RoleLexicon) -> bool:
    """A failed verification over the whole story, or by the outlet over
    claims in general."""
    if _found(lex.generic_scope, text, start, end):
        return True
    if _word_count(text, start, failed.start) > _SUBJECT_MAX_WORDS:
        # "Reuters has not seen the evidence ..., and could not verify the
        # claims of either side": the outlet, as subject, about both sides
        return _matches_at(lex.outlet, text, start, end) and _found(lex.either, text, failed.end, end)
    if not _found(lex.outlet, text, start, failed.start):
        return False
    # "AFP could not independently verify ...": an outlet's caveat about what
    # it could check, rather than a comment on one statement
    if "independent" in failed.text.lower() or _found(lex.either, text, failed.end, end):
        return True
    return _found(lex.generic_object, text, failed.end, end) or _word_count(text, failed.end, end) == 0


def _adds_proposition(text: str, start: int, end: int, scan: _Scan, lex: _RoleLexicon) -> bool:
    """True when the sentence asserts something of its own: a reporting verb
    outside its evidence markers, or a that-clause after them."""
    markers = [(m.start, m.end) for m in scan.evidence]
    # The reason for anonymity ("... not authorised to discuss it") adds nothing.
    markers += [(s, end) for s, _ in scan.anonymity]
    low = lexicon.lowered(text)
    ctx = _context()
    marker_starts = [m.start for m in scan.note_markers]
    # "the new claim" names an earlier statement: its noun is no verb
    markers += [m.span() for m in lex.anaphor_np.finditer(low, start, end)]
    for s, e, _ in lex.proposition.finditer(text, start, end):
        inside = any(ms <= s and e <= me for ms, me in markers)
        # "did not say ..." or "declined to release ... or say" withholds a claim
        negated = ctx.negated_hedge.search(low, max(start, s - 40), s) is not None
        negated = negated or (_previous_word(low, start, s) == "or" and bool(scan.note_markers))
        # "offered no documentation", "declined to share": the verb of the note itself
        governs_marker = any(0 <= m - e <= 2 for m in marker_starts) or _next_token(low, e, end) == "to"
        if not (inside or negated or governs_marker) and not _is_determiner(_previous_word(low, start, s), ctx):
            return True
    first = min(marker_starts, default=end)
    for s, e, _ in lex.complementizer.finditer(text, first, end):
        following = _next_token(low, e, end)
        if following is None or not _is_word(following) or following == "up":
            continue  # "to back that up", "to support that.": a pronoun, not a clause
        if _matches_at(lex.anaphor_noun, text, e, end):  # "that figure" is no clause
            continue
        # "under that name." : a determiner before a noun that ends the clause
        noun_end = _NEXT_TOKEN.match(low, e, end).end()
        if not _is_word(_next_token(low, noun_end, end)):
            continue
        return True
    return False
