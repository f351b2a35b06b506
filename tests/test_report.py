"""The HTML report: what an editor sees, escaped, self-contained, in place.

The page is parsed back with the standard library's HTML parser and the
tests assert on the element tree: statements with their level classes and
badges in text order, marks over exactly the characters their spans cover,
details panels, the summary, and that no text from the document ever becomes
markup.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from reliability.report import render_html
from reliability.types import (LEVELS, Context, Evidence, Explanation, Hedge, Link, ScoredDocument,
                               ScoredStatement, Span)

INJECTION = "<script>alert(1)</script>"

ARTICLE = (
    "Rebels say they shot down army jet\n\n"
    "KHARKIV (Wirenews) \u2014 Rebel commanders claimed on Sunday that their fighters had shot down "
    "an army jet near the border. It provided no evidence.\n\n"
    "\u201cWe lost no aircraft,\u201d the defence ministry said in a statement, calling the report "
    f"{INJECTION} propaganda & lies.\n\n"
    "Satellite images reviewed by Wirenews show two burned vehicles at the airfield.\n\n"
    "Fighting may spread to the northern province, analysts said.\n\n"
    "Wirenews could not independently verify the claims made by either side.\n\n"
    "Read more: <b>Ceasefire talks</b> stall\n"
)


def at(needle: str, within: tuple[int, int] | None = None, text: str = ARTICLE) -> dict:
    """The span of ``needle`` in the text (inside ``within`` when given)."""
    lo, hi = within or (0, len(text))
    start = text.index(needle, lo, hi)
    return {"text": needle, "start": start, "end": start + len(needle)}


def statement(index, sentence, kind="statement", level=None, score=None, *, hedges=(), evidence=(),
              links=(), context=None, explanation=(), text=ARTICLE):
    """One record as ScoredStatement.to_dict() writes it, offsets found in the text."""
    span = at(sentence, text=text)
    where = (span["start"], span["end"])
    record = {
        "index": index, "start": span["start"], "end": span["end"], "text": sentence, "kind": kind,
        "hedges": [dict(at(h, where, text), category=cat, negated=False, scope=scope)
                   for h, cat, scope in hedges],
        "evidence": [dict(at(e, where, text), polarity=pol, category=cat) for e, pol, cat in evidence],
        "attribution": [
            {"source": at(src, where, text), "cue": at(cue, where, text) if cue else None,
             "resolved": resolved or src, "type": typ, "cue_category": cue_cat, "content": None}
            for src, cue, typ, cue_cat, resolved in links
        ],
        "context": {"disclaimer": False, "evidence_note_for": None, "noted_by": [], "denial_of": None,
                    "denied_by": [], **(context or {})},
        "label": LEVELS[level] if level is not None else None,
        "level": level,
        "score": score,
        "probabilities": None,
        "explanation": [
            dict(feature=feature, contribution=c, **{k: v for k, v in at(s, where, text).items() if k != "text"})
            for feature, c, s in explanation
        ],
    }
    if level is not None:
        probs = [0.05, 0.05, 0.05, 0.05]
        probs[level] = 0.85
        record["probabilities"] = dict(zip(LEVELS, probs))
    return record


def scored_article() -> dict:
    """A realistic scored document (ScoredDocument.to_dict() plus "text")."""
    s = [
        statement(0, "Rebels say they shot down army jet", "headline", 1, 0.31,
                  links=[("Rebels", "say", "vague", "neutral", None)],
                  explanation=[("vague source 'Rebels'", -0.12, "Rebels")]),
        statement(1, "KHARKIV (Wirenews) \u2014 Rebel commanders claimed on Sunday that their fighters had "
                     "shot down an army jet near the border.", "statement", 0, 0.08,
                  hedges=[("claimed", "distancing_verb", "clause")],
                  links=[("Rebel commanders", "claimed", "vague", "distancing", None)],
                  context={"noted_by": [2], "denied_by": [3], "disclaimer": True},
                  explanation=[("distancing reporting cue 'claimed'", -0.21, "claimed"),
                               ("note: missing or denied support", -0.18, "Rebel commanders claimed")]),
        statement(2, "It provided no evidence.", "evidence_note",
                  evidence=[("provided no evidence", "-", "missing")],
                  context={"evidence_note_for": 1}),
        statement(3, f"\u201cWe lost no aircraft,\u201d the defence ministry said in a statement, calling the "
                     f"report {INJECTION} propaganda & lies.", "statement", 2, 0.62,
                  links=[("the defence ministry", "said", "official", "neutral", None),
                         ("a statement", None, "document", "neutral", None)],
                  context={"denial_of": 1, "disclaimer": True},
                  explanation=[("neutral reporting cue 'said'", 0.05, "said"),
                               (f"quoted text {INJECTION}", -0.02, INJECTION)]),
        statement(4, "Satellite images reviewed by Wirenews show two burned vehicles at the airfield.",
                  "statement", 3, 0.91,
                  evidence=[("reviewed by Wirenews show", "+", "verification")],
                  links=[("Satellite images reviewed by Wirenews", "show", "document", "neutral", None)],
                  explanation=[("verification 'reviewed by'", 0.24, "reviewed by Wirenews")]),
        statement(5, "Fighting may spread to the northern province, analysts said.", "statement", 1, 0.36,
                  hedges=[("may", "epistemic_modal", "clause"), ("analysts", "vague_quantifier", "clause")],
                  links=[("analysts", "said", "vague", "neutral", None)],
                  context={"disclaimer": True},
                  explanation=[("epistemic modal 'may'", -0.15, "may"),
                               ("vague source 'analysts'", -0.09, "analysts")]),
        statement(6, "Wirenews could not independently verify the claims made by either side.", "disclaimer",
                  evidence=[("could not independently verify", "-", "failed_verification")]),
        statement(7, "Read more: <b>Ceasefire talks</b> stall", "boilerplate"),
    ]
    disclaimer = at("Wirenews could not independently verify the claims made by either side.")
    return {"statements": s, "disclaimers": [disclaimer], "text": ARTICLE}


# -- a small element tree from the standard library's parser ----------------------------

VOID = {"br", "meta", "link", "img", "input", "hr", "wbr", "source"}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag=None, cls=None):
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)]

    def find(self, tag=None, cls=None):
        found = self.find_all(tag, cls)
        assert found, f"no <{tag or '*'} class={cls}>"
        return found[0]

    def text(self, skip=("details",)) -> str:
        out = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif child.tag == "br":
                out.append("\n")
            elif not (child.classes & set(skip)):
                out.append(child.text(skip))
        return "".join(out)


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.node = Node("#root", {})

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.node)
        self.node.children.append(node)
        if tag not in VOID:
            self.node = node

    def handle_endtag(self, tag):
        node = self.node
        while node is not self.root and node.tag != tag:
            node = node.parent
        assert node is not self.root, f"stray </{tag}>"
        self.node = node.parent

    def handle_data(self, data):
        self.node.children.append(data)


def parse(page: str) -> Node:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.node is builder.root, "unclosed elements"
    return builder.root


def statements_of(root: Node) -> dict[int, Node]:
    return {int(n.attrs["data-index"]): n for n in root.find_all("span", "st")}


@pytest.fixture(scope="module")
def doc():
    return scored_article()


@pytest.fixture(scope="module")
def root(doc):
    return parse(render_html(doc))


# -- the article -------------------------------------------------------------------------


def test_every_statement_is_rendered_in_place_with_its_level_and_badge(doc, root):
    rendered = statements_of(root)
    assert sorted(rendered) == [st["index"] for st in doc["statements"]]
    for st in doc["statements"]:
        node = rendered[st["index"]]
        assert node.attrs["id"] == f"s{st['index']}"
        assert node.attrs["tabindex"] == "0"
        assert f"kind-{st['kind']}" in node.classes
        badge = node.find("span", "badge").text().strip()
        if st["level"] is None:
            assert "unscored" in node.classes and not any(c.startswith("level-") for c in node.classes)
            assert badge == st["kind"].replace("_", " ")
        else:
            assert f"level-{st['level']}" in node.classes
            assert badge == f"{st['level']} {st['label']}"
        assert node.find("span", "st-text").text() == st["text"]


def test_article_text_is_complete_and_paragraphs_are_kept(doc, root):
    main = root.find("main")
    paragraphs = [p.text(skip=("details", "badge")) for p in main.find_all("p")]
    expected = [p.strip() for p in doc["text"].split("\n\n") if p.strip()]
    assert [" ".join(p.split()) for p in paragraphs] == [" ".join(p.split()) for p in expected]


@pytest.mark.parametrize("text, spans", [
    # nested: a hedge inside a source inside the statement
    ("Some officials may resign, analysts said.", [("m-source", 0, 14), ("m-hedge", 0, 4)]),
    # overlapping: evidence starts inside a source and runs past its end
    ("Images reviewed by the agency show damage.", [("m-source", 0, 29), ("m-ev-pos", 7, 34)]),
    # identical spans of different kinds, and a span running past the statement
    ("It was denied, he said.", [("m-ev-neg", 7, 13), ("m-cue", 7, 13), ("m-source", 15, 99)]),
    # spans touching end to start, and an empty span
    ("Officials claimed it.", [("m-source", 0, 9), ("m-cue", 10, 17), ("m-hedge", 10, 17), ("m-hedge", 3, 3)]),
])
def test_marks_cover_exactly_their_characters_however_spans_overlap(text, spans):
    prefix = "Headline\n\n"
    article = prefix + text
    start = len(prefix)
    st = {"index": 0, "start": start, "end": len(article), "text": text, "kind": "statement",
          "label": "hedged", "level": 1, "score": 0.4, "hedges": [], "evidence": [], "attribution": []}
    for cls, a, b in spans:
        span = {"text": article[start + a:start + b], "start": start + a, "end": start + b}
        if cls in ("m-hedge", "m-hedge-topic"):
            st["hedges"].append(dict(span, category="epistemic_modal", negated=False, scope="clause"))
        elif cls in ("m-ev-pos", "m-ev-neg"):
            st["evidence"].append(dict(span, polarity="+" if cls == "m-ev-pos" else "-", category="x"))
        elif cls == "m-source":
            st["attribution"].append({"source": span, "cue": None, "resolved": span["text"],
                                      "type": "vague", "cue_category": "neutral", "content": None})
        else:
            st["attribution"].append({"source": {"text": "x", "start": 0, "end": 0}, "cue": span,
                                      "resolved": "x", "type": "vague", "cue_category": "neutral",
                                      "content": None})
    page = render_html({"text": article, "statements": [st], "disclaimers": []})
    body = statements_of(parse(page))[0].find("span", "st-text")

    seen: list[set[str]] = []

    def walk(node, marks):
        for child in node.children:
            if isinstance(child, str):
                seen.extend(set(marks) for _ in child)
            else:
                walk(child, marks | {c for c in child.classes if c.startswith("m-")})

    walk(body, frozenset())
    expected = [{cls for cls, a, b in spans if a <= k < b} for k in range(len(text))]
    assert body.text() == text
    assert seen == expected


def test_statements_found_by_text_when_offsets_do_not_match():
    text = "Intro line.\n\nThe minister said taxes would rise."
    st = {"index": 0, "start": 0, "end": 34, "text": "The minister said taxes would rise.",
          "kind": "statement", "label": "attributed", "level": 2, "score": 0.6, "hedges": [],
          "evidence": [], "attribution": [
              {"source": {"text": "The minister", "start": 0, "end": 12}, "cue": None,
               "resolved": "The minister", "type": "official", "cue_category": "neutral",
               "content": None}]}
    root = parse(render_html({"text": text, "statements": [st], "disclaimers": []}))
    node = statements_of(root)[0]
    assert node.find("span", "st-text").text() == st["text"]
    assert node.find("span", "m-source").text() == "The minister"
    assert "Intro line." in root.find("main").text()


def test_unscored_units_are_muted_and_carry_no_level(root):
    rendered = statements_of(root)
    for index, kind in [(2, "evidence_note"), (6, "disclaimer"), (7, "boilerplate")]:
        assert {"unscored", f"kind-{kind}"} <= rendered[index].classes


# -- escaping ------------------------------------------------------------------------------


def test_text_from_the_document_never_becomes_markup(doc):
    page = render_html(doc, title=f"Report {INJECTION} \"quoted\"")
    assert "<script" not in page.lower()
    assert "<b>Ceasefire" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    root = parse(page)
    assert not root.find_all("script")
    assert not root.find_all("b")
    assert root.find("title").text() == f"Report {INJECTION} \"quoted\""
    assert INJECTION in statements_of(root)[3].find("span", "st-text").text()
    # in the explanation panel too, and in the weakest-statement list
    assert INJECTION in statements_of(root)[3].find("span", "details").text(skip=())
    assert "<b>Ceasefire talks</b> stall" in statements_of(root)[7].text()


@pytest.mark.parametrize("field, value", [
    ("resolved", 'x" onmouseover="alert(1)'),
    ("type", "<img src=x onerror=alert(1)>"),
])
def test_attribution_fields_are_escaped(field, value):
    doc = scored_article()
    doc["statements"][3]["attribution"][0][field] = value
    page = render_html(doc)
    root = parse(page)
    assert not root.find_all("img")
    assert all("onmouseover" not in n.attrs and "onerror" not in n.attrs for n in root.iter())
    assert value in statements_of(root)[3].find("span", "details").text(skip=())


def test_page_is_self_contained(doc):
    page = render_html(doc)
    root = parse(page)
    assert not root.find_all("script") and not root.find_all("link") and not root.find_all("img")
    for node in root.iter():
        assert "src" not in node.attrs
        assert not node.attrs.get("href", "#").partition("#")[0], node.attrs["href"]
    assert not re.search(r"@import|url\(|https?://(?!personal\.sron\.nl)", root.find("style").text())


# -- details panels ---------------------------------------------------------------------------


def test_details_panel_has_score_probabilities_chain_and_explanation(root):
    details = statements_of(root)[1].find("span", "details")
    assert details.attrs["id"] == statements_of(root)[1].attrs["aria-describedby"] == "s1-details"
    text = " ".join(details.text(skip=()).split())
    assert "level 0 unsupported" in text and "score 0.08" in text
    assert "writer → Rebel commanders (vague, “claimed”, distancing)" in text
    rows = {n.find("span", "p-name").text(): n.find("span", "p-num").text()
            for n in details.find_all("span", "prob")}
    assert rows == {"0 unsupported": "0.85", "1 hedged": "0.05", "2 attributed": "0.05", "3 established": "0.05"}
    assert "distancing reporting cue 'claimed'" in text
    assert "▼ lowers \u22120.210" in text
    assert "“Rebel commanders claimed”" in text  # the text of the explanation span
    widths = [n.attrs["style"] for n in details.find_all("span", "p-fill")]
    assert widths == ["width:85.0%", "width:5.0%", "width:5.0%", "width:5.0%"]
    links = {n.attrs["href"] for n in details.find_all("a")}
    assert links == {"#s2", "#s3"}  # noted by, denied by


def test_chain_shows_resolved_source_and_writer_first():
    doc = scored_article()
    doc["statements"][5]["attribution"][0]["resolved"] = "analysts at the Kharkiv Institute"
    details = statements_of(parse(render_html(doc)))[5].find("span", "details")
    chain = " ".join(details.find("span", "chain").text(skip=()).split())
    assert chain == "Attributionwriter → analysts = analysts at the Kharkiv Institute (vague, “said”)"


def test_chain_says_where_a_carried_quotation_names_its_speaker():
    doc = scored_article()
    doc["statements"][5]["attribution"][0]["carried_from"] = 3
    details = statements_of(parse(render_html(doc)))[5].find("span", "details")
    chain = " ".join(details.find("span", "chain").text(skip=()).split())
    assert chain.endswith("(vague, “said”, quotation carried on from statement 3)")


# -- summary ------------------------------------------------------------------------------------


def test_summary_counts_levels(doc, root):
    summary = root.find("section", "summary")
    counts = {int(li.attrs["data-level"]): int(li.find("span", "n").text())
              for li in summary.find_all("li", "count")}
    assert counts == {0: 1, 1: 2, 2: 1, 3: 1}
    assert "Not scored: 1 boilerplate, 1 disclaimer, 1 evidence note" in summary.text()


def test_weakest_statements_link_to_their_place_lowest_score_first(root):
    ids = {n.attrs["id"] for n in root.iter() if "id" in n.attrs}
    links = [a.attrs["href"] for a in root.find("ol", "weakest").find_all("a")]
    assert links == ["#s1", "#s0", "#s5", "#s3", "#s4"]
    assert all(link[1:] in ids for link in links)


def test_at_most_five_weakest_and_disclaimers_listed():
    text = " ".join(f"Claim number {k}." for k in range(8))
    statements = []
    for k in range(8):
        sentence = f"Claim number {k}."
        start = text.index(sentence)
        statements.append({"index": k, "start": start, "end": start + len(sentence), "text": sentence,
                           "kind": "statement", "level": 3 - k % 4, "label": LEVELS[3 - k % 4],
                           "score": 1 - k / 10, "hedges": [], "evidence": [], "attribution": []})
    disclaimer = {"text": "Claim number 7.", "start": text.index("Claim number 7."), "end": len(text)}
    root = parse(render_html({"text": text, "statements": statements, "disclaimers": [disclaimer]}))
    assert [a.attrs["href"] for a in root.find("ol", "weakest").find_all("a")] == [
        "#s7", "#s6", "#s5", "#s4", "#s3"]
    assert [a.attrs["href"] for a in root.find("ul", "disclaimers").find_all("a")] == ["#s7"]


def test_disclaimers_listed_as_text(root):
    items = root.find("ul", "disclaimers").find_all("li")
    assert [li.text() for li in items] == [
        "Wirenews could not independently verify the claims made by either side."]


def test_legend_explains_levels_and_marks(root):
    legend = root.find("section", "legend")
    text = legend.text()
    for k, name in enumerate(LEVELS):
        assert f"{k} {name}" in text
    for cls in ("m-hedge", "m-ev-pos", "m-ev-neg", "m-source"):
        assert legend.find_all("span", cls)


# -- contract -------------------------------------------------------------------------------------


def test_renders_scored_document_to_dict():
    text = "The ministry claimed 12 people were hurt. It provided no evidence."
    first = ScoredStatement(
        index=0, start=0, end=41, text=text[:41], kind="statement",
        hedges=(Hedge("claimed", 13, 20, "distancing_verb"),),
        attribution=(Link(Span("The ministry", 0, 12), Span("claimed", 13, 20), "The ministry", "official",
                          "distancing"),),
        context=Context(noted_by=(1,)), label="unsupported", level=0, score=0.1,
        probabilities={"unsupported": 0.7, "hedged": 0.2, "attributed": 0.05, "established": 0.05},
        explanation=(Explanation("distancing reporting cue 'claimed'", -0.2, 13, 20),),
    )
    note = ScoredStatement(index=1, start=42, end=len(text), text=text[42:], kind="evidence_note",
                           evidence=(Evidence("provided no evidence", 45, 65, "-", "missing"),),
                           context=Context(evidence_note_for=0))
    doc = ScoredDocument(text=text, statements=(first, note)).to_dict()
    doc["text"] = text
    rendered = statements_of(parse(render_html(doc)))
    assert rendered[0].find("span", "m-hedge").text() == "claimed"
    assert rendered[1].find("span", "m-ev-neg").text() == "provided no evidence"
    assert "level-0" in rendered[0].classes and "kind-evidence_note" in rendered[1].classes


def test_default_title_names_the_headline(doc):
    root = parse(render_html(doc))
    assert root.find("h1").text() == "Evidential strength: Rebels say they shot down army jet"


def test_document_without_statements_shows_the_text_and_zero_counts():
    root = parse(render_html({"text": "Just <text>.", "statements": [], "disclaimers": []}))
    assert root.find("main").text().strip() == "Just <text>."
    assert [li.find("span", "n").text() for li in root.find_all("li", "count")] == ["0"] * len(LEVELS)
    assert not root.find_all("ol", "weakest") and root.find("p", "none").text() == "None found."


@pytest.mark.parametrize("bad", [{"statements": []}, {"text": None, "statements": []}, "text"])
def test_document_without_text_is_refused_with_a_hint(bad):
    with pytest.raises(ValueError, match='doc\\["text"\\] = text'):
        render_html(bad)
