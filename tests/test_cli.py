"""The command line: the JSONL output contract other tools parse, and clear errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reliability.cli import main

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (
    "Rebels say they shot down army jet\n\n"
    "The rebel command claimed on Sunday that its fighters had shot down an army jet. "
    "It provided no evidence.\n\n"
    "\u201cWe lost no aircraft,\u201d the defence ministry said.\n"
)
CONTRACT = {"index", "start", "end", "text", "kind", "hedges", "evidence", "attribution", "context"}


def run_cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, "utf-8")
    return path


def test_analyze_jsonl_keeps_the_output_contract(capsys, article):
    code, out, _ = run_cli(capsys, "analyze", str(article), "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["index"] for r in records] == list(range(len(records)))
    for r in records:
        assert CONTRACT <= set(r)
        assert ARTICLE[r["start"]:r["end"]] == r["text"]
        assert set(r["context"]) >= {"disclaimer", "evidence_note_for", "noted_by"}
        for hedge in r["hedges"]:
            assert set(hedge) >= {"text", "start", "end", "category"}
        for ev in r["evidence"]:
            assert set(ev) >= {"text", "start", "end", "polarity"}
        for link in r["attribution"]:
            assert set(link) >= {"source", "cue", "resolved", "type"}
            assert ARTICLE[link["source"]["start"]:link["source"]["end"]] == link["source"]["text"]
    kinds = [r["kind"] for r in records]
    assert kinds == ["headline", "statement", "evidence_note", "statement"]
    assert records[2]["context"]["evidence_note_for"] == 1
    assert records[1]["context"]["noted_by"] == [2]


def test_score_extends_analyze_without_renaming(capsys, article):
    _, analyzed, _ = run_cli(capsys, "analyze", str(article))
    code, scored, _ = run_cli(capsys, "score", str(article))
    assert code == 0
    for a, s in zip(map(json.loads, analyzed.splitlines()), map(json.loads, scored.splitlines())):
        assert {k: s[k] for k in a} == a
        if s["kind"] in ("statement", "headline"):
            assert s["label"] in ("unsupported", "hedged", "attributed", "established")
            assert s["level"] == ["unsupported", "hedged", "attributed", "established"].index(s["label"])
            assert 0 <= s["score"] <= 1
            assert abs(sum(s["probabilities"].values()) - 1) < 1e-3
            assert s["explanation"] and {"feature", "contribution", "start", "end"} <= set(s["explanation"][0])
        else:
            assert s["label"] is None and s["score"] is None


def test_stdin_and_python_dash_m_work_the_same(article):
    out = subprocess.run([sys.executable, "-m", "reliability", "analyze", "-"], input=ARTICLE,
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert len(out.splitlines()) == 4


def test_table_format_lists_every_statement(capsys, article):
    _, out, _ = run_cli(capsys, "score", str(article), "--format", "table")
    lines = out.splitlines()
    assert lines[0] == f"== {article}"
    assert lines[1].split()[:3] == ["#", "kind", "level"]
    assert len(lines) == 6


@pytest.mark.parametrize(
    "setup, message",
    [
        (lambda p: None, "no such file"),
        (lambda p: p.write_bytes(b"Fine line.\n\xff\xfe broken"), "line 2: not valid UTF-8"),
        (lambda p: p.mkdir(), "folder has no .txt, .md, .html, .htm files"),
    ],
)
def test_bad_input_is_one_clear_line_and_a_failing_status(capsys, tmp_path, setup, message):
    path = tmp_path / "input.txt"
    setup(path)
    code, out, err = run_cli(capsys, "analyze", str(path))
    assert code == 1 and out == ""
    assert f"{path}" in err and message in err
    assert "1 records in, 0 analysed, 1 failed" in err
    assert "Traceback" not in err


def test_bad_training_line_names_file_and_line(capsys, tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text('{"text": "A.", "label": "established"}\n{"text": "B.", "label": "sure"}\n')
    code, _, err = run_cli(capsys, "train", str(path), "-o", str(tmp_path / "m"))
    assert code == 2
    assert "mine.jsonl:2: field 'label'" in err and "valid labels are" in err


def test_evaluate_prints_every_figure_as_json(capsys, tiny_corpus_file):
    code, out, _ = run_cli(capsys, "evaluate", "--model", "rules", str(tiny_corpus_file), "--json")
    result = json.loads(out)
    assert code == 0
    assert set(result) >= {"macro_f1", "per_level", "confusion_matrix", "spearman_score_level", "ece",
                           "reliability_diagram"}
    assert sum(map(sum, result["confusion_matrix"]["rows_true_columns_predicted"])) == 20


def test_evaluate_text_report(capsys, tiny_corpus_file):
    _, out, _ = run_cli(capsys, "evaluate", "--model", "rules", str(tiny_corpus_file))
    assert "macro-F1" in out and "confusion matrix" in out and "reliability diagram" in out


def test_a_model_that_could_run_code_needs_allow_pickle(capsys, article, tmp_path, tiny_corpus_file):
    from reliability import corpus
    from reliability.classifier import ReliabilityClassifier

    data = corpus.load(tiny_corpus_file)
    forest = ReliabilityClassifier(model="forest", n_estimators=10, min_df=1).fit(data.items, data.labels)
    directory = forest.save(tmp_path / "forest")
    code, _, err = run_cli(capsys, "score", str(article), "--model", str(directory))
    assert code == 2
    assert "sklearn.tree._tree.Tree" in err and "--allow-pickle" in err
    code, out, _ = run_cli(capsys, "score", str(article), "--model", str(directory), "--allow-pickle")
    assert code == 0 and all("label" in json.loads(line) for line in out.splitlines())


def test_progress_total_counts_articles_and_leaves_jsonl_unknown(tmp_path):
    # the progress bar's "n/total" and ETA: a .jsonl file holds one document
    # per line, unknown without reading it, so there is no total
    from reliability.cli import _count_files

    (tmp_path / "a.txt").write_text("One.", "utf-8")
    (tmp_path / "b.txt").write_text("Two.", "utf-8")
    stream = tmp_path / "many.jsonl"
    stream.write_text('{"id": 1, "text": "One."}\n{"id": 2, "text": "Two."}\n', "utf-8")
    assert _count_files([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]) == 2
    assert _count_files([str(tmp_path / "a.txt"), str(stream)]) is None
