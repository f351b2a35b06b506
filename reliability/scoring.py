"""Scoring texts with a trained model: ``score`` and the default model.

The default model is loaded on first use, once per process, and shared.
Documents are scored in batches: one feature matrix and one model call for
all the statements of a batch, which is what makes streams fast.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import Any, Sequence

import numpy as np

from .features import Item
from .persistence import load_scorer
from .pipeline import analyze
from .types import LEVELS, SCORED_KINDS, Document, Explanation, ScoredDocument, ScoredStatement

_VALUES = np.arange(len(LEVELS)) / (len(LEVELS) - 1)
_default_model = None
_lock = threading.Lock()


def default_model() -> Any:
    """The model shipped with the package, loaded once."""
    global _default_model
    with _lock:
        if _default_model is None:
            _default_model = load_scorer("default")
    return _default_model


def score(text: str | Document, *, model: Any = None, explain: int = 5) -> ScoredDocument:
    """Analyse and score a news text.

    Parameters
    ----------
    text : str or Document
        The article, or an already analysed document.
    model : estimator, optional
        A model from :func:`reliability.load_model` (default: the shipped one).
    explain : int
        How many features to list in each statement's explanation (0: none).

    Examples
    --------
    >>> doc = score("The agency claimed rebels shelled the school. It provided no evidence.")
    >>> doc.statements[0].label, doc.statements[1].kind
    ('unsupported', 'evidence_note')
    """
    return score_documents([text], model=model, explain=explain)[0]


def score_documents(texts: Sequence[str | Document], *, model: Any = None,
                    explain: int = 5) -> list[ScoredDocument]:
    """Score several documents with one model call for all their statements."""
    model = model if model is not None else default_model()
    docs = [t if isinstance(t, Document) else analyze(t) for t in texts]
    owners = [(d, k) for d, doc in enumerate(docs) for k, st in enumerate(doc.statements)
              if st.kind in SCORED_KINDS]
    results: list[dict[int, dict[str, Any]]] = [{} for _ in docs]
    if not owners:
        return [_scored(doc, {}) for doc in docs]
    items = [Item(docs[d], k) for d, k in owners]
    if explain and hasattr(model, "predict_explain"):
        proba, reasons = model.predict_explain(items, top=explain)
    else:
        proba, reasons = model.predict_proba(items), [[] for _ in items]
    values = proba @ _VALUES
    for (d, k), p, v, why in zip(owners, proba, values, reasons):
        level = int(p.argmax())
        results[d][k] = dict(
            label=LEVELS[level],
            level=level,
            score=round(float(v), 4),
            probabilities=dict(zip(LEVELS, _rounded(p))),
            explanation=tuple(Explanation(f, c, s, e) for f, c, (s, e) in why),
        )
    return [_scored(doc, found) for doc, found in zip(docs, results)]


def _scored(doc: Document, results: dict[int, dict[str, Any]]) -> ScoredDocument:
    statements = tuple(
        ScoredStatement(**{f.name: getattr(st, f.name) for f in dataclasses.fields(st)},
                        **results.get(k, {}))
        for k, st in enumerate(doc.statements)
    )
    return ScoredDocument(text=doc.text, statements=statements, disclaimers=doc.disclaimers)


def _rounded(probabilities, places: int = 4) -> list[float]:
    """Probabilities to ``places`` decimals that still sum to 1 (largest remainder)."""
    unit = 10 ** places
    scaled = [float(x) * unit for x in probabilities]
    floors = [int(x) for x in scaled]
    short = unit - sum(floors)
    for k in sorted(range(len(scaled)), key=lambda k: floors[k] - scaled[k])[:short]:
        floors[k] += 1
    return [f / unit for f in floors]
