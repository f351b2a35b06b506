"""Models on disk: a directory with the estimator, its metadata and a card.

::

    models/ours/
        estimator.skops    the fitted estimator (or estimator.joblib)
        scorer.npz         a logistic model's arrays, all that scoring needs
                           (plain numpy: see reliability.linear)
        metadata.json      versions, label set, feature schema and names,
                           training-data SHA-256 and size, CV and held-out
                           scores, SHA-256 of the estimator and scorer files
        MODEL_CARD.md      what it was trained on and how well it does

``load_model`` gives the estimator (to refit, inspect or put in a grid
search); ``load_scorer``, which ``score`` and the pipeline use, reads only
``scorer.npz`` when there is one, so scoring imports neither scikit-learn
nor skops and runs no code from the directory.

**A model file can be a program.** joblib and pickle files run code while
they load, so a model directory from someone you do not trust is a program
from someone you do not trust. The default format is therefore ``skops``
(https://skops.readthedocs.io), which rebuilds scikit-learn objects without
unpickling and refuses any type not on a trusted list: scikit-learn's and
numpy's own types plus :data:`TRUSTED_TYPES`, this package's estimators.
``format="joblib"`` is kept for estimators skops cannot hold; such a model
loads only with ``allow_pickle=True``.

``load_model`` reads the metadata before loading anything: a model written
by a newer model format is refused naming both versions, an estimator file
whose SHA-256 does not match the metadata is refused (it catches damaged
and altered files; it is no signature, since whoever alters the file can
rewrite the metadata too), a different feature schema is an error, a
different scikit-learn version is a warning.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import platform
import re
import warnings
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from . import __version__
from .types import LEVELS

log = logging.getLogger(__name__)

#: Bumped whenever structural_features changes what its features mean.
FEATURE_SCHEMA = "8"
#: Bumped whenever the layout of a model directory changes. 1: joblib only
#: (no ``model_format`` field); 2: skops or joblib, named in the metadata.
MODEL_FORMAT_VERSION = 2
ESTIMATOR_FILES = {"skops": "estimator.skops", "joblib": "estimator.joblib"}
#: The scoring arrays of a logistic model (see :mod:`reliability.linear`).
SCORER_FILE = "scorer.npz"
#: Types besides scikit-learn's and numpy's that a skops model file may hold.
TRUSTED_TYPES = ("reliability.classifier.ReliabilityClassifier", "reliability.rules.RuleBaseline")
METADATA_FILE = "metadata.json"
CARD_FILE = "MODEL_CARD.md"
DEFAULT = "default"


class ModelError(Exception):
    """A model directory that cannot be loaded, and why."""


class VersionDriftWarning(UserWarning):
    """The model was saved with another scikit-learn version."""


def save_model(estimator: Any, directory: str | Path, *, metadata: dict | None = None,
               card: str | None = None, format: str = "skops") -> Path:
    """Write ``estimator`` to ``directory`` with its metadata and model card.

    ``metadata`` adds fields (training data, scores) to the ones recorded
    here (versions, labels, feature schema and names, estimator hash).
    ``format`` is ``"skops"`` (safe to load) or ``"joblib"`` (a pickle: only
    for estimators skops cannot hold). Returns the directory.
    """
    import joblib
    import sklearn

    from .linear import LinearScorer

    if format not in ESTIMATOR_FILES:
        raise ValueError(f"format must be one of {', '.join(ESTIMATOR_FILES)}, got {format!r}")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for stale in (*ESTIMATOR_FILES.values(), SCORER_FILE):
        (directory / stale).unlink(missing_ok=True)
    estimator_path = directory / ESTIMATOR_FILES[format]
    if format == "skops":
        estimator_path.write_bytes(_skops_bytes(estimator))
    else:
        joblib.dump(estimator, estimator_path, compress=3)
    scorer: dict[str, str] = {}
    if getattr(estimator, "model", None) == "logistic":
        LinearScorer.from_classifier(estimator).save(directory / SCORER_FILE)
        scorer = {"scorer_file": SCORER_FILE, "scorer_sha256": _sha256(directory / SCORER_FILE)}
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
        "model_format_version": MODEL_FORMAT_VERSION,
        "model_format": format,
        "estimator_file": estimator_path.name,
        "estimator_sha256": _sha256(estimator_path),
        **scorer,
    }
    (directory / METADATA_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", "utf-8")
    (directory / CARD_FILE).write_text(card or model_card(meta), "utf-8")
    return directory


def load_model(path: str | Path = DEFAULT, *, allow_pickle: bool = False) -> Any:
    """Load a model directory; ``"default"`` is the model shipped with the package.

    Only load model directories you trust: see the module documentation.
    ``allow_pickle=True`` is needed for a ``joblib`` model, whose file runs
    code while it loads.

    Raises
    ------
    ModelError
        The directory or its metadata is missing or malformed, the model
        format is newer than this version reads, the estimator file's hash
        does not match the metadata, the file holds types outside the trusted
        list, a joblib model is loaded without ``allow_pickle``, or the model
        was built for another label set or feature schema.
    """
    import joblib
    import sklearn

    directory, meta = check_model(path)
    if meta["sklearn_version"] != sklearn.__version__:
        warnings.warn(
            f"{directory}: saved with scikit-learn {meta['sklearn_version']}, running"
            f" {sklearn.__version__}; predictions may differ",
            VersionDriftWarning,
            stacklevel=2,
        )
    estimator_path = directory / meta["estimator_file"]
    if meta["model_format"] == "skops":
        estimator = _load_skops(estimator_path, trust_all=allow_pickle)
    elif allow_pickle:
        estimator = joblib.load(estimator_path)
    else:
        raise ModelError(
            f"{estimator_path}: a joblib model runs code while it loads; load it only if you"
            " trust where it came from, with load_model(..., allow_pickle=True) or the CLI's"
            " --allow-pickle"
        )
    names = [str(n) for n in getattr(estimator, "feature_names_", [])]
    if meta.get("feature_names") is not None and names != meta["feature_names"]:
        raise ModelError(f"{directory}: estimator features do not match {METADATA_FILE}")
    estimator.metadata_ = meta
    return estimator


def load_scorer(path: str | Path = DEFAULT, *, allow_pickle: bool = False) -> Any:
    """What scoring needs of a model directory, loaded as fast as possible.

    A logistic model's ``scorer.npz`` (plain arrays, checked against the
    SHA-256 in its metadata) becomes a :class:`reliability.linear.LinearScorer`,
    which scores exactly as the estimator does without importing
    scikit-learn. Any other model is loaded whole with :func:`load_model`.
    """
    from .linear import LinearScorer

    directory, meta = check_model(path)
    name = meta.get("scorer_file")
    if not name:
        return load_model(path, allow_pickle=allow_pickle)
    scorer_path = _verified_file(directory, name, meta.get("scorer_sha256"), "scorer")
    try:
        scorer = LinearScorer.load(scorer_path)
    except (ValueError, KeyError, OSError) as error:
        raise ModelError(f"{scorer_path}: not a readable scorer file ({error})") from None
    if meta.get("feature_names") is not None and scorer.feature_names_.tolist() != meta["feature_names"]:
        raise ModelError(f"{directory}: scorer features do not match {METADATA_FILE}")
    scorer.metadata_ = meta
    return scorer


def check_model(path: str | Path = DEFAULT) -> tuple[Path, dict]:
    """Everything :func:`load_model` checks before loading: the model's
    directory and metadata, or a :class:`ModelError` saying what is wrong."""
    if not isinstance(path, (str, Path)):
        raise TypeError(f"path must be a model directory (str or Path) or 'default', got {type(path).__name__}")
    directory = default_model_path() if str(path) == DEFAULT else Path(path)
    meta_path = directory / METADATA_FILE
    if not meta_path.is_file():
        raise ModelError(f"{directory}: not a model directory (no {METADATA_FILE})")
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ModelError(f"{meta_path}: unreadable metadata ({error})") from None
    if not isinstance(meta, dict):
        raise ModelError(f"{meta_path}: expected a JSON object")
    version = meta.setdefault("model_format_version", 1)
    if not isinstance(version, int) or version > MODEL_FORMAT_VERSION:
        raise ModelError(
            f"{directory}: saved in model format {version}; this version of reliability"
            f" ({__version__}) reads model formats up to {MODEL_FORMAT_VERSION}; upgrade reliability"
        )
    meta.setdefault("model_format", "joblib")  # format 1 had no field: always joblib
    if meta["model_format"] not in ESTIMATOR_FILES:
        raise ModelError(f"{meta_path}: unknown model_format {meta['model_format']!r}"
                         f" (known: {', '.join(ESTIMATOR_FILES)})")
    meta.setdefault("estimator_file", ESTIMATOR_FILES[meta["model_format"]])
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
    _verified_file(directory, meta["estimator_file"], meta["estimator_sha256"], "estimator")
    return directory, meta


def _verified_file(directory: Path, name: str, sha256: str | None, what: str) -> Path:
    """``directory / name``, once it is shown to be a file of the directory
    whose SHA-256 is the one the metadata records."""
    if Path(name).name != name:
        raise ModelError(f"{directory / METADATA_FILE}: {what}_file must be a file name in the"
                         " model directory")
    path = directory / name
    if not path.is_file():
        raise ModelError(f"{directory}: {what} file {name} is missing")
    if _sha256(path) != sha256:
        raise ModelError(f"{path}: SHA-256 does not match {METADATA_FILE}; refusing to load a"
                         " file that may have been altered")
    return path


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
        f"  (SHA-256 `{meta.get('training_data', {}).get('sha256', '?')}`;"
        f" {meta.get('training_data', {}).get('statements', '?')} statements in all)",
        *_standoff_lines(meta.get("training_data", {}).get("standoff")),
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
        *(["- LABELS.md's hard rules (`hard_rules`): level 0 (unsupported) only in documents where"
           " the analysis finds support said to be missing, failed or disputed, so an isolated claim"
           " is at worst hedged; a claim an evidence note verifies is established unless at level 0."]
          if meta.get("params", {}).get("hard_rules") else []),
        "- Trained on English news: wire-style documents written for this project"
        + (", and US political reporting of 2016 (PolNeAR articles labelled by the team)"
           if meta.get("training_data", {}).get("standoff", {}).get("used") else "")
        + "; social media and science abstracts are out of domain.",
        "- `standoff_eval_*` scores are on labelled articles of other splits (PolNeAR dev),"
        " never trained on; `held_out_*` on the held-out team documents.",
        "- Retrain on your own labelled examples with `reliability train --base default`.",
        "",
    ]
    return "\n".join(lines)


def _skops_bytes(estimator: Any) -> bytes:
    """The estimator as a skops file, byte for byte the same for the same model.

    skops names the arrays in its zip file by ``id()`` and stamps each entry
    with the current time; both are replaced by stable values (the order in
    which objects appear in the schema, and 1980-01-01), so retraining on the
    same data gives the same file and the same hash.
    """
    import skops.io

    raw = zipfile.ZipFile(io.BytesIO(skops.io.dumps(estimator)))
    schema = raw.read("schema.json").decode("utf-8")
    stable: dict[str, str] = {}
    for number in re.findall(r'"(?:__id__|file)": "?(\d+)', schema):
        stable.setdefault(number, str(len(stable) + 1))
    schema = re.sub(r'("(?:__id__|file)": "?)(\d+)', lambda m: m.group(1) + stable[m.group(2)], schema)
    renamed = {}
    for name in raw.namelist():
        stem, dot, ext = name.partition(".")
        renamed[f"{stable.get(stem, stem)}{dot}{ext}"] = name
    out = io.BytesIO()
    write_zip(out, ((new_name, schema.encode("utf-8") if name == "schema.json" else raw.read(name))
                    for new_name, name in sorted(renamed.items())))
    return out.getvalue()


def write_zip(target: Any, entries: Iterable[tuple[str, bytes]]) -> None:
    """Write ``(name, data)`` entries to a zip file (a path or a binary file)
    that is the same byte for byte for the same entries: every entry is
    stamped 1980-01-01 instead of the current time."""
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)


def _load_skops(path: Path, *, trust_all: bool = False) -> Any:
    """Load a skops file trusting only :data:`TRUSTED_TYPES` (with
    ``trust_all``, whatever it holds: for files the user vouches for)."""
    try:
        import skops.io
        from skops.io.exceptions import UntrustedTypesFoundException
    except ImportError:
        raise ModelError(f"{path}: reading skops model files needs the skops package"
                         " (pip install skops)") from None
    trusted = list(TRUSTED_TYPES)
    if trust_all:
        trusted += skops.io.get_untrusted_types(file=path)
    try:
        return skops.io.load(path, trusted=trusted)
    except UntrustedTypesFoundException as error:
        found = ", ".join(sorted(set(re.findall(r"'([\w.]+)'", str(error).split("\n")[0]))))
        raise ModelError(
            f"{path}: holds types outside the trusted list, refusing to load: {found}. Random"
            " forests hold scikit-learn Tree objects, which a crafted file can use to crash the"
            " process; load with allow_pickle=True (--allow-pickle) only a model you trust"
        ) from None
    except Exception as error:  # skops raises many types for a damaged file
        raise ModelError(f"{path}: cannot load skops file ({type(error).__name__}: {error})") from None


def _standoff_lines(standoff: dict | None) -> list[str]:
    if not standoff:
        return []
    if not standoff.get("used"):
        return [f"- standoff labels {standoff.get('file')}: not used (article texts missing)"]
    return [f"- standoff labels {standoff.get('file')} (splits {', '.join(standoff.get('train_splits', []))}):"
            f" {standoff.get('statements')} statements in {standoff.get('documents')} articles,"
            f" SHA-256 `{standoff.get('sha256')}`; texts not included"]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _jsonable(params: dict) -> dict:
    return {k: (v if isinstance(v, (str, int, float, bool, type(None))) else repr(v))
            for k, v in params.items()}
