"""reliability: how well is each statement in a news text supported by the text itself?

>>> import reliability
>>> doc = reliability.analyze("The mayor said the bridge would reopen on Monday.")
>>> doc.statements[0].attribution[0].source.text
'The mayor'

Importing the package does no work: stages and models load on first use.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

# public name -> module that defines it; imported on first access (PEP 562)
_EXPORTS = {
    "analyze": "pipeline",
    "score": "scoring",
    "score_many": "stream",
    "to_frame": "stream",
    "Result": "stream",
    "render_html": "report",
    "ReliabilityClassifier": "classifier",
    "RuleBaseline": "rules",
    "load_model": "persistence",
    "load_scorer": "persistence",
    "Item": "features",
    "ScoredDocument": "types",
    "ScoredStatement": "types",
    "Explanation": "types",
    "Document": "types",
    "Statement": "types",
    "Span": "types",
    "Hedge": "types",
    "Evidence": "types",
    "Link": "types",
    "Context": "types",
    "LEVELS": "types",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:  # pragma: no cover
    from .classifier import ReliabilityClassifier
    from .features import Item
    from .persistence import load_model, load_scorer
    from .pipeline import analyze
    from .rules import RuleBaseline
    from .report import render_html
    from .scoring import score
    from .stream import Result, score_many, to_frame
    from .types import (LEVELS, Context, Document, Evidence, Explanation, Hedge, Link,
                        ScoredDocument, ScoredStatement, Span, Statement)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'reliability' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
