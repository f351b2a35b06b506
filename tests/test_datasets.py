"""Standoff labels joined with article texts kept outside the repository.

The articles here are written for the tests and laid out like PolNeAR (both
as a checkout and as *_docs.jsonl); the real PolNeAR files are never needed.
"""

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reliability.datasets import DatasetError, load_standoff, read_labels
from reliability.persistence import load_model

ROOT = Path(__file__).resolve().parents[1]

ARTICLES = {
    "wire_2016-01-01_agency-claims": ("train", [
        ("headline", "Agency says rebels shelled school", "unsupported"),
        ("statement", "The agency claimed rebels shelled the school on Monday.", "unsupported"),
        ("evidence_note", "It provided no evidence.", None),
        ("statement", "The school had been closed since March, the mayor said.", "attributed"),
    ]),
    "wire_2016-01-02_port-reopens": ("dev", [
        ("headline", "Port reopens after storm", "established"),
        ("statement", "The port reopened to ships on Tuesday.", "established"),
        ("statement", "Officials said damage may exceed $2 million.", "hedged"),
    ]),
}


def _hash(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def build(tmp_path, layout="jsonl"):
    """Article files in ``layout`` and standoff labels for them; returns (labels, corpus)."""
    docs, rows = [], []
    for doc_id, (split, units) in ARTICLES.items():
        text, spans = "", []
        for kind, unit_text, label in units:
            if text:
                text += "\n\n"
            spans.append((len(text), len(text) + len(unit_text), kind, label))
            text += unit_text
        docs.append({"doc_id": doc_id, "split": split, "text": text})
        rows += [{"doc_id": doc_id, "split": split, "start": s, "end": e, "kind": k, "label": l,
                  "acceptable": [], "sources": [], "cues": [], "text_hash": _hash(text)}
                 for s, e, k, l in spans]
    corpus = tmp_path / "polnear"
    if layout == "jsonl":
        corpus.mkdir()
        for split in ("train", "dev"):
            (corpus / f"{split}_docs.jsonl").write_text(
                "".join(json.dumps(d) + "\n" for d in docs if d["split"] == split), "utf-8")
    else:  # a checkout: data/<split>/text/<doc_id>.txt
        for d in docs:
            folder = corpus / "data" / d["split"] / "text"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{d['doc_id']}.txt").write_text(d["text"], "utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    return labels, corpus


@pytest.mark.parametrize("layout", ["jsonl", "checkout"])
def test_labels_join_article_texts_and_keep_document_context(tmp_path, layout):
    labels, corpus = build(tmp_path, layout)
    data = load_standoff(labels, corpus)
    assert len(data) == 6  # the evidence note has no level
    texts = [item.doc.statements[item.index].text for item in data.items]
    assert texts[1] == "The agency claimed rebels shelled the school on Monday."
    claim = data.items[1].doc.statements[data.items[1].index]
    assert claim.context.noted_by, "the evidence note in the next unit points back at the claim"
    assert data.labels[:2] == ["unsupported", "unsupported"]
    assert len(set(data.groups)) == 2


def test_splits_select_articles(tmp_path):
    labels, corpus = build(tmp_path)
    dev = load_standoff(labels, corpus, splits=["dev"])
    assert set(dev.doc_ids) == {"wire_2016-01-02_port-reopens"}
    assert dev.labels == ["established", "established", "hedged"]


def test_a_different_copy_of_an_article_is_refused(tmp_path):
    labels, corpus = build(tmp_path)
    path = corpus / "dev_docs.jsonl"
    doc = json.loads(path.read_text())
    doc["text"] = doc["text"].replace("Tuesday", "Monday!")
    path.write_text(json.dumps(doc) + "\n")
    with pytest.raises(DatasetError, match="port-reopens.*not the one these labels were made on"):
        load_standoff(labels, corpus)


def test_missing_articles_are_named(tmp_path):
    labels, corpus = build(tmp_path)
    (corpus / "dev_docs.jsonl").unlink()
    with pytest.raises(DatasetError, match="1 of 2 labelled articles not found.*port-reopens"):
        load_standoff(labels, corpus)
    with pytest.raises(DatasetError, match="no such folder.*PolNeAR"):
        load_standoff(labels, tmp_path / "nowhere")


@pytest.mark.parametrize("change, message", [
    (lambda r: r.pop("start"), "field 'start' is missing"),
    (lambda r: r.update(start=-1), "'start' must be a non-negative integer"),
    (lambda r: r.update(end=r["start"]), "empty span"),
    (lambda r: r.update(label="sure"), "field 'label'"),
    (lambda r: r.update(kind="poem"), "unknown kind 'poem'"),
    (lambda r: r.update(acceptable="hedged"), "'acceptable' must be a list"),
])
def test_malformed_label_lines_name_file_line_and_field(tmp_path, change, message):
    labels, corpus = build(tmp_path)
    rows = [json.loads(line) for line in labels.read_text().splitlines()]
    change(rows[1])
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with pytest.raises(DatasetError, match=f"labels.jsonl:2: .*{message}"):
        load_standoff(labels, corpus)


def test_a_unit_past_the_end_of_its_article_is_refused(tmp_path):
    labels, corpus = build(tmp_path)
    rows = [json.loads(line) for line in labels.read_text().splitlines()]
    rows[3]["end"] = 10_000
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with pytest.raises(DatasetError, match="labels.jsonl:4: end 10000 is past the end of article"):
        load_standoff(labels, corpus)


def test_overlapping_units_are_refused(tmp_path):
    labels, corpus = build(tmp_path)
    rows = [json.loads(line) for line in labels.read_text().splitlines()]
    rows[2]["start"] = rows[1]["start"] + 3
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with pytest.raises(DatasetError, match="labels.jsonl:3: units of .* overlap"):
        load_standoff(labels, corpus)


def _train(args, cwd):
    return subprocess.run([sys.executable, "-m", "reliability", "train", *args],
                          capture_output=True, text=True, cwd=cwd)


def test_train_uses_standoff_labels_and_ships_none_of_their_text(tmp_path, tiny_corpus_file):
    labels, corpus = build(tmp_path)
    out = tmp_path / "model"
    done = _train([str(tiny_corpus_file), "--standoff", str(labels), "--corpus", str(corpus),
                   "-o", str(out), "--cv", "0"], ROOT)
    assert done.returncode == 0, done.stderr
    meta = load_model(out).metadata_
    standoff = meta["training_data"]["standoff"]
    assert standoff["used"] is True and standoff["statements"] == 3  # train split only
    assert meta["scores"]["standoff_eval_statements"] == 3  # the dev article, evaluated
    shipped = gzip.decompress((out / "training_corpus.jsonl.gz").read_bytes()).decode()
    assert "rebels shelled the school" not in shipped


def test_train_without_the_articles_says_what_is_missing_and_goes_on(tmp_path, tiny_corpus_file):
    labels, _ = build(tmp_path)
    out = tmp_path / "model"
    lines = tiny_corpus_file.read_text().splitlines()
    doubled = tmp_path / "doubled.jsonl"  # enough of every level without the standoff units
    doubled.write_text("\n".join(lines + [l.replace('"doc_id": "t', '"doc_id": "u') for l in lines]) + "\n")
    done = _train([str(doubled), "--standoff", str(labels), "--corpus", str(tmp_path / "absent"),
                   "-o", str(out), "--cv", "0"], ROOT)
    assert done.returncode == 0, done.stderr
    assert "not used: their article texts are missing" in done.stderr
    assert "github.com/networkdynamics/PolNeAR" in done.stderr
    assert load_model(out).metadata_["training_data"]["standoff"]["used"] is False


def test_evaluate_reports_accuracy_counting_acceptable_labels(tmp_path):
    labels, corpus = build(tmp_path)
    done = subprocess.run([sys.executable, "-m", "reliability", "evaluate", "--model", "rules",
                           "--standoff", str(labels), "--corpus", str(corpus), "--standoff-split", "dev",
                           "--json"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["statements"] == 3
    assert result["accuracy"] <= result["accuracy_with_acceptable"] <= 1


def test_the_shipped_standoff_labels_are_valid_and_hold_no_article_text():
    rows = read_labels(ROOT / "models" / "polnear" / "labels.jsonl")
    articles = json.loads((ROOT / "models" / "polnear" / "articles.json").read_text())
    assert {r["doc_id"] for _, r in rows} == {a["doc_id"] for a in articles}
    assert {r["split"] for _, r in rows} == {"train", "dev"}
    allowed = {"doc_id", "split", "start", "end", "kind", "label", "acceptable", "sources", "cues",
               "text_hash"}
    for _, row in rows:
        assert set(row) <= allowed
        assert all(len(s.split()) <= 8 for s in row["sources"] + row["cues"])
