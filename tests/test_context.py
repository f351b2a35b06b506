"""Tests for reliability.context: evidence notes, denials and disclaimer scope
resolved over short documents (LABELS.md, "Document context" and "Disputes
and denials")."""

from __future__ import annotations

import pytest

from reliability.pipeline import analyze
from reliability.types import SCORED_KINDS

# ---------------------------------------------------------------------------
# Evidence notes point back at the statement they comment on
# ---------------------------------------------------------------------------

NOTE_CASES = [
    # the preceding statement
    (
        "The mayor said the bridge would reopen in May. The union claimed that 300 jobs would go."
        " It gave no evidence.",
        2,
        1,
    ),
    # the earlier statement from the note's own subject, not the preceding one
    (
        "The ministry spokesman said 40 rebels had been killed. Residents said the market had"
        " reopened. The ministry spokesman gave no evidence for the toll.",
        2,
        0,
    ),
    # a pronoun subject: the nearest statement with a source, not the writer's
    (
        "The union claimed that 300 jobs would go. The plant opened in 1974. It gave no evidence.",
        2,
        0,
    ),
    # a contradiction in the writer's voice points back too
    (
        "The driver told police he had braked before the crossing. Shops on the street were closed."
        " The dashcam video does not show the driver braking.",
        2,
        1,
    ),
    # two coordinated clauses about the evidence
    (
        "The coach claimed the referee had been paid by the home side. The coach offered no"
        " evidence, and the federation said it had received no complaint about the referee"
        " from either club this season.",
        1,
        0,
    ),
]


VERIFYING_NOTE_CASES = [
    # an independent check of an earlier claim, naming what it checked
    (
        "The club claimed its stadium would seat 40,000 fans. Inspectors from the regional"
        " building authority independently verified the 40,000 seats.",
        1,
        0,
    ),
    (
        "Union leader Marcy Devereaux claimed the deal gives workers raises of 4% a year. A copy"
        " of the contract reviewed by The Associated Press confirms the 4% raises.",
        1,
        0,
    ),
]


@pytest.mark.parametrize("text, note, target", NOTE_CASES + VERIFYING_NOTE_CASES)
def test_evidence_note_points_back(text, note, target):
    doc = analyze(text)
    assert doc.statements[note].kind == "evidence_note"
    assert doc.statements[note].context.evidence_note_for == target
    assert doc.statements[target].context.noted_by == (note,)
    others = [s for s in doc.statements if s.index not in (note, target)]
    assert all(not s.context.noted_by for s in others)


@pytest.mark.parametrize("text", [
    # a source reporting a check of its own makes a statement, not a note
    "The company said the water was safe. State officials said tests had confirmed the water was safe.",
    # the same source confirming itself verifies nothing
    "The company said the plant would close. The company later confirmed the plant would close.",
    # a confirmation about something else
    "The mayor said the bridge would reopen in May. Police confirmed the death of a cyclist.",
    # a check that reports a finding of its own, sharing the claim's words
    "Police said the suspect fled the scene in a car. Officers later confirmed the suspect was arrested"
    " at the scene.",
])
def test_verification_is_a_note_only_about_another_source_s_claim(text):
    doc = analyze(text)
    assert [s.kind for s in doc.statements] == ["statement", "statement"]
    assert doc.statements[0].context.noted_by == ()


# ---------------------------------------------------------------------------
# A denial is linked to the claim it denies
# ---------------------------------------------------------------------------

DENIAL_CASES = [
    ("The rebels said they had shot down a jet. The army denied it.", 1, 0),
    # a writer's-voice statement in between is never the target
    (
        "The rebels said they had shot down a jet. The airport was closed on Sunday."
        " The army denied that.",
        2,
        0,
    ),
    # nor is the denier's own earlier statement
    (
        "The union said the plant would close. The company said it had hired 40 workers."
        " The company disputed the union's figure.",
        2,
        0,
    ),
    # a denial phrased as "called it fiction", "said the report was untrue"
    (
        "The lawmaker said she had been offered a bribe. The party called her account pure fiction.",
        1,
        0,
    ),
    ("Local media reported that the minister had resigned. Her office said the report was untrue.", 1, 0),
    # a headline denial denies the claim the body reports after it
    (
        "Port operator denies rebel claim of drone strike on tanker\n"
        "The rebels said on Sunday that their drones had struck a tanker in the port."
        " Shipping through the port fell by a third in March.",
        0,
        1,
    ),
]


@pytest.mark.parametrize("text, denial, claim", DENIAL_CASES)
def test_denial_links_to_the_claim_it_denies(text, denial, claim):
    doc = analyze(text)
    assert doc.statements[denial].context.denial_of == claim
    assert denial in doc.statements[claim].context.denied_by


# An implicit denial: another source says the opposite with no denial word
IMPLICIT_DENIAL_CASES = [
    (
        "Local newspapers reported that two former directors had been arrested."
        " A Police Scotland spokeswoman said no arrests had been made.",
        1,
        0,
    ),
    (
        "The union said the plant had failed a safety inspection in May."
        " The company said the plant had never failed an inspection.",
        1,
        0,
    ),
    # "no such" points back at the claim even with no word in common
    (
        "The mayor said she met the developer in March. The developer's lawyer said no such"
        " meeting took place.",
        1,
        0,
    ),
    # a quotation that opens by negating, before its speaker
    (
        "A post on Facebook claimed that a child had been placed in intensive care."
        ' "No child has been admitted to intensive care," the health department said.',
        1,
        0,
    ),
    # past a writer's-voice statement, when it shares enough words
    (
        "The rebels said they had captured the airport at Goma. The airport was closed on Sunday."
        " The army said no rebels had captured the airport at Goma.",
        2,
        0,
    ),
    # a rebuttal in the writer's voice links to the claim it contradicts
    (
        "A health website reported that the study showed home air purifiers prevent dementia."
        " The study did not look at air purifiers at all.",
        1,
        0,
    ),
]


@pytest.mark.parametrize("text, denial, claim", IMPLICIT_DENIAL_CASES)
def test_implicit_denial_links_to_the_claim_it_contradicts(text, denial, claim):
    doc = analyze(text)
    assert doc.statements[denial].context.denial_of == claim
    assert doc.statements[claim].context.denied_by == (denial,)


NO_IMPLICIT_DENIAL_CASES = [
    # the writer's commitment stands
    "The plant failed a safety inspection in May. The company said the plant had never failed"
    " an inspection.",
    # an unrelated later "no"
    "The minister said the bridge would reopen in May. The union said no strike was planned for"
    " the summer.",
    # the same speaker, named in an appositive first
    "The trust's chief executive, Helen Ashdown, said 40 patients had waited overnight. Ashdown"
    " also said no patient had waited more than two days.",
    # the negation belongs to the source ("who asked not to be named")
    "The mayor said the tunnel was safe. A worker, who asked not to be named, said the tunnel had"
    " flooded twice.",
    # a vague source's view, not a denial
    "The agency said the drug cut liver damage. Some specialists said the drug may not cut liver"
    " damage.",
    # a quotation that negates but shares too little: a view
    'The union said the plant would close. "We are not going anywhere," the plant manager said.',
    # a writer's-voice rebuttal never targets a writer's-voice statement
    "Home air purifiers cut the risk of dementia. The study did not look at air purifiers at all.",
    # a writer's-voice "no" that shares nothing with the claim
    "A health website reported that the study showed home air purifiers prevent dementia."
    " The library has no plans to close.",
]


def assert_no_denial_links(doc):
    assert all(s.context.denial_of is None for s in doc.statements)
    assert all(not s.context.denied_by for s in doc.statements)


@pytest.mark.parametrize("text", NO_IMPLICIT_DENIAL_CASES)
def test_no_implicit_denial(text):
    assert_no_denial_links(analyze(text))


WRITER_VOICE_CASES = [
    # the writer's commitment stands: no earlier claim from a source to deny
    "The bridge reopened on Monday. The company denied that.",
    # a headline denial whose body has only writer's-voice statements
    "Company denies plant will close\nThe plant employs 400 people. It opened in 1974.",
]


@pytest.mark.parametrize("text", WRITER_VOICE_CASES)
def test_writer_voice_is_never_denied(text):
    assert_no_denial_links(analyze(text))


SELF_DENIAL_CASES = [
    # a claim and its denial in one sentence: nothing earlier is denied
    "The mayor said the tunnel was safe. The senator said the bill would cut turnout, a charge"
    " the governor denied.",
    "The mayor said the tunnel was safe. Reports that the governor had resigned were false,"
    " her office said.",
    "Union says plant will close; company disputes it\nThe mayor said the tunnel was safe.",
]


@pytest.mark.parametrize("text", SELF_DENIAL_CASES)
def test_claim_denied_in_its_own_sentence_links_nothing(text):
    assert_no_denial_links(analyze(text))


# ---------------------------------------------------------------------------
# A disclaimer scopes over every scored statement of its document
# ---------------------------------------------------------------------------

DISCLAIMER_CASES = [
    (
        "The rebels said they had taken the town. The army said it still held the town."
        " We could not independently verify the claims made by either side.",
        2,
    ),
    (
        "Reuters could not independently verify the accounts given by either side."
        " The rebels said they had taken the town. Residents said gunfire continued overnight.",
        0,
    ),
]


@pytest.mark.parametrize("text, disclaimer", DISCLAIMER_CASES)
def test_disclaimer_scope_is_recorded_on_every_scored_statement(text, disclaimer):
    doc = analyze(text)
    assert doc.statements[disclaimer].kind == "disclaimer"
    assert [d.text for d in doc.disclaimers] == [doc.statements[disclaimer].text]
    for st in doc.statements:
        assert st.context.disclaimer == (st.kind in SCORED_KINDS)


def test_no_disclaimer_no_scope():
    doc = analyze("The rebels said they had taken the town. The army denied it.")
    assert not any(s.context.disclaimer for s in doc.statements)
