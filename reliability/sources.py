"""Source typing: what kind of source a source noun phrase names.

The attribution stage finds who says what (``attribution.py``); this module
says what kind of source that is, one of :data:`reliability.types.SOURCE_TYPES`
(LABELS.md, "Attribution chains"). Typing reads only lexicons:
``titles.tsv``, ``outlets.tsv``, ``institutions.tsv``, ``document_nouns.tsv``,
``anonymous.tsv``, ``vague_sources.tsv``, ``pronouns.tsv``, ``countries.tsv``
and ``source_words.tsv``.

The module also holds the small token machinery the attribution stage shares:
:func:`tokenize` and :class:`PhraseIndex`, a token-based matcher over a
lexicon. Where :class:`reliability.lexicon.PhraseMatcher` scans character
offsets, the attribution stage works on tokens, so the index looks phrases
up token by token in a dict built from the same lexicon entries and the same
expansion rules (:func:`reliability.lexicon.expand`): ``word+`` and ``word~``
mean exactly what they mean there.

A source splits into a main noun phrase and an apposition (after a comma);
the main phrase's core drops a possessor ("Clinton's campaign"), a
post-modifier ("of", "who", "near", "by") and a trailing participle
("figures compiled"); its head is the longest lexicon phrase ending the core
("coast guard" over "guard"). Typing rules, in order (the first that
applies wins):

1. a bare pronoun: *he/she/who* -> ``named_person``, *they/we* -> ``vague``,
   *it/which* -> ``organization`` (defaults; coreference replaces them with
   the type of the source referred to);
2. an anonymity marker anywhere (*a source*, *familiar with*, *on condition
   of anonymity*, *speaking privately*, *one of*) -> ``anonymous``, unless a
   name stands in apposition to it (*one of the players, Jane Doe*);
3. a collective head noun (*analysts*, *experts*, *many*, *residents*) ->
   ``vague`` (with a count, *two analysts*, ``anonymous``);
4. an outlet name (*Reuters*) or a media head noun (*the newspaper*) ->
   ``media`` (plural and generic, *several websites*, ``vague``);
5. a document head noun (*report*, *video*, *statement*) -> ``document``;
6. a role noun as head, whatever capitalised words stand before it (they
   name a body: *A Police Scotland spokeswoman*): plural officials or roles
   (*officials*, *F.B.I. officials*) and one unnamed person (*a senior
   official*, *the doctor*) -> ``anonymous`` (LABELS.md rule 6); plural
   ordinary people (*several neighbours*) -> ``vague``; one official by role
   (*the mayor*) -> ``official``; one person by a role in an organisation
   (*the chief executive*) -> ``organization``;
7. a body as head: government bodies and countries -> ``official``;
   companies, NGOs, universities, company nouns and company-name words
   (*startup*, *Logistics*) -> ``organization``; a generic plural (*aid
   agencies*, *civic groups*) -> ``vague``;
8. a company noun before a name (*security firm Brightwall*) ->
   ``organization``;
9. a personal name, with or without a title (*Gov. Jane Doe*) ->
   ``named_person``; a capitalised first word before a lower-case head is
   taken as sentence-initial (*Election monitors*), not a name;
10. other capitalised words: an acronym -> ``organization``, else
    ``named_person``;
11. otherwise a plural -> ``vague``; one definite role (*the harbour
    master*) -> ``official``; any other singular -> ``anonymous``.

An apposition then refines the main phrase's type: a name after an unnamed
role names the source (*His lawyer, Anna Berg*: ``named_person``; *the
depot's owner, Pivden Trans*: ``organization``); a descriptive apposition
with a body noun says what a name is (*Kestrel, a mining company*); a body
keeps its type (*The federal agency, Ibama*).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from .lexicon import Entry, expand, read

__all__ = ["Token", "tokenize", "phrase_tokens", "PhraseIndex", "index", "word_classes", "source_type"]


# ---------------------------------------------------------------------------
# Tokens

# Acronyms with dots (U.S., F.B.I.), a capitalised abbreviation before a
# capitalised word (Mr. Clarke, Gov. Jane), words with inner apostrophes,
# hyphens or ampersands (Clinton's, don't, AT&T), a number with thousands
# separators or decimals (2,000, 3.5), or any other single character
# (punctuation, quotes, dashes).
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Z][a-z]{0,3}\.(?=\s+[A-Z])"
    r"|\d+(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+\.\d+"  # one number: "2,000", "3.5"
    r"|\w+(?:['’&-]\w+)*|\S"
)


_SPACED_TOKEN = re.compile(r"(\s*)(" + _TOKEN.pattern + ")")
# A plain word: lower-case ASCII letters, digits, underscores.
_PLAIN = re.compile(r"[a-z0-9_]+")
# Every byte that cannot be part of a plain word, mapped to a space.
_NOT_PLAIN = bytes(b if _PLAIN.fullmatch(chr(b)) else 32 for b in range(256))


# The same, with upper-case ASCII letters mapped to lower case.
_NOT_PLAIN_LOWER = bytes(_NOT_PLAIN[ord(chr(b).lower())] if 65 <= b <= 90 else _NOT_PLAIN[b]
                         for b in range(256))


def _ascii_words(text: str) -> list[bytes]:
    """The plain words of ``text``, lower-cased, as ASCII bytes.

    A token whose norm is a plain word is one of these (its neighbours are
    spaces or punctuation). Done on bytes because ``bytes.translate`` and
    ``split`` are far cheaper than a regex; a non-ASCII letter becomes a
    space, which only splits a word that could not be plain anyway. ASCII
    text is lower-cased by the translation table itself; other text goes
    through ``str.lower`` first, since a few non-ASCII letters lower-case to
    ASCII ones (a dotted capital I becomes "i" and a combining dot).
    """
    if text.isascii():
        return text.encode().translate(_NOT_PLAIN_LOWER).split()
    return text.lower().encode().translate(_NOT_PLAIN).split()


class Token(NamedTuple):
    """A token: its normalised form and its character offsets."""

    norm: str
    start: int
    end: int


_new_token = tuple.__new__  # builds a Token without the keyword-argument wrapper
_norm_of = itemgetter(0)  # a Token's norm, as a C-level function for map()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with absolute offsets.

    >>> [t.norm for t in tokenize("Mr. Clarke's aide said: no.")]
    ['mr', "clarke's", 'aide', 'said', ':', 'no', '.']
    """
    end = len(text) if end is None else end
    # one findall gives (whitespace, token) pairs, so offsets are running
    # sums and no match object is built; the whole stretch is normalised
    # once (lower-casing and the apostrophe keep the length)
    low = text[start:end].lower().replace("’", "'")
    tokens = []
    append = tokens.append
    pos = 0
    for space, raw in _SPACED_TOKEN.findall(text, start, end):
        s = pos + len(space)
        pos = s + len(raw)
        norm = low[s:pos]
        if pos - s > 1 and norm[-1] == ".":
            norm = norm.rstrip(".")
        append(_new_token(Token, (norm, s + start, pos + start)))
    return tokens


@lru_cache(maxsize=8192)
def phrase_tokens(phrase: str) -> tuple[Token, ...]:
    """Tokens of a short phrase (a source text), cached."""
    return tuple(tokenize(phrase))


# ---------------------------------------------------------------------------
# Phrase index


class PhraseIndex:
    """Lexicon phrases looked up token by token, longest match first.

    Parameters
    ----------
    entries : sequence of Entry
        Lexicon entries; markers ``+`` and ``~`` expand as in
        :func:`reliability.lexicon.expand`. The first entry that yields a
        surface form owns it; an entry of category ``none`` owns its forms
        only to silence them (a later lexicon's weak form stays unmatched).

    Examples
    --------
    >>> idx = PhraseIndex([Entry("according to", "neutral"), Entry("say+", "neutral")])
    >>> toks = tokenize("According to police, he says.")
    >>> [(toks[i].norm, toks[j - 1].norm) for i, j, _ in idx.matches(toks)]
    [('according', 'to'), ('says', 'says')]
    """

    def __init__(self, entries: "tuple[Entry, ...] | list[Entry]"):
        self._forms: dict[tuple[str, ...], Entry] = {}
        for entry in entries:
            for form in expand(entry.phrase.lower()):
                key = tuple(t.norm for t in tokenize(form))
                self._forms.setdefault(key, entry)
        self._forms = {k: e for k, e in self._forms.items() if e.category != "none"}
        self.first_words = frozenset(key[0] for key in self._forms)
        # per first word, the length of its longest phrase: most words start
        # only one-word phrases, so a lookup usually tries a single key
        self._longest: dict[str, int] = {}
        for key in self._forms:
            self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))
        # for could_match: the phrases of several plain words, and the words
        # that may start any other phrase (None: a first word that is not
        # plain, which could_match cannot look for)
        self._several = {k for k in self._forms if len(k) > 1 and all(map(_PLAIN.fullmatch, k))}
        alone = {k[0] for k in self._forms if k not in self._several}
        self._alone = frozenset(alone) if all(map(_PLAIN.fullmatch, alone)) else None
        self._several_first = frozenset(k[0] for k in self._several) - (self._alone or set())
        # for matches and match_at: the one-word phrases, and the first two
        # words of every longer phrase. A common word that only starts long
        # phrases ("to", "as") is then rejected by one set lookup on the
        # next word instead of one dict lookup per phrase length.
        self._single = {k[0]: e for k, e in self._forms.items() if len(k) == 1}
        self._pairs = frozenset(k[:2] for k in self._forms if len(k) > 1)
        # could_match works on bytes (see _ascii_words): the same sets, encoded
        self._alone_b = None if self._alone is None else frozenset(w.encode() for w in self._alone)
        self._several_first_b = {w.encode(): self._longest[w] for w in self._several_first}
        self._several_b = frozenset(tuple(w.encode() for w in k) for k in self._several)

    def match_at(self, tokens: list[Token], i: int, stop: int | None = None) -> tuple[int, Entry] | None:
        """The longest phrase starting at token ``i``: ``(end index, entry)`` or None."""
        word = tokens[i][0]  # tokens[i].norm; plain indexing is cheaper than the attribute
        longest = self._longest.get(word)
        if longest is None:
            return None
        stop = len(tokens) if stop is None else stop
        if i >= stop:
            return None
        # a phrase of two or more words needs its first two words in _pairs
        if longest > 1 and i + 1 < stop and (word, tokens[i + 1][0]) in self._pairs:
            for n in range(min(longest, stop - i), 1, -1):
                entry = self._forms.get(tuple(map(_norm_of, tokens[i:i + n])))
                if entry is not None:
                    return i + n, entry
        entry = self._single.get(word)
        return None if entry is None else (i + 1, entry)

    def matches(self, tokens: list[Token], start: int = 0, stop: int | None = None) -> list[tuple[int, int, Entry]]:
        """Non-overlapping matches ``(first token, end token, entry)``, left to right."""
        stop = len(tokens) if stop is None else stop
        found = []
        taken = start
        # the positions of tokens that may start a phrase, found in C: a
        # membership test per norm (map), kept where true (compress)
        hits = map(self.first_words.__contains__, map(_norm_of, tokens[start:stop]))
        for i in compress(range(start, stop), hits):
            if i < taken:
                continue
            hit = self.match_at(tokens, i, stop)
            if hit is not None:
                found.append((i, hit[0], hit[1]))
                taken = hit[0]
        return found

    def could_match(self, text: str) -> bool:
        """False when no phrase can match in ``text``: a cheap test before
        tokenizing (it may say True where nothing matches, never the reverse).

        >>> idx = PhraseIndex([Entry("said", "neutral"), Entry("according to", "neutral")])
        >>> [idx.could_match(t) for t in ("He said so.", "According to him", "according him to")]
        [True, True, False]
        """
        if self._alone_b is None:
            return True
        words = _ascii_words(text)
        if not self._alone_b.isdisjoint(words):
            return True
        several_first = self._several_first_b
        if several_first.keys().isdisjoint(words):
            return False
        # a phrase of several plain words matches consecutive tokens, which
        # are consecutive words here (only spaces or a period between them)
        for k, word in enumerate(words):
            longest = several_first.get(word)
            if longest is not None:
                for n in range(2, longest + 1):
                    if tuple(words[k:k + n]) in self._several_b:
                        return True
        return False

    def get(self, words: tuple[str, ...]) -> Entry | None:
        """The entry for a normalised word tuple, or None."""
        return self._forms.get(words)


@lru_cache(maxsize=None)
def index(name: str) -> PhraseIndex:
    """A cached :class:`PhraseIndex` over lexicon ``name``."""
    return PhraseIndex(read(name))


@lru_cache(maxsize=None)
def word_classes(name: str) -> dict[str, frozenset[str]]:
    """Lexicon ``name`` as ``class -> set of normalised forms``.

    A phrase may belong to several classes. Multi-word forms are joined by a
    single space.
    """
    classes: dict[str, set[str]] = {}
    for entry in read(name):
        for form in expand(entry.phrase.lower()):
            key = " ".join(t.norm for t in tokenize(form))
            classes.setdefault(entry.category, set()).add(key)
    return {k: frozenset(v) for k, v in classes.items()}


# ---------------------------------------------------------------------------
# Source typing


def _is_punct_norm(norm: str) -> bool:
    return not norm[0].isalnum()


def _capitalised(text: str, token: Token) -> bool:
    return text[token.start].isupper()


def _plural(token: Token, entry: Entry) -> bool:
    base = entry.phrase.split()[-1].rstrip("~+")
    last = token.norm
    if last == base:
        return False
    return last.endswith(("s", "men"))


@lru_cache(maxsize=4096)
def source_type(text: str) -> str:
    """The source type of a source noun phrase, as written.

    Parameters
    ----------
    text : str
        The source text ("Maria Lopez, a spokeswoman for the authority",
        "officials", "the report").

    Returns
    -------
    str
        One of :data:`reliability.types.SOURCE_TYPES`.

    Examples
    --------
    >>> [source_type(s) for s in ("Gov. Jane Doe", "the mayor", "Reuters",
    ...  "the report", "F.B.I. officials", "analysts", "Acme Corp.")]
    ['named_person', 'official', 'media', 'document', 'anonymous', 'vague', 'organization']
    >>> [source_type(s) for s in ("Russia", "An FIA spokesman", "Several neighbours",
    ...  "The depot's owner, Pivden Trans", "security firm Brightwall")]
    ['official', 'anonymous', 'vague', 'organization', 'organization']
    """
    tokens = tokenize(text)
    if not tokens:
        return "vague"
    pronouns = word_classes("pronouns")
    whole = " ".join(t.norm for t in tokens)
    if whole in pronouns.get("person", ()) or whole in pronouns.get("relative", ()) and whole == "who":
        return "named_person"
    if whole in pronouns.get("plural", ()):
        return "vague"
    if whole in pronouns.get("thing", ()) or whole in pronouns.get("relative", ()):
        return "organization"

    # the main noun phrase: before an apposition comma
    main, appositive = tokens, []
    for k, tok in enumerate(tokens):
        if tok.norm in _APPOSITION:
            main, appositive = tokens[:k], _appositive(tokens[k + 1:])
            break

    # 2. anonymity markers anywhere, the apposition included ("a doctor,
    # who asked not to be named"), unless a name follows ("One of the
    # players, Jane Doe")
    anonymous = index("anonymous")
    for i, _, entry in anonymous.matches(tokens):
        if entry.category == "anonymous":
            if appositive and tokens[i].start < appositive[0].start and _capitalised(text, appositive[0]) \
                    and _np_type(text, appositive)[0] == "named_person" \
                    and not any(e.category == "anonymous" for e in
                                (m[2] for m in anonymous.matches(appositive))):
                return "named_person"
            return "anonymous"
    while main and _is_punct_norm(main[-1].norm):
        main = main[:-1]
    if not main:
        return "vague"
    kind, head = _np_type(text, main)
    if appositive:
        return _with_apposition(text, kind, head, appositive)
    return kind


# Punctuation that opens an apposition after a source's main noun phrase.
_APPOSITION = (",", "(", "—", "–")
# Lexicons that can name the head noun of a source, in priority order (for
# phrases of the same length; a longer phrase wins: "coast guard" over "guard").
_HEAD_LEXICONS = ("vague_sources", "outlets", "document_nouns", "titles", "institutions",
                  "countries", "source_words")
# Head lexicons of bodies and things, whose type an apposition does not change
# ("The federal environmental agency, Ibama").
_BODY_LEXICONS = ("outlets", "document_nouns", "institutions", "countries")


def _appositive(rest: list[Token]) -> list[Token]:
    """The apposition after a comma: up to the next comma or bracket."""
    for k, tok in enumerate(rest):
        if tok.norm in _APPOSITION or tok.norm == ")":
            rest = rest[:k]
            break
    while rest and _is_punct_norm(rest[-1].norm):
        rest = rest[:-1]
    return rest


def _with_apposition(text: str, kind: str, head: "tuple[str, Entry, Token] | None",
                     appositive: list[Token]) -> str:
    """The type of a source with an apposition.

    A name in apposition to an unnamed role names the source ("Ashdown's
    promoter, Danny Feeney"; "The depot's owner, Pivden Trans"); a
    descriptive apposition with a body noun says what a name is ("Kestrel, a
    mining company"). A body keeps its type ("The agency, Ibama").
    """
    first = appositive[0]
    grammar = word_classes("attribution_grammar")
    if first.norm in grammar["relative"]:
        return kind
    app_kind, app_head = _np_type(text, appositive)
    if first.norm in grammar["determiner"]:
        # "X, a medical group that tracks casualties"
        if kind in ("named_person", "organization", "media") and app_head is not None \
                and app_head[0] in ("institutions", "source_words") \
                and app_kind in ("organization", "official"):
            return app_kind
        return kind
    if not _capitalised(text, first) or kind == "named_person":
        return kind
    if head is not None and head[0] in _BODY_LEXICONS:
        return kind
    if app_kind in ("named_person", "organization", "official", "media"):
        return app_kind
    return kind


def _core(text: str, main: list[Token]) -> list[Token]:
    """The core of a noun phrase: after a possessor ("Clinton's campaign"),
    before a post-modifier ("of", "who", "near", "living nearby"), without a
    trailing participle ("figures compiled")."""
    cut_words = _cut_words()
    core = main
    for k, tok in enumerate(main):
        if k == 0:
            continue
        if tok.norm in cut_words or (tok.norm.endswith("ing") and not _capitalised(text, tok)
                                     and _head_entry(text, main[:k]) is not None):
            core = main[:k]
            break
    for k in range(len(core) - 1, 0, -1):
        if k < len(core) - 1 and (core[k].norm.endswith("'s")
                                  or core[k].norm in ("'", "’") and core[k - 1].norm.endswith("s")):
            core = core[k + 1:]
            break
    else:
        if len(core) > 1 and core[0].norm.endswith("'s"):
            core = core[1:]
    while len(core) > 1 and core[-1].norm.endswith("ed") and not _capitalised(text, core[-1]) \
            and _head_entry(text, core[:-1]) is not None:
        core = core[:-1]
    return core


@lru_cache(maxsize=None)
def _cut_words() -> frozenset[str]:
    """Words that end the core of a noun phrase (see :func:`_core`)."""
    grammar = word_classes("attribution_grammar")
    return (grammar["np_preposition"] | grammar["relative"] | grammar["publish_verb"]
            | word_classes("source_words")["np_cut"] | {"that"})


def _np_type(text: str, main: list[Token]) -> tuple[str, "tuple[str, Entry, Token] | None"]:
    """The type of one noun phrase (no apposition), and its head entry."""
    words = word_classes("source_words")
    while True:
        # a count's lead belongs to the number: "About 300 residents", "Up to 40 staff"
        lead = _number_lead_length(main)
        if lead and len(main) > lead and is_count(main[lead]):
            main = main[lead:]
        core = _core(text, main)
        # a share of a group is typed by the group: "60% of voters", "half of the staff"
        if core and core == main[:len(core)] and len(main) > len(core) + 1 and main[len(core)].norm == "of" \
                and all(is_count(t) or t.norm in words["share"] for t in core):
            main = main[len(core) + 1:]
            continue
        break
    if not core:
        return "vague", None
    head = _head_entry(text, core)
    numbered = is_count(core[0])
    # "the", or a singular possessor ("Acme's units"; "supporters' groups" is not)
    definite = core[0].norm in ("the", "these", "those") or core is not main and main[0] is not core[0] \
        and any(t.norm.endswith("'s") for t in main[:main.index(core[0])])
    lexicon, entry = (head[0], head[1]) if head is not None else (None, None)
    plural = head is not None and _is_plural(head[2], head[1])

    # 3. collective head: "analysts", "residents" ("two residents": anonymous)
    if lexicon == "vague_sources":
        return ("anonymous" if numbered and core[-1].norm.endswith("s") else "vague"), head
    # 4. outlets (capitalised names only) and media nouns
    for i, j, found in index("outlets").matches(main):
        if found.category == "outlet" and _capitalised(text, main[i]):
            return "media", head
    if lexicon == "outlets":
        return ("vague" if plural and not definite else "media"), head
    # 5. documents
    if lexicon == "document_nouns":
        return "document", head
    # 6. role nouns: names before them name a body, not the person
    #    ("A Police Scotland spokeswoman", "Thai officials")
    if lexicon == "titles":
        if plural:
            if entry.category == "person_noun" and not numbered:
                return "vague", head  # "residents", "several neighbours"
            return "anonymous", head  # "officials", "two workers" (LABELS.md rule 6)
        indefinite = core[0].norm in word_classes("anonymous").get("indefinite", ())
        if indefinite or entry.category == "person_noun":
            return "anonymous", head
        return ("organization" if entry.category == "org_role" else "official"), head
    # 7. bodies: institutions, countries, company words
    if lexicon in ("institutions", "countries", "source_words"):
        kind = {"country": "official", "capital": "official", "org_descriptor": "organization",
                "org_suffix": "organization"}.get(entry.category, entry.category)
        if plural and not definite:
            return "vague", head  # "aid agencies", "civic groups", "UN agencies"
        return kind, head
    # "security firm Brightwall", "Driverless car company Autovia"
    if _named_after_descriptor(text, core):
        return "organization", head
    # 8. a personal name, with or without a title
    if _has_name(text, core):
        return "named_person", head
    if core[0].norm in word_classes("anonymous").get("indefinite", ()) and not core[-1].norm.endswith("s"):
        return "anonymous", head  # "a prominent neuroscientist at a university"
    for _, _, found in index("institutions").matches(main):
        return found.category, head
    # 9. other capitalised words
    grammar = word_classes("attribution_grammar")
    initial = len(core) > 1 and not _capitalised(text, core[-1])  # "Preliminary tests"
    caps = [t for k, t in enumerate(core) if _capitalised(text, t) and t.norm not in grammar["determiner"]
            and not (k == 0 and (initial or t.norm in words["quantifier"]))]
    if caps:
        raw = text[caps[-1].start:caps[-1].end].replace(".", "")
        return ("organization" if raw.isupper() and len(raw) > 1 else "named_person"), head
    # 10. anything else: a plural is collective, one definite role an official
    if core[-1].norm.endswith("s") and len(core[-1].norm) > 3:
        return "vague", head
    return ("official" if definite else "anonymous"), head


def is_count(token: Token) -> bool:
    """A number written in digits or as a word ("300", "2,000", "two", "half")."""
    return is_number(token.norm)


def is_number(word: str) -> bool:
    """``is_count`` for a lower-case word."""
    return word[0].isdigit() or word in word_classes("source_words")["number"] \
        or word in word_classes("cue_context")["number_word"]


@lru_cache(maxsize=None)
def number_leads() -> PhraseIndex:
    """Words that lead a number: "about", "at least", "up to", "more than"."""
    return PhraseIndex([e for e in read("cue_context") if e.category == "number_lead"])


def _number_lead_length(tokens: list[Token]) -> int:
    """How many tokens of a number's lead open ``tokens``."""
    found = number_leads().match_at(tokens, 0) if tokens else None
    return 0 if found is None else found[0]


def _is_plural(token: Token, entry: Entry) -> bool:
    """True if a head token is the plural of its lexicon entry ("groups" of
    ``group~``); an entry written in the plural ("authorities") is a body."""
    if entry.category in ("country", "capital"):
        return False
    if token.norm in ("people", "men", "women", "children", "fishermen", "families"):
        return True
    return _plural(token, entry)


def _head_entry(text: str, core: list[Token]) -> "tuple[str, Entry, Token] | None":
    """The lexicon entry that ends at the last token of ``core``, if any.

    Returns ``(lexicon name, entry, last token)``; a phrase ending at the last
    token wins over a shorter one ("coast guard" over "guard"), and among
    phrases of one length the lexicon listed first in ``_HEAD_LEXICONS``.
    Countries count only capitalised; a company-name word ("Electric") only
    after another capitalised word.
    """
    if not core:
        return None
    last = len(core)
    for start in range(max(0, last - 3), last):
        key = tuple(t.norm for t in core[start:last])
        for name in _HEAD_LEXICONS:
            entry = index(name).get(key)
            if entry is None:
                continue
            if name == "outlets" and entry.category != "media_noun":
                continue
            if name == "countries" and not _capitalised(text, core[start]):
                continue
            if name == "source_words":
                if entry.category == "org_suffix":
                    if not (start > 0 and _capitalised(text, core[start])
                            and _capitalised(text, core[start - 1])):
                        continue
                elif entry.category != "org_descriptor":
                    continue
            return name, entry, core[-1]
    return None


def _named_after_descriptor(text: str, core: list[Token]) -> bool:
    """A company noun followed by capitalised words to the end of the phrase
    ("security firm Brightwall", "Mobile carrier Linkwave")."""
    words, institutions = index("source_words"), index("institutions")
    for k in range(len(core) - 1):
        hit = words.match_at(core, k) or institutions.match_at(core, k)
        if hit is None or hit[1].category not in ("org_descriptor", "organization"):
            continue
        rest = core[hit[0]:]
        if rest and all(_capitalised(text, t) for t in rest) \
                and not index("titles").match_at(core, hit[0]):
            return True
    return False


def _has_name(text: str, core: list[Token]) -> bool:
    """True if ``core`` holds a capitalised word that is no title or institution word.

    A capitalised quantifier first ("Some parents", "Two residents") is no name.
    """
    titles, institutions, outlets = index("titles"), index("institutions"), index("outlets")
    determiners = word_classes("attribution_grammar")["determiner"]
    quantifiers = word_classes("source_words")["quantifier"]
    covered: set[int] = set()
    for idx in (titles, institutions, outlets):
        for i, j, _ in idx.matches(core):
            covered.update(range(i, j))
    for k, tok in enumerate(core):
        if k in covered or not _capitalised(text, tok) or tok.norm in determiners:
            continue
        if k == 0 and (tok.norm in quantifiers or len(core) > 1 and not _capitalised(text, core[-1])):
            continue  # "Some parents", "Election monitors": capitalised as sentence-initial
        raw = text[tok.start:tok.end]
        if raw.replace(".", "").isupper() and len(raw) > 1:
            continue  # an acronym names a body, not a person
        if raw.isalpha() or "'" in raw or "’" in raw or "-" in raw or raw.endswith("."):
            return True
    return False
