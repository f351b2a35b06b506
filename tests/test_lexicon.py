"""Lexicon files and the phrase matcher every stage uses."""

import pytest

from reliability import lexicon
from reliability.lexicon import Entry, PhraseMatcher, expand, verb_forms


@pytest.mark.parametrize(
    "lemma, forms",
    [
        ("claim", ("claim", "claims", "claimed", "claiming")),
        ("deny", ("deny", "denied", "denies", "denying")),
        ("note", ("note", "notes", "noted", "noting")),
        ("admit", ("admit", "admits", "admitted", "admitting")),
        ("agree", ("agree", "agrees", "agreed", "agreeing")),
        ("say", ("say", "said", "says", "saying")),
    ],
)
def test_verb_forms(lemma, forms):
    assert set(verb_forms(lemma)) == set(forms)


@pytest.mark.parametrize(
    "phrase, forms",
    [
        ("provide+ no evidence", {"provide no evidence", "provides no evidence", "provided no evidence",
                                  "providing no evidence"}),
        ("rumour~", {"rumour", "rumours"}),
        ("according to", {"according to"}),
    ],
)
def test_expand_markers(phrase, forms):
    assert set(expand(phrase)) == forms


MATCHER = PhraseMatcher([
    Entry("claim+", "distancing"),
    Entry("claim+ responsibility", "admission"),
    Entry("could not be verified", "unverified"),
    Entry("didn't confirm", "unverified"),
])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He claimed it.", [("claimed", "distancing")]),
        ("He CLAIMED it.", [("CLAIMED", "distancing")]),
        ("They claimed responsibility.", [("claimed responsibility", "admission")]),  # longest first
        ("It could not\n be   verified.", [("could not\n be   verified", "unverified")]),
        ("She didn’t confirm.", [("didn’t confirm", "unverified")]),  # curly apostrophe
        ("The reclaimed land.", []),  # whole words only
        ("A claim-based fund.", []),  # hyphenated words are one word
        ("İİ CLAIMED İ", [("CLAIMED", "distancing")]),  # lower case is longer than the text
    ],
)
def test_phrase_matcher_finds_whole_words_longest_first(text, expected):
    found = [(text[s:e], entry.category) for s, e, entry in MATCHER.finditer(text)]
    assert found == expected


def test_phrase_matcher_respects_the_window_and_matches_at_a_position():
    text = "He claimed it, she claimed too."
    assert [s for s, _, _ in MATCHER.finditer(text, 10)] == [19]
    assert MATCHER.match_at(text, 3) == 10
    assert MATCHER.match_at(text, 4) is None
    assert MATCHER.entry_for("Claims").category == "distancing"


def test_every_shipped_lexicon_reads():
    from importlib import resources

    names = [p.name[:-4] for p in resources.files("reliability").joinpath("lexicons").iterdir()
             if p.name.endswith(".tsv")]
    assert len(names) >= 15
    for name in names:
        assert lexicon.read(name), name


def test_a_malformed_lexicon_line_names_file_and_line(monkeypatch):
    class Fake:
        def joinpath(self, *parts):
            return self

        def read_text(self, encoding):
            return "claim+\tdistancing\nno category here\n"

    monkeypatch.setattr(lexicon.resources, "files", lambda package: Fake())
    lexicon.read.cache_clear()
    try:
        with pytest.raises(ValueError, match="lexicon broken.tsv line 2"):
            lexicon.read("broken")
    finally:
        lexicon.read.cache_clear()
