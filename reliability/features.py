"""Features of an analysed statement, each tied to the span that fired it.

A statement is scored in its document: evidence notes, denials and
disclaimers elsewhere in the text change its level. So the unit the scorer
works on is :class:`Item`, a document plus the index of one statement.

:func:`structural_features` turns the analysis layer's output into named
features (cue categories, negation, chain depth and link types, source
types, reporting-verb strength, evidence polarity, disclaimer scope,
evidence-note links, position, quote presence, and the level LABELS.md's
rules give); the classifier adds text n-grams on top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon
from .combining import backs, rule_level
from .segment import Segment
from .types import DENYING_EVIDENCE, LEVELS, Document, Statement

_COMMON_WORD = re.compile(r"\b[a-z][a-z'-]+\b")
_QUOTES = re.compile(r"[\"“”«»]|(?:^|\s)['‘]|['’](?:\s|$)")


@dataclass(frozen=True)
class Item:
    """One statement of an analysed document: the unit the scorer scores."""

    doc: Document
    index: int

    @property
    def statement(self) -> Statement:
        return self.doc.statements[self.index]

    @property
    def text(self) -> str:
        return self.statement.text


def as_item(x: "Item | str") -> Item:
    """Coerce a scorer input to an :class:`Item`.

    A plain string is analysed as one statement in a document of its own, so
    a single sentence gets no document context.
    """
    if isinstance(x, Item):
        return x
    if isinstance(x, str):
        from .pipeline import analyze

        doc = analyze(x, segments=[Segment(0, len(x), "statement")])
        return Item(doc, 0)
    raise TypeError(
        f"expected a statement text (str) or reliability.features.Item, got {type(x).__name__}"
    )


def _cue_strength(text: str) -> float | None:
    entry = lexicon.matcher("reporting_verbs").entry_for(text)
    if entry is None or not entry.extra:
        return None
    return float(entry.extra)


def structural_features(item: Item) -> tuple[dict[str, float], dict[str, tuple[int, int]]]:
    """Named features of one statement and the span that fired each.

    Returns
    -------
    values : dict
        Feature name -> value (counts or indicators; absent means 0).
    spans : dict
        Feature name -> (start, end) offsets of the text that fired it, in
        the document text. Features with no single source span (position,
        writer's voice) map to the whole statement.
    """
    doc, st = item.doc, item.statement
    values: dict[str, float] = {}
    spans: dict[str, tuple[int, int]] = {}
    whole = (st.start, st.end)

    def fire(name: str, span: tuple[int, int] = whole, value: float = 1.0) -> None:
        values[name] = values.get(name, 0.0) + value
        spans.setdefault(name, span)

    if st.kind == "headline":
        fire("kind=headline")

    chain = st.attribution
    if not chain:
        fire("voice=writer")
    else:
        fire(f"chain.depth={min(len(chain), 3)}")
        outer, inner = chain[0], chain[-1]
        if outer.carried_from is not None:
            # the speaker is named in an earlier statement: that is the span
            fire("quote.carried", _span(outer.source))
        fire(f"source.outer={outer.type}", _span(outer.source))
        fire(f"source.inner={inner.type}", _span(inner.source))
        fire(f"cue.outer={outer.cue_category}", _span(outer.cue or outer.source))
        fire(f"cue.inner={inner.cue_category}", _span(inner.cue or inner.source))
        # the frame as a pair: who says it and how ("document|neutral" is
        # evidence, "official|neutral" attribution, "anonymous|neutral" a hedge)
        fire(f"frame={outer.type}|{outer.cue_category}", _span(outer.cue or outer.source))
        if inner is not outer:
            fire(f"frame.inner={inner.type}|{inner.cue_category}", _span(inner.cue or inner.source))
        strengths = []
        for link in chain:
            fire(f"source.any={link.type}", _span(link.source))
            # the common words of a source ("residents", "a doctor ... who asked
            # not to be named") carry its vagueness even when typing misses it
            for word in _COMMON_WORD.findall(link.source.text):
                if word not in _function_words():
                    fire(f"source.word={word}", _span(link.source))
            fire(f"cue.any={link.cue_category}", _span(link.cue or link.source))
            if link.cue is not None:
                # the verb itself: "promised" and "announced" often report an
                # act the writer asserts, "said" a claim someone makes
                fire(f"cue.word={link.cue.text.lower()}", _span(link.cue))
                strength = _cue_strength(link.cue.text)
                if strength is not None:
                    strengths.append((strength, _span(link.cue)))
            else:
                fire("cue.none", _span(link.source))
        if strengths:
            weakest = min(strengths)
            fire("cue.strength", weakest[1], weakest[0])

    for hedge in st.hedges:
        span = (hedge.start, hedge.end)
        if hedge.scope == "noun_phrase":
            fire("hedge.noun_phrase", span)
            continue
        fire(f"hedge={hedge.category}", span)
        if hedge.negated:
            fire("hedge.negated", span)
    for ev in st.evidence:
        fire(f"evidence{ev.polarity}{ev.category}", (ev.start, ev.end))
        fire(f"evidence{ev.polarity}", (ev.start, ev.end))

    ctx = st.context
    if ctx.disclaimer:
        first = doc.disclaimers[0] if doc.disclaimers else None
        fire("context.disclaimer", (first.start, first.end) if first else whole)
    for note_index in ctx.noted_by:
        note = doc.statements[note_index]
        note_span = (note.start, note.end)
        backing = backs(note)
        fire("note.backs" if backing else "note", note_span)
        for ev in note.evidence:
            fire(f"note.evidence{ev.polarity}{ev.category}", (ev.start, ev.end))
            fire(f"note.evidence{ev.polarity}", (ev.start, ev.end))
            if backing:
                # LABELS.md: verification named in a note lifts the claim as
                # verification named in the claim's own sentence does
                fire(f"evidence{ev.polarity}{ev.category}", (ev.start, ev.end))
                fire(f"evidence{ev.polarity}", (ev.start, ev.end))
        for link in note.attribution:
            fire(f"note.source={link.type}", _span(link.source))
        for hedge in note.hedges:
            fire(f"note.hedge={hedge.category}", (hedge.start, hedge.end))
    for denial_index in ctx.denied_by:
        denial = doc.statements[denial_index]
        fire("context.denied", (denial.start, denial.end))
    if ctx.denial_of is not None:
        fire("context.is_denial")
    elif chain and (denial := next((ev for ev in st.evidence if ev.category in DENYING_EVIDENCE), None)):
        # a claim and its denial in one statement ("X said ...; Y denied it")
        fire("context.denial_within", (denial.start, denial.end))
    elif any(link.cue_category == "denial" for link in chain[1:]):
        # "..., an accusation the union rejected": the denier is not the outer source
        link = next(link for link in chain[1:] if link.cue_category == "denial")
        fire("context.denial_within", _span(link.cue or link.source))

    # what LABELS.md's combining rules say on this analysis: the model learns
    # how far to trust them
    fire(f"rules.level={LEVELS[rule_level(item)]}")
    if _QUOTES.search(st.text):
        fire("quote")
    _discourse(doc, st, fire)
    if len(doc.statements) > 1:
        fire("position", whole, st.index / (len(doc.statements) - 1))
    return values, spans


@lru_cache(maxsize=None)
def _function_words() -> frozenset[str]:
    """Words that say nothing about a source ("of", "which", "into")."""
    return lexicon.forms("cue_context", "function_word")


def _discourse(doc: Document, st: Statement, fire) -> None:
    """Signals of how the statement sits among its neighbours: questions
    (they assert nothing), transcript turns ("PENCE: ..."), and quotations
    that carry on from the sentence before ("Trump said:" followed by a
    quoted paragraph), whose speaker is in that sentence, not this one."""
    text = st.text
    if text.rstrip(_CLOSERS).endswith("?"):
        fire("question")
    if _SPEAKER_LABEL.match(text):
        fire("transcript.turn")
    if st.attribution:
        return
    previous = doc.statements[st.index - 1] if st.index else None
    lead_in = previous is not None and previous.text.rstrip().endswith(":")
    if lead_in:
        fire("after_colon", (previous.start, previous.end))
    if text[:1] in _OPENERS:
        fire("quote.opens")
        if previous is not None and (previous.attribution or lead_in):
            fire("quote.continues", (previous.start, previous.end))


_CLOSERS = " \t\n\"”’')]»"
_OPENERS = "\"“‘'«"
_SPEAKER_LABEL = re.compile(r"[\"“]?[A-Z][A-Z.'’ -]{1,30}:\s")


def _span(span) -> tuple[int, int]:
    return (span.start, span.end)
