"""Models on disk: a directory with the estimator, its metadata and a card.

::

    models/ours/
        estimator.joblib   the fitted estimator
        metadata.json      versions, label set, feature schema and names,
                           training-data SHA-256 and size, CV and held-out
                           scores, SHA-256 of estimator.joblib
        MODEL_CARD.md      what it was trained on and how well it does

``load_model`` reads the metadata before unpickling anything: a file whose
hash does not match is refused, a different feature schema is an error, a
different scikit-learn version is a warning.
"""

from __future__ import annotations

import hashlib
import json
import logging
import platform
import warnings
from importlib import resources
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn

from . import __version__
from .types import LEVELS

log = logging.getLogger(__name__)

#: Bumped whenever structural_features changes what its features mean.
FEATURE_SCHEMA = "4"
ESTIMATOR_FILE = "estimator.joblib"
METADATA_FILE = "metadata.json"
CARD_FILE = "MODEL_CARD.md"
DEFAULT = "default"


class ModelError(Exception):
    """A model directory that cannot be loaded, and why."""


class VersionDriftWarning(UserWarning):
    """The model was saved with another scikit-learn version."""


def save_model(estimator: Any, directory: str | Path, *, metadata: dict | None = None,
               card: str | None = None) -> Path:
    """Write ``estimator`` to ``directory`` with its metadata and model card.

    ``metadata`` adds fields (training data, scores) to the ones recorded
    here (versions, labels, feature schema and names, estimator hash).
    Returns the directory.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    estimator_path = directory / ESTIMATOR_FILE
    joblib.dump(estimator, estimator_path, compress=3)
    meta = {
        "library": "reliability",
        "library_version": __version__,
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "python_version": platform.python_version(),
        "labels": list(LEVELS),
        "feature_schema": FEATURE_SCHEMA,
        "estimator": type(estimator).__name__,
        "params": _jsonable(estimator.get_params()) if hasattr(estimator, "get_params") else {},
        "feature_names": [str(n) for n in getattr(estimator, "feature_names_", [])],
        **(metadata or {}),
        "estimator_file": ESTIMATOR_FILE,
        "estimator_sha256": _sha256(estimator_path),
    }
    (directory / METADATA_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", "utf-8")
    (directory / CARD_FILE).write_text(card or model_card(meta), "utf-8")
    return directory


def load_model(path: str | Path = DEFAULT) -> Any:
    """Load a model directory; ``"default"`` is the model shipped with the package.

    Raises
    ------
    ModelError
        The directory or its metadata is missing or malformed, the estimator
        file's hash does not match the metadata, or the model was built for
        another label set or feature schema.
    """
    directory, meta = check_model(path)
    if meta["sklearn_version"] != sklearn.__version__:
        warnings.warn(
            f"{directory}: saved with scikit-learn {meta['sklearn_version']}, running"
            f" {sklearn.__version__}; predictions may differ",
            VersionDriftWarning,
            stacklevel=2,
        )
    estimator = joblib.load(directory / meta.get("estimator_file", ESTIMATOR_FILE))
    names = [str(n) for n in getattr(estimator, "feature_names_", [])]
    if meta.get("feature_names") is not None and names != meta["feature_names"]:
        raise ModelError(f"{directory}: estimator features do not match {METADATA_FILE}")
    estimator.metadata_ = meta
    return estimator


def check_model(path: str | Path = DEFAULT) -> tuple[Path, dict]:
    """Everything :func:`load_model` checks before unpickling: the model's
    directory and metadata, or a :class:`ModelError` saying what is wrong."""
    directory = default_model_path() if str(path) == DEFAULT else Path(path)
    meta_path = directory / METADATA_FILE
    if not meta_path.is_file():
        raise ModelError(f"{directory}: not a model directory (no {METADATA_FILE})")
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ModelError(f"{meta_path}: unreadable metadata ({error})") from None
    for key in ("labels", "feature_schema", "estimator_sha256", "sklearn_version"):
        if key not in meta:
            raise ModelError(f"{meta_path}: field {key!r} is missing")
    if meta["labels"] != list(LEVELS):
        raise ModelError(f"{directory}: model labels {meta['labels']} differ from {list(LEVELS)}")
    if meta["feature_schema"] != FEATURE_SCHEMA:
        raise ModelError(
            f"{directory}: model built for feature schema {meta['feature_schema']}, this version"
            f" of reliability computes schema {FEATURE_SCHEMA}; retrain it with `reliability train`"
        )
    estimator_path = directory / meta.get("estimator_file", ESTIMATOR_FILE)
    if not estimator_path.is_file():
        raise ModelError(f"{directory}: estimator file {estimator_path.name} is missing")
    if _sha256(estimator_path) != meta["estimator_sha256"]:
        raise ModelError(
            f"{estimator_path}: SHA-256 does not match {METADATA_FILE}; refusing to load a"
            " file that may have been altered"
        )
    return directory, meta


def default_model_path() -> Path:
    """Where the shipped default model is installed."""
    return Path(str(resources.files("reliability").joinpath("models", DEFAULT)))


def model_card(meta: dict) -> str:
    """A model card in Markdown built from the metadata."""
    scores = meta.get("scores", {})
    lines = [
        f"# Model card: {meta.get('name', 'reliability model')}",
        "",
        "Scores the evidential strength of news statements in four levels"
        " (unsupported, hedged, attributed, established), per the `LABELS.md` specification.",
        "",
        "## Training",
        f"- estimator: {meta.get('estimator')} with parameters `{json.dumps(meta.get('params', {}), sort_keys=True)}`",
        f"- training data: {meta.get('training_data', {}).get('files', 'n/a')}",
        f"  ({meta.get('training_data', {}).get('statements', '?')} statements,"
        f" SHA-256 `{meta.get('training_data', {}).get('sha256', '?')}`)",
        f"- reliability {meta.get('library_version')}, scikit-learn {meta.get('sklearn_version')},"
        f" numpy {meta.get('numpy_version')}",
        "",
        "## Scores",
    ]
    for name, value in sorted(scores.items()):
        lines.append(f"- {name}: {value}")
    lines += [
        "",
        "## Intended use and limits",
        "- Says what the text gives a reader to go on, not whether a statement is true.",
        "- Trained on English wire-style news written for this project; other registers"
        " (opinion, social media, science abstracts) are out of domain.",
        "- Retrain on your own labelled examples with `reliability train --base default`.",
        "",
    ]
    return "\n".join(lines)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _jsonable(params: dict) -> dict:
    return {k: (v if isinstance(v, (str, int, float, bool, type(None))) else repr(v))
            for k, v in params.items()}
