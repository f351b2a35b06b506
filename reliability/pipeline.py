"""The analysis pipeline: text -> statements -> cues -> attribution -> context.

``analyze`` needs no model. It is what the scorer is trained on, so each
stage lives in its own module and this one only runs them in order.
"""

from __future__ import annotations

from typing import Sequence

from . import attribution, context, cues, segment
from .segment import Segment
from .types import Document, Span, Statement


def analyze(text: str, *, segments: Sequence[Segment] | None = None) -> Document:
    """Analyse a news text: its statements, cues, attribution chains and context.

    Parameters
    ----------
    text : str
        The article, as decoded text. Offsets in the result index this string.
    segments : sequence of Segment, optional
        Statement boundaries to use instead of the built-in segmentation
        (for labelled corpora whose units are fixed). Kinds ``disclaimer``
        and ``evidence_note`` are still decided by the analysis.

    Returns
    -------
    Document
        Every statement in reading order, and the document's disclaimers.

    Examples
    --------
    >>> doc = analyze("The agency claimed rebels shelled the school. It provided no evidence.")
    >>> [(s.kind, [h.category for h in s.hedges]) for s in doc.statements]
    [('statement', ['distancing_verb']), ('evidence_note', [])]
    >>> doc.statements[0].context.noted_by
    (1,)
    """
    if not isinstance(text, str):
        raise TypeError(f"analyze() needs a str, got {type(text).__name__}")
    if segments is None:
        segments = segment.split(text)
    spans = [(s.start, s.end) for s in segments]
    chains = attribution.attribute(text, spans)
    # Every cue lookup of a sentence runs here, while its cue scan is still
    # in the small cache of ``cues``: one scan per sentence, however long the
    # document (looking hedges up after context.resolve scanned again the
    # sentences of long documents).
    units, hedges = [], []
    for s, chain in zip(segments, chains):
        units.append(context.Unit(
            start=s.start,
            end=s.end,
            kind=s.kind,
            role=cues.sentence_role(text, s.start, s.end) if s.kind == "statement" else None,
            evidence=tuple(cues.find_evidence(text, s.start, s.end)),
            chain=tuple(chain),
        ))
        # boilerplate gets no hedges (and context never changes its kind)
        hedges.append(tuple(cues.find_hedges(text, s.start, s.end)) if s.kind != "boilerplate" else ())
    kinds, contexts = context.resolve(text, units)
    # after context, whose rules read the offsets of links in their own statement
    chains = attribution.carry_quotations(text, spans, kinds, [u.chain for u in units])
    statements = tuple(
        Statement(
            index=i,
            start=u.start,
            end=u.end,
            text=text[u.start:u.end],
            kind=kind,
            hedges=found,
            evidence=u.evidence,
            attribution=chain,
            context=ctx,
        )
        for i, (u, kind, ctx, found, chain) in enumerate(zip(units, kinds, contexts, hedges, chains))
    )
    disclaimers = tuple(
        Span(s.text, s.start, s.end) for s in statements if s.kind == "disclaimer"
    )
    return Document(text=text, statements=statements, disclaimers=disclaimers)

