"""Model directories: metadata checked before anything is unpickled."""

import json

import pytest
import sklearn

from reliability import corpus
from reliability.classifier import ReliabilityClassifier
from reliability.persistence import (FEATURE_SCHEMA, ModelError, VersionDriftWarning, load_model,
                                     save_model)


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
    assert {p.name for p in directory.iterdir()} >= {"estimator.joblib", "metadata.json", "MODEL_CARD.md"}
    meta = json.loads((directory / "metadata.json").read_text())
    assert meta["sklearn_version"] == sklearn.__version__
    assert meta["labels"] == ["unsupported", "hedged", "attributed", "established"]
    assert meta["feature_names"] == list(clf.feature_names_)
    assert meta["feature_schema"] == FEATURE_SCHEMA
    assert meta["scores"] == {"cv_macro_f1": 0.5}
    assert "cv_macro_f1: 0.5" in (directory / "MODEL_CARD.md").read_text()


def test_round_trip_predicts_the_same(saved):
    directory, clf, data = saved
    loaded = load_model(directory)
    assert (loaded.predict_proba(data.items) == clf.predict_proba(data.items)).all()
    assert loaded.metadata_["scores"]["cv_macro_f1"] == 0.5


def test_altered_estimator_file_is_refused(saved):
    directory, _, _ = saved
    with open(directory / "estimator.joblib", "ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(ModelError, match="SHA-256 does not match"):
        load_model(directory)


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
