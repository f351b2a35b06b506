"""analyze(): the whole analysis layer on text, as a user calls it."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reliability
from reliability.segment import Segment

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))

# Words that exercise every stage: cues, sources, quotes, notes, boilerplate.
VOCABULARY = [
    "The", "ministry", "said", "claimed", "denied", "it", "provided", "no", "evidence", "for",
    "the", "claim", "according", "to", "officials", "may", "reportedly", "about", "300", "people",
    "Reuters", "could", "not", "independently", "verify", "Read", "more", "By", "Jane", "Doe",
    "“We", "are", "leaving,”", "he", "told", "reporters", '"', "—", ".", ",", "\n", "\n\n", "Mr.",
    "U.S.", "geolocated", "by", "AFP", "video", "posted", "shows", "a", "soldier", "saying",
]


def check_document(text, doc):
    assert doc.text == text
    previous_end = 0
    for index, statement in enumerate(doc.statements):
        assert statement.index == index
        assert text[statement.start:statement.end] == statement.text
        assert statement.start >= previous_end, "statements overlap or are out of order"
        previous_end = statement.end
        assert statement.kind in reliability.types.KINDS
        for span in [*statement.hedges, *statement.evidence]:
            assert statement.start <= span.start < span.end <= statement.end
            assert text[span.start:span.end] == span.text
        for link in statement.attribution:
            for part in (link.source, link.cue, link.content):
                if part is not None:
                    assert text[part.start:part.end] == part.text
            assert link.type in reliability.types.SOURCE_TYPES
            if link.carried_from is not None:  # named in an earlier statement
                earlier = doc.statements[link.carried_from]
                assert link.carried_from < index
                assert earlier.start <= link.source.start < link.source.end <= earlier.end
        context = statement.context
        for other in (*context.noted_by, *context.denied_by,
                      *(x for x in (context.evidence_note_for, context.denial_of) if x is not None)):
            assert 0 <= other < len(doc.statements) and other != index
    for disclaimer in doc.disclaimers:
        assert text[disclaimer.start:disclaimer.end] == disclaimer.text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=60).map(" ".join))
def test_any_text_gives_valid_ordered_spans_and_the_same_result_twice(text):
    doc = reliability.analyze(text)
    check_document(text, doc)
    assert reliability.analyze(text) == doc


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_raises(text):
    check_document(text, reliability.analyze(text))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_articles_analyse_with_valid_spans(path):
    text = path.read_text("utf-8")
    doc = reliability.analyze(text)
    check_document(text, doc)
    kinds = {s.kind for s in doc.statements}
    assert {"headline", "statement"} <= kinds
    assert any(s.attribution for s in doc.statements)


def test_a_quotation_that_runs_on_keeps_its_speaker():
    text = 'Port to reopen\n\n"We will reopen on Monday," the harbour master said. "Ships are waiting."'
    doc = reliability.analyze(text)
    check_document(text, doc)
    said, runs_on = doc.statements[1:]
    assert said.attribution[0].carried_from is None
    link = runs_on.attribution[0]
    assert (link.resolved, link.carried_from, link.content.text) == ("the harbour master", 1, "Ships are waiting.")
    assert runs_on.to_dict()["attribution"][0]["carried_from"] == 1


def test_the_agency_example_from_the_docs():
    text = "The agency claimed rebels shelled the school. It provided no evidence."
    claim, note = reliability.analyze(text).statements
    assert [h.text for h in claim.hedges] == ["claimed"]
    assert claim.attribution[0].source.text == "The agency"
    assert note.kind == "evidence_note"
    assert note.context.evidence_note_for == 0 and claim.context.noted_by == (1,)


def test_given_segments_are_kept_and_roles_still_found():
    text = "Officials said the dam held.\n\nThe claim could not be verified."
    doc = reliability.analyze(text, segments=[Segment(0, 28, "statement"), Segment(30, len(text), "statement")])
    assert [s.text for s in doc.statements] == ["Officials said the dam held.", "The claim could not be verified."]
    assert doc.statements[1].kind == "evidence_note"


def test_a_disclaimer_scopes_over_every_scored_statement():
    text = ("Rebels say they hold the town\n\nThe rebels said they had taken the town. "
            "The army said it still held the centre. Reuters could not independently verify the claims "
            "made by either side.")
    doc = reliability.analyze(text)
    assert [d.text for d in doc.disclaimers] == [
        "Reuters could not independently verify the claims made by either side."]
    scored = [s for s in doc.statements if s.kind in ("statement", "headline")]
    assert scored and all(s.context.disclaimer for s in scored)


def test_non_text_input_is_a_clear_type_error():
    with pytest.raises(TypeError, match="analyze\\(\\) needs a str, got bytes"):
        reliability.analyze(b"bytes")
