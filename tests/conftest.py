"""Shared fixtures: a tiny labelled corpus written for the tests."""

from __future__ import annotations

import json

import pytest
from hypothesis import settings

# CI must not pass or fail by luck: the property tests draw the same examples
# on every run (explore further with `pytest --hypothesis-seed=N`, or with
# benchmarks/fuzz.py, which draws 100,000+ inputs).
settings.register_profile("reliability", derandomize=True)
settings.load_profile("reliability")

# Four short documents, every level present; enough to fit a classifier.
TINY_CORPUS = [
    ("t1", "headline", "Bridge reopens after repairs", "established"),
    ("t1", "statement", "The Harlow bridge reopened to traffic on Monday after six weeks of repairs.", "established"),
    ("t1", "statement", "The city engineer, Maria Lopez, said the repairs cost $2 million.", "attributed"),
    ("t1", "statement", "Some residents claimed the work had been rushed.", "hedged"),
    ("t1", "statement", "The contractor said the inspection found no cracks.", "unsupported"),
    ("t1", "evidence_note", "It provided no evidence for the claim.", None),
    ("t2", "headline", "Rebels say they downed a jet", "hedged"),
    ("t2", "statement", "Rebel commanders claimed they had shot down an air force jet near the border.", "unsupported"),
    ("t2", "statement", "The army denied that any aircraft had been lost.", "attributed"),
    ("t2", "statement", "The defence ministry said 14 soldiers were wounded in the fighting.", "attributed"),
    ("t2", "statement", "Fighting may spread to the northern province, analysts said.", "hedged"),
    ("t2", "statement", "Satellite images reviewed by the agency show two burned vehicles.", "established"),
    ("t3", "statement", "The company reported a profit of $40 million for the quarter.", "attributed"),
    ("t3", "statement", "Shares rose 4 percent in early trading.", "established"),
    ("t3", "statement", "People familiar with the matter said the chief executive could resign.", "hedged"),
    ("t3", "statement", "The firm conceded that its earlier forecast had been too optimistic.", "established"),
    ("t3", "statement", "A rival alleged that the accounts were manipulated, without evidence.", "unsupported"),
    ("t4", "statement", "The health ministry said 120 new cases were recorded this week.", "attributed"),
    ("t4", "statement", "The outbreak is likely to peak in March, officials said.", "hedged"),
    ("t4", "statement", "A vaccine trial of 3,000 people began on Tuesday.", "established"),
    ("t4", "statement", "Online posts claimed the vaccine caused infertility.", "unsupported"),
    ("t4", "evidence_note", "The claim could not be verified.", None),
]


def corpus_records(rows=TINY_CORPUS):
    records, positions = [], {}
    for doc_id, kind, text, label in rows:
        position = positions.get(doc_id, 0)
        positions[doc_id] = position + 1
        records.append({"doc_id": doc_id, "position": position, "kind": kind, "text": text, "label": label})
    return records


@pytest.fixture
def tiny_corpus_file(tmp_path):
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in corpus_records()) + "\n", "utf-8")
    return path
