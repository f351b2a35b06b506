"""Scoring many documents: lazily, in input order, in parallel if asked.

``score_many`` takes any iterable of texts or records and yields one
:class:`Result` per input, in input order, holding at most a few batches in
memory at a time, so a generator over millions of articles streams through.

With ``n_jobs > 1`` documents are scored in joblib worker processes. The
model is not sent with every batch: a task carries only the model's
reference (``"default"`` or a directory path), and a worker loads the model
once, on its first batch, and keeps it for the batches that follow. The
shipped model is 0.7 MB on disk and takes about 0.1 s to load (plus about
1 s to import scikit-learn and the pipeline in a fresh worker); a custom
model directory must be readable at the same path on every worker.

Any joblib backend works, including Dask's over a ``dask.distributed``
cluster (``pip install 'reliability[dask]'``)::

    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")
    with joblib.parallel_config(backend="dask"):
        for result in score_many(records, n_jobs=-1):
            ...

Memory stays bounded whatever the backend: batches go out in rounds of
``TASKS_PER_WORKER`` per worker, and the next round is read from the input
only once the caller has taken every result of the one before.
"""

from __future__ import annotations

import collections
import itertools
import json
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from joblib import Parallel, delayed, effective_n_jobs

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
    text: str | None = None  # the document text the offsets index (if asked for)
    rendered: str | None = None  # the output already formatted (if asked for)
    count: int = 0  # statements found


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

    def render(self, fmt: str) -> str:
        """The result as ``jsonl`` (one line per statement) or ``json`` (one line)."""
        if fmt == "jsonl":
            return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in self.records())
        if fmt == "json":
            return json.dumps(self.to_dict(), ensure_ascii=False) + "\n"
        raise ValueError(f"render: unknown format {fmt!r}; use 'jsonl' or 'json'")

    def to_dict(self) -> dict:
        """The document as one JSON-ready object (``--format json``)."""
        out: dict[str, Any] = {"id": self.id}
        if self.meta:
            out["meta"] = self.meta
        out["statements"] = self.statements
        out["disclaimers"] = self.disclaimers
        if self.error is not None:
            out.update(error=self.error, where=self.where)
        return out


def score_many(
    inputs: Iterable[str | Mapping[str, Any]],
    *,
    model: str | Path = "default",
    n_jobs: int = 1,
    batch_size: int = 16,
    explain: int = 5,
    allow_pickle: bool = False,
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
        A model directory (not a loaded model: only the reference travels to
        the workers, and each worker process loads it once).
    n_jobs : int
        Worker processes (joblib semantics: -1 for all cores). The output
        is identical whatever the number. Under
        ``joblib.parallel_config(backend=...)``, iterate inside the
        ``with`` block: batches are sent as results are taken.
    batch_size : int
        Documents per task sent to a worker. At most
        ``TASKS_PER_WORKER * batch_size * n_jobs`` inputs (``batch_size``
        when ``n_jobs=1``) are read ahead of the results taken.
    explain : int
        Explanation features per statement (0 for none, faster).
    allow_pickle : bool
        Let the workers load a joblib model, which runs code as it loads
        (see :func:`reliability.load_model`).

    Examples
    --------
    >>> records = [{"id": "a1", "text": "The mayor said the road was closed.", "desk": "city"},
    ...            "Officials claimed it was open."]
    >>> [(r.id, r.meta, r.statements[0]["text"]) for r in score_many(records)]
    [('a1', {'desk': 'city'}, 'The mayor said the road was closed.'), (1, {}, 'Officials claimed it was open.')]
    """
    if isinstance(inputs, (str, bytes)) or not hasattr(inputs, "__iter__"):
        raise TypeError(
            "inputs must be an iterable of texts or records, got a single"
            f" {type(inputs).__name__}; pass [text] to score one document"
        )
    if not isinstance(model, (str, Path)):
        raise TypeError(
            "model must be a model directory or 'default', not a loaded"
            f" {type(model).__name__}: each worker loads the model itself"
        )
    return run(inputs, model=str(model), n_jobs=n_jobs, batch_size=batch_size, explain=explain,
               keep_text=True, allow_pickle=allow_pickle)


def run(inputs: Iterable[Any], *, model: str | None, n_jobs: int | None = 1,
        batch_size: int = 16, explain: int = 5, render: str | None = None,
        keep_text: bool = False, fork: bool = False,
        allow_pickle: bool = False) -> Iterator[Result]:
    """:func:`score_many`, or analysis alone when ``model`` is None.

    ``render`` ("jsonl" or "json") has the workers format each result
    (``Result.rendered``) instead of sending its statements back, which
    spares the main process most of the serialising; ``keep_text`` sends the
    document text back too (for the HTML report). ``fork`` runs the workers
    as forks of this process, after it has loaded the model and lexicons, so
    they start warm (the command line does this; it is POSIX only and ignores
    any joblib backend).
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}")
    options = _Options(_reference(model), explain, render, keep_text, allow_pickle)
    return _run(inputs, options, n_jobs, batch_size, fork)


@dataclass(frozen=True)
class _Options:
    """What each worker needs to know besides its batch (small: sent per task)."""

    model_ref: str | None
    explain: int
    render: str | None
    keep_text: bool
    allow_pickle: bool = False


def _run(inputs: Iterable[Any], options: _Options, n_jobs: int | None,
         batch_size: int, fork: bool) -> Iterator[Result]:
    batches = _batches(enumerate(inputs), batch_size)
    if n_jobs == 1:
        for batch in batches:
            yield from _score_batch(batch, options)
    elif fork:
        yield from _in_forks(batches, options, n_jobs)
    else:
        yield from _in_parallel(batches, options, n_jobs)


def _in_forks(batches: Iterator[list], options: _Options, n_jobs: int | None) -> Iterator[Result]:
    """Batches scored by forks of this process, at most a window of them in flight.

    Loading the model and lexicons here first means each fork starts with
    them in memory instead of importing and loading them again. Results are
    taken in order; a new batch is sent each time one is taken, so the
    input read ahead stays bounded and no worker waits for a round to end.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from .pipeline import analyze

    if options.model_ref is not None:
        _model(options.model_ref, options.allow_pickle)
    analyze("Warm-up. The mayor said the road was closed.")  # compiles the lexicons
    workers = effective_n_jobs(n_jobs)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        pending = collections.deque(
            pool.submit(_score_batch, batch, options)
            for batch in itertools.islice(batches, TASKS_PER_WORKER * workers))
        while pending:
            results = pending.popleft().result()
            following = next(batches, None)
            if following is not None:
                pending.append(pool.submit(_score_batch, following, options))
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


#: Batches per worker sent in one round; the read-ahead bound is this times
#: ``batch_size * n_jobs`` inputs.
TASKS_PER_WORKER = 8


def _in_parallel(batches: Iterator[list], options: _Options,
                 n_jobs: int | None) -> Iterator[Result]:
    """Batches scored by joblib workers, in rounds of ``TASKS_PER_WORKER`` per worker.

    joblib's own lazy dispatch refills its queue from the input whenever a
    task finishes, whether or not the caller takes the results, so a slow
    caller (or one that stops) would let the whole input pile up in memory.
    Rounds keep it bounded: the next round is read and sent only once the
    caller has taken every result of the one before. One ``Parallel`` object
    serves all the rounds, so the workers (and the models they loaded) stay.
    """
    window = TASKS_PER_WORKER * max(1, effective_n_jobs(n_jobs))
    settings = dict(n_jobs=n_jobs, batch_size=1, pre_dispatch="all")
    try:
        parallel = Parallel(return_as="generator", **settings)
    except ValueError:  # a backend without generators (multiprocessing): whole rounds
        parallel = Parallel(return_as="list", **settings)
    with parallel:
        while tasks := [delayed(_score_batch)(batch, options)
                        for batch in itertools.islice(batches, window)]:
            outputs = parallel(tasks)
            try:
                for results in outputs:
                    yield from results
            finally:
                if hasattr(outputs, "close"):
                    _cancel(outputs)


def _cancel(outputs: Any) -> None:
    """Close a joblib result generator: a no-op when it is used up, else cancel
    the rest of its round without joblib's warning that finished tasks went
    unused (the caller stopped on purpose)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "[0-9]+ tasks (have been|which were)", UserWarning)
        outputs.close()


def _reference(model: str | None) -> str | None:
    """The model reference sent to workers: ``"default"`` or an absolute path."""
    if model is None or model == "default":
        return model
    return str(Path(model).resolve())


def _batches(numbered: Iterable[tuple[int, Any]], size: int) -> Iterator[list[tuple[int, Any]]]:
    iterator = iter(numbered)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _score_batch(batch: list[tuple[int, Any]], options: _Options) -> list[Result]:
    """Analyse (and score, with one model call) a batch of inputs."""
    from .pipeline import analyze
    from .scoring import score_documents

    explain = options.explain
    unpacked = [_unpack(position, item) for position, item in batch]
    texts = [text for _, text, _, _, problem in unpacked if problem is None]
    model = None if options.model_ref is None else _model(options.model_ref, options.allow_pickle)

    def process(some: list[str]) -> list:
        if model is None:
            return [analyze(t) for t in some]
        return score_documents(some, model=model, explain=explain)

    try:
        docs = iter(process(texts))
    except Exception:  # one bad document must not sink its batch: redo them one by one
        docs = iter([_one(process, text) for text in texts])
    results = []
    for doc_id, text, meta, where, problem in unpacked:
        if problem is not None:
            results.append(Result(doc_id, meta=meta, error=problem, where=where))
            continue
        doc = next(docs)
        if isinstance(doc, str):
            results.append(Result(doc_id, meta=meta, error=doc, where=where))
            continue
        out = doc.to_dict()
        result = Result(doc_id, out["statements"], out["disclaimers"], meta, where=where,
                        text=text if options.keep_text else None, count=len(out["statements"]))
        if options.render:
            result = replace(result, statements=[], disclaimers=[],
                             rendered=result.render(options.render))
        results.append(result)
    return results


def _one(process, text: str) -> Any:
    """The processed document, or the error message if processing fails."""
    try:
        return process([text])[0]
    except Exception as error:  # reported as this record's error
        return f"internal error while processing ({type(error).__name__}: {error})"


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


def preload(model: str | Path, *, allow_pickle: bool = False) -> Any:
    """Load ``model`` into this process's cache now, so a broken or refused
    model is an error here (:class:`~reliability.persistence.ModelError`)
    rather than in every worker; forked workers then start with it."""
    return _model(_reference(str(model)), allow_pickle)


def _model(reference: str, allow_pickle: bool = False) -> Any:
    """The model for ``reference``, loaded once per process.

    This module-level cache is what keeps the model in a worker process
    between batches; the default model is the one :func:`reliability.score`
    uses, so it is not loaded twice in one process.
    """
    if reference not in _MODELS:
        if reference == "default":
            from .scoring import default_model

            _MODELS[reference] = default_model()
        else:
            from .persistence import load_scorer

            _MODELS[reference] = load_scorer(reference, allow_pickle=allow_pickle)
    return _MODELS[reference]


def to_frame(results: Iterable[Result]):
    """One row per statement as a pandas DataFrame (``pip install reliability[pandas]``)."""
    try:
        import pandas as pd
    except ImportError:
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
