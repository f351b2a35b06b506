"""Scoring many documents: lazily, in input order, in parallel if asked.

``score_many`` takes any iterable of texts or records and yields one
:class:`Result` per input, in input order, holding at most a few batches in
memory at a time, so a generator over millions of articles streams through.

With ``n_jobs > 1`` documents are scored in joblib worker processes. The
model is not sent with every batch: a worker loads it once (from the model
directory, or the default model) and keeps it for the batches that follow.
Any joblib backend works, including Dask's over a ``dask.distributed``
cluster::

    with joblib.parallel_config(backend="dask"):
        for result in score_many(records, n_jobs=-1):
            ...
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from joblib import Parallel, delayed

_MODELS: dict[str, Any] = {}  # per process: model reference -> loaded model


@dataclass(frozen=True)
class Result:
    """The outcome for one input document.

    ``statements`` holds each statement's ``to_dict()`` (plus score fields);
    ``error`` says why a document could not be scored, in which case
    ``statements`` is empty.
    """

    id: Any
    statements: list[dict] = field(default_factory=list)
    disclaimers: list[dict] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    error: str | None = None
    where: str | None = None  # file or line the input came from
    text: str | None = None  # the document text the offsets index

    @property
    def ok(self) -> bool:
        return self.error is None

    def records(self) -> Iterator[dict]:
        """One flat JSON-ready object per statement, with the document id
        and the input's other fields under ``meta``."""
        for statement in self.statements:
            record = {"id": self.id, **statement}
            if self.meta:
                record["meta"] = self.meta
            yield record


def score_many(
    inputs: Iterable[str | Mapping[str, Any]],
    *,
    model: str | Path = "default",
    n_jobs: int = 1,
    batch_size: int = 16,
    explain: int = 5,
) -> Iterator[Result]:
    """Score documents lazily, yielding results in input order.

    Parameters
    ----------
    inputs : iterable of str or mapping
        Texts, or records with a ``text`` field and optionally ``id``; other
        fields come back under ``Result.meta``. A record without a text
        field gives a Result with ``error`` set, it does not stop the
        stream.
    model : path or "default"
        A model directory; each worker process loads it once.
    n_jobs : int
        Worker processes (joblib semantics: -1 for all cores). The output
        is identical whatever the number.
    batch_size : int
        Documents per task sent to a worker.
    explain : int
        Explanation features per statement (0 for none, faster).

    Examples
    --------
    >>> texts = ["The mayor said the road was closed.", "Officials claimed it was open."]
    >>> [r.statements[0]["label"] for r in score_many(texts)]
    ['attributed', 'hedged']
    """
    return run(inputs, model=str(model), n_jobs=n_jobs, batch_size=batch_size, explain=explain)


def run(inputs: Iterable[Any], *, model: str | None, n_jobs: int = 1, batch_size: int = 16,
        explain: int = 5) -> Iterator[Result]:
    """:func:`score_many`, or analysis alone when ``model`` is None."""
    model_ref = model
    batches = _batches(enumerate(inputs), batch_size)
    if n_jobs == 1:
        for batch in batches:
            yield from _score_batch(batch, model_ref, explain)
        return
    parallel = Parallel(n_jobs=n_jobs, return_as="generator", pre_dispatch="2 * n_jobs")
    for results in parallel(delayed(_score_batch)(b, model_ref, explain) for b in batches):
        yield from results


def _batches(numbered: Iterable[tuple[int, Any]], size: int) -> Iterator[list[tuple[int, Any]]]:
    iterator = iter(numbered)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _score_batch(batch: list[tuple[int, Any]], model_ref: str | None, explain: int) -> list[Result]:
    """Analyse (and score, with one model call) a batch of inputs."""
    from .pipeline import analyze
    from .scoring import score_documents

    unpacked = [_unpack(position, item) for position, item in batch]
    texts = [text for _, text, _, _, problem in unpacked if problem is None]
    if model_ref is None:
        docs = iter([analyze(t) for t in texts])
    else:
        docs = iter(score_documents(texts, model=_model(model_ref), explain=explain))
    results = []
    for doc_id, text, meta, where, problem in unpacked:
        if problem is not None:
            results.append(Result(doc_id, meta=meta, error=problem, where=where))
            continue
        out = next(docs).to_dict()
        results.append(Result(doc_id, out["statements"], out["disclaimers"], meta, where=where,
                              text=text))
    return results


_PRIVATE = ("id", "text", "_where", "_error")


def _unpack(position: int, item: Any) -> tuple[Any, Any, dict, str | None, str | None]:
    """id, text, meta, where, problem of one input."""
    if isinstance(item, str):
        return position, item, {}, None, None
    if not isinstance(item, Mapping):
        return position, None, {}, None, f"expected a text or a record, got {type(item).__name__}"
    doc_id = item.get("id", position)
    meta = {k: v for k, v in item.items() if k not in _PRIVATE}
    where, text = item.get("_where"), item.get("text")
    problem = item.get("_error")
    if problem is None and text is None:
        problem = "missing 'text' field"
    elif problem is None and not isinstance(text, str):
        problem = f"field 'text' must be a string, got {type(text).__name__}"
    return doc_id, text, meta, where, problem


def _model(reference: str) -> Any:
    """The model for ``reference``, loaded once per process."""
    if reference not in _MODELS:
        from .persistence import load_model

        _MODELS[reference] = load_model(reference)
    return _MODELS[reference]


def to_frame(results: Iterable[Result]):
    """One row per statement as a pandas DataFrame (``pip install reliability[pandas]``)."""
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "to_frame needs pandas: pip install 'reliability[pandas]'"
        ) from None
    return pd.DataFrame([flat_row(record) for result in results for record in result.records()])


CSV_COLUMNS = (
    "id", "index", "start", "end", "kind", "label", "level", "score",
    "p_unsupported", "p_hedged", "p_attributed", "p_established",
    "sources", "source_types", "hedges", "evidence", "disclaimer", "evidence_note_for",
    "noted_by", "text",
)


def flat_row(record: dict) -> dict:
    """A statement record flattened to the scalar columns of ``CSV_COLUMNS``."""
    probabilities = record.get("probabilities") or {}
    context = record["context"]
    return {
        "id": record.get("id"),
        "index": record["index"],
        "start": record["start"],
        "end": record["end"],
        "kind": record["kind"],
        "label": record.get("label"),
        "level": record.get("level"),
        "score": record.get("score"),
        **{f"p_{name}": probabilities.get(name) for name in
           ("unsupported", "hedged", "attributed", "established")},
        "sources": " > ".join(link["resolved"] for link in record["attribution"]),
        "source_types": " > ".join(link["type"] for link in record["attribution"]),
        "hedges": "; ".join(f"{h['text']} ({h['category']})" for h in record["hedges"]),
        "evidence": "; ".join(f"{e['polarity']}{e['text']}" for e in record["evidence"]),
        "disclaimer": context["disclaimer"],
        "evidence_note_for": context["evidence_note_for"],
        "noted_by": " ".join(map(str, context["noted_by"])),
        "text": record["text"],
    }
