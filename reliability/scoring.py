"""Scoring texts with a trained model: ``score`` and the default model.

The default model is loaded on first use, once per process, and shared.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

import numpy as np

from .features import Item
from .persistence import load_model
from .pipeline import analyze
from .types import LEVELS, SCORED_KINDS, Document, Explanation, ScoredDocument, ScoredStatement

_default_model = None
_lock = threading.Lock()


def default_model() -> Any:
    """The model shipped with the package, loaded once."""
    global _default_model
    with _lock:
        if _default_model is None:
            _default_model = load_model("default")
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
    doc = text if isinstance(text, Document) else analyze(text)
    model = model if model is not None else default_model()
    scored = [k for k, st in enumerate(doc.statements) if st.kind in SCORED_KINDS]
    items = [Item(doc, k) for k in scored]
    results: dict[int, dict[str, Any]] = {}
    if items:
        proba = model.predict_proba(items)
        values = proba @ (np.arange(len(LEVELS)) / (len(LEVELS) - 1))
        reasons = model.explain(items, top=explain) if explain and hasattr(model, "explain") else [[]] * len(items)
        for k, p, v, why in zip(scored, proba, values, reasons):
            level = int(p.argmax())
            results[k] = dict(
                label=LEVELS[level],
                level=level,
                score=round(float(v), 4),
                probabilities={name: round(float(x), 4) for name, x in zip(LEVELS, p)},
                explanation=tuple(Explanation(f, c, s, e) for f, c, (s, e) in why),
            )
    statements = tuple(
        ScoredStatement(**{f.name: getattr(st, f.name) for f in dataclasses.fields(st)},
                        **results.get(k, {}))
        for k, st in enumerate(doc.statements)
    )
    return ScoredDocument(text=doc.text, statements=statements, disclaimers=doc.disclaimers)
