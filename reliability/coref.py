"""Within-document source resolution (LABELS.md, "Source continuity").

A later mention of a source often does not name it in full: *he*, *they*,
*it*, *the group*, *the ministry*, *the report*, a surname alone (*Lopez*
after *Maria Lopez*), a relative pronoun (*Trump, who said*). The
:class:`Resolver` walks the statements of a document in order and replaces
such a link's ``resolved`` text and ``type`` with those of the earlier, fuller
mention; ``Link.source`` keeps the text as written.

Heuristics (recency plus compatibility, no model):

- *he/she* -> the most recent named person, else the most recent official
  or anonymous single source;
- *they/we* -> the most recent vague, anonymous, organization or official
  source;
- *it* -> the most recent organization, official body, outlet or document;
- *the group/company/ministry/report/...* (``pronouns.tsv``, class
  ``anaphor``) -> the most recent source of the same type (documents: with
  the same head noun first; *the agency* may also be an outlet);
- one capitalised word, with or without an honorific -> the most recent
  named person whose name ends with it, else the first earlier full name in
  the text that ends with it; failing that, for a word typed as a person:
  the organisation the text names with it (*SkyMeridian Airlines*, *startup
  NordCapture*), the common noun it is when the text also writes it in
  lower case (*Rescuers*), or an organisation when the text never writes
  it beside another name word and takes it up with *it/its*;
- two or three capitalised words typed as a person (*Beacon Ridge*) -> the
  organisation the text names with a company word after them (*Beacon
  Ridge Health*);
- *who/which* -> the noun phrase just before it.

Documents and their owners are remembered too: after *The minister posted a
video*, a soldier who speaks "in the video" is reported through the minister
(chain: minister -> video -> soldier).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from operator import attrgetter
from typing import Sequence

from .sources import Token, index, phrase_tokens, source_type, tokenize, word_classes
from .types import Link, Span

__all__ = ["Resolver", "owner_of", "medium_after"]

_PERSON_TYPES = ("named_person",)
# one to three capitalised words ending just before a surname
_NAME_LEAD = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,3}$")
_SINGLE_FALLBACK = ("official", "anonymous")
_PLURAL_TYPES = ("vague", "anonymous", "organization", "official", "media")
_THING_TYPES = ("organization", "official", "media", "document")
_start = attrgetter("start")


def _classes() -> dict[str, frozenset[str]]:
    return word_classes("pronouns")


def _grammar() -> dict[str, frozenset[str]]:
    return word_classes("attribution_grammar")


class Resolver:
    """Resolve sources statement by statement, in reading order.

    Parameters
    ----------
    text : str
        The whole document.

    Examples
    --------
    >>> from reliability.attribution import find_attributions
    >>> text = "The ministry said roads were closed. It said they would reopen."
    >>> r = Resolver(text)
    >>> _ = r.resolve(find_attributions(text, 0, 36), 0, 36)
    >>> [(l.source.text, l.resolved) for l in r.resolve(find_attributions(text, 37, 63), 37, 63)]
    [('It', 'The ministry')]
    """

    def __init__(self, text: str):
        self.text = text
        self._history: list[tuple[str, str]] = []  # (resolved text, type), oldest first
        # indexes over the history, so that a lookup does not rescan it:
        # type -> (position, resolved text) of its latest source
        self._latest: dict[str, tuple[int, str]] = {}
        # surname -> the latest full name ending with it, and the latest
        # before it that differs from it (see _full_name)
        self._by_surname: dict[str, tuple[str, str | None]] = {}
        self._owners: dict[str, Link] = {}  # document head noun -> owner link
        self._names: dict[str, tuple[int, int, str] | None] = {}  # surname -> first full name
        self._organisations: dict[str, tuple[str, str] | None] = {}  # name -> organisation mention
        self._lone: dict[str, str | None] = {}  # one-word name -> its type when never beside a name word

    def resolve(self, links: Sequence[Link], start: int, end: int) -> list[Link]:
        """Resolve the links of one statement ``text[start:end]``; remember its sources."""
        out: list[Link] = []
        for link in links:
            resolved = self._resolve_one(link)
            if resolved.type == "document" and not (out and out[-1].type != "document"
                                                    and out[-1].content is None):
                owner = self._owners.get(_head(resolved.source.text))
                if owner is not None and _is_definite(resolved.source.text) \
                        and not (out and out[-1].source == owner.source):
                    out.append(owner)
            out.append(resolved)
            self._remember(resolved, out)
        return out

    # -- one link --------------------------------------------------------

    def _resolve_one(self, link: Link) -> Link:
        norm = _normalised(link.source.text)
        classes = _classes()
        target: tuple[str, str] | None = None
        if norm in classes["person"]:
            target = self._recent(_PERSON_TYPES) or self._recent_person_role()
        elif norm in classes["plural"]:
            target = self._recent(_PLURAL_TYPES)
        elif norm in classes["thing"]:
            target = self._recent(_THING_TYPES)
        elif norm in classes["relative"]:
            target = self._antecedent(link.source.start)
        elif norm in classes["anaphor"]:
            target = self._same_type(_anaphor_types(link), _head(link.source.text))
        elif _is_surname(link.source.text):
            target = self._full_name(link.source)
            if target is None and link.type == "named_person":
                target = self._organisation(link.source, left=True) or self._lone_name(link.source)
        elif link.type == "named_person" and _is_bare_name(link.source.text):
            target = self._organisation(link.source, left=False)
        if target is None or target == (link.source.text, link.type):
            return link
        return Link(link.source, link.cue, target[0], target[1], link.cue_category, link.content)

    def _recent(self, types: Sequence[str]) -> tuple[str, str] | None:
        """The latest source of one of ``types``."""
        latest = max((self._latest[kind] + (kind,) for kind in types if kind in self._latest), default=None)
        return None if latest is None else (latest[1], latest[2])

    def _recent_person_role(self) -> tuple[str, str] | None:
        """The latest official or anonymous source that is one person by its
        role ("the mayor", "a senior official"), not a body ("Police", "the
        ministry"): what *he* or *she* can stand for when no one is named."""
        for resolved, kind in reversed(self._history):
            if kind in _SINGLE_FALLBACK and _is_one_person(resolved):
                return resolved, kind
        return None

    def _same_type(self, kinds: frozenset[str], head: str) -> tuple[str, str] | None:
        fallback = None
        for resolved, k in reversed(self._history):
            if k not in kinds or _is_definite_anaphor(resolved):
                continue
            if k != "document" or _head(resolved) == head:
                return resolved, k
            fallback = fallback or (resolved, k)
        return fallback if "document" not in kinds else None

    def _antecedent(self, pos: int) -> tuple[str, str] | None:
        """The noun phrase before ``, who``."""
        window = tokenize(self.text, max(0, pos - 120), pos)
        grammar = _grammar()
        b = len(window)
        while b > 0 and window[b - 1].norm == ",":
            b -= 1
        a = b
        while a > 0 and b - a < 8 and window[a - 1].norm[0].isalnum() \
                and window[a - 1].norm not in grammar["boundary"] \
                and window[a - 1].norm not in grammar["preposition"]:
            a -= 1
        if a == b:
            return None
        s, e = window[a].start, window[b - 1].end
        phrase = self.text[s:e]
        return phrase, source_type(phrase)

    def _full_name(self, source: Span) -> tuple[str, str] | None:
        surname = phrase_tokens(source.text)[-1].norm
        # the latest named person of two or more words ending with the
        # surname, other than the source's own text
        latest, before = self._by_surname.get(surname, (None, None))
        resolved = latest if latest != source.text else before
        if resolved is not None:
            return resolved.split(",")[0].strip(), "named_person"
        raw = self.text[source.end - len(surname):source.end]
        found = self._first_full_name(raw)
        if found is None or found[1] > source.start:
            return None
        words = found[2].split()
        while words and words[0].lower() in _grammar()["determiner"]:
            words = words[1:]
        if len(words) < 2:
            return None
        name = " ".join(words)
        return name, source_type(name)

    def _lone_name(self, source: Span) -> tuple[str, str] | None:
        """A one-word "name" that names no person (see :func:`_lone_type`).

        News text introduces a person by full name ("Maria Lopez") before
        the surname alone; a name the text only ever writes alone
        ("Blackfen said", "Blackfen's report") is a company or other body.
        """
        raw = source.text
        if raw not in self._lone:
            self._lone[raw] = _lone_type(self.text, raw)
        kind = self._lone[raw]
        return None if kind is None else (raw, kind)

    def _organisation(self, source: Span, left: bool) -> tuple[str, str] | None:
        """The name as an organisation, if the text says it is one somewhere.

        The name followed by a company word ("SkyMeridian Airlines", "Eastline
        Gas") or, when ``left``, after a company noun ("startup NordCapture",
        "Irish operator Celtria").
        """
        raw = source.text
        if raw not in self._organisations:
            self._organisations[raw] = _organisation_in(self.text, raw, left)
        return self._organisations[raw]

    def _first_full_name(self, raw: str) -> tuple[int, int, str] | None:
        """The first "Firstname ... <raw>" in the text, as (start, end, text).

        Searched once per surname: each occurrence of the surname is checked
        for one to three capitalised words just before it.
        """
        if raw not in self._names:
            self._names[raw] = None
            for m in re.finditer(re.escape(raw) + r"\b", self.text):
                lead = _NAME_LEAD.search(self.text, max(0, m.start() - 80), m.start())
                if lead is not None and not _ends_sentence(lead.group()):
                    self._names[raw] = (lead.start(), m.end(), self.text[lead.start():m.end()])
                    break
        return self._names[raw]

    # -- memory ----------------------------------------------------------

    def _remember(self, link: Link, chain: list[Link]) -> None:
        self._latest[link.type] = (len(self._history), link.resolved)
        self._history.append((link.resolved, link.type))
        if link.type == "named_person":
            name = phrase_tokens(link.resolved.split(",")[0])
            if len(name) > 1:
                latest = self._by_surname.get(name[-1].norm, (None, None))[0]
                if link.resolved != latest:  # keep the latest two different names
                    self._by_surname[name[-1].norm] = (link.resolved, latest)
        # "X posted a video": remember X as the owner of the video
        if link.cue is not None and link.content is not None and _is_publish(link.cue.text):
            head = _leading_document(link.content.text)
            if head:
                self._owners[head] = Link(link.source, link.cue, link.resolved, link.type)
        # "a video posted by X" / "X's report": the owner link just before
        if link.type == "document" and len(chain) >= 2 and chain[-2].content is None:
            self._owners.setdefault(_head(link.source.text), chain[-2])


# ---------------------------------------------------------------------------
# Owners and media of documents


def owner_of(text: str, start: int, end: int) -> Link | None:
    """The owner named inside a document phrase ``text[start:end]``, as a link.

    Recognises ``X's report``, ``a video posted by X``, ``a video posted on
    X's page`` and ``a clip the minister posted``. The owner link's cue is
    the publishing verb, or None for a possessive.

    >>> text = "a video posted on the governor's page"
    >>> link = owner_of(text, 0, len(text))
    >>> (link.source.text, link.cue.text, link.type)
    ('the governor', 'posted', 'official')
    """
    tokens = tokenize(text, start, end)
    grammar = _grammar()
    docs = index("document_nouns")
    for m, tok in enumerate(tokens):
        hit = docs.match_at(tokens, m)
        if hit is None:
            continue
        d = hit[0]
        # possessive before the document noun: "the group's report"
        if m > 0 and tokens[m - 1].norm.endswith("'s"):
            first = m - 1
            while first > 0 and tokens[first - 1].norm[0].isalnum() \
                    and tokens[first - 1].norm not in grammar["boundary"] \
                    and tokens[first - 1].norm not in grammar["np_preposition"]:
                first -= 1
            if first > 0 and tokens[first - 1].norm in grammar["preposition"]:
                pass
            s, e = tokens[first].start, tokens[m - 1].end - 2
            return _owner_link(text, s, e, None)
        rest = tokens[d:]
        # "posted by X" / "posted on X's page"
        if rest and rest[0].norm in grammar["publish_verb"]:
            verb = rest[0]
            if len(rest) > 2 and rest[1].norm == "by":
                return _owner_link(text, rest[2].start, _np_end(rest, 2), verb)
            if len(rest) > 2 and rest[1].norm in grammar["medium"]:
                for k in range(2, min(len(rest), 8)):
                    if rest[k].norm.endswith("'s"):
                        return _owner_link(text, rest[2].start, rest[k].end - 2, verb)
            return None
        # "a clip the minister posted"
        for k in range(0, min(len(rest), 6)):
            if rest[k].norm in grammar["publish_verb"] and k > 0:
                s = rest[0].start if rest[0].norm not in ("that", "which") else rest[1].start
                return _owner_link(text, s, rest[k - 1].end, rest[k])
            if not rest[k].norm[0].isalnum():
                break
        return None
    return None


def _np_end(tokens: list[Token], k: int) -> int:
    grammar = _grammar()
    e = k
    while e < len(tokens) and tokens[e].norm[0].isalnum() and tokens[e].norm not in grammar["boundary"] \
            and tokens[e].norm not in grammar["preposition"]:
        e += 1
    return tokens[max(k, e - 1)].end


def _owner_link(text: str, s: int, e: int, verb: Token | None) -> Link | None:
    if e <= s:
        return None
    source = Span(text[s:e], s, e)
    cue = Span(text[verb.start:verb.end], verb.start, verb.end) if verb is not None else None
    return Link(source, cue, source.text, source_type(source.text), "neutral", None)


def medium_after(text: str, tokens: list[Token], pos: int) -> Link | None:
    """The document that carries a cue's words: ``said in a video (posted by X)``.

    ``tokens`` are the sentence's tokens; ``pos`` is where the cue ends.
    Returns a ``document`` link with no cue, or None.
    """
    grammar = _grammar()
    docs = index("document_nouns")
    n = len(tokens)
    m = bisect_left(tokens, pos, key=_start)  # the first token at or after pos
    while m < n and tokens[m].norm in grammar["time"]:
        m += 1
    if m + 1 >= n or tokens[m].norm not in grammar["medium"] or tokens[m + 1].norm not in grammar["determiner"]:
        return None
    for d in range(m + 2, min(n, m + 6)):
        hit = docs.match_at(tokens, d)
        if hit is None:
            if not tokens[d].norm[0].isalnum():
                return None
            continue
        e = hit[0]
        # the owner clause after it: "posted by X" or "the minister posted"
        k = e
        while k < n and k - e < 7 and tokens[k].norm[0].isalnum() and tokens[k].norm not in ("said", "says"):
            if tokens[k].norm in grammar["publish_verb"]:
                e = k + 1
                if k + 1 < n and tokens[k + 1].norm == "by":
                    e = k + 2
                    while e < n and tokens[e].norm[0].isalnum() and tokens[e].norm not in grammar["boundary"]:
                        e += 1
                break
            k += 1
        s, stop = tokens[m + 1].start, tokens[e - 1].end
        span = Span(text[s:stop], s, stop)
        return Link(span, None, span.text, "document", "neutral", None)
    return None


# ---------------------------------------------------------------------------
# Small helpers


@lru_cache(maxsize=4096)
def _head(phrase: str) -> str:
    """The document head noun of a phrase ("a video posted by X" -> "video")."""
    tokens = list(phrase_tokens(phrase))
    docs = index("document_nouns")
    for m in range(len(tokens)):
        hit = docs.match_at(tokens, m)
        if hit is not None:
            return " ".join(t.norm for t in tokens[m:hit[0]]).rstrip("s")
    return tokens[-1].norm if tokens else ""


def _is_one_person(phrase: str) -> bool:
    """Is the last word of ``phrase`` a role noun in the singular ("the
    mayor", "a spokeswoman"), not a body or a plural ("Police", "officials")?"""
    tokens = list(phrase_tokens(phrase))
    if not tokens:
        return False
    # the head noun: before a post-modifier ("a spokesman for the ministry")
    grammar = _grammar()
    cut = next((k for k, t in enumerate(tokens) if k and (t.norm in grammar["np_preposition"]
                                                          or t.norm in grammar["relative"] or t.norm == ",")),
               len(tokens))
    head = tokens[cut - 1:cut]
    hit = index("titles").match_at(head, 0) if head else None
    return hit is not None and not head[0].norm.endswith("s")


def _anaphor_types(link: Link) -> frozenset[str]:
    """Types a definite noun may refer to: its own, and "media" or an
    institution type when its head is also listed there ("the agency")."""
    tokens = phrase_tokens(link.source.text)
    last = list(tokens[-1:])
    kinds = {link.type}
    media = index("outlets").match_at(last, 0) if last else None
    if media is not None and media[1].category in ("media_noun", "media_anaphor"):
        kinds.add("media")
    institution = index("institutions").match_at(last, 0) if last else None
    if institution is not None:
        kinds.add(institution[1].category)
    return frozenset(kinds)


def _is_definite(phrase: str) -> bool:
    return phrase.lower().startswith(("the ", "this ", "that "))


def _is_definite_anaphor(phrase: str) -> bool:
    return _normalised(phrase) in _classes()["anaphor"]


@lru_cache(maxsize=8192)
def _normalised(phrase: str) -> str:
    """A phrase's token norms joined by spaces ("The Ministry" -> "the ministry")."""
    return " ".join(t.norm for t in phrase_tokens(phrase))


@lru_cache(maxsize=1024)
def _is_publish(cue: str) -> bool:
    return cue.split()[-1].lower() in _grammar()["publish_verb"]


def _leading_document(content: str) -> str:
    tokens = tokenize(content)
    docs = index("document_nouns")
    for m in range(min(len(tokens), 4)):
        hit = docs.match_at(tokens, m)
        if hit is not None:
            return " ".join(t.norm for t in tokens[m:hit[0]]).rstrip("s")
    return ""


@lru_cache(maxsize=1024)
def _mention(raw: str) -> re.Pattern[str]:
    r"""``raw`` as a whole word: no letter, digit or hyphen on either side.

    The same matches as ``(?<![\w-])raw(?![\w-])``, written with the
    literal first and the look-behind after it (``raw(?<![\w-]raw)``), so
    that the regex engine can jump between occurrences of the literal
    instead of trying every position: about 40 times faster on an article.
    """
    literal = re.escape(raw)
    return re.compile(literal + r"(?<![\w-]" + literal + r")(?![\w-])")


# a run of capitalised words after a name ("SkyMeridian Airlines")
_CAPS_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w&.-]*){1,3}")


def _organisation_in(text: str, raw: str, left: bool) -> tuple[str, str] | None:
    """The first mention of ``raw`` in ``text`` that reads as an organisation."""
    for m in _mention(raw).finditer(text):
        after = _CAPS_AFTER.match(text, m.end())
        if after is not None:
            words = after.group().split()
            for n in range(len(words), 0, -1):
                phrase = raw + " " + " ".join(words[:n])
                if source_type(phrase) == "organization":
                    return phrase, "organization"
        if left:
            before = tokenize(text, max(0, m.start() - 60), m.start())
            for k in range(1, min(4, len(before)) + 1):
                tok = before[-k]
                if not tok.norm[0].isalnum():
                    break
                phrase = text[tok.start:m.end()]
                if source_type(phrase) == "organization":
                    return phrase, "organization"
    return None


# the word before and after a name: (previous word) (the name) (next word)
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’.-]*)[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+([A-Z][\w.-]*)")


def _lone_type(text: str, raw: str) -> str | None:
    """The type of a capitalised word that is no person's name, or None.

    A word the text also writes in lower case is a common noun capitalised
    at the start of a sentence ("Rescuers said", "Whistleblower tells"); a
    word never written beside another name word is a body when the text takes
    it up with *it/its* ("Blackfen said it would"), a collective when with
    *they* and it reads as an agent plural ("Hydrologists said they").
    """
    if _mention(raw.lower()).search(text):
        return source_type(raw.lower())
    if not _is_lone(text, raw):
        return None
    # which pronoun takes the name up later in its sentences ("Korrin said
    # it would appeal"; "Trump said he would win")
    votes = {"thing": 0, "person": 0, "plural": 0}
    classes = _classes()
    for m in _mention(raw).finditer(text):
        stop = min(len(text), m.end() + 160)
        for match in _FOLLOWING_PRONOUN.finditer(text, m.end(), stop):
            word = match.group().lower()
            if word in ".!?":
                break
            word = _PRONOUN_OF.get(word, word)
            kind = next((kind for kind in votes if word in classes[kind]), None)
            if kind is not None:
                votes[kind] += 1
                break
    if votes["thing"] > votes["person"] + votes["plural"]:
        return "organization"
    if votes["plural"] > votes["person"] + votes["thing"] and raw.endswith(_AGENT_PLURALS):
        return "vague"
    return None


# the next pronoun (or the end of the sentence) after a name
_FOLLOWING_PRONOUN = re.compile(r"\b(?:it|its|itself|he|his|him|himself|she|her|herself|they|their|them)\b|[.!?](?=\s|$)",
                                re.IGNORECASE)
_PRONOUN_OF = {"its": "it", "itself": "it", "his": "he", "himself": "he", "herself": "she", "their": "they"}


# endings of agent nouns in the plural ("hydrologists", "rescuers", "separatists")
_AGENT_PLURALS = ("ers", "ists", "ians", "ors", "ants", "ents", "ees")


def _is_lone(text: str, raw: str) -> bool:
    """True if ``raw`` is never preceded or followed by a capitalised name word."""
    grammar = _grammar()
    plain = grammar["determiner"] | grammar["boundary"] | grammar["preposition"]
    honorifics = word_classes("titles")["honorific"]
    found = False
    for m in _mention(raw).finditer(text):
        found = True
        before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if before is not None and before.group(1)[0].isupper():
            word = before.group(1).lower().rstrip(".")
            if word in honorifics:
                return False
            if word not in plain and not _sentence_start(text, before.start(1)) \
                    and not _ends_sentence(before.group(1)):
                return False
        after = _WORD_AFTER.match(text, m.end())
        if after is not None and after.group(1).lower() not in plain:
            return False
    return found


def _sentence_start(text: str, pos: int) -> bool:
    """True if ``pos`` starts a sentence (after ., !, ?, a quote, a dash or a line break)."""
    k = pos - 1
    while k >= 0 and text[k] in " \t\"“‘'(":
        k -= 1
    return k < 0 or text[k] in ".!?\n—–-:"


def _ends_sentence(lead: str) -> bool:
    """True if a name lead holds a sentence end ("Monday. Blackfen"), not
    only abbreviations ("Mr. Clarke", "J. Smith")."""
    honorifics = word_classes("titles")["honorific"]
    return any(w.endswith(".") and len(w) > 2 and w[:-1].lower() not in honorifics
               for w in lead.split())


@lru_cache(maxsize=8192)
def _is_bare_name(phrase: str) -> bool:
    """Two or three capitalised words and nothing else ("Beacon Ridge")."""
    words = phrase.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)


@lru_cache(maxsize=8192)
def _is_surname(phrase: str) -> bool:
    """One capitalised word, possibly after an honorific ("Lopez", "Mr. Clarke")."""
    tokens = phrase_tokens(phrase)
    if not tokens or len(tokens) > 2:
        return False
    if len(tokens) == 2 and tokens[0].norm not in word_classes("titles")["honorific"]:
        return False
    raw = phrase[tokens[-1].start:tokens[-1].end]
    return raw[:1].isupper() and raw.isalpha() and not raw.isupper()
