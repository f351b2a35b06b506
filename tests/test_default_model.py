"""The shipped model follows LABELS.md on the specification's own examples.

These are the sentences LABELS.md uses to define the levels, scored in
documents of their own: whatever the model learnt from the corpus, a user
reading the specification must get these levels back. Broader behaviour
(hundreds of sources, verbs and contents per rule) is measured by
``benchmarks/behaviour.py``.
"""

import pytest

import reliability


@pytest.mark.parametrize("text, level", [
    # 3: the writer's own voice
    ("The bridge reopened to traffic on Monday.", "established"),
    # 2: an identified source with a neutral reporting frame
    ("The port authority said 40 ships were waiting to dock.", "attributed"),
    ('"We are not leaving. The port stays open," the harbour master said.', "attributed"),
    # 1: a distancing verb, or a vague source, with nothing disputing it
    ("The governor claimed turnout had doubled.", "hedged"),
    ("Many have questioned the timing.", "hedged"),
    # 0: an evidence note says support is missing, or the claim is denied
    ("The agency said rebels had shelled the school. It provided no evidence.", "unsupported"),
    ("The agency claimed rebels shelled the school. It provided no evidence.", "unsupported"),
    ("The rebels said they downed the jet; the army denied it.", "unsupported"),
    # named independent verification lifts to 3, in the sentence or in a note
    ("The video, which the agency geolocated, shows troops entering the town.", "established"),
    ("The agency said rebels had shelled the school. The newspaper confirmed the account with two"
     " witnesses.", "established"),
    # a topic-only hedge and "could" naming an option do not pull a statement down
    ("Trump's alleged ties are under investigation.", "established"),
    ("The department could bring charges.", "established"),
])
def test_labels_md_examples_get_their_level(text, level):
    # the first statement; a second one, where there is one, is an evidence note
    assert reliability.score(text).statements[0].label == level


def test_a_disclaimer_caps_an_attributed_statement_at_hedged():
    doc = reliability.score("We could not independently verify the claims made by either side."
                            " The ministry said 12 people were hurt.")
    assert [s.kind for s in doc.statements] == ["disclaimer", "statement"]
    assert doc.statements[1].label == "hedged"


def test_a_plain_attribution_is_never_unsupported_where_nothing_disputes_it():
    # the package's own docstring example; level 0 needs a sign in the text
    statement = reliability.score("The mayor said the bridge would reopen on Monday.").statements[0]
    assert statement.probabilities["unsupported"] == 0
    assert any("level 0 ruled out" in reason for reason, _, _ in statement.explanation)
