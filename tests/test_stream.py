"""Scoring many documents: order, laziness, parallel parity, bad records, the CLI stream."""

import contextlib
import csv
import io
import itertools
import json
import os
import pickle
import shutil
import sys
import time
import warnings
from pathlib import Path

import pytest
from joblib import Parallel, delayed, parallel_config

import reliability.stream as stream
from reliability.cli import main
from reliability.persistence import default_model_path
from reliability.stream import CSV_COLUMNS, Result, score_many, to_frame

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
TEXTS = [p.read_text("utf-8") for p in EXAMPLES]
SHORT = [
    "The mayor said the road was closed.",
    "Officials claimed it was open. They provided no evidence.",
    "Shares rose 4 percent in early trading, the exchange reported.",
]


def run_cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def set_stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


class Counted:
    """An endless stream of articles that counts how many were taken."""

    def __init__(self, texts):
        self.texts, self.pulled = texts, 0

    def __iter__(self):
        for text in itertools.cycle(self.texts):
            self.pulled += 1
            yield text


# --- score_many ------------------------------------------------------------------------


def test_results_come_back_in_input_order_with_ids_and_meta():
    inputs = [
        TEXTS[0],
        {"id": "a-17", "text": TEXTS[1], "source": "wire", "tags": ["x"]},
        {"text": TEXTS[2]},
        TEXTS[3],
    ]
    results = list(score_many(inputs, batch_size=2))
    assert [r.id for r in results] == [0, "a-17", 2, 3]
    assert [r.text for r in results] == [TEXTS[0], TEXTS[1], TEXTS[2], TEXTS[3]]
    assert [r.meta for r in results] == [{}, {"source": "wire", "tags": ["x"]}, {}, {}]
    for result in results:
        assert result.ok and result.statements
        for statement in result.statements:
            assert result.text[statement["start"]:statement["end"]] == statement["text"]
    records = list(results[1].records())
    assert len(records) == len(results[1].statements)
    assert all(r["id"] == "a-17" and r["meta"] == {"source": "wire", "tags": ["x"]} for r in records)
    assert "meta" not in next(results[0].records())


def test_score_many_matches_score_one_document_at_a_time():
    from reliability import score

    (result,) = score_many([SHORT[0]])
    assert result.statements == score(SHORT[0]).to_dict()["statements"]


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_a_huge_stream_is_read_lazily(n_jobs):
    batch_size = 4
    source = Counted(TEXTS)
    results = score_many(source, n_jobs=n_jobs, batch_size=batch_size)
    first = list(itertools.islice(results, 10))
    assert [r.text for r in first] == [TEXTS[i % len(TEXTS)] for i in range(10)]
    # read ahead: one round of batches per worker (one batch when sequential)
    bound = 10 + (stream.TASKS_PER_WORKER * n_jobs if n_jobs > 1 else 1) * batch_size
    assert source.pulled <= bound
    time.sleep(0.5)  # workers that finish must not go on reading while nobody asks
    assert source.pulled <= bound
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # stopping early is not a warning
        results.close()
    assert source.pulled <= bound


@pytest.fixture(scope="module")
def mixed_inputs():
    inputs = [*TEXTS, {"id": "bad", "meta?": 1}, *SHORT, *TEXTS] * 3
    return inputs, list(score_many(inputs, n_jobs=1, batch_size=3))


# None: joblib's default; the others as set by users with joblib.parallel_config
@pytest.mark.parametrize("backend", [None, "loky", "threading", "multiprocessing"])
def test_parallel_output_is_identical_to_single_process_output(mixed_inputs, backend):
    inputs, single = mixed_inputs
    with contextlib.nullcontext() if backend is None else parallel_config(backend=backend):
        parallel = list(score_many(inputs, n_jobs=2, batch_size=3))
    assert len(single) == len(inputs)
    assert parallel == single
    assert [r.id for r in parallel].count("bad") == 3


@pytest.mark.parametrize(
    "bad, error, where",
    [
        ({"id": "x"}, "missing 'text' field", None),
        ({"id": "x", "text": None}, "missing 'text' field", None),
        ({"id": "x", "text": 3}, "field 'text' must be a string, got int", None),
        ({"id": "x", "_where": "f.jsonl:3", "_error": "not valid UTF-8 (byte 4)"},
         "not valid UTF-8 (byte 4)", "f.jsonl:3"),
        (42, "expected a text or a record, got int", None),
    ],
)
@pytest.mark.parametrize("n_jobs", [1, 2])
def test_a_bad_record_is_an_error_result_and_the_stream_goes_on(bad, error, where, n_jobs):
    results = list(score_many([SHORT[0], bad, SHORT[1]], n_jobs=n_jobs, batch_size=2))
    assert [r.ok for r in results] == [True, False, True]
    failed = results[1]
    assert failed.error == error and failed.where == where and failed.statements == []
    assert failed.id == (1 if bad == 42 else "x")
    assert results[2].statements and results[2].id == 2


def test_a_document_that_breaks_the_pipeline_fails_alone(monkeypatch):
    import reliability.scoring

    real = reliability.scoring.score_documents

    def fragile(texts, **kwargs):
        if any("BOOM" in t for t in texts):
            raise RuntimeError("boom")
        return real(texts, **kwargs)

    monkeypatch.setattr(reliability.scoring, "score_documents", fragile)
    results = list(score_many([SHORT[0], "BOOM.", SHORT[1]], batch_size=3))
    assert [r.ok for r in results] == [True, False, True]
    assert "RuntimeError: boom" in results[1].error


def test_model_is_a_reference_not_a_loaded_estimator():
    from reliability import load_model

    with pytest.raises(TypeError, match="model directory or 'default'"):
        score_many(SHORT, model=load_model())


def test_tasks_carry_the_model_reference_not_the_model(monkeypatch):
    sizes = []

    class Recording(Parallel):
        def __call__(self, tasks):
            tasks = list(tasks)
            sizes.extend(len(pickle.dumps(args)) for _, args, _ in tasks)
            return super().__call__(tasks)

    monkeypatch.setattr(stream, "Parallel", Recording)
    list(score_many(SHORT * 4, n_jobs=2, batch_size=2))
    model_size = len(pickle.dumps(stream._model("default")))
    assert sizes and max(sizes) < 5_000 < model_size


def _worker_model():
    return os.getpid(), id(stream._MODELS.get("default"))


def test_each_worker_keeps_its_model_between_batches():
    list(score_many(TEXTS * 8, n_jobs=2, batch_size=1))
    seen = Parallel(n_jobs=2)(delayed(_worker_model)() for _ in range(40))
    models = {}
    for pid, model in seen:
        models.setdefault(pid, set()).add(model)
    assert os.getpid() not in models
    assert all(len(ids) == 1 and id(None) not in ids for ids in models.values())


def test_a_relative_model_directory_is_found_by_every_worker(tmp_path, monkeypatch):
    shutil.copytree(default_model_path(), tmp_path / "mine")
    expected = list(score_many(SHORT))
    monkeypatch.chdir(tmp_path)  # the workers were started elsewhere
    assert list(score_many(SHORT, model="mine", n_jobs=2, batch_size=1)) == expected


def test_to_frame_has_one_row_per_statement_or_names_the_extra():
    results = list(score_many(SHORT))
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match=r"reliability\[pandas\]"):
            to_frame(results)
        return
    frame = to_frame(results)
    assert list(frame.columns) == list(CSV_COLUMNS)
    assert len(frame) == sum(len(r.statements) for r in results)
    assert list(frame["id"].unique()) == [0, 1, 2]
    assert frame["text"].iloc[0] == results[0].statements[0]["text"]


def test_to_frame_without_pandas_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(ImportError, match=r"pip install 'reliability\[pandas\]'"):
        to_frame(score_many(SHORT[:1]))


def test_result_to_dict_is_the_json_document():
    ok = Result("d", [{"index": 0}], [], {"k": 1})
    failed = Result("e", error="missing 'text' field", where="<stdin>:2")
    assert ok.to_dict() == {"id": "d", "meta": {"k": 1}, "statements": [{"index": 0}],
                            "disclaimers": []}
    assert failed.to_dict()["error"] == "missing 'text' field"


# --- the command line ------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "news"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(SHORT[0], "utf-8")
    (root / "sub" / "b.md").write_text("# Road news\n\n" + SHORT[1], "utf-8")
    (root / "c.html").write_text(
        "<html><head><title>Site</title><script>var x = 'Hidden claim said.';</script></head>"
        "<body><h1>Road news</h1><p>The <b>mayor</b> said the road was closed.</p>"
        "<style>p {color: red}</style></body></html>", "utf-8")
    (root / "notes.csv").write_text("not,an,article\n", "utf-8")
    return root


def jsonl(out):
    return [json.loads(line) for line in out.splitlines()]


def test_several_files_in_the_order_given(capsys, tmp_path):
    paths = []
    for name, text in zip("zab", SHORT):
        paths.append(tmp_path / f"{name}.txt")
        paths[-1].write_text(text, "utf-8")
    code, out, err = run_cli(capsys, "score", *map(str, paths))
    records = jsonl(out)
    assert code == 0
    assert [r["id"] for r in records if r["index"] == 0] == [str(p) for p in paths]
    assert "3 records in, 3 scored, 0 failed" in err


def test_a_folder_is_read_recursively_with_html_stripped(capsys, folder):
    code, out, err = run_cli(capsys, "analyze", str(folder))
    records = jsonl(out)
    ids = list(dict.fromkeys(r["id"] for r in records))
    assert code == 0
    assert ids == [str(folder / "a.txt"), str(folder / "c.html"), str(folder / "sub" / "b.md")]
    html = [r["text"] for r in records if r["id"].endswith("c.html")]
    assert html == ["Road news", "The mayor said the road was closed."]
    assert "3 records in, 3 analysed, 0 failed" in err


def test_jsonl_on_stdin_keeps_ids_and_passes_other_fields_under_meta(capsys, monkeypatch):
    lines = [
        {"id": "n1", "text": SHORT[0], "url": "https://example.org/1", "section": "city"},
        {"text": SHORT[1]},
    ]
    set_stdin(monkeypatch, "".join(json.dumps(r) + "\n" for r in lines).encode())
    code, out, _ = run_cli(capsys, "score", "-")
    records = jsonl(out)
    assert code == 0
    assert records[0]["id"] == "n1"
    assert records[0]["meta"] == {"url": "https://example.org/1", "section": "city"}
    assert {r["id"] for r in records[1:]} >= {"line 2"}
    assert "meta" not in records[-1]
    assert all(r["label"] in (None, "unsupported", "hedged", "attributed", "established")
               for r in records)


def test_a_jsonl_file_argument_is_read_as_records_with_file_and_line(capsys, tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "The mayor said the road was closed."}\n\n'
                     b'{"id": "b", "text": "unterminated\n')
    code, out, err = run_cli(capsys, "analyze", str(path), "--errors", str(tmp_path / "errors.jsonl"))
    records = jsonl(out)
    assert {r["id"] for r in records} == {"a"}
    failed = jsonl((tmp_path / "errors.jsonl").read_text())
    assert failed[0]["id"] == "b" and failed[0]["where"] == f"{path}:3"


BAD_STREAM = b"\n".join([
    b'{"id": "ok1", "text": "The mayor said the road was closed."}',
    b'{"id": "broken", "text": "unterminated',
    b'{"id": "no-text", "body": "x"}',
    b'{"id": "bytes", "text": "caf\xe9"}',
    b'["not", "an", "object"]',
    b'{"id": "ok2", "text": "Officials claimed it was open."}',
]) + b"\n"


def test_bad_stdin_records_are_reported_and_the_rest_is_scored(capsys, monkeypatch, tmp_path):
    set_stdin(monkeypatch, BAD_STREAM)
    errors = tmp_path / "errors.jsonl"
    code, out, err = run_cli(capsys, "score", "-", "--errors", str(errors))
    assert code == 1
    assert [r["id"] for r in jsonl(out)] == ["ok1", "ok2"]
    messages = [line for line in err.splitlines() if line.startswith("reliability: <stdin>")]
    assert messages == [
        "reliability: <stdin>:2: id 'broken': invalid JSON (Unterminated string starting"
        " at column 26)",
        "reliability: <stdin>:3: id 'no-text': missing 'text' field",
        "reliability: <stdin>:4: id 'bytes': not valid UTF-8 (byte offset 28)",
        "reliability: <stdin>:5: id 'line 5': expected a JSON object, got list",
    ]
    failed = jsonl(errors.read_text("utf-8"))
    assert [(f["where"], f["id"]) for f in failed] == [
        ("<stdin>:2", "broken"), ("<stdin>:3", "no-text"), ("<stdin>:4", "bytes"),
        ("<stdin>:5", "line 5")]
    assert failed[1]["error"] == "missing 'text' field" and failed[1]["meta"] == {"body": "x"}
    assert err.splitlines()[-1] == "reliability: 6 records in, 2 scored, 4 failed"


def test_a_broken_first_line_is_still_read_as_jsonl(capsys, monkeypatch):
    set_stdin(monkeypatch, b'\n{"id": 1, "text": \n{"id": 2, "text": "The mayor said so."}\n')
    code, out, err = run_cli(capsys, "analyze", "-")
    assert code == 1
    assert [r["id"] for r in jsonl(out)] == [2]
    assert "<stdin>:2: id 1: invalid JSON" in err
    assert "2 records in, 1 analysed, 1 failed" in err


def test_an_undecodable_file_in_a_folder_does_not_stop_the_folder(capsys, folder, tmp_path):
    (folder / "bad.txt").write_bytes(b"First line.\nSecond \xff line.\n")
    errors = tmp_path / "errors.jsonl"
    code, out, err = run_cli(capsys, "analyze", str(folder), "--errors", str(errors))
    assert code == 1
    assert len({r["id"] for r in jsonl(out)}) == 3
    assert f"reliability: {folder / 'bad.txt'}: id '{folder / 'bad.txt'}': line 2: not valid UTF-8" in err
    assert jsonl(errors.read_text("utf-8"))[0]["id"] == str(folder / "bad.txt")
    assert "4 records in, 3 analysed, 1 failed" in err


def test_quiet_prints_no_summary(capsys, folder):
    code, out, err = run_cli(capsys, "analyze", str(folder), "--quiet")
    assert code == 0 and out and err == ""


def test_quiet_still_reports_failures(capsys, monkeypatch):
    set_stdin(monkeypatch, BAD_STREAM)
    code, _, err = run_cli(capsys, "analyze", "-", "--quiet")
    assert code == 1
    assert len(err.splitlines()) == 4 and "records in" not in err


def test_no_progress_bar_when_stderr_is_not_a_terminal(capsys, folder):
    _, _, err = run_cli(capsys, "analyze", str(folder))
    assert "\r" not in err and "docs/s" not in err


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_on_a_terminal(capsys, monkeypatch, folder):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    code = main(["analyze", str(folder)])
    shown = terminal.getvalue()
    assert code == 0
    assert "3/3 docs" in shown and "docs/s" in shown and "statements/s" in shown and "ETA" in shown
    last = shown.rsplit("\r", 1)[-1]  # the bar is cleared before the summary
    assert last == "reliability: 3 records in, 3 analysed, 0 failed\n"


def test_csv_has_a_header_and_one_row_per_statement(capsys, folder):
    _, expected, _ = run_cli(capsys, "score", str(folder))
    code, out, _ = run_cli(capsys, "score", str(folder), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0
    assert rows[0] == list(CSV_COLUMNS)
    body = [dict(zip(rows[0], row)) for row in rows[1:]]
    statements = jsonl(expected)
    assert len(body) == len(statements)
    assert [(b["id"], b["text"], b["label"]) for b in body] == [
        (s["id"], s["text"], s["label"] or "") for s in statements]


def test_table_has_one_section_per_document(capsys, folder):
    code, out, _ = run_cli(capsys, "score", str(folder), "--format", "table")
    sections = [line[3:] for line in out.splitlines() if line.startswith("== ")]
    assert code == 0
    assert sections == [str(folder / "a.txt"), str(folder / "c.html"), str(folder / "sub" / "b.md")]
    assert out.count("#    kind") == 3


def test_json_format_is_one_object_per_document(capsys, folder):
    _, out, _ = run_cli(capsys, "score", str(folder), "--format", "json")
    docs = jsonl(out)
    assert [d["id"] for d in docs] == [str(folder / "a.txt"), str(folder / "c.html"),
                                       str(folder / "sub" / "b.md")]
    assert all(set(d) == {"id", "statements", "disclaimers"} for d in docs)


def test_cli_n_jobs_2_writes_the_same_bytes_as_n_jobs_1(capsys, tmp_path):
    for i, text in enumerate(TEXTS * 3):
        (tmp_path / f"{i:02d}.txt").write_text(text, "utf-8")
    _, one, _ = run_cli(capsys, "score", str(tmp_path), "--quiet")
    _, two, _ = run_cli(capsys, "score", str(tmp_path), "--quiet", "--n-jobs", "2")
    assert one and two == one
