"""Coreference of sources within a document."""

import pytest

from reliability.attribution import attribute
from reliability.coref import owner_of


def _chains(sentences):
    text = " ".join(sentences)
    spans, pos = [], 0
    for s in sentences:
        spans.append((pos, pos + len(s)))
        pos += len(s) + 1
    return attribute(text, spans)


# sentences, index of the statement to check, (source as written, resolved, type) of its last link
CASES = [
    (["Maria Lopez runs the clinic.", "Lopez said the ward was full."], 1,
     ("Lopez", "Maria Lopez", "named_person")),
    (["Maria Lopez said the ward was full.", "She said more beds were needed."], 1,
     ("She", "Maria Lopez", "named_person")),
    (["The mayor said roads were closed.", "He said they would reopen soon."], 1,
     ("He", "The mayor", "official")),
    # "he"/"she" with no one named: a person by role, never a body
    (["A ministry spokesman said 12 people died.", "He said the toll could rise."], 1,
     ("He", "A ministry spokesman", "anonymous")),
    (["Police said a woman was hurt.", "She said a car had struck her."], 1,
     ("She", "She", "named_person")),
    (["The ministry said roads were closed.", "It said they would reopen."], 1,
     ("It", "The ministry", "official")),
    (["Analysts said prices would rise.", "They said wages would lag."], 1,
     ("They", "Analysts", "vague")),
    (["Greenpeace International said the spill was large.", "The group said it would sue."], 1,
     ("The group", "Greenpeace International", "organization")),
    (["The Interior Ministry said the border was shut.", "The ministry said it would reopen."], 1,
     ("The ministry", "The Interior Ministry", "official")),
    (["Acme Corp. said sales fell.", "The company said it would cut jobs."], 1,
     ("The company", "Acme Corp.", "organization")),
    (["A UN report said the dam failed.", "The report said 40 people died."], 1,
     ("The report", "A UN report", "document")),
    (["Reuters reported the talks failed.", "The agency said both sides left."], 1,
     ("The agency", "Reuters", "media")),
    (["Mr. Clarke said the mine would reopen.", "Clarke said jobs would return."], 1,
     ("Clarke", "Mr. Clarke", "named_person")),
    (["Donald Trump spoke on Monday.", "Trump said the polls were wrong."], 1,
     ("Trump", "Donald Trump", "named_person")),
    (["The mayor said roads were closed.", "Jane Doe said they were open."], 1,
     ("Jane Doe", "Jane Doe", "named_person")),
    # a one-word company name: the text calls it a company somewhere
    (["Norwegian startup Fjordel raised funds in May.", "Fjordel said sales doubled."], 1,
     ("Fjordel", "startup Fjordel", "organization")),
    (["Harlan Stevedores cut 40 jobs.", "Harlan said ships were waiting."], 1,
     ("Harlan", "Harlan Stevedores", "organization")),
    (["Meridan Foods Plc is exploring a sale.", "Meridan said it had hired advisers."], 1,
     ("Meridan", "Meridan Foods Plc", "organization")),
    # ... or takes it up with "it" and never writes a first name
    (["Blackfen published a report on Monday.", "Blackfen said it had sold the shares."], 1,
     ("Blackfen", "Blackfen", "organization")),
    (["Okafor said he would appeal the ruling."], 0,
     ("Okafor", "Okafor", "named_person")),
    # a sentence-initial common noun the text also writes in lower case
    (["Rescuers said the road was blocked.", "More rescuers arrived later."], 0,
     ("Rescuers", "Rescuers", "vague")),
    # "the agency" refers back to an outlet, but alone it is a government body
    (["The weather agency said the storm would pass."], 0,
     ("The weather agency", "The weather agency", "official")),
]


@pytest.mark.parametrize("sentences, index, expected", CASES)
def test_resolution(sentences, index, expected):
    link = _chains(sentences)[index][-1]
    assert (link.source.text, link.resolved, link.type) == expected


def test_relative_pronoun_resolves_to_the_noun_before_it():
    (chain,) = _chains(["Jane Doe, who said the bridge was safe, left."])
    assert (chain[0].source.text, chain[0].resolved) == ("who", "Jane Doe")


@pytest.mark.parametrize("text, expected", [
    ("the group's report", ("the group", None)),
    ("a video posted by the ministry", ("the ministry", "posted")),
    ("a video posted on the governor's page", ("the governor", "posted")),
    ("a clip the minister posted", ("the minister", "posted")),
    ("a report", None),
])
def test_owner_of_document(text, expected):
    owner = owner_of(text, 0, len(text))
    got = None if owner is None else (owner.source.text, owner.cue.text if owner.cue else None)
    assert got == expected
