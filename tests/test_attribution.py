"""Attribution: cue, source and content per sentence; chains per statement."""

import pytest

from reliability.attribution import attribute, carry_quotations, find_attributions
from reliability.types import CUE_CATEGORIES, SOURCE_TYPES

# text, [(source, cue, content or None, type, cue category)] in cue order
PATTERNS = [
    ("The port authority said 40 ships were waiting to dock.",
     [("The port authority", "said", "40 ships were waiting to dock", "official", "neutral")]),
    ("The ministry said that the port would stay open.",
     [("The ministry", "said", "that the port would stay open", "official", "neutral")]),
    ("Roads were closed after the storm, police said.",
     [("police", "said", "Roads were closed after the storm", "official", "neutral")]),
    ("Roads were closed after the storm, said Jane Doe.",
     [("Jane Doe", "said", "Roads were closed after the storm", "named_person", "neutral")]),
    ("According to Reuters, the talks collapsed.",
     [("Reuters", "According to", "the talks collapsed", "media", "neutral")]),
    ("The talks collapsed, according to Reuters.",
     [("Reuters", "according to", "The talks collapsed", "media", "neutral")]),
    ("As per the ministry, the border stays shut.",
     [("the ministry", "As per", "the border stays shut", "official", "neutral")]),
    ("The minister told reporters that the road would reopen.",
     [("The minister", "told reporters", "that the road would reopen", "official", "neutral")]),
    ("The governor told CNN that the vote was fair.",
     [("The governor", "told", "that the vote was fair", "official", "neutral")]),
    ("The mayor posted on Facebook, saying the city was safe.",
     [("The mayor", "posted", "on Facebook, saying the city was safe", "official", "neutral"),
      ("The mayor", "saying", "the city was safe", "official", "neutral")]),
    ("In a statement, the ministry said the port would stay open.",
     [("the ministry", "said", "the port would stay open", "official", "neutral")]),
    ("The governor claimed turnout had doubled.",
     [("The governor", "claimed", "turnout had doubled", "official", "distancing")]),
    ("The company alleged that the union had lied.",
     [("The company", "alleged", "that the union had lied", "organization", "distancing")]),
    ("Jane Doe asserted that the figures were wrong.",
     [("Jane Doe", "asserted", "that the figures were wrong", "named_person", "distancing")]),
    ("The ministry conceded that the figures had been overstated.",
     [("The ministry", "conceded", "that the figures had been overstated", "official", "admission")]),
    ("The army denied that troops had entered the town.",
     [("The army", "denied", "that troops had entered the town", "official", "denial")]),
    ("The company admitted it had lost the data.",
     [("The company", "admitted", "it had lost the data", "organization", "admission")]),
    ("The report, citing local officials, said the dam had failed.",
     [("local officials", "citing", "the dam had failed", "anonymous", "neutral"),
      ("The report", "said", "the dam had failed", "document", "neutral")]),
    ("The group's report says the dam failed.",
     [("The group's report", "says", "the dam failed", "document", "neutral")]),
    ('"We are not leaving," the harbour master said in a video.',
     [("the harbour master", "said", '"We are not leaving,"', "official", "neutral")]),
    ('The minister: "We will not resign."',
     [("The minister", ":", '"We will not resign."', "official", "neutral")]),
    ('"We will win." — Commissioner Jane Doe',
     [("Commissioner Jane Doe", "—", '"We will win."', "named_person", "neutral")]),
    ('"We are ready," Smith said, "and we will win."',
     [("Smith", "said", '"We are ready," Smith said, "and we will win."', "named_person", "neutral")]),
    ("It was reported by the BBC that the bridge collapsed.",
     [("the BBC", "was reported by", "that the bridge collapsed", "media", "neutral")]),
    ("The minister was quoted as saying that prices would fall.",
     [("The minister", "was quoted as saying", "that prices would fall", "official", "neutral")]),
    ("Prices rose sharply, the minister says.",
     [("the minister", "says", "Prices rose sharply", "official", "neutral")]),
    ("Jane Doe said on Tuesday that the strike was over.",
     [("Jane Doe", "said", "that the strike was over", "named_person", "neutral")]),
    ("Smith, the head of the union, said the strike would go on.",
     [("Smith, the head of the union", "said", "the strike would go on", "named_person", "neutral")]),
    ("Maria Lopez, a spokeswoman for the regional health authority, said the ward was full.",
     [("Maria Lopez, a spokeswoman for the regional health authority", "said",
       "the ward was full", "named_person", "neutral")]),
    ("Sen. Claire McCaskill (D-Mo.) said the plan would fail.",
     [("Sen. Claire McCaskill (D-Mo.)", "said", "the plan would fail", "named_person", "neutral")]),
    ("The company has also said it will appeal.",
     [("The company", "has also said", "it will appeal", "organization", "neutral")]),
    ("According to the newspaper, the minister said that taxes would rise.",
     [("the newspaper", "According to", "the minister said that taxes would rise", "media", "neutral"),
      ("the minister", "said", "that taxes would rise", "official", "neutral")]),
    ("F.B.I. officials said the suspect fled.",
     [("F.B.I. officials", "said", "the suspect fled", "anonymous", "neutral")]),
    # broad cues (attribution_cues.tsv): stance and attitude predicates
    ("The governor reiterated that the plan was sound.",
     [("The governor", "reiterated", "that the plan was sound", "official", "neutral")]),
    ("The senator seemed to welcome the plan.",
     [("The senator", "seemed", "to welcome the plan", "official", "belief")]),
    ("Critics decried the new rules.",
     [("Critics", "decried", "the new rules", "vague", "neutral")]),
    # an act cue (attribution_grammar.tsv act_cue) with a reported content
    ("The board ordered that the plant close.",
     [("The board", "ordered", "that the plant close", "official", "neutral")]),
    # recall+ with a that-clause is speech, not a product recall
    ("The governor recalled that the bridge had flooded in 1998.",
     [("The governor", "recalled", "that the bridge had flooded in 1998", "official", "neutral")]),
    # slam+ without "into" is still a speech act
    ("The mayor slammed the plan as reckless.",
     [("The mayor", "slammed", "the plan as reckless", "official", "neutral")]),
    # a participle continuing a sentence subject's clause
    ("Smith signed the bill, saying it would create jobs.",
     [("Smith", "saying", "it would create jobs", "named_person", "neutral")]),
    # a relative clause in an apposition is still a noun phrase
    ("Smith, who was elected in May, said the plan would fail.",
     [("Smith, who was elected in May", "said", "the plan would fail", "named_person", "neutral")]),
    # "as (first) reported by X", before or after what it reports
    ("As first reported by the Tribune, the plant will close in May.",
     [("the Tribune", "As first reported by", "the plant will close in May", "media", "neutral")]),
    ("The plant will close in May, as reported by the local newspaper.",
     [("the local newspaper", "as reported by", "The plant will close in May", "media", "neutral")]),
    # plural documents "show"
    ("Court records show that the firm paid no tax.",
     [("Court records", "show", "that the firm paid no tax", "document", "neutral")]),
    # a count and its lead belong to the source
    ("About 300 residents said the water was brown.",
     [("About 300 residents", "said", "the water was brown", "anonymous", "neutral")]),
    ("At least 12 witnesses told police the car was speeding.",
     [("At least 12 witnesses", "told", "police the car was speeding", "anonymous", "neutral")]),
    ("Some 2,000 protesters said they would stay.",
     [("Some 2,000 protesters", "said", "they would stay", "anonymous", "neutral")]),
    ("Up to 49% of owners said their dogs hid from fireworks.",
     [("Up to 49% of owners", "said", "their dogs hid from fireworks", "vague", "neutral")]),
    # "declined" reports words only with "to": "declined to comment"
    ("The ministry declined to comment.",
     [("The ministry", "declined to", "comment", "official", "neutral")]),
    # a speech cue with a source noun phrase ending the sentence is inverted,
    # even after a clause between commas
    ("The drug works in older patients, who recover more slowly, say the authors.",
     [("the authors", "say", "The drug works in older patients, who recover more slowly", "anonymous", "neutral")]),
    # a clause between commas that describes the subject stays with it
    ("The report, published on Monday, said the dam had failed.",
     [("The report, published on Monday", "said", "the dam had failed", "document", "neutral")]),
    ("The ministry, in a statement issued late Sunday, said 14 soldiers were killed.",
     [("The ministry, in a statement issued late Sunday", "said", "14 soldiers were killed", "official",
       "neutral")]),
    ("The company, however, said profits rose.",
     [("The company", "said", "profits rose", "organization", "neutral")]),
    # LABELS.md rule 6: the anonymity clause is the source's, not a link
    ("A ministry spokesman, who asked not to be named, said 12 soldiers had died.",
     [("A ministry spokesman, who asked not to be named", "said", "12 soldiers had died", "anonymous",
       "neutral")]),
    # a relative clause's own speech keeps a link, its content ending with the clause
    ("Smith, who has long argued that taxes are too high, said the plan would fail.",
     [("who", "has long argued", "that taxes are too high", "named_person", "neutral"),
      ("Smith, who has long argued that taxes are too high", "said", "the plan would fail", "named_person",
       "neutral")]),
    # a document's participle, a time word between, belongs to its noun phrase
    ("A study published Tuesday in The Lancet found that the drug cut deaths.",
     [("A study published Tuesday in The Lancet", "found", "that the drug cut deaths", "document", "neutral")]),
    # "a source close to" the talks
    ("The talks had stalled, said a source close to the talks.",
     [("a source close to the talks", "said", "The talks had stalled", "anonymous", "neutral")]),
    # a trailing "told" with only its hearer after it reports what comes before
    ("The bridge will reopen on Monday, Reed told the Daily Post.",
     [("Reed", "told", "The bridge will reopen on Monday", "named_person", "neutral")]),
    # a verdict on a claim is a denial, a decision on a case an act
    ("The Kremlin dismissed the charges as absurd.",
     [("The Kremlin", "dismissed", "the charges as absurd", "official", "denial")]),
    # an amount followed by its clause's verb is what was said
    ("Smith added 2 more people had died.",
     [("Smith", "added", "2 more people had died", "named_person", "neutral")]),
    # a document after the verb is its object, not an inverted speaker
    ("Smith, the lead researcher, explained the results.",
     [("Smith, the lead researcher", "explained", "the results", "named_person", "neutral")]),
    # an introductory phrase is not what a trailing "told" reports
    ("After the vote, Smith told Congress.",
     [("Smith", "told", "Congress", "named_person", "neutral")]),
    # "and" between capitalised words joins a name, or two names
    ("A filing with the Securities and Exchange Commission shows that the unit lost money.",
     [("A filing with the Securities and Exchange Commission", "shows", "that the unit lost money",
       "document", "neutral")]),
    ("Smith and Jones said the deal was dead.",
     [("Smith and Jones", "said", "the deal was dead", "named_person", "neutral")]),
    # a count written as a word after its lead
    ("At least three officials said the talks had collapsed.",
     [("At least three officials", "said", "the talks had collapsed", "anonymous", "neutral")]),
    # a transcript's speaker label is a person, not an acronym
    ("PENCE: I disagree with that.",
     [("PENCE", ":", "I disagree with that", "named_person", "neutral")]),
    # a document noun heading the next cue's subject is no cue itself
    ("Media reports said dozens had died.",
     [("Media reports", "said", "dozens had died", "vague", "neutral")]),
    # results and findings are documents
    ("The findings show that the drug works.",
     [("The findings", "show", "that the drug works", "document", "neutral")]),
]


@pytest.mark.parametrize("text, expected", PATTERNS)
def test_find_attributions_patterns(text, expected):
    links = find_attributions(text)
    got = [(l.source.text, l.cue.text, l.content.text if l.content else None, l.type, l.cue_category)
           for l in links]
    assert got == expected


@pytest.mark.parametrize("text, expected", PATTERNS)
def test_spans_index_the_text(text, expected):
    for link in find_attributions(text):
        for span in (link.source, link.cue, link.content):
            if span is not None:
                assert text[span.start:span.end] == span.text
        assert link.type in SOURCE_TYPES
        assert link.cue_category in CUE_CATEGORIES
        assert link.resolved == link.source.text


@pytest.mark.parametrize("text", [
    "The bridge reopened to traffic on Monday.",
    "The United States imposed new tariffs.",
    "The report was published last year.",
    "I think the weather will improve.",
    # a reporting verb silenced for attribution (attribution_cues.tsv, "none")
    "They decided to send more troops.",
    # physical and legal acts, not speech
    "Zephra recalls 1.1 million smartwatches after battery fires.",
    "Castañeda pleaded not guilty at her arraignment.",
    "Prieto pleaded guilty to conspiracy in October.",
    "Artillery shells slammed into a crowded market.",
    # act cues with no reported content
    "Beijing approved the project in December.",
    "The notice lists 612 layoffs in three phases.",
    # "claimed" of a prize is an act
    "The runner claimed gold in the 400 metres.",
    # decisions on a measure, a case or an offer are acts, not denials
    "Voters rejected the measure on Tuesday.",
    "The judge dismissed the lawsuit.",
    # market and earnings copy
    "The Nasdaq added 1.2%.",
    "Shares declined to $30 on Friday.",
    "Unemployment declined to 3.5% in May.",
    "The company posted a loss of $40 million.",
    "Oil prices continued to fall.",
    # "declined" of a quantity is not "declined to comment"
    "Sales declined in March.",
    "Shares of the company declined 4% on Monday.",
    # sources that cannot speak: an adverb, a clause
    "Samples from the plant, later confirmed by the CDC, contained the strain.",
    "The Fairmont Education Association, the local teachers' union, announced it was endorsing Natarajan.",
])
def test_no_attribution(text):
    assert find_attributions(text) == []


def test_offsets_are_absolute_inside_a_document():
    text = "Rain fell. The mayor said the roads were flooded."
    (link,) = find_attributions(text, 11, len(text))
    assert (link.source.start, link.source.text) == (11, "The mayor")
    assert text[link.content.start:link.content.end] == "the roads were flooded"


# text, chain of the single statement: [(source, cue or None, type)], outermost first
CHAINS = [
    ("The bridge reopened to traffic on Monday.", []),
    ("The port authority said 40 ships were waiting.", [("The port authority", "said", "official")]),
    # X said ..., claiming ...: one link, the stronger (distancing) cue kept
    ("Trump said on Tuesday that he would win, claiming the polls were rigged.",
     [("Trump", "claiming", "named_person")]),
    ("A video posted on the governor's page claims the dam failed.",
     [("the governor", "posted", "official"),
      ("A video posted on the governor's page", "claims", "document")]),
    ("The report, citing local officials, said the dam had failed.",
     [("The report", "said", "document"), ("local officials", "citing", "anonymous")]),
    ("The group's report said, citing local officials, that the dam had failed.",
     [("The group", None, "organization"), ("The group's report", "said", "document"),
      ("local officials", "citing", "anonymous")]),
    ('"The order is carried out," a soldier says in a clip the minister posted.',
     [("the minister", "posted", "official"), ("a clip the minister posted", None, "document"),
      ("a soldier", "says", "anonymous")]),
    ("According to the newspaper, the minister said that taxes would rise.",
     [("the newspaper", "According to", "media"), ("the minister", "said", "official")]),
    # a reduced relative ("a house fire reported by a neighbor") names no source
    ("Deputies were sent to a house fire reported by a neighbor.", []),
    ("Analysts said the central bank claimed inflation had peaked.",
     [("Analysts", "said", "vague"), ("the central bank", "claimed", "organization")]),
]


@pytest.mark.parametrize("text, expected", CHAINS)
def test_chain_order(text, expected):
    (chain,) = attribute(text, [(0, len(text))])
    assert [(l.source.text, l.cue.text if l.cue else None, l.type) for l in chain] == expected


def test_video_owner_in_an_earlier_sentence():
    text = ('The minister posted a video on Monday. '
            '"We hold the bridge," one of the soldiers says in the video.')
    first = text.index('"')
    chains = attribute(text, [(0, first - 1), (first, len(text))])
    assert [(l.source.text, l.type) for l in chains[1]] == [
        ("The minister", "official"), ("the video", "document"), ("one of the soldiers", "anonymous")]


def test_attribute_returns_one_chain_per_span_in_order():
    text = "Rain fell. The mayor said the roads were flooded. Schools closed."
    spans = [(0, 10), (11, 49), (50, 65)]
    chains = attribute(text, spans)
    assert len(chains) == 3
    assert chains[0] == () and chains[2] == ()
    assert chains[1][0].source.text == "The mayor"


def test_long_chain_is_ordered_outermost_first():
    # more links than _nesting compares pair by pair
    names = ["Analysts", "the mayor", "the minister", "the governor", "the senator",
             "the judge", "the police", "the army", "the union", "the company"]
    text = " said that ".join(names) + " said the dam failed."
    (chain,) = attribute(text, [(0, len(text))])
    assert [l.source.text for l in chain] == names


# ---------------------------------------------------------------------------
# Quotations carried on past their attribution

# text (statements separated by " | "), expected (source, carried_from) of
# each statement's first link, None for the writer's voice
CARRIED = [
    # the next sentence of a quotation is its speaker's
    ('"We will rebuild," the mayor said. | "It will take years."',
     [("the mayor", None), ("the mayor", 0)]),
    # a quotation after a paraphrase, over several paragraphs
    ('Lopez said the plan was flawed. |\n\n"It will never work." |\n\n"Not in a hundred years."',
     [("Lopez", None), ("Lopez", 0), ("Lopez", 0)]),
    # a quotation opened after a lead-in and split into statements
    ('The minister said: "We will rebuild. | It will take years."',
     [("The minister", None), ("The minister", 0)]),
    # the speaker of the quotation, not the relative clause after it
    ('"We stay," said Ana Ruiz, who runs the clinic. | "Nobody leaves."',
     [("Ana Ruiz, who runs the clinic", None), ("Ana Ruiz, who runs the clinic", 0)]),
    # a scare quote closed mid-sentence is the writer's
    ('Lopez said the plan was flawed. | "Fake news" is a slogan now.',
     [("Lopez", None), None]),
    # a plain sentence after a quotation is the writer's
    ('"We will rebuild," the mayor said. | The council voted 5-2.',
     [("the mayor", None), None]),
    # nothing to carry after the writer's voice
    ('The council voted 5-2. | "It will take years."',
     [None, None]),
    # a transcript turn goes on to the end of its paragraph
    ("LOPEZ: We won the vote. | It was close. |\n\nThe count ended at noon.",
     [("LOPEZ", None), ("LOPEZ", 0), None]),
    # a speaker quoted inside a carried quotation goes inside its speaker;
    # the next statement carries on the speaker alone
    ('"We stay," Lopez said. | "My father told me, \'Never sell.\'" | "So we stay."',
     [("Lopez", None), ("Lopez", 0), ("Lopez", 0)]),
    # a statement with its own source keeps it
    ('"We stay," Lopez said. | "We go," Ruiz said.',
     [("Lopez", None), ("Ruiz", None)]),
]


def _statements(text):
    """The text with each "|" made a space, and the spans of the pieces."""
    spans, start = [], 0
    for piece in text.split("|"):
        spans.append((start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())))
        start += len(piece) + 1
    return text.replace("|", " "), spans


@pytest.mark.parametrize("text, expected", CARRIED)
def test_quotations_carry_their_speaker(text, expected):
    text, spans = _statements(text)
    chains = carry_quotations(text, spans, ["statement"] * len(spans), attribute(text, spans))
    got = [(chain[0].source.text, chain[0].carried_from) if chain else None for chain in chains]
    assert got == expected
    for (start, end), chain in zip(spans, chains):
        for link in chain:
            if link.carried_from is not None:
                # the content is this statement's quotation; source and cue
                # are where the speaker is named
                assert start <= link.content.start and link.content.end <= end
                assert text[link.source.start:link.source.end] == link.source.text
                assert link.source.end <= spans[link.carried_from][1]


def test_a_speaker_quoted_in_a_carried_quotation_stays_inside_it():
    text, spans = _statements('"We stay," Lopez said. | "My father told me, \'Never sell.\'" | "So we stay."')
    chains = carry_quotations(text, spans, ["statement"] * 3, attribute(text, spans))
    assert [(link.source.text, link.carried_from) for link in chains[1]] == [("Lopez", 0), ("My father", None)]
    assert [(link.source.text, link.carried_from) for link in chains[2]] == [("Lopez", 0)]


def test_carrying_skips_boilerplate_but_not_headlines_or_notes():
    text, spans = _statements('"We stay," Lopez said. | Advertisement | "Nobody leaves."')
    chains = attribute(text, spans)
    assert carry_quotations(text, spans, ["statement", "boilerplate", "statement"], chains)[2]
    assert not carry_quotations(text, spans, ["statement", "evidence_note", "statement"], chains)[2]
    text, spans = _statements('Mayor says city will rebuild | "It will take years."')
    assert not carry_quotations(text, spans, ["headline", "statement"], attribute(text, spans))[1]
