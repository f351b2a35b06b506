"""Model directories: metadata and file checked before anything is loaded; no code runs."""

import io
import json
import zipfile

import pytest
import sklearn

from reliability import corpus
from reliability.classifier import ReliabilityClassifier
from reliability.persistence import (FEATURE_SCHEMA, MODEL_FORMAT_VERSION, ModelError,
                                     VersionDriftWarning, _sha256, load_model, save_model)


@pytest.fixture
def saved(tmp_path, tiny_corpus_file):
    data = corpus.load(tiny_corpus_file)
    clf = ReliabilityClassifier(min_df=1).fit(data.items, data.labels)
    directory = clf.save(tmp_path / "model", metadata={"scores": {"cv_macro_f1": 0.5}})
    return directory, clf, data


def edit_metadata(directory, **changes):
    path = directory / "metadata.json"
    meta = json.loads(path.read_text())
    meta.update(changes)
    path.write_text(json.dumps(meta))


def test_directory_holds_estimator_metadata_and_card(saved):
    directory, clf, _ = saved
    assert {p.name for p in directory.iterdir()} >= {"estimator.skops", "metadata.json", "MODEL_CARD.md"}
    meta = json.loads((directory / "metadata.json").read_text())
    assert meta["sklearn_version"] == sklearn.__version__
    assert meta["labels"] == ["unsupported", "hedged", "attributed", "established"]
    assert meta["feature_names"] == list(clf.feature_names_)
    assert meta["feature_schema"] == FEATURE_SCHEMA
    assert meta["scores"] == {"cv_macro_f1": 0.5}
    assert meta["model_format"] == "skops" and meta["model_format_version"] == MODEL_FORMAT_VERSION
    assert "cv_macro_f1: 0.5" in (directory / "MODEL_CARD.md").read_text()


def test_round_trip_predicts_the_same(saved):
    directory, clf, data = saved
    loaded = load_model(directory)
    assert (loaded.predict_proba(data.items) == clf.predict_proba(data.items)).all()
    assert loaded.metadata_["scores"]["cv_macro_f1"] == 0.5


def test_one_changed_byte_in_the_estimator_file_is_refused(saved):
    directory, _, _ = saved
    path = directory / "estimator.skops"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="SHA-256 does not match"):
        load_model(directory)


def test_model_from_a_newer_format_is_refused_naming_both_versions(saved):
    directory, _, _ = saved
    edit_metadata(directory, model_format_version=MODEL_FORMAT_VERSION + 1)
    with pytest.raises(ModelError, match=f"model format {MODEL_FORMAT_VERSION + 1};.*up to"
                                         f" {MODEL_FORMAT_VERSION}; upgrade"):
        load_model(directory)


def test_joblib_model_loads_only_when_pickles_are_allowed(saved, tmp_path):
    _, clf, data = saved
    directory = save_model(clf, tmp_path / "pickled", format="joblib")
    assert (directory / "estimator.joblib").is_file() and not (directory / "estimator.skops").exists()
    with pytest.raises(ModelError, match="runs code while it loads.*allow_pickle=True"):
        load_model(directory)
    loaded = load_model(directory, allow_pickle=True)
    assert (loaded.predict_proba(data.items) == clf.predict_proba(data.items)).all()


class Payload:
    """A type no model needs: stands for code a stranger put in a model file."""


def test_skops_file_holding_an_untrusted_type_is_refused(saved):
    import skops.io

    directory, clf, _ = saved
    path = directory / "estimator.skops"
    skops.io.dump({"model": clf, "extra": Payload()}, path)
    edit_metadata(directory, estimator_sha256=_sha256(path))  # an attacker can rewrite the hash too
    with pytest.raises(ModelError, match="outside the trusted list.*Payload"):
        load_model(directory)


def test_metadata_cannot_point_outside_the_model_directory(saved, tmp_path):
    directory, _, _ = saved
    edit_metadata(directory, estimator_file="../elsewhere.skops")
    with pytest.raises(ModelError, match="estimator_file must be a file name"):
        load_model(directory)


def test_saving_twice_gives_the_same_estimator_file(saved, tmp_path):
    directory, clf, _ = saved
    again = save_model(clf, tmp_path / "again")
    assert (again / "estimator.skops").read_bytes() == (directory / "estimator.skops").read_bytes()
    with zipfile.ZipFile(io.BytesIO((again / "estimator.skops").read_bytes())) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_feature_schema_mismatch_is_a_clear_error(saved):
    directory, _, _ = saved
    edit_metadata(directory, feature_schema="0")
    with pytest.raises(ModelError, match="feature schema 0.*retrain"):
        load_model(directory)


def test_feature_names_mismatch_is_an_error(saved):
    directory, _, _ = saved
    edit_metadata(directory, feature_names=["something", "else"])
    with pytest.raises(ModelError, match="features do not match"):
        load_model(directory)


def test_sklearn_version_drift_is_a_warning(saved):
    directory, _, _ = saved
    edit_metadata(directory, sklearn_version="0.0.1")
    with pytest.warns(VersionDriftWarning, match="scikit-learn 0.0.1"):
        load_model(directory)


@pytest.mark.parametrize("content, message", [(None, "not a model directory"), ("{", "unreadable metadata")])
def test_missing_or_broken_metadata(tmp_path, content, message):
    directory = tmp_path / "m"
    directory.mkdir()
    if content is not None:
        (directory / "metadata.json").write_text(content)
    with pytest.raises(ModelError, match=message):
        load_model(directory)


def test_saving_twice_gives_identical_metadata(tmp_path, saved):
    directory, clf, _ = saved
    again = save_model(clf, tmp_path / "again", metadata={"scores": {"cv_macro_f1": 0.5}})
    assert (again / "metadata.json").read_text() == (directory / "metadata.json").read_text()


# -- the scoring arrays of a logistic model ----------------------------------


def test_scorer_file_scores_exactly_as_the_estimator(saved):
    from reliability.persistence import load_scorer

    directory, clf, data = saved
    scorer = load_scorer(directory)
    assert type(scorer).__name__ == "LinearScorer"
    proba, reasons = scorer.predict_explain(data.items, top=3)
    expected_proba, expected_reasons = clf.predict_explain(data.items, top=3)
    assert abs(proba - expected_proba).max() < 1e-9
    assert reasons == expected_reasons
    assert scorer.metadata_["scores"] == {"cv_macro_f1": 0.5}
    assert scorer.hard_rules is clf.hard_rules is True


def test_scorer_file_keeps_the_hard_rules_setting(tmp_path, tiny_corpus_file):
    from reliability import corpus
    from reliability.persistence import load_scorer

    data = corpus.load(tiny_corpus_file)
    clf = ReliabilityClassifier(min_df=1, hard_rules=False).fit(data.items, data.labels)
    directory = clf.save(tmp_path / "free")
    scorer = load_scorer(directory)
    assert scorer.hard_rules is False
    assert abs(scorer.predict_proba(data.items) - clf.predict_proba(data.items)).max() < 1e-9


def test_altered_scorer_file_is_refused(saved):
    from reliability.persistence import load_scorer

    directory, _, _ = saved
    with open(directory / "scorer.npz", "ab") as handle:
        handle.write(b"x")
    with pytest.raises(ModelError, match="scorer.npz: SHA-256 does not match"):
        load_scorer(directory)


def test_a_forest_has_no_scorer_file_and_loads_whole(tmp_path, tiny_corpus_file):
    from reliability.persistence import load_scorer

    data = corpus.load(tiny_corpus_file)
    forest = ReliabilityClassifier(model="forest", n_estimators=10, min_df=1).fit(data.items, data.labels)
    directory = forest.save(tmp_path / "forest")
    assert not (directory / "scorer.npz").exists()
    with pytest.raises(ModelError, match="sklearn.tree._tree.Tree.*allow_pickle=True"):
        load_scorer(directory)  # skops does not vouch for tree arrays from strangers
    assert type(load_scorer(directory, allow_pickle=True)).__name__ == "ReliabilityClassifier"


def test_scoring_with_the_default_model_does_not_import_scikit_learn():
    import subprocess
    import sys

    code = ("import sys, reliability; reliability.score('The mayor said the road was closed.');"
            " print('sklearn' in sys.modules, 'scipy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_shipped_scorer_file_matches_the_shipped_estimator():
    from pathlib import Path

    import reliability
    from reliability.features import Item
    from reliability.persistence import load_scorer

    text = (Path(__file__).resolve().parents[1] / "examples" / "politics.txt").read_text("utf-8")
    doc = reliability.analyze(text)
    items = [Item(doc, k) for k in range(len(doc.statements))]
    estimator, scorer = load_model(), load_scorer()
    assert abs(estimator.predict_proba(items) - scorer.predict_proba(items)).max() < 1e-9
    assert estimator.explain(items) == scorer.explain(items)
