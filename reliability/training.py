"""Training a scorer from labelled JSONL, with the checks a newsroom needs.

``train`` is what ``reliability train`` runs: read and validate the files,
optionally add the shipped corpus (``base="default"``), hold out the test
documents named by a split file, cross-validate by document, fit, evaluate
on the held-out documents, and save a model directory whose metadata
records all of it.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

from . import corpus, datasets
from .classifier import ReliabilityClassifier
from .evaluation import cross_validate, metrics
from .persistence import default_model_path, save_model
from .rules import RuleBaseline
from .types import LEVELS

log = logging.getLogger(__name__)

#: Fewer labelled statements than this for any level is refused.
MIN_PER_LEVEL = 5
BASE_CORPUS_FILE = "training_corpus.jsonl.gz"


class TrainingError(ValueError):
    """Training data that cannot make a model, and what is needed."""


def train(
    paths: Sequence[str | Path],
    output: str | Path,
    *,
    base: str | None = None,
    split: str | Path | None = None,
    estimator: ReliabilityClassifier | None = None,
    cv: int = 5,
    name: str | None = None,
    format: str = "skops",
    standoff: str | Path | None = None,
    standoff_corpus: str | Path | None = None,
    standoff_splits: Sequence[str] = ("train",),
) -> dict[str, Any]:
    """Train, evaluate and save a model; return its metadata.

    Parameters
    ----------
    paths : sequence of path
        Labelled JSONL files (or folders of them), per LABELS.md.
    output : path
        The model directory to write.
    base : {"default"} or None
        ``"default"`` adds the corpus the default model was trained on to
        ``paths``, so a newsroom's examples extend it rather than replace it.
    split : path, optional
        A JSON file ``{"test": [doc_id, ...]}``: those documents are held
        out of training and cross-validation and evaluated once at the end.
    estimator : ReliabilityClassifier, optional
        The estimator to fit (default parameters if omitted).
    cv : int
        Folds of grouped (by document) cross-validation; 0 to skip.
    format : {"skops", "joblib"}
        The estimator file format (see :mod:`reliability.persistence`).
    standoff, standoff_corpus : path, optional
        Standoff labels (:mod:`reliability.datasets`) and where their
        articles are. Units of ``standoff_splits`` are trained on; those of
        other splits are evaluated once at the end (``standoff_*`` scores).
        When the articles are not found, training goes on without them and
        says so (the metadata records it): the model can always be rebuilt
        from the repository alone.
    """
    files = [Path(p) for p in paths]
    if not files and standoff is None:
        raise TrainingError("nothing to train on: give labelled JSONL files or standoff labels")
    records = [r for f in files for r in corpus.read_records(f)]
    if base == "default":
        base_file = default_model_path() / BASE_CORPUS_FILE
        records = corpus.read_records(base_file) + records
        files = [base_file, *files]
    elif base is not None:
        raise TrainingError(f"unknown base {base!r}; the only base is 'default'")
    warn_conflicts(records)
    standoff_train, standoff_other, standoff_meta = _standoff(standoff, standoff_corpus, standoff_splits)
    data = corpus.from_records(records)
    if standoff_train is not None:
        data = data + standoff_train
    test_ids = test_documents(split)
    held_out = [d in test_ids for d in data.doc_ids]
    train_set, test_set = data.subset(not h for h in held_out), data.subset(held_out)
    check_enough(train_set.labels)

    estimator = estimator if estimator is not None else ReliabilityClassifier()
    scores: dict[str, Any] = {}
    documents = len(set(train_set.groups))
    if cv and documents >= cv:
        log.info("cross-validating on %d statements in %d documents", len(train_set), documents)
        result = cross_validate(estimator, train_set.items, train_set.labels, train_set.groups,
                                n_splits=cv)
        scores["cv_macro_f1"] = result["macro_f1"]
        scores["cv_fold_macro_f1_mean"] = result["fold_macro_f1_mean"]
        scores["cv_ece"] = result["ece"]
        scores["cv_spearman"] = result["spearman_score_level"]
    model = estimator.fit(train_set.items, train_set.labels)
    if len(test_set):
        held = metrics(test_set.labels, model.predict_proba(test_set.items))
        rules = metrics(test_set.labels, RuleBaseline().fit([], []).predict_proba(test_set.items))
        scores["held_out_macro_f1"] = held["macro_f1"]
        scores["held_out_ece"] = held["ece"]
        scores["held_out_spearman"] = held["spearman_score_level"]
        scores["held_out_rule_baseline_macro_f1"] = rules["macro_f1"]
        scores["held_out_statements"] = held["statements"]
    if standoff_other is not None and len(standoff_other):
        other = metrics(standoff_other.labels, model.predict_proba(standoff_other.items),
                        acceptable=standoff_other.acceptable)
        scores["standoff_eval_macro_f1"] = other["macro_f1"]
        scores["standoff_eval_accuracy_with_acceptable"] = other["accuracy_with_acceptable"]
        scores["standoff_eval_spearman"] = other["spearman_score_level"]
        scores["standoff_eval_statements"] = other["statements"]

    sha256, size = corpus.fingerprint(files)
    metadata = {
        "name": name or Path(output).name,
        "training_data": {
            "files": [f.name for path in files for f in corpus.jsonl_files(path)],
            "sha256": sha256,
            "bytes": size,
            "statements": len(train_set),
            "documents": documents,
            "levels": dict(sorted(Counter(train_set.labels).items())),
            "held_out_documents": sorted(test_ids),
            **({"standoff": standoff_meta} if standoff_meta else {}),
        },
        "scores": scores,
    }
    save_model(model, output, metadata=metadata, format=format)
    _write_base_corpus(records, Path(output))
    return metadata


def _standoff(labels: str | Path | None, texts: str | Path | None, splits: Sequence[str]):
    """Standoff units to train on, the other splits' units, and what to record of them."""
    if labels is None:
        return None, None, {}
    sha256, size = corpus.fingerprint([labels])
    meta: dict[str, Any] = {"file": Path(labels).name, "sha256": sha256, "bytes": size,
                            "train_splits": list(splits)}
    if texts is None or not Path(texts).exists():
        where = "no --corpus given" if texts is None else f"{texts} does not exist"
        log.warning(
            "standoff labels %s not used: their article texts are missing (%s); get PolNeAR from"
            " %s and pass its path. Training on the other data only.", labels, where, datasets.PUBLIC_SOURCE)
        meta["used"] = False
        return None, None, meta
    records = datasets.standoff_records(labels, texts)
    trained = corpus.from_records([r for r in records if r.split in splits])
    other = corpus.from_records([r for r in records if r.split not in splits])
    meta.update(used=True, statements=len(trained), documents=len(set(trained.groups)),
                evaluated_statements=len(other))
    return trained, other, meta


def warn_conflicts(records: Sequence[corpus.Record], shown: int = 10) -> list[list[corpus.Record]]:
    """Warn about the same statement labelled differently; return the conflicting groups.

    Statements are compared with whitespace and case normalised. A conflict
    is not an error (a statement can differ in level by its document), but
    it is worth a look, so each is listed with its file and line.
    """
    by_text: dict[str, list[corpus.Record]] = {}
    for record in records:
        if record.label is not None:
            by_text.setdefault(" ".join(record.text.split()).casefold(), []).append(record)
    conflicts = [group for group in by_text.values() if len({r.label for r in group}) > 1]
    if conflicts:
        listed = "\n".join(
            "  " + "; ".join(f"{r.where} {r.label}" for r in group) + f": {group[0].text[:60]!r}"
            for group in conflicts[:shown])
        more = f"\n  ... and {len(conflicts) - shown} more" if len(conflicts) > shown else ""
        log.warning("%d statements appear more than once with different labels:\n%s%s",
                    len(conflicts), listed, more)
    return conflicts


def check_enough(labels: Sequence[str]) -> None:
    """Refuse training data with too few examples of some level."""
    counts = Counter(labels)
    short = {level: counts.get(level, 0) for level in LEVELS if counts.get(level, 0) < MIN_PER_LEVEL}
    if short:
        listed = ", ".join(f"{level}: {n}" for level, n in short.items())
        raise TrainingError(
            f"too few labelled statements: each level needs at least {MIN_PER_LEVEL}"
            f" ({listed}); add examples or use --base default to extend the shipped corpus"
        )


def test_documents(split: str | Path | None) -> set[str]:
    """The held-out document ids a split file (``{"test": [doc_id, ...]}``) lists."""
    if split is None:
        return set()
    try:
        content = json.loads(Path(split).read_text("utf-8"))
    except FileNotFoundError:
        raise TrainingError(f"{split}: no such split file") from None
    except json.JSONDecodeError as error:
        raise TrainingError(f"{split}: invalid JSON ({error.msg} at line {error.lineno})") from None
    if not isinstance(content, dict) or not isinstance(content.get("test"), list):
        raise TrainingError(f"{split}: expected {{\"test\": [doc_id, ...]}}")
    return {str(d) for d in content["test"]}


def _write_base_corpus(records: Sequence[corpus.Record], output: Path) -> None:
    """Keep the training records beside the model, so ``--base`` can extend them."""
    lines = []
    for r in records:  # standoff records are not here: their articles are not ours to ship
        obj = {"text": r.text, "label": r.label, "kind": r.kind}
        if r.doc_id is not None:
            obj.update(doc_id=r.doc_id, position=r.position)
        if r.para is not None:
            obj["para"] = r.para
        if r.context is not None:
            obj["context"] = r.context
        lines.append(json.dumps(obj, ensure_ascii=False, sort_keys=True))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    (output / BASE_CORPUS_FILE).write_bytes(gzip.compress(data, mtime=0))
