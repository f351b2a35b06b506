"""Tests for reliability.segment: statement boundaries and kinds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reliability.segment import Segment, Segmenter, split

S, H, B = "statement", "headline", "boilerplate"

# A title above each body keeps the body's first line from being read as the
# document's headline where a case is not about headlines.
TITLE = "Port Reopens After Storm\n\n"


def pieces(text: str, segmenter: Segmenter | None = None) -> list[tuple[str, str]]:
    segments = (segmenter or Segmenter()).split(text)
    return [(text[s.start : s.end], s.kind) for s in segments]


CASES = [
    # --- quotations and their attribution -----------------------------------
    pytest.param(
        '"We are not leaving. The port stays open," the harbour master said. Ships are waiting.',
        [('"We are not leaving. The port stays open," the harbour master said.', S),
         ("Ships are waiting.", S)],
        id="multi-sentence quote with attribution after it",
    ),
    pytest.param(
        "“We are not leaving. The port stays open,” the harbour master said.",
        [("“We are not leaving. The port stays open,” the harbour master said.", S)],
        id="curly quotes",
    ),
    pytest.param(
        "“Is the port open?” she asked. Nobody answered.",
        [("“Is the port open?” she asked.", S), ("Nobody answered.", S)],
        id="question in quotes, then lower-case attribution",
    ),
    pytest.param(
        "“Does anybody know what the plan is?” Graham asked. “Neither do I.”",
        [("“Does anybody know what the plan is?” Graham asked.", S), ("“Neither do I.”", S)],
        id="question in quotes, then a named speaker",
    ),
    pytest.param(
        '"It is closed," the mayor said. "We will reopen it. Maybe next week."',
        [('"It is closed," the mayor said.', S), ('"We will reopen it. Maybe next week."', S)],
        id="quote split around the attribution, continuation kept whole",
    ),
    pytest.param(
        '"It is closed," the mayor said, "and it stays closed. Nobody enters." Traders left.',
        [('"It is closed," the mayor said, "and it stays closed. Nobody enters."', S),
         ("Traders left.", S)],
        id="quote continued after a comma is one statement",
    ),
    pytest.param(
        "Then he said, “it was over.” The crowd went home.",
        [("Then he said, “it was over.”", S), ("The crowd went home.", S)],
        id="sentence ends after the closing quote",
    ),
    pytest.param(
        "“We are ready.” She added, “The port is open.”",
        [("“We are ready.”", S), ("She added, “The port is open.”", S)],
        id="a speech verb that opens a new quotation starts a new statement",
    ),
    pytest.param(
        "He called the plan ‘a disgrace.’ The minister resigned.",
        [("He called the plan ‘a disgrace.’", S), ("The minister resigned.", S)],
        id="single curly quotes close a sentence",
    ),
    pytest.param(
        "Critics said the ruling was ''a mistake.'' The court disagreed.",
        [("Critics said the ruling was ''a mistake.''", S), ("The court disagreed.", S)],
        id="doubled apostrophes as quotation marks",
    ),
    # --- abbreviations, initials, numbers ------------------------------------
    pytest.param(
        "Gov. Smith met Sen. Jones, Dr. Lee and Lt. Col. Ray at St. Mary's. They talked.",
        [("Gov. Smith met Sen. Jones, Dr. Lee and Lt. Col. Ray at St. Mary's.", S),
         ("They talked.", S)],
        id="titles never end a sentence",
    ),
    pytest.param(
        "John F. Kennedy spoke at 3 p.m. on Monday. The crowd cheered.",
        [("John F. Kennedy spoke at 3 p.m. on Monday.", S), ("The crowd cheered.", S)],
        id="initials and a.m./p.m.",
    ),
    pytest.param(
        "The meeting began at 3 p.m. The mayor spoke first.",
        [("The meeting began at 3 p.m.", S), ("The mayor spoke first.", S)],
        id="p.m. ends a sentence before a usual opener",
    ),
    pytest.param(
        "He moved to the U.S. The move was hard. U.S. officials met U.N. envoys in Washington, D.C. on Friday.",
        [("He moved to the U.S.", S), ("The move was hard.", S),
         ("U.S. officials met U.N. envoys in Washington, D.C. on Friday.", S)],
        id="dotted initialisms",
    ),
    pytest.param(
        "Sales rose 3.5 percent in Sept. and Oct. this year. The No. 2 official at Acme Inc. resigned Jan. 5.",
        [("Sales rose 3.5 percent in Sept. and Oct. this year.", S),
         ("The No. 2 official at Acme Inc. resigned Jan. 5.", S)],
        id="decimals, months, No., Inc.",
    ),
    pytest.param(
        "She works at Acme Inc. The firm is small. Ships, trucks, etc. were late.",
        [("She works at Acme Inc.", S), ("The firm is small.", S), ("Ships, trucks, etc. were late.", S)],
        id="Inc. and etc. end a sentence only before an opener",
    ),
    pytest.param(
        "The vote was Smith vs. Jones. Smith won.",
        [("The vote was Smith vs. Jones.", S), ("Smith won.", S)],
        id="vs.",
    ),
    # --- missing space after the period --------------------------------------
    pytest.param(
        "It was reported by CNN.Ukrainian forces advanced.",
        [("It was reported by CNN.", S), ("Ukrainian forces advanced.", S)],
        id="missing space between sentences",
    ),
    pytest.param(
        "The U.S.Army and example.com reported 3.5 percent growth, e.g.Germany grew.",
        [("The U.S.Army and example.com reported 3.5 percent growth, e.g.Germany grew.", S)],
        id="no split inside U.S., e.g., domains, decimals",
    ),
    pytest.param(
        "Is it over?Nobody knows.",
        [("Is it over?", S), ("Nobody knows.", S)],
        id="missing space after a question mark",
    ),
    # --- headlines -------------------------------------------------------------
    pytest.param(
        "Port Reopens After Storm\nThe port reopened on Monday after a week of storms. Ships docked.",
        [("Port Reopens After Storm", H), ("The port reopened on Monday after a week of storms.", S),
         ("Ships docked.", S)],
        id="first line without punctuation, then a newline",
    ),
    pytest.param(
        "Talks collapse in Geneva\n\nThe talks collapsed on Friday after three days of meetings.",
        [("Talks collapse in Geneva", H),
         ("The talks collapsed on Friday after three days of meetings.", S)],
        id="first line without punctuation, then a blank line",
    ),
    pytest.param(
        "Washington Post backs Hillary Clinton for president.\n\nThe newspaper endorsed her on Saturday.",
        [("Washington Post backs Hillary Clinton for president.", H),
         ("The newspaper endorsed her on Saturday.", S)],
        id="short first line ending in a period, then a blank line",
    ),
    pytest.param(
        "Pence: Flowers Won’t Be at Debate, Trump Was ‘Mocking’ Clinton Camp.\n\nThe campaign said so.",
        [("Pence: Flowers Won’t Be at Debate, Trump Was ‘Mocking’ Clinton Camp.", H),
         ("The campaign said so.", S)],
        id="title-cased first line with a period",
    ),
    pytest.param(
        TITLE + "The port reopened on Monday.\n\nWhat Happens Next\n\nThe vote is on Tuesday.",
        [("Port Reopens After Storm", H), ("The port reopened on Monday.", S),
         ("What Happens Next", H), ("The vote is on Tuesday.", S)],
        id="title-cased short line between paragraphs",
    ),
    pytest.param(
        "Ships wait. Traders left.\n\nThe port stays closed until further notice, officials said.",
        [("Ships wait.", S), ("Traders left.", S),
         ("The port stays closed until further notice, officials said.", S)],
        id="a first paragraph of two sentences is not a headline",
    ),
    pytest.param(
        "The plan has three parts:\nReopen the port",
        [("The plan has three parts:", S), ("Reopen the port", S)],
        id="a first line ending in a colon is not a headline",
    ),
    # --- paragraphs and line breaks --------------------------------------------
    pytest.param(
        TITLE + "The second paragraph has no final punctuation\n\nand this one starts in lower case.",
        [("Port Reopens After Storm", H), ("The second paragraph has no final punctuation", S),
         ("and this one starts in lower case.", S)],
        id="never join across a blank line",
    ),
    pytest.param(
        TITLE + "Officials said the port would reopen on Monday after\nthe storm had passed, and ships began to\n"
        "queue outside the harbour. Traders\nwelcomed the news.",
        [("Port Reopens After Storm", H),
         ("Officials said the port would reopen on Monday after\nthe storm had passed, and ships began to\n"
          "queue outside the harbour.", S),
         ("Traders\nwelcomed the news.", S)],
        id="soft-wrapped lines are joined",
    ),
    pytest.param(
        TITLE + "The port reopened.\nShips docked on Monday.",
        [("Port Reopens After Storm", H), ("The port reopened.", S), ("Ships docked on Monday.", S)],
        id="a newline after a full sentence",
    ),
    pytest.param(
        TITLE + "Clinton has the following tasks:\n\nSell her plan\nShow humility\nAnswer the questions.",
        [("Port Reopens After Storm", H), ("Clinton has the following tasks:", S), ("Sell her plan", S),
         ("Show humility", S), ("Answer the questions.", S)],
        id="short unpunctuated lines are separate",
    ),
    # --- bullets ---------------------------------------------------------------
    pytest.param(
        TITLE + "The plan has five parts:\n- Reopen the port\n• Pay the workers\n* Rebuild the pier\n"
        "1. Hire staff\n2) Train them. Then test them.",
        [("Port Reopens After Storm", H), ("The plan has five parts:", S), ("- Reopen the port", S),
         ("• Pay the workers", S), ("* Rebuild the pier", S), ("1. Hire staff", S),
         ("2) Train them.", S), ("Then test them.", S)],
        id="bullet items keep their marker",
    ),
    pytest.param(
        TITLE + "- Ships will dock at the new pier once the\n  dredging is complete",
        [("Port Reopens After Storm", H),
         ("- Ships will dock at the new pier once the\n  dredging is complete", S)],
        id="a bullet item wrapped onto the next line",
    ),
    # --- dashes and datelines --------------------------------------------------
    pytest.param(
        TITLE + "KYIV, Ukraine (Wire) — Russian forces advanced on Monday. The army denied it.",
        [("Port Reopens After Storm", H),
         ("KYIV, Ukraine (Wire) — Russian forces advanced on Monday.", S), ("The army denied it.", S)],
        id="dateline opener is part of the first statement",
    ),
    pytest.param(
        "KYIV, Ukraine (Wire) — Russian forces advanced on Monday.\n\nThe army denied it.",
        [("KYIV, Ukraine (Wire) — Russian forces advanced on Monday.", S), ("The army denied it.", S)],
        id="a first line opening with a dateline is not a headline",
    ),
    pytest.param(
        "Ships waited — some for days — outside the port. Traders left… Then they returned.",
        [("Ships waited — some for days — outside the port.", S), ("Traders left…", S),
         ("Then they returned.", S)],
        id="em dashes and an ellipsis",
    ),
    # --- boilerplate -----------------------------------------------------------
    pytest.param(
        TITLE + "The port reopened.\n\nRead more: Ships return to the harbour\n\nRead more\n\nYou may also like"
        "\n\nRelated: Storm season\n\nShare this article\n\nFollow us on Twitter\n\nSign up for our newsletter"
        "\n\nClick here to subscribe\n\nAdvertisement\n\n© 2024 Wire Services",
        [("Port Reopens After Storm", H), ("The port reopened.", S),
         ("Read more: Ships return to the harbour", B), ("Read more", B), ("You may also like", B),
         ("Related: Storm season", B), ("Share this article", B), ("Follow us on Twitter", B),
         ("Sign up for our newsletter", B), ("Click here to subscribe", B), ("Advertisement", B),
         ("© 2024 Wire Services", B)],
        id="navigation and share prompts",
    ),
    pytest.param(
        TITLE + "By Jane Doe\nBy Jane Doe and John Roe, Reuters\n\nThe port reopened.\n\n"
        "(Reporting by Jane Doe; Editing by John Roe)",
        [("Port Reopens After Storm", H), ("By Jane Doe", B), ("By Jane Doe and John Roe, Reuters", B),
         ("The port reopened.", S), ("(Reporting by Jane Doe; Editing by John Roe)", B)],
        id="bylines and credit lines",
    ),
    pytest.param(
        TITLE + "WASHINGTON (AP) —\n\nMarch 3, 2024\n\nUpdated 5:42 PM ET\n\n6:05 p.m.\n\n"
        "Photo: AFP/Getty Images\n\n___\n\nThe port reopened.",
        [("Port Reopens After Storm", H), ("WASHINGTON (AP) —", B), ("March 3, 2024", B),
         ("Updated 5:42 PM ET", B), ("6:05 p.m.", B), ("Photo: AFP/Getty Images", B), ("___", B),
         ("The port reopened.", S)],
        id="bare datelines, time stamps, photo credits, rules",
    ),
    pytest.param(
        "By Jane Doe\n\nBy Monday, the port had reopened.\n\nRead more than the headline. "
        "Click the link. March 3, 2024 was a Sunday.",
        [("By Jane Doe", B), ("By Monday, the port had reopened.", S), ("Read more than the headline.", S),
         ("Click the link.", S), ("March 3, 2024 was a Sunday.", S)],
        id="sentences that only start like boilerplate are statements",
    ),
    # --- whitespace and edge cases ---------------------------------------------
    pytest.param("", [], id="empty text"),
    pytest.param(" \n\t\n ", [], id="whitespace only"),
    pytest.param("  Ships wait.  ", [("Ships wait.", S)], id="surrounding whitespace is stripped"),
    pytest.param(
        "Port Reopens\r\nShips wait.\r\n\r\nTraders\r\nleft.",
        [("Port Reopens", H), ("Ships wait.", S), ("Traders\r\nleft.", S)],
        id="Windows line endings",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_split(text: str, expected: list[tuple[str, str]]) -> None:
    assert pieces(text) == expected


def test_extra_abbreviations() -> None:
    text = "The case went to Dist. Judge Smith on Monday."
    assert pieces(text) == [("The case went to Dist.", S), ("Judge Smith on Monday.", S)]
    segmenter = Segmenter(abbreviations=["Dist."])
    assert pieces(text, segmenter) == [(text, S)]


def test_kinds_can_be_switched_off() -> None:
    text = "Port Reopens\n\nAdvertisement\n\nThe port reopened."
    assert [k for _, k in pieces(text, Segmenter(headlines=False))] == [S, B, S]
    assert [k for _, k in pieces(text, Segmenter(boilerplate=False))] == [H, S, S]


def test_split_is_the_default_segmenter() -> None:
    text = TITLE + '"We are not leaving," she said. Ships wait.\n\nAdvertisement'
    assert split(text) == Segmenter().split(text)


def test_segment_to_dict() -> None:
    assert Segment(3, 9, "headline").to_dict() == {"start": 3, "end": 9, "kind": "headline"}


# --- properties that hold for any input -------------------------------------------


def check_invariants(text: str, segments: list[Segment]) -> None:
    """Offsets valid, ordered, non-overlapping and stripped; every
    non-whitespace character inside exactly one segment."""
    position = 0
    for segment in segments:
        assert segment.kind in (S, H, B)
        assert position <= segment.start < segment.end <= len(text)
        assert not text[segment.start].isspace() and not text[segment.end - 1].isspace()
        assert text[position : segment.start].isspace() or position == segment.start
        position = segment.end
    assert text[position:].strip() == ""


NEWS_PIECES = [
    "a", "B", "the ", "Port ", "said", " ", " ", "\n", "\n\n", "\r\n", ".", "?", "!", "…", ",", ":", ";",
    '"', "“", "”", "‘", "’", "'", "''", "(", ")", "—", "-", "• ", "* ", "1. ", "Mr.", "U.S.", "p.m.", "3.5",
    "F.", "Inc.", "CNN.Ukrainian", "example.com", "By Jane Doe", "Read more", "Advertisement", "March 3, 2024",
    "WASHINGTON (AP) —", " she asked.", " Graham asked.", "\u00a0", "\u2029", "\t",
]
news_like = st.lists(st.sampled_from(NEWS_PIECES), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_invariants_on_any_unicode(text: str) -> None:
    check_invariants(text, split(text))


@settings(max_examples=500, deadline=None)
@given(news_like)
def test_invariants_on_news_like_text(text: str) -> None:
    check_invariants(text, split(text))


@settings(max_examples=200, deadline=None)
@given(news_like, st.booleans(), st.booleans())
def test_output_is_deterministic(text: str, headlines: bool, boilerplate: bool) -> None:
    segmenter = Segmenter(headlines=headlines, boilerplate=boilerplate)
    first = segmenter.split(text)
    assert first == segmenter.split(text) == Segmenter(headlines=headlines, boilerplate=boilerplate).split(text)
    check_invariants(text, first)


@pytest.mark.parametrize(
    "text",
    [
        "word " * 40_000,
        "." * 50_000,
        "a. " * 50_000,
        "Word. " * 20_000,
        '"' * 50_000,
        "x\n" * 50_000,
        "U.S." * 50_000,
        "1 " * 50_000,
    ],
    ids=["no punctuation", "periods", "a-period", "sentences", "quotes", "lines", "initialisms", "digits"],
)
def test_invariants_on_pathological_input(text: str) -> None:
    check_invariants(text, split(text))


def test_one_segment_per_sentence_on_long_input() -> None:
    assert len(split("Word. " * 20_000)) == 20_000
