"""Training from labelled files: refusals that say what is needed, held-out splits."""

import json

import pytest

from reliability.persistence import load_model
from reliability.training import MIN_PER_LEVEL, TrainingError, check_enough, train


def test_too_few_examples_per_level_says_how_many_are_needed():
    labels = ["established"] * 10 + ["attributed"] * 10 + ["hedged"] * 2
    with pytest.raises(TrainingError, match=rf"at least {MIN_PER_LEVEL} \(unsupported: 0, hedged: 2\)"):
        check_enough(labels)


def test_train_writes_a_loadable_model_with_training_metadata(tmp_path, tiny_corpus_file):
    # the tiny corpus has 5 statements or fewer per level: duplicate the file under new doc ids
    lines = tiny_corpus_file.read_text().splitlines()
    doubled = tmp_path / "doubled.jsonl"
    doubled.write_text("\n".join(lines + [l.replace('"doc_id": "t', '"doc_id": "u') for l in lines]) + "\n")
    split = tmp_path / "split.json"
    split.write_text(json.dumps({"test": ["u4"]}))
    meta = train([doubled], tmp_path / "model", split=split, cv=2)
    data = meta["training_data"]
    assert data["documents"] == 7 and data["held_out_documents"] == ["u4"]
    assert data["statements"] == 40 - 4
    assert set(meta["scores"]) >= {"cv_macro_f1", "held_out_macro_f1", "held_out_rule_baseline_macro_f1"}
    model = load_model(tmp_path / "model")
    assert model.metadata_["training_data"]["sha256"] == data["sha256"]


def test_unknown_split_file_is_named(tmp_path, tiny_corpus_file):
    with pytest.raises(TrainingError, match="nope.json: no such split file"):
        train([tiny_corpus_file], tmp_path / "m", split=tmp_path / "nope.json")


def test_training_twice_on_the_same_corpus_gives_the_same_metadata(tmp_path, tiny_corpus_file):
    lines = tiny_corpus_file.read_text().splitlines()
    doubled = tmp_path / "doubled.jsonl"
    doubled.write_text("\n".join(lines + [l.replace('"doc_id": "t', '"doc_id": "u') for l in lines]) + "\n")
    first = train([doubled], tmp_path / "a" / "model", cv=2)
    second = train([doubled], tmp_path / "b" / "model", cv=2)
    assert first == second
    assert (tmp_path / "a" / "model" / "metadata.json").read_bytes() == \
        (tmp_path / "b" / "model" / "metadata.json").read_bytes()


def test_the_same_statement_with_different_labels_is_listed_as_a_warning(tmp_path, tiny_corpus_file, caplog):
    lines = tiny_corpus_file.read_text().splitlines()
    conflicting = json.loads(lines[2])
    conflicting.update(doc_id="t9", position=0, label="hedged")  # same text, another label
    path = tmp_path / "with_conflict.jsonl"
    path.write_text("\n".join(lines + [json.dumps(conflicting)]) + "\n")
    with caplog.at_level("WARNING", logger="reliability.training"), pytest.raises(TrainingError):
        train([path], tmp_path / "m", cv=0)  # the tiny corpus is too small: warned before refusing
    message = caplog.text
    assert "1 statements appear more than once with different labels" in message
    assert "with_conflict.jsonl:3 attributed" in message and f"with_conflict.jsonl:{len(lines) + 1} hedged" in message
