"""Source typing from lexicons."""

import pytest

from reliability.sources import PhraseIndex, source_type, tokenize
from reliability.lexicon import Entry


@pytest.mark.parametrize("text, expected", [
    ("Maria Lopez", "named_person"),
    ("Gov. Jane Doe", "named_person"),
    ("Health Minister Jane Doe", "named_person"),
    ("Maria Lopez, a spokeswoman for the regional health authority", "named_person"),
    ("the mayor", "official"),
    ("the health minister", "official"),
    ("the Pentagon", "official"),
    ("police", "official"),
    ("the ministry", "official"),
    ("Acme Corp.", "organization"),
    ("Harvard University", "organization"),
    ("the company", "organization"),
    ("Reuters", "media"),
    ("The New York Times", "media"),
    ("Fox News", "media"),
    ("the newspaper", "media"),
    ("the report", "document"),
    ("a video posted on the governor's page", "document"),
    ("court filings", "document"),
    ("a source", "anonymous"),
    ("sources", "anonymous"),
    ("a person familiar with the matter", "anonymous"),
    ("officials who spoke on condition of anonymity", "anonymous"),
    ("a ministry spokesman who asked not to be named", "anonymous"),
    ("F.B.I. officials", "anonymous"),
    ("one of the soldiers", "anonymous"),
    ("a senior official", "anonymous"),
    ("a witness", "anonymous"),
    ("analysts", "vague"),
    ("experts", "vague"),
    ("critics", "vague"),
    ("many", "vague"),
    ("some", "vague"),
    ("residents", "vague"),
    ("witnesses", "vague"),
    ("he", "named_person"),
    ("they", "vague"),
    # unnamed plurals: ordinary people are collective, officials anonymous
    ("Several neighbours", "vague"),
    ("Local residents", "vague"),
    ("Some parents", "vague"),
    ("Residents", "vague"),
    ("Election monitors", "vague"),
    ("Officials", "anonymous"),
    ("Thai officials", "anonymous"),
    ("Two workers who survived", "anonymous"),
    ("Two residents reached by phone", "anonymous"),
    # a count's lead ("about", "at least") does not hide the count, and a
    # share of a group is typed by the group
    ("About 300 residents", "anonymous"),
    ("At least 12 witnesses", "anonymous"),
    ("Up to 49% of owners", "vague"),
    ("60% of voters", "vague"),
    ("Nearly half of the voters", "vague"),
    ("More than 40 lawmakers", "anonymous"),
    # plural generic bodies are collective
    ("Civic groups in the northern province", "vague"),
    ("Aid agencies", "vague"),
    ("Supporters' groups", "vague"),
    # anonymity in an apposition or a post-modifier
    ("A nurse at the district hospital, who asked not to be named", "anonymous"),
    ("a diplomat speaking privately", "anonymous"),
    ("people with knowledge of the talks", "anonymous"),
    ("a prominent chemist at a Dutch university", "anonymous"),
    # an unnamed spokesperson of a named body (LABELS.md rule 6)
    ("An FIA spokesman", "anonymous"),
    ("A Police Scotland spokeswoman", "anonymous"),
    # a name in apposition to a role names the source
    ("The club's chairman, Tom Baird", "named_person"),
    ("His lawyer, Anna Berg", "named_person"),
    ("A company spokesman, Derek Hale", "named_person"),
    ("One of the players involved, Lena Ortiz", "named_person"),
    ("The warehouse's owner, Dunmore Freight Logistics", "organization"),
    ("Kestrel, a mining company", "organization"),
    ("The federal environmental agency, Ibama", "official"),
    # governments: countries and capitals
    ("Ukraine", "official"),
    ("North Korea", "official"),
    ("Moscow", "official"),
    ("Ukraine's military", "official"),
    ("the state weather agency", "official"),
    ("The coast guard", "official"),
    # companies named by a company noun or a company word
    ("security firm Brightwall", "organization"),
    ("Norwegian startup Fjordel", "organization"),
    ("Harlan Stevedores", "organization"),
    # documents with a participle or a "by" phrase after them
    ("figures compiled by the ministry", "document"),
    ("Preliminary tests by the regulator", "document"),
])
def test_source_type(text, expected):
    assert source_type(text) == expected


def test_tokens_keep_offsets_and_abbreviations():
    text = "Mr. Clarke told the U.S. Senate."
    tokens = tokenize(text)
    assert [t.norm for t in tokens] == ["mr", "clarke", "told", "the", "u.s", "senate", "."]
    assert all(text[t.start:t.end].lower().replace(".", "") == t.norm.replace(".", "") for t in tokens)


def test_shares_of_shares_are_typed_without_recursion():
    # a public function: a pathological phrase must not exhaust the stack
    assert source_type("half of " * 2000 + "the residents") == "vague"


def test_numbers_with_separators_are_one_token():
    text = "Some 2,000 protesters, 3.5% of them, paid $1.2 million in 2016."
    assert [t.norm for t in tokenize(text)] == [
        "some", "2,000", "protesters", ",", "3.5", "%", "of", "them", ",", "paid", "$", "1.2",
        "million", "in", "2016", "."]


def test_phrase_index_expands_markers_longest_first():
    idx = PhraseIndex([Entry("say+", "neutral"), Entry("point+ out", "neutral"), Entry("rumour~", "r")])
    tokens = tokenize("She pointed out rumours and says so.")
    found = [(" ".join(t.norm for t in tokens[i:j]), e.phrase) for i, j, e in idx.matches(tokens)]
    assert found == [("pointed out", "point+ out"), ("rumours", "rumour~"), ("says", "say+")]


def test_phrase_index_none_rows_silence_later_forms():
    idx = PhraseIndex([Entry("says", "none"), Entry("say+", "neutral")])
    tokens = tokenize("She says so, as she said before.")
    assert [tokens[i].norm for i, _, _ in idx.matches(tokens)] == ["said"]
