"""Tests for reliability.cues: hedges, evidence markers, sentence roles."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reliability import lexicon
from reliability.cues import find_evidence, find_hedges, sentence_role
from reliability.types import HEDGE_CATEGORIES


def hedges(text: str) -> list[tuple[str, str]]:
    return [(h.text, h.category) for h in find_hedges(text)]


def evidence(text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.polarity, e.category) for e in find_evidence(text)]


# ---------------------------------------------------------------------------
# Hedges: categories
# ---------------------------------------------------------------------------

HEDGE_CASES = [
    # distancing verbs
    ("The governor claimed turnout had doubled.", [("claimed", "distancing_verb")]),
    ("Prosecutors allege that he took bribes.", [("allege", "distancing_verb")]),
    ("She insisted the vote was fair.", [("insisted", "distancing_verb")]),
    ("He maintained that he was innocent.", [("maintained", "distancing_verb")]),
    # a clause without "that": a short noun phrase and its verb
    ("The mayor asserted the bridge would reopen on Monday.", [("asserted", "distancing_verb")]),
    ("The group, it contends, was never armed.", [("contends", "distancing_verb")]),
    ("The video purportedly shows the crash.", [("purportedly", "distancing_verb")]),
    # "not clear" with a contraction, a wire staple
    ("It wasn't immediately clear what caused the blast.", [("wasn't immediately clear", "epistemic_adverb")]),
    ("It isn't clear whether the merger will go ahead.", [("isn't clear", "epistemic_adverb")]),
    # epistemic modals
    ("The emails may be related to the case.", [("may", "epistemic_modal")]),
    ("The strike might spread to other ports.", [("might", "epistemic_modal")]),
    ("The dam could fail within days.", [("could", "epistemic_modal")]),
    ("Prices would likely rise.", [("would likely", "epistemic_modal")]),
    ("The fire must have started in the kitchen.", [("must have", "epistemic_modal")]),
    # epistemic adverbs
    ("The bill is likely to pass.", [("likely", "epistemic_adverb")]),
    ("The gunman was reportedly a former soldier.", [("reportedly", "epistemic_adverb")]),
    ("He allegedly took the money.", [("allegedly", "epistemic_adverb")]),
    ("It is unclear who fired first.", [("unclear", "epistemic_adverb")]),
    ("It is not clear who fired first.", [("not clear", "epistemic_adverb")]),
    ("It is possible that the count was wrong.", [("It is possible", "epistemic_adverb")]),
    ("It is quite possible that the count was wrong.", [("possible that", "epistemic_adverb")]),
    ("It is more likely than not that rates rise.", [("more likely than not", "epistemic_adverb")]),
    ("The bomber almost certainly acted alone.", [("almost certainly", "epistemic_adverb")]),
    ("The cause of the fire is unknown.", [("unknown", "epistemic_adverb")]),
    ("It is still unknown whether he visited Rome.", [("unknown", "epistemic_adverb")]),
    ("The figures are questionable.", [("questionable", "epistemic_adverb")]),
    ("There is some debate as to whether the law applies.", [("debate as to", "epistemic_adverb")]),
    ("One possible reason is the drought.", [("One possible", "epistemic_adverb")]),
    # the writer says the support is not yet complete
    ("Further research is needed to confirm the link.", [("Further research", "epistemic_adverb")]),
    ("The findings warrant further investigation.", [("further investigation", "epistemic_adverb")]),
    ("The results are preliminary.", [("are preliminary", "epistemic_adverb")]),
    ("Perhaps the talks will resume.", [("Perhaps", "epistemic_adverb")]),
    ("The ship apparently ran aground.", [("apparently", "epistemic_adverb")]),
    # belief frames
    ("It is estimated that 2,000 people fled.", [("It is estimated", "belief_frame")]),
    ("The leader is believed to be in hiding.", [("is believed to", "belief_frame")]),
    ("The virus appears to spread quickly.", [("appears to", "belief_frame")]),
    ("The data suggests a slowdown.", [("suggests", "belief_frame")]),
    ("Police suspect the fire was arson.", [("suspect", "belief_frame")]),
    ("He is said to have fled abroad.", [("is said to", "belief_frame")]),
    ("The singer is rumoured to be retiring.", [("rumoured to", "belief_frame")]),
    ("The ship was reported to have sunk.", [("was reported to", "belief_frame")]),
    ("Officials think the bridge is safe.", [("think", "belief_frame")]),
    # vague quantifiers standing in for a source
    ("Critics say the plan is flawed.", [("Critics", "vague_quantifier")]),
    ("Many believe the election was stolen.", [("Many believe", "vague_quantifier")]),
    ("Some residents said the water was brown.", [("Some", "vague_quantifier")]),
    ("Analysts expect rates to rise.", [("Analysts", "vague_quantifier")]),
    ("It has been said that the mayor lied.", [("It has been said", "vague_quantifier")]),
    ("Many have questioned the timing.", [("Many have", "vague_quantifier")]),
    ("Some have questioned the timing.", [("Some have", "vague_quantifier")]),
    ("His critics say he lied.", [("critics", "vague_quantifier")]),
    ("Some historians trace the town to 1100.", [("historians", "vague_quantifier")]),
    ("Other critics described the film as slow.", [("critics", "vague_quantifier")]),
    (
        "Many scientists say the ice is thinning.",
        [("Many", "vague_quantifier"), ("scientists", "vague_quantifier")],
    ),
    ("According to legend, the bridge was built in a night.", [("According to legend", "vague_quantifier")]),
    ("It is argued that the law is unfair.", [("It is argued", "vague_quantifier")]),
    # an agentless passive of judgement hides who judges
    ("He was widely regarded as the favourite.", [("widely regarded", "vague_quantifier")]),
    ("The mayor was considered a reformer.", [("considered", "vague_quantifier")]),
    ("It is widely accepted that the dam is unsafe.", [("accepted", "vague_quantifier")]),
    ("The plan has been widely criticised.", [("criticised", "vague_quantifier")]),
    # conditionals
    ("If the dam fails, the town will flood.", [("If", "conditional")]),
    ("The talks will collapse unless both sides compromise.", [("unless", "conditional")]),
    ("Troops stay in case the rebels return.", [("in case", "conditional")]),
]


@pytest.mark.parametrize("text, expected", HEDGE_CASES)
def test_hedge_categories(text, expected):
    assert hedges(text) == expected


def test_every_hedge_category_is_tested():
    assert {category for _, found in HEDGE_CASES for _, category in found} == set(HEDGE_CATEGORIES)


NOT_HEDGES = [
    # "reported" as a verb of measurement, not "the reported attack"
    "Patients reported less pain.",
    # an object, not a clause
    "He maintained the bridge for years.",
    "The city maintained the roads that were damaged.",
    # "claimed" of a prize or of lives is no distancing verb
    "The runner claimed gold in the 400 metres.",
    "The storm claimed the lives of 14 people.",
    # market estimates are a benchmark, not a belief frame
    "The company reported a profit of $3 million, beating analysts' estimates.",
    "Revenue came in above estimates.",
    # numeric approximation qualifies a number, not the truth of a statement
    "The town is about 70 km from the border.",
    "Roughly 300 people attended the rally.",
    "Nearly half of the voters stayed home.",
    "Some 40 ships were waiting to dock.",
    "An estimated 2,000 people fled the fighting.",
    "The damage was estimated at $3 million.",
    "Many buildings were destroyed.",
    "Some of the buildings collapsed.",
    "Some 300 people attended.",
    # plain quantity words that do not stand in for a source
    "He killed six soldiers and wounded several others.",
    "Many others were injured.",
    # a comparison of rates or of earlier beliefs commits to the comparison
    "Smokers were more likely to develop the disease than non-smokers.",
    "Women were twice as likely to vote.",
    "The disease is more common than previously thought.",
    # "possible to" names an ability, not a possibility
    "It is possible to cross the river on foot.",
    # a passive with its agent or circumstance, a recommendation, a name
    "The bill was considered by the committee.",
    "The plan was considered at the meeting.",
    "He was accepted as a member of the guild.",
    "Stores should be considered essential services.",
    "The building is commonly known as the Tower.",
    "The festival is usually held in June.",
    # a definite source noun points back to a source named earlier
    "The analysts said rates would rise.",
    "The researchers said the drug worked.",
    "The critics were invited to the premiere.",
    # adjectives that qualify a noun or a topic, and plans for research
    "Unknown gunmen opened fire.",
    "The song was unknown to most listeners.",
    "The controversial law was struck down.",
    "A preliminary hearing was held on Monday.",
    "We carried out further research in 2010.",
    # "could" naming an available option, or past ability
    "The department could bring charges.",
    "Voters could choose between three candidates.",
    "The court could also decide to appeal.",
    "He could not attend the meeting.",
    # nouns that share a form with a hedge verb
    "The suspect was arrested on Friday.",
    "Two suspects were detained.",
    "His claims of fraud were rejected in court.",
    "The think tank published a report.",
    "Insurance claims were filed.",
    # non-epistemic senses
    "The bridge reopened on May 5.",
    "Theresa May resigned in June.",
    "The party claimed victory in the capital.",
    "The flood claimed the lives of 30 people.",
    "The government must maintain the roads.",
    "He asked if the bridge was open.",
    "The storm passed as expected.",
    "The reporter saw smoke over the city.",
    "The bridge reopened to traffic on Monday.",
]


@pytest.mark.parametrize("text", NOT_HEDGES)
def test_not_a_hedge(text):
    assert [h for h in find_hedges(text) if h.scope == "clause"] == []


# ---------------------------------------------------------------------------
# Hedges: negation and scope
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, cue, negated",
    [
        ("The bill is not likely to pass.", "likely", True),
        ("The bill is unlikely to pass.", "unlikely", True),
        ("Police do not believe the fire was arson.", "believe", True),
        ("The bill is likely to pass.", "likely", False),
        ("Police believe the fire was arson.", "believe", False),
    ],
)
def test_negated_hedge_is_still_a_hedge(text, cue, negated):
    found = {h.text: h for h in find_hedges(text)}
    assert found[cue].negated is negated


@pytest.mark.parametrize(
    "text, cue, scope",
    [
        ("Trump's alleged ties are under investigation.", "alleged", "noun_phrase"),
        ("The alleged attack happened at night.", "alleged", "noun_phrase"),
        ("The suspected gunman was shot.", "suspected", "noun_phrase"),
        ("Police arrested alleged gang members.", "alleged", "noun_phrase"),
        ("The so-called caliphate collapsed.", "so-called", "noun_phrase"),
        ("Officials are investigating a possible leak.", "possible", "noun_phrase"),
        ("The purported letter was published.", "purported", "noun_phrase"),
        ("She was the likely winner.", "likely", "noun_phrase"),
        ("Unknown gunmen opened fire.", "Unknown", "noun_phrase"),
        ("He died in unclear circumstances.", "unclear", "noun_phrase"),
        ("The cause is unknown.", "unknown", "clause"),
        ("Prosecutors alleged that he lied.", "alleged", "clause"),
        ("He was alleged to have lied.", "alleged", "clause"),
        ("The emails may be related.", "may", "clause"),
        ("He allegedly lied.", "allegedly", "clause"),
        ("Police suspected he had fled.", "suspected", "clause"),
        # a past form after its subject is the verb, with its object
        ("Prosecutors alleged fraud.", "alleged", "clause"),
        ("Police suspected arson.", "suspected", "clause"),
        ("Two reported attacks hit the city.", "reported", "noun_phrase"),
        ("The bill is likely to pass.", "likely", "clause"),
    ],
)
def test_hedge_scope(text, cue, scope):
    found = {h.text: h for h in find_hedges(text)}
    assert found[cue].scope == scope


def test_reported_only_hedges_before_a_noun():
    assert hedges("The agency reported the figures.") == []
    assert [(h.text, h.scope) for h in find_hedges("The reported attack killed two.")] == [
        ("reported", "noun_phrase")
    ]


def test_every_distancing_row_of_reporting_verbs_is_a_hedge():
    rows = [e for e in lexicon.read("reporting_verbs") if e.category == "distancing"]
    assert rows
    for row in rows:
        form = lexicon.expand(row.phrase)[0]
        text = f"The minister {form} that taxes rose."
        assert ("distancing_verb" in [h.category for h in find_hedges(text)]), text


# ---------------------------------------------------------------------------
# Evidence markers
# ---------------------------------------------------------------------------

EVIDENCE_CASES = [
    # a negated subject negates the verification further on
    ("None of those accounts has been verified.", [("verified", "-", "unverified")]),
    # + verification, corroboration, documents, observation, admission, confirmation
    ("The agency geolocated the video.", [("geolocated", "+", "verification")]),
    ("The footage was verified by the newspaper.", [("verified", "+", "verification")]),
    ("The account was independently confirmed.", [("independently confirmed", "+", "verification")]),
    ("The quote was fact-checked.", [("fact-checked", "+", "verification")]),
    ("Both sides agree the ceasefire held.", [("Both sides agree", "+", "corroboration")]),
    (
        "Both the company and the union confirmed the strike had ended.",
        [("confirmed", "+", "corroboration")],
    ),
    ("The death was confirmed by the hospital and the police.", [("confirmed", "+", "corroboration")]),
    ("The account was corroborated by neighbours.", [("corroborated", "+", "corroboration")]),
    ("Multiple witnesses described the blast.", [("Multiple witnesses", "+", "corroboration")]),
    ("Documents reviewed by the newspaper show the payments.", [("Documents reviewed by", "+", "documents")]),
    ("Court records show he was fined.", [("Court records", "+", "documents")]),
    ("Satellite images show the depot destroyed.", [("Satellite images", "+", "documents")]),
    ("Turnout fell, according to data from the commission.", [("according to data", "+", "documents")]),
    ("A reporter at the scene counted six bodies.", [("reporter at the scene", "+", "observation")]),
    ("The clash was witnessed by a Reuters photographer.", [("witnessed by", "+", "observation")]),
    ("The ministry conceded that the figures were overstated.", [("conceded", "+", "admission")]),
    ("He admitted taking the money.", [("admitted", "+", "admission")]),
    ("The company acknowledged the error.", [("acknowledged", "+", "admission")]),
    ("The ministry confirmed the deaths.", [("confirmed", "+", "confirmation")]),
    # - missing
    ("He provided no evidence for the claim.", [("provided no evidence", "-", "missing")]),
    ("She offered no proof.", [("offered no proof", "-", "missing")]),
    ("The governor claimed without evidence that turnout doubled.", [("without evidence", "-", "missing")]),
    ("He spoke without providing evidence.", [("without providing evidence", "-", "missing")]),
    ("There is no evidence that the vote was rigged.", [("no evidence", "-", "missing")]),
    ("He did not provide evidence.", [("provide evidence", "-", "missing")]),
    ("The ministry did not provide any proof.", [("provide any proof", "-", "missing")]),
    # - unverified
    (
        "The claim could not be independently verified.",
        [("could not be independently verified", "-", "unverified")],
    ),
    ("The report has not been independently verified.", [("independently verified", "-", "unverified")]),
    ("The ministry did not confirm the figure.", [("confirm", "-", "unverified")]),
    ("The army declined to confirm the report.", [("confirm", "-", "unverified")]),
    ("The figures are unverified.", [("unverified", "-", "unverified")]),
    ("Unconfirmed reports spoke of a coup.", [("Unconfirmed", "-", "unverified")]),
    ("The charges were unsubstantiated.", [("unsubstantiated", "-", "unverified")]),
    ("Reuters was unable to verify the video.", [("verify", "-", "unverified")]),
    # - denial, dispute
    ("The army denied it.", [("denied", "-", "denial")]),
    ("The company rejected the claims.", [("rejected the claims", "-", "denial")]),
    ("The union refuted the figures.", [("refuted", "-", "denial")]),
    ("The opposition disputed the count.", [("disputed", "-", "dispute")]),
    ("Witnesses contradicted the police version.", [("contradicted", "-", "dispute")]),
    ("Lawyers challenged the account of the arrest.", [("challenged the account", "-", "dispute")]),
    # - rumour, false
    ("Rumours of a coup spread online.", [("Rumours", "-", "rumour")]),
    ("The story was based on hearsay.", [("hearsay", "-", "rumour")]),
    ("The claim is false.", [("false", "-", "false")]),
    ("The report was debunked.", [("debunked", "-", "false")]),
    ("The video was fabricated.", [("fabricated", "-", "false")]),
    ("The charges are baseless.", [("baseless", "-", "false")]),
    ("The party called her account pure fiction.", [("pure fiction", "-", "denial")]),
    ("The club said it categorically rejects the remarks.", [("categorically rejects", "-", "denial")]),
    ("The council said no such vote had been held.", [("said no such", "-", "denial")]),
    # - contradiction: the text's own evidence against an earlier claim
    ("Bank records show no such payment.", [("records show no", "-", "contradiction")]),
    ("Records show no such sale.", [("Records show no", "-", "contradiction")]),
    ("The video does not show the driver leaving the car.", [("does not show", "-", "contradiction")]),
    ("The state registry lists no clinic under that name.", [("lists no", "-", "contradiction")]),
    ("The drug does not appear in the national formulary.", [("appear in", "-", "contradiction")]),
]


@pytest.mark.parametrize("text, expected", EVIDENCE_CASES)
def test_evidence_markers(text, expected):
    assert evidence(text) == expected


NO_EVIDENCE_MARKER = [
    # a detail left out is no missing support
    "The company did not say how many jobs would be lost.",
    "Police did not identify the victim.",
    "Officials have not released the name of the victim.",
    "Police said there was no evidence of foul play.",
    "The evidence shows the dam was weak.",
    "The evidence suggests a leak.",
    "He did not deny the report.",
    "The claim was not denied.",
    "The company refused to deny it.",
    "He did not dispute the figures.",
    "He was denied bail.",
    "Voters rejected the proposal.",
    "She was admitted to hospital.",
    "Kashmir is a disputed territory.",
    "The court dismissed the case.",
    "The ministry said 12 people were hurt.",
    "There is no such thing as a free lunch.",
    "The singer appeared in three films.",
    "The players did not show up for training.",
    "Republicans won all four seats contested in the by-election.",
]


@pytest.mark.parametrize("text", NO_EVIDENCE_MARKER)
def test_no_evidence_marker(text):
    assert evidence(text) == []


# ---------------------------------------------------------------------------
# Sentence roles
# ---------------------------------------------------------------------------

ROLE_CASES = [
    # disclaimers: the outlet about claims in general
    ("We cannot independently verify the authenticity of all statements.", "disclaimer"),
    ("CNN could not independently verify the claims made by either side.", "disclaimer"),
    ("Reuters was unable to independently verify the reports.", "disclaimer"),
    ("The BBC has not been able to verify these claims.", "disclaimer"),
    ("Claims made in this article could not be verified by the newspaper.", "disclaimer"),
    # evidence notes: a comment on the evidence for an earlier statement
    ("It provided no evidence for the assertion.", "evidence_note"),
    ("The claim could not be independently verified.", "evidence_note"),
    ("He did not offer evidence to support the allegation.", "evidence_note"),
    ("No evidence was given.", "evidence_note"),
    ("The ministry did not provide proof.", "evidence_note"),
    ("The details were given by officials who spoke on condition of anonymity.", "evidence_note"),
    (
        "He spoke on condition of anonymity because he was not authorised to discuss the matter.",
        "evidence_note",
    ),
    ("The newspaper confirmed the account with two witnesses.", "evidence_note"),
    ("The Associated Press was not able to verify the video.", "evidence_note"),
    ("There was no independent confirmation of the report.", "evidence_note"),
    # ordinary statements
    ("The governor claimed without evidence that turnout doubled.", None),
    ("The bridge reopened to traffic on Monday.", None),
    ("The army denied it.", None),
    ("The ministry confirmed that 12 soldiers died in the attack.", None),
    ("Without evidence, the president said the vote was rigged.", None),
    ("The army will withdraw, an official who spoke on condition of anonymity said.", None),
    ("Investigators found no evidence of wrongdoing at the plant.", None),
    ("There is no evidence that the vaccine causes autism.", None),
    ("He has promoted unproven therapies for years.", None),
    ("This was confirmed by two officials.", "evidence_note"),
    ("The claim is false.", "evidence_note"),
    ("The company confirmed he was a passenger on the plane.", None),
    ("It has been two months since the Senate confirmed a judge.", None),
    ("She spoke on condition of anonymity and sent the newspaper copies of her messages.", None),
    ("The figures are unverified.", "evidence_note"),
    # evidence notes with no "evidence" word: support withheld or contradicted
    ("The agency offered no documents to back the new claim.", "evidence_note"),
    ("Court records show no such transfer.", "evidence_note"),
    ("The dashcam video does not show the driver leaving the car.", "evidence_note"),
    ("The state registry lists no clinic under that name.", "evidence_note"),
    # two coordinated clauses, both about the evidence, may be long
    (
        "The senator did not provide any receipts for the trip, and the party's published accounts"
        " for that year do not list a payment of that size.",
        "evidence_note",
    ),
    (
        "The coach offered no evidence, and the federation said it had received no complaint"
        " about the referee from either club this season.",
        "evidence_note",
    ),
    # ... but not when the other clause asserts something new
    (
        "The ministry published no figures, and the minister said the programme would be expanded"
        " to every province by the end of next year.",
        None,
    ),
    # a source saying something never happened denies; it comments on no evidence
    ("The mayor said no such meeting had taken place.", None),
    # an outlet's caveat about both sides, after a long first clause
    (
        "Reuters has not seen the contract, which was filed under seal, and could not verify"
        " the claims of either company.",
        "disclaimer",
    ),
]


@pytest.mark.parametrize("text, expected", ROLE_CASES)
def test_sentence_role(text, expected):
    assert sentence_role(text) == expected


# ---------------------------------------------------------------------------
# Offsets, bounds and robustness
# ---------------------------------------------------------------------------


def test_offsets_are_absolute_and_limited_to_the_statement():
    doc = "Officials may resign. The rebels claimed a win. It could not be verified."
    start = doc.index("The rebels")
    end = doc.index(" It could")
    found = find_hedges(doc, start, end)
    claimed = doc.index("claimed")
    assert [(h.text, h.start, h.end) for h in found] == [("claimed", claimed, claimed + len("claimed"))]
    for hedge in found:
        assert doc[hedge.start:hedge.end] == hedge.text
    note = doc.index("It could")
    markers = find_evidence(doc, note)
    assert [(m.text, doc[m.start:m.end]) for m in markers] == [("could not be verified",) * 2]
    assert sentence_role(doc, note) == "evidence_note"
    assert find_evidence(doc, 0, note) == []


def test_span_text_keeps_original_case_and_curly_apostrophes():
    text = "The Claim couldn’t be verified, and IT MAY be FALSE."
    assert [(h.text, h.category) for h in find_hedges(text)] == [("MAY", "epistemic_modal")]
    assert ("FALSE", "-", "false") in evidence(text)


def test_empty_and_reversed_spans():
    assert find_hedges("") == []
    assert find_evidence("It may rain.", 5, 2) == []
    assert sentence_role("No evidence was given.", 3, 3) is None


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(-5, 60), st.integers(-5, 60))
def test_never_raises_and_spans_stay_inside(text, start, end):
    low = max(0, start)
    high = min(len(text), end)
    for found in (find_hedges(text, start, end), find_evidence(text, start, end)):
        for item in found:
            assert low <= item.start < item.end <= high
            assert text[item.start:item.end] == item.text
    assert sentence_role(text, start, end) in (None, "disclaimer", "evidence_note")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ["may", "not", "alleged", "the", "could", "verified", "no", "evidence", "some", "300", "claims",
     "İ", ",", "if", "confirmed", "both", "by", "and", "reportedly", "  ", "\n", "it", "is", "likely"]
), max_size=30))
def test_never_raises_on_cue_dense_text(words):
    text = " ".join(words)
    for item in (*find_hedges(text), *find_evidence(text)):
        assert text[item.start:item.end] == item.text
    assert sentence_role(text) in (None, "disclaimer", "evidence_note")
