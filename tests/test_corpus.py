"""Reading labelled JSONL: documents rebuilt, every problem named with file and line."""

import json

import pytest

from reliability import corpus


def write(tmp_path, lines):
    path = tmp_path / "data.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"text": "A.", "label": "hedged"', "data.jsonl:2: invalid JSON"),
        ('{"label": "hedged"}', "data.jsonl:2: field 'text' is missing"),
        ('{"text": "A."}', "data.jsonl:2: field 'label' is missing"),
        ('{"text": "A.", "label": "maybe"}', "valid labels are unsupported, hedged, attributed, established"),
        ('{"text": "A.", "label": 7}', "unknown label 7"),
        ('{"text": "A.", "label": null}', "field 'label' is null"),
        ('{"text": "A.", "label": "hedged", "kind": "poem"}', "unknown kind 'poem'"),
        ('{"text": "A.", "label": "hedged", "doc_id": "d"}', "field 'position' is required"),
        ('{"text": "A.", "label": "hedged", "doc_id": "d", "position": -1}', "'position' must be a non-negative integer"),
        ('["A.", "hedged"]', "expected a JSON object"),
        ('{"text": "   ", "label": "hedged"}', "data.jsonl:2: field 'text' is missing or empty"),
        ('{"text": 42, "label": "hedged"}', "data.jsonl:2: field 'text' is missing or empty"),
        ('{"text": "A.", "label": "hedged", "doc_id": ["d"], "position": 0}', "'doc_id' must be a string or number"),
        ('{"text": "A.", "label": "hedged", "acceptable": "established"}', "'acceptable' must be a list of labels"),
        ('{"text": "A.", "label": "hedged", "acceptable": ["sure"]}', "field 'acceptable': unknown label 'sure'"),
    ],
)
def test_bad_lines_name_file_line_and_field(tmp_path, line, message):
    path = write(tmp_path, ['{"text": "Fine.", "label": "established"}', line])
    with pytest.raises(corpus.CorpusError, match=message.replace("(", r"\(")):
        corpus.read_records(path)


def test_undecodable_bytes_name_the_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"text": "ok", "label": 3}\n{"text": "\xff", "label": 3}\n')
    with pytest.raises(corpus.CorpusError, match="bad.jsonl:2: not valid UTF-8"):
        corpus.read_records(path)


def test_duplicate_position_is_an_error(tmp_path):
    path = write(tmp_path, [
        '{"text": "A.", "label": 3, "doc_id": "d", "position": 0}',
        '{"text": "B.", "label": 3, "doc_id": "d", "position": 0}',
    ])
    with pytest.raises(corpus.CorpusError, match="data.jsonl:2: document .* has position 0 twice"):
        corpus.load(path)


@pytest.mark.parametrize("label, expected", [(0, "unsupported"), ("1", "hedged"), (2, "attributed"), ("established", "established")])
def test_labels_as_names_or_numbers(tmp_path, label, expected):
    path = write(tmp_path, [json.dumps({"text": "The bridge reopened.", "label": label})])
    assert corpus.load(path).labels == [expected]


def test_documents_are_rebuilt_in_position_order_with_paragraphs(tmp_path):
    path = write(tmp_path, [
        '{"text": "Second sentence.", "label": 3, "doc_id": "d", "position": 1, "para": 1}',
        '{"text": "Headline here", "label": 3, "doc_id": "d", "position": 0, "para": 0, "kind": "headline"}',
        '{"text": "Third one.", "label": 2, "doc_id": "d", "position": 2, "para": 1}',
    ])
    data = corpus.load(path)
    doc = data.items[0].doc
    assert doc.text == "Headline here\n\nSecond sentence. Third one."
    assert [s.text for s in doc.statements] == ["Headline here", "Second sentence.", "Third one."]
    assert [item.index for item in data.items] == [0, 1, 2]
    assert data.labels == ["established", "established", "attributed"]
    assert doc.statements[0].kind == "headline"


def test_unlabelled_units_give_context_but_no_training_example(tiny_corpus_file):
    data = corpus.load(tiny_corpus_file)
    assert len(data) == 20  # 22 units, 2 evidence notes
    first = data.items[4]
    assert first.statement.text.startswith("The contractor said")
    # the evidence note that follows is part of the document the item sits in
    assert first.doc.statements[5].kind == "evidence_note"
    assert first.statement.context.noted_by == (5,)


def test_context_field_places_the_statement_in_its_document(tmp_path):
    context = "Officials said the dam held. The claim could not be verified."
    path = write(tmp_path, [json.dumps({"text": "Officials said the dam held.", "label": 0, "context": context})])
    item = corpus.load(path).items[0]
    assert item.doc.text == context
    assert item.statement.text == "Officials said the dam held."


def test_fingerprint_changes_with_content(tmp_path):
    path = write(tmp_path, ['{"text": "A.", "label": 3}'])
    before = corpus.fingerprint([path])
    path.write_text('{"text": "B.", "label": 3}\n', "utf-8")
    assert corpus.fingerprint([path]) != before
    assert before[1] == len('{"text": "A.", "label": 3}\n')
