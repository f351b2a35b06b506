"""Attribution: who says what, per sentence, and the chain per statement.

Pipeline, top to bottom:

1. :func:`find_attributions` finds every attribution relation in one
   sentence: a cue (``reporting_verbs.tsv``; a colon or a dash after a
   quotation), its source noun phrase and, where it can be delimited, the
   reported content. Sources are typed by :func:`reliability.sources.source_type`
   and left unresolved (``resolved`` is the source text).
2. :func:`attribute` builds, for each statement, its chain of links
   outermost first (the writer is implicit and omitted), adds the documents
   that carry the words and their owners ("a soldier says in a clip the
   minister posted": minister -> clip -> soldier), and resolves sources
   across the document with :mod:`reliability.coref`.
3. :func:`carry_quotations` gives a statement that carries on a quotation
   (``"A," X said. "B."``) the speaker named before it, once the statement
   kinds are known.

Patterns covered (source / cue / content):

- subject before the cue: ``X said (that) ...``, ``X has also said ...``,
  ``X, the head of Y, said ...`` (the apposition is part of the source),
  ``X told Y (that) ...`` (the hearer is skipped), ``X said on Tuesday ...``;
- trailing attribution: ``..., X said.``, ``"...," X said in a video.``;
- inverted: ``..., said X.``;
- quotes split around the attribution: ``"A," X said, "B."`` (the content
  runs from the first quotation to the end of the second, so it spans the
  attribution in between: a :class:`~reliability.types.Link` holds one
  content span);
- source after the cue: ``according to X``, ``as per X``, ``citing X``;
- passive: ``it was reported by X``; ``X was quoted as saying``;
- continuation: ``X said ..., adding/saying/claiming ...`` gives a second
  link with the same source span;
- colon (``The minister: "..."``) and dash (``"..." — Jane Doe``), where the
  colon or dash is the cue.

Nesting: a link whose cue lies inside another link's content is inside it.
``attribute`` orders a statement's links by that nesting, outermost first.
Two consecutive links with the same source span (``X said ..., claiming
...``) are merged into one link that keeps the stronger cue (any non-neutral
category over ``neutral``; the outer one on a tie) and the inner content.
"""

from __future__ import annotations

import re
from dataclasses import replace
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from operator import attrgetter
from typing import Sequence

from . import coref
from .lexicon import irregular_pasts, read
from .sources import PhraseIndex, Token, index, is_count, number_leads, source_type, tokenize, word_classes
from .types import Link, Span

__all__ = ["find_attributions", "attribute", "carry_quotations"]

# Characters that open or close a quotation, and dashes that can attribute one.
_OPEN_QUOTES = frozenset('"“‘\'')
_CLOSE_QUOTES = frozenset('"”’\'')
_DASHES = frozenset("―—–")
_COLON_OR_DASH = re.compile("[:―—–]|--")
_COLON_OR_DASH_CUE = re.compile("[:―—–]")  # what _colon_and_dash can take as a cue
_MAX_SOURCE_TOKENS = 14
_token_start = attrgetter("start")  # bisection key over a sentence's tokens
# Lexicons whose words can end a source noun phrase ("the minister says").
_SOURCE_HEADS = ("titles", "institutions", "vague_sources", "document_nouns")


# ---------------------------------------------------------------------------
# Lexicons, loaded on first use


@lru_cache(maxsize=None)
def _cues() -> PhraseIndex:
    """Cue phrases: ``attribution_cues.tsv`` (broad cues, and ``none`` rows
    that silence a reporting verb for attribution) over ``reporting_verbs.tsv``."""
    return PhraseIndex([*read("attribution_cues"), *read("reporting_verbs")])


@lru_cache(maxsize=None)
def _grammar() -> dict[str, frozenset[str]]:
    return word_classes("attribution_grammar")


@lru_cache(maxsize=None)
def _documents() -> PhraseIndex:
    return index("document_nouns")


def _is_punct(tok: Token) -> bool:
    return not tok.norm[0].isalnum()


# ---------------------------------------------------------------------------
# 1. One sentence: cues, sources, contents


def find_attributions(text: str, start: int = 0, end: int | None = None) -> list[Link]:
    """Every attribution relation in the sentence ``text[start:end]``.

    Parameters
    ----------
    text : str
        The whole document; offsets in the result index this string.
    start, end : int
        The sentence's character span (default: the whole text).

    Returns
    -------
    list of Link
        In order of their cues. ``resolved`` is the source text as written
        (coreference is :func:`attribute`'s job); ``content`` is None where
        the reported content cannot be delimited.

    Examples
    --------
    >>> text = "The port authority said 40 ships were waiting to dock."
    >>> [(l.source.text, l.cue.text, l.content.text, l.type) for l in find_attributions(text)]
    [('The port authority', 'said', '40 ships were waiting to dock', 'official')]
    """
    end = len(text) if end is None else end
    return _analyse(text, start, end)[1]


#: Reporting cues looked at in one statement (news sentences have a few).
MAX_CUES_PER_STATEMENT = 64
#: Characters of one statement searched for attribution. News sentences are
#: far shorter; a longer "statement" is text the splitter could not cut (no
#: punctuation for pages), whose millions of tokens would only cost time.
MAX_ATTRIBUTION_CHARS = 20_000


def _analyse(text: str, start: int, end: int) -> tuple[list[Token], list[Link], list[int]]:
    """Tokens, links, and for each link the token index where its cue ends."""
    end = min(end, start + MAX_ATTRIBUTION_CHARS)
    # quick exit, before tokenizing: no cue phrase, no colon, no dash
    sentence = text[start:end]
    cues = _cues()
    if not cues.could_match(sentence) and not _COLON_OR_DASH.search(sentence):
        return [], [], []
    tokens = tokenize(text, start, end)
    if not tokens:
        return tokens, [], []
    grammar = _grammar()
    matches = [
        (i, j, entry)
        for i, j, entry in cues.matches(tokens)
        if not _is_noun_use(text, tokens, i, grammar)
        and not (i > 0 and text[tokens[i].start].isupper() and tokens[i - 1].norm not in _OPEN_QUOTES
                 and j < len(tokens) and tokens[j].norm[0].isalnum())  # "United States", not "..., Graham Says."
    ]
    # Real sentences hold a handful of cues; a crafted one with thousands
    # would cost (cues x sentence length), so only the first ones count.
    del matches[MAX_CUES_PER_STATEMENT:]
    cue_tokens = {k for i, j, _ in matches for k in range(i, j)}
    found: list[tuple[Link, int, int]] = []  # link, first cue token, last cue token
    used = -1  # cue tokens already taken by an extended cue ("quoted as saying")
    for i, j, entry in matches:
        if i < used:
            continue
        made = _link_for_cue(text, tokens, i, j, entry.category, cue_tokens, found, grammar)
        if made is None or _not_speech(text, tokens, made, j, grammar):
            continue
        link, ci, cj = made
        used = cj
        # a cue inside this link's source was a reduced relative ("a video
        # posted on X's page claims"): drop the link it made; a relative
        # clause's own speech stays, its content cut at the source's end
        # ("Smith, who has argued that taxes are high, said ...")
        kept = []
        for f in found:
            if link.source.start <= f[0].cue.start < link.source.end:
                if not _after_relative(tokens, f[1], grammar):
                    continue
                f = (_content_until(text, f[0], link.source.end), f[1], f[2])
            kept.append(f)
        found = kept
        found.append(made)
    if _COLON_OR_DASH_CUE.search(sentence) and (not found or all(f[0].cue.text not in (":",) for f in found)):
        found.extend(_colon_and_dash(text, tokens, cue_tokens, grammar))
    found.sort(key=lambda f: f[0].cue.start)
    links = _fill_participle_contents([f[0] for f in found])
    return tokens, links, [f[2] for f in found]


def _not_speech(text, tokens, made, j, grammar) -> bool:
    """A link that reports no one's words: an act ("slammed into a market",
    "pleaded not guilty", "recalls 1.1 million watches", "approved the drug"
    with no reported content) or a source that cannot speak (an adverb, a
    clause)."""
    link, ci, cj = made
    n = len(tokens)
    if _after_relative(tokens, ci, grammar) and any(
            (hit := index("anonymous").match_at(tokens, m)) is not None and hit[1].category == "anonymous"
            for m in range(j, min(j + 3, n))):
        return True  # "who asked not to be named", "who requested anonymity"
    action = grammar["action_after"]
    after = [t.norm for t in tokens[j:j + 2]]
    if after and (after[0] in action or " ".join(after) in action):
        return True
    if _is_act_phrase(tokens, j, grammar):
        return True  # "claimed gold", "rejected the measure" (but "rejected the bid as too low")
    if any(t.norm in action for t in tokens[ci:cj]) and not any(
            t.norm in grammar["source_after"] for t in tokens[ci:cj]):
        return True  # "pleaded guilty" as one cue
    last = tokens[cj - 1].norm
    phrase = " ".join(t.norm for t in tokens[ci:cj])
    if j < n and _is_amount(tokens[j]) and any(phrase == f or phrase.endswith(" " + f)
                                               for f in grammar["count_object"]) \
            and not any(t.norm in grammar["aux"] and text[t.start].islower() for t in tokens[j + 1:j + 5]):
        return True  # "recalls 1.1 million watches", "declined to $30" (not "added 300 had died")
    if last in grammar["act_cue"] and not _reported(tokens, link):
        return True
    # a participle right before "by" with no auxiliary is a reduced relative
    # ("a house fire reported by a neighbor", "plans approved by the council")
    if j < n and tokens[j].norm == "by" and ci == j - 1 and tokens[ci].norm.endswith("ed") \
            and link.source.end <= link.cue.start and link.type != "document":
        return True
    src = tokens[bisect_left(tokens, link.source.start, key=_token_start):
                 bisect_left(tokens, link.source.end, key=_token_start)]
    if src and all(t.norm in grammar["adverb"] or t.norm in grammar["time"] for t in src):
        return True  # "..., later confirmed by the CDC"
    if any(a.norm in grammar["subject_pronoun"] and (b.norm in grammar["be_form"] or b.norm in grammar["aux"])
           for a, b in zip(src, src[1:])):
        return True  # a clause, not a noun phrase: "it was endorsing Natarajan"
    return False


def _content_until(text: str, link: Link, end: int) -> Link:
    """``link`` with its content ending by ``end`` (trailing punctuation dropped)."""
    content = link.content
    if content is None or content.end <= end:
        return link
    stop = end
    while stop > content.start and text[stop - 1] in " ,;:":
        stop -= 1
    if stop <= content.start:
        return replace(link, content=None)
    return replace(link, content=Span(text[content.start:stop], content.start, stop))


def _is_act_phrase(tokens, j, grammar) -> bool:
    """Does the cue ending at token ``j`` make an act phrase with the words
    after it ("claimed gold", "rejected the measure")? Not when "as" follows:
    a verdict on a claim ("dismissed the charges as absurd") is a denial."""
    verb = tokens[j - 1].norm
    for end in (j + 2, j + 1):
        if end <= len(tokens) and " ".join([verb, *(t.norm for t in tokens[j:end])]) in grammar["act_phrase"]:
            return not (end < len(tokens) and tokens[end].norm == "as")
    return False


def _is_amount(token: Token) -> bool:
    """A number or a currency sign before one ("1.2%", "$30")."""
    return token.norm[0].isdigit() or token.norm in ("$", "€", "£", "¥")


def _after_relative(tokens, i, grammar) -> bool:
    """The cue at token ``i`` follows a relative pronoun, auxiliaries and adverbs between."""
    while i > 0 and (tokens[i - 1].norm in grammar["aux"] or tokens[i - 1].norm in grammar["adverb"]):
        i -= 1
    return i > 0 and tokens[i - 1].norm in grammar["relative"]


def _reported(tokens, link: Link) -> bool:
    """The link carries reported words: a that-clause, a quotation, content
    after a colon, or content before a trailing attribution."""
    content = link.content
    if content is None:
        return False
    if content.end <= link.cue.start:
        return True
    m = bisect_left(tokens, content.start, key=_token_start)
    if m >= len(tokens):
        return False
    if tokens[m].norm == "that" or tokens[m].norm in _OPEN_QUOTES:
        return True
    return m > 0 and tokens[m - 1].norm == ":"


def _is_noun_use(text: str, tokens: list[Token], i: int, grammar: dict[str, frozenset[str]]) -> bool:
    """A cue word used as a noun: after a determiner or a possessive ("the
    report", "Trump's claims"), or an -s form after a lowercase word and
    before punctuation or a preposition ("medical claims, ...")."""
    # a document noun heading the subject of the next cue: "Media reports
    # said", "Earlier reports suggested" (at the start of the sentence too)
    if i + 1 < len(tokens) and tokens[i].norm.endswith("s") \
            and _documents().match_at(tokens, i) is not None and _cues().match_at(tokens, i + 1) is not None \
            and not (i > 1 and text[tokens[i - 1].start].isupper()):  # "The BBC reports claims ..."
        return True
    if i == 0:
        return False
    prev = tokens[i - 1]
    if prev.norm in grammar["determiner"] or prev.norm.endswith("'s"):
        return tokens[i].norm not in grammar["source_after"]
    if tokens[i].norm.endswith("s") and i + 1 < len(tokens) and text[prev.start].islower() \
            and prev.norm not in grammar["subject_pronoun"] and prev.norm[0].isalpha() \
            and prev.norm not in grammar["aux"] and prev.norm not in grammar["adverb"] \
            and not any(index(name).match_at(tokens, i - 1) for name in _SOURCE_HEADS):
        nxt = tokens[i + 1].norm
        return _is_punct(tokens[i + 1]) or nxt in grammar["np_preposition"]
    return False


def _link_for_cue(text, tokens, i, j, category, cue_tokens, found, grammar):
    """The link a cue at tokens ``[i, j)`` introduces, or None."""
    first = tokens[i].norm if j == i + 1 else " ".join([t.norm for t in tokens[i:j]])
    n = len(tokens)
    # source after the cue: according to X, citing X
    if first in grammar["source_after"]:
        src = _np_right(tokens, j, n, cue_tokens, grammar, apposition=False)
        if src is None:
            return None
        a, b = src
        # "citing X" after a comma shares the main clause's content (filled later)
        content = None if first.endswith("ing") else _content_around(text, tokens, i, b, grammar)
        return _make(text, tokens, (a, b), (i, j), category, content), i, j
    # infinitive complements ("refused to discuss") are not attributions
    if i > 0 and tokens[i - 1].norm == "to":
        return None
    # the cue takes its auxiliaries and adverbs ("has also said", "was quoted")
    k = i
    while k > 0 and (tokens[k - 1].norm in grammar["aux"] or tokens[k - 1].norm in grammar["adverb"]
                     or (tokens[k - 1].norm.endswith("ly") and text[tokens[k - 1].start].islower())) \
            and k - 1 not in cue_tokens:
        k -= 1
    if k < i and tokens[k].norm in grammar["adverb"] and k > 0 and _is_punct(tokens[k - 1]):
        k += 1  # a sentence adverb after a comma belongs to the clause, not the cue
    cj = j
    # "was quoted as saying"
    if cj + 1 < n and tokens[cj].norm == "as" and tokens[cj + 1].norm in ("saying", "stating"):
        cj += 2
    if cj < n and tokens[cj].norm == ":":
        cj += 1
    # passive without an agent names no source: "the report was published",
    # "no changes were observed" (but "was quoted as saying" has its subject)
    if (cj >= n or tokens[cj].norm not in grammar["passive"]) and cj == j \
            and any(tokens[m].norm in grammar["be_form"] for m in range(k, i)):
        return None
    if (cj >= n or tokens[cj].norm not in grammar["passive"]) and first in grammar["publish_verb"] \
            and any(tokens[m].norm in grammar["aux"] for m in range(k, i)):
        return None
    # passive: "was reported by X", "as (first) reported by X"
    as_passive = k > 0 and tokens[k - 1].norm == "as"
    if cj < n and tokens[cj].norm in grammar["passive"] and (as_passive or k < i and any(
            tokens[m].norm in grammar["aux"] for m in range(k, i))):
        src = _np_right(tokens, cj + 1, n, cue_tokens, grammar, apposition=not as_passive)
        if src is None:
            return None
        if as_passive:
            k -= 1  # the cue starts at "as"
        content = _content_after(text, tokens, src[1], grammar, False) or _content_before(text, tokens, k)
        return _make(text, tokens, src, (k, cj + 1), category, content), k, cj + 1
    # participle continuing a clause: "X said ..., adding ..."
    if tokens[i].norm.endswith("ing") and k == i and i > 0 and (
        tokens[i - 1].norm == "," or tokens[i - 1].norm in grammar["boundary"]
        or tokens[i - 1].norm in _CLOSE_QUOTES or tokens[i - 1].norm == "by"
    ):
        content = _content_after(text, tokens, cj, grammar, tokens[i].norm in _transitive(grammar))
        if not found:
            subject = _sentence_subject(text, tokens, i)
            if subject is None:
                return None
            return _make(text, tokens, subject, (i, cj), category, content), i, cj
        previous = found[-1][0]
        link = Link(previous.source, _span(text, tokens, i, cj), previous.source.text,
                    previous.type, category, content)
        return link, i, cj
    before = tokens[k - 1].norm if k > 0 else None
    # subject before the cue, through an apposition: "X, the head of Y, said";
    # but a speech cue with a source noun phrase ending the sentence is
    # inverted ("..., which persist, say the authors.")
    src = None if before == "," and k == i and first in grammar["inverting"] \
        and _source_ends_sentence(text, tokens, cj, cue_tokens, grammar) \
        else _np_left(text, tokens, k, cue_tokens, grammar)
    # inverted: "..., said X."
    if src is None and before is not None and (before == "," or before in _CLOSE_QUOTES) \
            and cj < n and not tokens[i].norm.endswith("ing") and tokens[cj].norm not in grammar["boundary"]:
        inv = _np_right(tokens, cj, n, cue_tokens, grammar)
        if inv is not None and (inv[1] == n or _is_punct(tokens[inv[1]])
                                or tokens[inv[1]].norm in grammar["preposition"]):
            content = _extend_split_quote(text, tokens, inv[1], _content_before(text, tokens, k))
            return _make(text, tokens, inv, (k, cj), category, content), k, cj
    if src is None:
        # a second cue of the same subject: "X said ... and added ..."
        if before in ("and", "but", ","):
            content = _content_after(text, tokens, cj, grammar, first in _transitive(grammar))
            if found:
                previous = found[-1][0]
                return Link(previous.source, _span(text, tokens, k, cj), previous.source.text,
                            previous.type, category, content), k, cj
            subject = _sentence_subject(text, tokens, k)
            if subject is not None:
                return _make(text, tokens, subject, (k, cj), category, content), k, cj
        return None
    a, b = src
    if category == "belief" and b - a == 1 and tokens[a].norm in ("i", "we", "you"):
        return None  # "I think" inside a quotation is the speaker's hedge
    cj = _skip_time(tokens, cj, grammar)
    trailing = a > 0 and (tokens[a - 1].norm == "," or tokens[a - 1].norm in _CLOSE_QUOTES
                          or tokens[a - 1].norm in _DASHES)
    after = _content_after(text, tokens, cj, grammar, first in _transitive(grammar))
    if trailing and (after is None or _starts_with_preposition(tokens, after, grammar)
                     or (cj < n and tokens[cj].norm == "," and cj + 1 < n
                         and tokens[cj + 1].norm in _OPEN_QUOTES)
                     or (first in _transitive(grammar) and _only_hearer(text, tokens, after, grammar)
                         and not _is_intro_phrase(tokens, a, grammar))):
        content = _extend_split_quote(text, tokens, cj, _content_before(text, tokens, a))
    else:
        content = after
    if content is None and first.split()[-1] in grammar["publish_verb"]:
        return None  # "a clip the minister posted": an owner, handled by attribute()
    return _make(text, tokens, src, (k, cj), category, content), k, cj


def _source_ends_sentence(text, tokens, j, cue_tokens, grammar) -> bool:
    """A short source noun phrase runs from token ``j`` to the sentence's
    final punctuation: a name ("said Smith.") or a source noun ("say the authors.")."""
    n = len(tokens)
    np = _np_right(tokens, j, n, cue_tokens, grammar, apposition=False)
    if np is None or np[1] < n - 1 or np[1] - np[0] > 8 or (np[1] == n - 1 and tokens[-1].norm != "."):
        return False
    a, b = np
    # a document after the verb is its object ("Smith, the lead researcher,
    # explained the results."), not an inverted speaker
    return _looks_like_name(text, tokens, a, b, grammar) or any(
        (found := index(name).match_at(tokens, b - 1)) is not None and found[0] == b
        for name in _SOURCE_HEADS if name != "document_nouns")


def _only_hearer(text, tokens, after: Span, grammar) -> bool:
    """What follows a trailing "told" is only its hearer: "..., Reed told the
    Daily Post." (a few words, a name or a determiner first, then the end)."""
    a = bisect_left(tokens, after.start, key=_token_start)
    b = bisect_left(tokens, after.end, key=_token_start)
    return 0 < b - a <= 4 and (text[tokens[a].start].isupper() or tokens[a].norm in grammar["determiner"]) \
        and not any(_is_punct(t) for t in tokens[a:b])


def _is_intro_phrase(tokens, a, grammar) -> bool:
    """Is all that comes before the source at token ``a`` an introductory
    phrase ("After the vote, Smith told Congress.")?"""
    first = next((m for m in range(a) if not _is_punct(tokens[m])), None)
    return first is not None and (tokens[first].norm in grammar["preposition"] or tokens[first].norm in grammar["time"])


def _sentence_subject(text, tokens, stop) -> tuple[int, int] | None:
    """A capitalised name opening the sentence ("Trump granted ..., saying")."""
    a = 0
    while a < stop and _is_punct(tokens[a]):
        a += 1
    if a < stop and tokens[a].norm in _grammar()["preposition"]:
        # skip an introductory phrase: "On Thursday, however, Trump spoke ..."
        comma = next((m for m in range(a, stop) if tokens[m].norm == ","), None)
        if comma is None:
            return None
        a = comma
        while a < stop and (tokens[a].norm == "," or tokens[a].norm in _grammar()["adverb"]
                            or tokens[a].norm in ("however", "meanwhile")):
            a += 1
    b = a
    while b < stop and (text[tokens[b].start].isupper() and tokens[b].norm[0].isalnum()):
        b += 1
    if b == a or (b - a == 1 and tokens[a].norm in _grammar()["determiner"]):
        return None
    return a, b


def _starts_with_preposition(tokens, content: Span, grammar) -> bool:
    first = tokens[bisect_left(tokens, content.start, key=_token_start)]
    return first.norm in grammar["preposition"] and first.norm not in ("that",)


@lru_cache(maxsize=None)
def _source_after_first() -> frozenset[str]:
    return frozenset(w.split()[0] for w in _grammar()["source_after"] if w.endswith("ing"))


@lru_cache(maxsize=None)
def _transitive_words() -> frozenset[str]:
    return frozenset(w.split()[0] for w in _grammar()["transitive"])


def _transitive(grammar) -> frozenset[str]:
    return _transitive_words()


def _skip_time(tokens: list[Token], j: int, grammar) -> int:
    """The cue keeps a weekday right after it ("said Friday")."""
    if j < len(tokens) and tokens[j].norm in grammar["time"]:
        return j + 1
    return j


# --- noun phrases ------------------------------------------------------------


def _np_left(text, tokens, k, cue_tokens, grammar) -> tuple[int, int] | None:
    """The subject noun phrase ending just before token ``k``, as a token range."""
    if k == 0:
        return None
    prev = tokens[k - 1].norm
    if prev in grammar["subject_pronoun"] or prev in grammar["relative"]:
        return k - 1, k
    a = k
    while a > 0 and k - a < _MAX_SOURCE_TOKENS:
        tok = tokens[a - 1]
        if tok.norm == ")":  # "Sen. Claire McCaskill (D-Mo.) said"
            m = a - 2
            while m >= 0 and a - m < 8 and tokens[m].norm != "(":
                m -= 1
            if m >= 1 and tokens[m].norm == "(":
                a = m
                continue
        if tok.norm == "." and a >= 2 and tokens[a - 2].end == tok.start \
                and text[tokens[a - 2].start].isupper() and len(tokens[a - 2].norm) <= 4:
            a -= 1  # an abbreviation's period: "Acme Corp. said"
            continue
        if (_is_punct(tok) and tok.norm not in ("&", "%")) or tok.norm in grammar["subject_pronoun"]:
            break
        if tok.norm in grammar["boundary"] and not _joins_names(text, tokens, a - 1):
            break
        if (a - 1) in cue_tokens and not _reduced_relative(tokens, a - 1, grammar):
            break
        a -= 1
    if a == k:
        if prev == "," and k >= 2:
            return _apposition_left(text, tokens, k - 1, cue_tokens, grammar)
        return None
    # trim introductory words: a time word, an adverb, a prepositional phrase;
    # "about", "at least", "up to" before a number belong to the subject
    # ("About 300 residents said")
    while a < k - 1 and (tokens[a].norm in grammar["time"] or tokens[a].norm in grammar["adverb"]):
        a += 1
    if tokens[a].norm in grammar["preposition"] and not _number_follows(tokens, a, k):
        a = _after_intro_phrase(tokens, a, k, grammar)
        if a is None:
            return None
    if tokens[k - 1].norm in grammar["determiner"] or tokens[k - 1].norm in grammar["np_preposition"]:
        return None
    return a, k


def _number_follows(tokens, a, k) -> bool:
    """Token ``a`` starts a number's lead ("about", "at least") whose number is before ``k``."""
    lead = number_leads().match_at(tokens, a, k)
    return lead is not None and lead[0] < k and is_count(tokens[lead[0]])


def _joins_names(text, tokens, m) -> bool:
    """Token ``m`` is "and" between two capitalised words inside a sentence:
    one name ("Securities and Exchange Commission") or two ("Smith and
    Jones said")."""
    return tokens[m].norm == "and" and 0 < m < len(tokens) - 1 \
        and text[tokens[m - 1].start].isupper() and text[tokens[m + 1].start].isupper()


def _reduced_relative(tokens, p, grammar) -> bool:
    """A participle after a document noun, before by/on/in or another cue,
    a time word between allowed: "a video posted on X's page", "a study
    published Tuesday in The Lancet", "a poll released Monday showed"."""
    norm = tokens[p].norm
    if not (norm.endswith("ed") or norm in grammar["publish_verb"]) or p == 0 \
            or tokens[p - 1].norm in grammar["aux"] or _documents().match_at(tokens, p - 1) is None:
        return False
    q = _skip_time(tokens, p + 1, grammar)
    return q < len(tokens) and (tokens[q].norm in ("by", "on", "in")
                                or (q > p + 1 and _cues().match_at(tokens, q) is not None))


def _after_intro_phrase(tokens, a, k, grammar) -> int | None:
    """Where the subject starts after an introductory phrase ("On Sunday Trump")."""
    for m in range(k - 1, a, -1):
        tok = tokens[m]
        if tok.norm in grammar["determiner"]:
            return m
        if tokens[m - 1].norm in grammar["time"]:
            return m
    return None


def _apposition_left(text, tokens, comma, cue_tokens, grammar) -> tuple[int, int] | None:
    """``X, the head of Y, said``: the source runs from X to the end of the apposition."""
    c2 = comma - 1
    while c2 >= 0 and tokens[c2].norm != "," and not (
        _is_punct(tokens[c2]) and tokens[c2].norm not in ("&",)
    ) and comma - c2 <= _MAX_SOURCE_TOKENS:
        c2 -= 1
    if c2 < 0 or tokens[c2].norm != "," or c2 + 1 >= comma:
        return None
    head = _np_left(text, tokens, c2, cue_tokens, grammar)
    if head is None:
        return None
    segment = " ".join(t.norm for t in tokens[c2 + 1:comma])
    if any(segment.startswith(w + " ") for w in grammar["source_after"]):
        return head  # "the report, citing local officials, said"
    opener = tokens[c2 + 1]
    if comma - c2 == 2 and opener.norm in grammar["adverb"] | {"however", "meanwhile"}:
        return head  # "X, however, said"
    # a clause that describes the subject: "who asked not to be named",
    # "published on Monday", "in a statement issued late Sunday"
    clause = opener.norm in grammar["relative"] or _participle(opener.norm)
    describing = clause or opener.norm in grammar["preposition"] or opener.norm in grammar["np_preposition"]
    # a relative or participle clause may hold a cue of its own ("who asked
    # not to be named"), a prepositional phrase only a participle ("in a
    # statement issued late Sunday"); "with many voters saying they were
    # tired" is a clause of the sentence
    if any(m in cue_tokens and not (clause or _participle(tokens[m].norm)) for m in range(c2 + 1, comma)):
        return None
    if not (describing or opener.norm in grammar["determiner"]
            or index("titles").match_at(tokens, c2 + 1) or opener.norm[0].isdigit()
            or opener.norm.endswith("ing") or text[tokens[head[1] - 1].start].isupper()
            or text[opener.start].isupper()):
        return None
    return head[0], comma


def _participle(norm: str) -> bool:
    """A past participle: "published", "based", "led", "written"."""
    return (norm.endswith("ed") and len(norm) > 3) or norm in irregular_pasts()


def _np_right(tokens, j, n, cue_tokens, grammar, apposition=True) -> tuple[int, int] | None:
    """The noun phrase starting at token ``j`` (inverted subject, "according to X")."""
    b = j
    while b < n and b - j < _MAX_SOURCE_TOKENS:
        tok = tokens[b]
        norm = tok.norm
        if (_is_punct(tok) and norm not in ("&",)) or norm in grammar["boundary"] \
                or norm in grammar["time"] or b in cue_tokens \
                or (b > j and norm in grammar["subject_pronoun"]) \
                or (norm in grammar["preposition"] and norm not in ("of", "for", "at", "from", "with")
                    and f"{tokens[b - 1].norm} {norm}" not in grammar["np_phrase"]):  # "a source close to"
            break
        b += 1
    if b == j or tokens[b - 1].norm in grammar["determiner"]:
        return None
    # apposition: "said David Wasserman, House editor for the Cook Report."
    if apposition and b + 1 < n and tokens[b].norm == "," and not _is_punct(tokens[b + 1]) \
            and tokens[b + 1].norm not in grammar["boundary"] \
            and tokens[b + 1].norm not in grammar["subject_pronoun"]:
        c = b + 1
        while c < n and not _is_punct(tokens[c]) and c not in cue_tokens and c - b < _MAX_SOURCE_TOKENS:
            c += 1
        if c == n or tokens[c].norm in (".", ",") and (c + 1 == n or tokens[c].norm == "."):
            return j, c
    return j, b


# --- contents ----------------------------------------------------------------


def _strip_end(text: str, tokens: list[Token]) -> int:
    """Where the sentence's content ends: before a final period outside quotes."""
    last = len(tokens) - 1
    while last >= 0 and tokens[last].norm in (".", "!", "?") and last > 0 \
            and tokens[last].norm == ".":
        last -= 1
    return tokens[last].end if last >= 0 else 0


def _content_after(text, tokens, j, grammar, transitive) -> Span | None:
    """The content after a cue ending at token ``j``: to the end of the sentence."""
    n = len(tokens)
    if transitive:
        # skip the hearer: "told reporters (that) ..."
        for m in range(j, min(n, j + 7)):
            if tokens[m].norm == "that":
                j = m
                break
            if _is_punct(tokens[m]) and tokens[m].norm not in ("&",):
                if tokens[m].norm == ",":
                    j = m
                break
        else:
            if j < n and text[tokens[j].start].isupper() and tokens[j].norm not in grammar["subject_pronoun"]:
                while j < n and text[tokens[j].start].isupper() and tokens[j].norm not in grammar["subject_pronoun"]:
                    j += 1
    j = _skip_medium(tokens, j, grammar)
    while j < n and tokens[j].norm in (",", ":"):
        j += 1
    # a parenthetical "citing X," before the content
    if j < n and tokens[j].norm in _source_after_first():
        m = j + 1
        while m < n and tokens[m].norm != ",":
            m += 1
        if m < n:
            j = m + 1
    if j >= n:
        return None
    stop = _strip_end(text, tokens)
    if stop <= tokens[j].start:
        return None
    return Span(text[tokens[j].start:stop], tokens[j].start, stop)


def _skip_medium(tokens, j, grammar) -> int:
    """Skip "on Tuesday", "in a statement", "in an interview with X" after a cue."""
    n = len(tokens)
    while j < n:
        norm = tokens[j].norm
        if norm in grammar["time"]:
            j += 1
            continue
        if norm in grammar["medium"] and j + 1 < n:
            if tokens[j + 1].norm in grammar["time"]:
                j += 2
                continue
            if tokens[j + 1].norm in grammar["determiner"]:
                m = j + 2
                while m < n and m - j < 6 and not _is_punct(tokens[m]):
                    if _documents().match_at(tokens, m):
                        m = _documents().match_at(tokens, m)[0]
                        if m < n and tokens[m].norm == "with":
                            m = _np_after_with(tokens, m + 1)
                        j = _skip_owner_clause(tokens, m, grammar)
                        break
                    m += 1
                else:
                    return j
                continue
        return j
    return j


def _skip_owner_clause(tokens, m, grammar) -> int:
    """Skip "posted by X" or "the minister posted" after a document noun."""
    n = len(tokens)
    for k in range(m, min(n, m + 6)):
        if _is_punct(tokens[k]):
            return m
        if tokens[k].norm in grammar["publish_verb"]:
            if k + 1 < n and tokens[k + 1].norm == "by":
                return _np_after_with(tokens, k + 2)
            return k + 1
    return m


def _np_after_with(tokens, m) -> int:
    n = len(tokens)
    while m < n and not _is_punct(tokens[m]) and tokens[m].norm != "that":
        m += 1
    return m


def _content_before(text, tokens, a) -> Span | None:
    """The content before a trailing attribution starting at token ``a``."""
    e = a
    while e > 0 and tokens[e - 1].norm in (",", "—", "―", "–", "-"):
        e -= 1
    if e == 0:
        return None
    s = tokens[0].start
    stop = tokens[e - 1].end
    if a > 0 and tokens[a - 1].norm in _CLOSE_QUOTES:
        stop = tokens[a - 1].end
    if stop <= s:
        return None
    return Span(text[s:stop], s, stop)


def _content_around(text, tokens, i, b, grammar) -> Span | None:
    """Content of "according to X": before it when it trails, else after it."""
    if i > 0:
        before = _content_before(text, tokens, i)
        if before is not None and tokens[i - 1].norm == ",":
            return before
    return _content_after(text, tokens, b, grammar, False)


def _extend_split_quote(text, tokens, b, content: Span | None) -> Span | None:
    """``"A," X said, "B."``: the content runs on to the end of the second quote."""
    n = len(tokens)
    if content is None or b + 1 >= n or tokens[b].norm != "," or tokens[b + 1].norm not in _OPEN_QUOTES:
        return content
    stop = _strip_end(text, tokens)
    return Span(text[content.start:stop], content.start, stop)


# --- colon and dash attribution ----------------------------------------------


def _colon_and_dash(text, tokens, cue_tokens, grammar):
    """``The minister: "..."`` and ``"..." — Jane Doe``: the colon or dash is the cue."""
    found = []
    n = len(tokens)
    a = 0
    while a < n and tokens[a].norm in _OPEN_QUOTES:
        a += 1
    for c in range(a + 1, min(n - 1, a + 7)):
        if tokens[c].norm == ":":
            if c in cue_tokens or any(m in cue_tokens for m in range(a, c)):
                break
            if _looks_like_name(text, tokens, a, c, grammar):
                content = Span(text[tokens[c + 1].start:_strip_end(text, tokens)],
                               tokens[c + 1].start, _strip_end(text, tokens))
                link = _make(text, tokens, (a, c), (c, c + 1), "neutral", content)
                if link.source.text.isupper():
                    # a transcript's speaker label ("SMITH: ..."), not an acronym
                    kind = source_type(link.source.text.title())
                    link = replace(link, type=kind)
                found.append((link, c, c + 1))
            break
        if _is_punct(tokens[c]):
            break
    # dash after a closing quote, then a short name to the end
    for d in range(1, n - 1):
        if tokens[d].norm in _DASHES and tokens[d - 1].norm in _CLOSE_QUOTES:
            e = d + 1
            while e < n and not (_is_punct(tokens[e]) and tokens[e].norm != ".") and e - d <= 6:
                e += 1
            while e > d + 1 and _is_punct(tokens[e - 1]):
                e -= 1
            if 0 < e - d - 1 <= 8 and _looks_like_name(text, tokens, d + 1, e, grammar):
                q = 0
                content = Span(text[tokens[q].start:tokens[d - 1].end], tokens[q].start, tokens[d - 1].end)
                found.append((_make(text, tokens, (d + 1, e), (d, d + 1), "neutral", content), d, d + 1))
            break
    return found


def _looks_like_name(text, tokens, a, b, grammar) -> bool:
    """A short noun phrase: capitalised words, determiners, prepositions, titles."""
    if b <= a or not text[tokens[a].start].isupper():
        return False
    titles = index("titles")
    for m in range(a, b):
        tok = tokens[m]
        if _is_punct(tok) and tok.norm not in (".", "&"):
            return False
        if not (text[tok.start].isupper() or tok.norm in grammar["determiner"]
                or tok.norm in grammar["np_preposition"] or titles.match_at(tokens, m)
                or _is_punct(tok)):
            return False
    return True


# --- links -------------------------------------------------------------------


def _span(text: str, tokens: list[Token], i: int, j: int) -> Span:
    s, e = tokens[i].start, tokens[j - 1].end
    return Span(text[s:e], s, e)


def _make(text, tokens, src, cue, category, content) -> Link:
    source = _span(text, tokens, *src)
    return Link(source, _span(text, tokens, *cue), source.text, source_type(source.text),
                category, content)


def _fill_participle_contents(links: list[Link]) -> list[Link]:
    """``the report, citing officials, said ...``: citing shares the main content."""
    out = []
    for link in links:
        if link.content is None and link.cue.text.lower() in ("citing", "quoting"):
            donor = next((o for o in links if o is not link and o.content is not None
                          and o.source.start < link.cue.start), None)
            if donor is not None:
                link = Link(link.source, link.cue, link.resolved, link.type, link.cue_category,
                            donor.content)
        out.append(link)
    return out


# ---------------------------------------------------------------------------
# 2. The document: chains per statement


def attribute(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[Link, ...]]:
    """The attribution chain of each statement, with sources resolved.

    Parameters
    ----------
    text : str
        The whole document.
    spans : sequence of (int, int)
        Statement spans, in reading order.

    Returns
    -------
    list of tuple of Link
        One chain per statement, outermost source first, the writer omitted
        (an empty chain is the writer's own voice). ``Link.source`` is the
        text as written; ``Link.resolved`` and ``Link.type`` come from the
        earlier, fuller mention it refers to.

    Examples
    --------
    >>> text = "Maria Lopez runs the clinic. Lopez said the ward is full."
    >>> [[(l.source.text, l.resolved, l.type) for l in c] for c in attribute(text, [(0, 28), (29, 57)])]
    [[], [('Lopez', 'Maria Lopez', 'named_person')]]
    """
    resolver = coref.Resolver(text)
    chains = []
    for start, end in spans:
        tokens, links, _ = _analyse(text, start, end)
        if not links:  # the writer's own voice: nothing to order or resolve
            chains.append(())
            continue
        chain = _order(links)
        expanded: list[Link] = []
        for link in chain:
            expanded.extend(_carriers(text, tokens, link))
            expanded.append(link)
        resolved = resolver.resolve(expanded, start, end)
        if not _QUOTE_CHARS.search(text, start, end):
            resolved = [link for link in resolved if not _first_person(link)]
        chains.append(tuple(_merge_same_source(resolved)))
    return chains


_QUOTE_CHARS = re.compile("[\"“”«»]")  # any quotation, guillemets too (see also _QUOTE_MARK)


def _first_person(link: Link) -> bool:
    """A source in the first person ("we", "our results"), outside quotes:
    the writer's own voice."""
    first_word = link.source.text.split(maxsplit=1)[0].lower() if link.source.text else ""
    return first_word in _grammar()["first_person"]


def _order(links: list[Link]) -> list[Link]:
    """Outermost first: a link is inside another when its cue is in that content.

    A link's depth is the number of other links whose content holds its cue,
    not counting a link whose cue its own content holds in turn, plus one for
    a "citing" link that shares another link's content. Links sort by depth,
    then by cue position (source position without a cue).
    """
    if len(links) < 2:
        return list(links)
    # equal content spans (of one text) are equal offsets; hashing offsets
    # spares hashing the content texts
    contents = Counter((link.content.start, link.content.end) for link in links if link.content is not None)
    depths = [
        nested + (link.cue is not None and link.content is not None
                  and contents[link.content.start, link.content.end] > 1
                  and link.cue.text.lower() in ("citing", "quoting"))
        for link, nested in zip(links, _nesting(links))
    ]
    keys = [(d, link.cue.start if link.cue else link.source.start) for d, link in zip(depths, links)]
    return [links[n] for n in sorted(range(len(links)), key=keys.__getitem__)]


def _nesting(links: list[Link]) -> list[int]:
    """For each link, how many other links hold its cue in their content,
    except those whose cue its own content holds. Pair by pair: a statement
    has at most ``MAX_CUES_PER_STATEMENT`` cues, so a few dozen links."""
    return [sum(1 for o in links if o is not link and o.cue is not None
                and _holds(o, link) and not _holds(link, o)) for link in links]


def _holds(outer: Link, inner: Link) -> bool:
    """True if ``outer``'s content holds ``inner``'s cue."""
    return outer.content is not None and inner.cue is not None \
        and outer.content.start <= inner.cue.start < outer.content.end


def _carriers(text: str, tokens: list[Token], link: Link) -> list[Link]:
    """Owner and medium links that carry a link's words, outermost first.

    ``X's report says`` -> [X]; ``a video posted on X's page claims`` -> [X];
    ``a soldier says in a clip the minister posted`` -> [minister, clip].
    """
    out: list[Link] = []
    if link.type == "document":
        owner = coref.owner_of(text, link.source.start, link.source.end)
        if owner is not None:
            out.append(owner)
        return out
    if link.cue is None:
        return out
    medium = coref.medium_after(text, tokens, link.cue.end)
    if medium is not None:
        owner = coref.owner_of(text, medium.source.start, medium.source.end)
        if owner is not None:
            out.append(owner)
        out.append(medium)
    return out


_STRENGTH = {"neutral": 0}


def _merge_same_source(chain: list[Link]) -> list[Link]:
    """Merge consecutive links with the same source span into one link."""
    out: list[Link] = []
    for link in chain:
        if out and out[-1].source == link.source and out[-1].cue is not None and link.cue is not None:
            outer = out[-1]
            keep = link if _STRENGTH.get(link.cue_category, 1) > _STRENGTH.get(outer.cue_category, 1) else outer
            out[-1] = Link(outer.source, keep.cue, outer.resolved, outer.type, keep.cue_category,
                           link.content or outer.content)
        else:
            out.append(link)
    return out


# ---------------------------------------------------------------------------
# 3. Quotations carried over to the statements that continue them


def carry_quotations(text: str, spans: Sequence[tuple[int, int]], kinds: Sequence[str],
                     chains: Sequence[tuple[Link, ...]]) -> list[tuple[Link, ...]]:
    """Give a statement that carries on a quotation the speaker named before it.

    News quotations run on: in ``"We will rebuild," the mayor said. "It will
    take years."`` the second statement names nobody, yet it is the mayor's.
    A statement takes the speaker of the statement before it (boilerplate
    skipped) when that statement has a chain and this one

    - opens with a quotation that runs to its end (a scare quote closed
      mid-sentence, ``"Fake news" is a slogan``, is no continuation), or
    - starts inside a quotation left open in its paragraph (``She said: "A.
      B."`` split into two statements), or
    - follows a transcript turn in its paragraph (``SMITH: We won. It was
      close.``),

    and names no speaker of its own outside that quotation: links quoted in
    it (``"He told me, 'Stay.'"``) go inside the carried ones.

    The speaker is the chain up to the link whose content holds the earlier
    statement's last quotation, else up to its first link with a cue (``the
    mayor`` of ``the mayor, who ..., said``). Carried links keep the source
    and cue offsets of the statement they are written in, record its index
    in ``carried_from``, and take this statement's quotation as content. A
    carried speaker carries on in turn, so a quotation of several paragraphs
    keeps its speaker.

    Examples
    --------
    >>> text = '"We will rebuild," the mayor said. "It will take years."'
    >>> spans = [(0, 34), (35, 56)]
    >>> chains = carry_quotations(text, spans, ["statement"] * 2, attribute(text, spans))
    >>> [(link.resolved, link.carried_from) for link in chains[1]]
    [('the mayor', 0)]
    """
    out = list(chains)
    openings: list[int | None] = []  # where each statement's last quotation opens
    quote_open = False  # a quotation is open where the previous statement ends
    for i, ((start, end), kind) in enumerate(zip(spans, kinds)):
        open_here = quote_open and i > 0 and "\n" not in text[spans[i - 1][1]:start]
        opening, quote_open = _walk_quotes(text, start, end, open_here)
        openings.append(opening)
        if kind != "statement":
            continue
        j = i - 1
        while j >= 0 and kinds[j] == "boilerplate":
            j -= 1
        if j < 0 or kinds[j] != "statement" or not out[j]:
            continue
        donor = out[j]
        quotation = _continued_quotation(text, start, end, open_here)
        if quotation is None and _turn_goes_on(text, spans[j][1], start, donor[0]):
            quotation = Span(text[start:end], start, end)
        if quotation is None or not all(_inside(link, quotation) for link in out[i]):
            continue  # no quotation carried on, or the statement names its own speaker
        if donor[0].carried_from is None:
            donor = tuple(replace(link, carried_from=j) for link in _quotation_speaker(openings[j], donor))
        else:  # carry on the speaker, not what that statement quoted
            donor = tuple(link for link in donor if link.carried_from is not None)
        out[i] = tuple(replace(link, content=quotation) for link in donor) + out[i]
    return out


def _inside(link: Link, quotation: Span) -> bool:
    """Is a link quoted ("He told me, 'Stay,'" inside a quotation)?"""
    end = link.cue.end if link.cue is not None else link.source.end
    return quotation.start <= link.source.start and max(end, link.source.end) <= quotation.end


# the double quotes whose opening and closing carry_quotations tracks
_QUOTE_MARK = re.compile('[“”"]')
_QUOTE_OPENING = re.compile(r'[\s—–-]*[“"]')


def _turn_goes_on(text: str, previous_end: int, start: int, speaker: Link) -> bool:
    """Does a transcript turn ("BENENSON: This is a man who ...") go on into
    the statement at ``start``? It does to the end of its paragraph."""
    if "\n" in text[previous_end:start] or speaker.cue is None or speaker.cue.text != ":":
        return False
    line_start = text.rfind("\n", 0, speaker.source.start) + 1
    return not text[line_start:speaker.source.start].strip(" \t\"“")


def _walk_quotes(text: str, start: int, end: int, open_at_start: bool) -> tuple[int | None, bool]:
    """The double quotation marks of ``text[start:end]``: where the last
    quotation opens (None if none does), and whether one is open at the end."""
    depth, opening = int(open_at_start), None
    for mark in _QUOTE_MARK.finditer(text, start, end):
        # a straight quote closes an open quotation, else opens one
        if mark.group() == "”" or (mark.group() == '"' and depth):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            opening = mark.start()
    return opening, depth > 0


def _continued_quotation(text: str, start: int, end: int, open_at_start: bool) -> Span | None:
    """The quotation a statement carries on, or None: one open at its start,
    or one it opens that runs to its end."""
    if open_at_start:
        at = start
    else:
        opening = _QUOTE_OPENING.match(text, start, end)
        if opening is None:
            return None
        at = opening.end()
    close = _QUOTE_MARK.search(text, at, end)
    if close is not None and text[close.end():end].strip(_TRAILING):
        return None  # closed mid-sentence: a quoted phrase, not the whole statement
    stop = close.start() if close is not None else end
    return Span(text[at:stop], at, stop)


_TRAILING = " \t\n.,;:!?)]’'"


def _quotation_speaker(opening: int | None, chain: tuple[Link, ...]) -> tuple[Link, ...]:
    """The chain up to the speaker of the quotation that opens at ``opening``."""
    if opening is not None:
        for k in range(len(chain) - 1, -1, -1):
            content = chain[k].content
            if content is not None and content.start <= opening + 1 < content.end:
                return chain[:k + 1]
    k = next((k for k, link in enumerate(chain) if link.cue is not None), 0)
    return chain[:k + 1]
