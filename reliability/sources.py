"""Source typing: what kind of source a source noun phrase names.

The attribution stage finds who says what (``attribution.py``); this module
says what kind of source that is, one of :data:`reliability.types.SOURCE_TYPES`
(LABELS.md, "Attribution chains"). Typing reads only lexicons:
``titles.tsv``, ``outlets.tsv``, ``institutions.tsv``, ``document_nouns.tsv``,
``anonymous.tsv``, ``vague_sources.tsv`` and ``pronouns.tsv``.

The module also holds the small token machinery the attribution stage shares:
:func:`tokenize` and :class:`PhraseIndex`, a token-based matcher over a
lexicon. :class:`reliability.lexicon.PhraseMatcher` runs one regex
alternation over a whole sentence (about 60 microseconds a sentence); the
index looks phrases up token by token in a dict built from the same lexicon
entries and the same expansion rules (:func:`reliability.lexicon.expand`), so
``word+`` and ``word~`` mean exactly what they mean there, at a fraction of
the cost.

Typing rules, in order (the first that applies wins):

1. a bare pronoun: *he/she/who* -> ``named_person``, *they/we* -> ``vague``,
   *it/which* -> ``organization`` (defaults; coreference replaces them with
   the type of the source referred to);
2. an anonymity marker anywhere (*a source*, *familiar with*, *on condition
   of anonymity*, *one of*) -> ``anonymous``;
3. a collective head noun (*analysts*, *experts*, *many*, *witnesses*) ->
   ``vague``;
4. an outlet name (*Reuters*, *The New York Times*) or a media head noun
   (*the newspaper*) -> ``media``;
5. a document head noun (*report*, *video*, *statement*) -> ``document``;
6. a personal name (capitalised words that are not titles or institution
   words), with or without a title (*Gov. Jane Doe*) -> ``named_person``;
7. a role noun without a name: unnamed people (*a senior official*,
   *F.B.I. officials*, *the soldiers*) -> ``anonymous`` (LABELS.md rule 6);
   one official by role (*the mayor*, *the health minister*) -> ``official``;
   one person by a role in an organisation (*the chief executive*) ->
   ``organization``;
8. an institution word: government bodies -> ``official``; companies, NGOs,
   universities, parties, campaigns -> ``organization``;
9. other capitalised words: an acronym -> ``organization``, else
   ``named_person``;
10. otherwise a plural -> ``vague``; one definite role (*the harbour
    master*) -> ``official``; any other singular -> ``anonymous``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .lexicon import Entry, expand, read

__all__ = ["Token", "tokenize", "phrase_tokens", "PhraseIndex", "index", "word_classes", "source_type"]


# ---------------------------------------------------------------------------
# Tokens

# Acronyms with dots (U.S., F.B.I.), a capitalised abbreviation before a
# capitalised word (Mr. Clarke, Gov. Jane), words with inner apostrophes,
# hyphens or ampersands (Clinton's, don't, AT&T), or any other single
# character (punctuation, quotes, dashes).
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Z][a-z]{0,3}\.(?=\s+[A-Z])|\w+(?:['’&-]\w+)*|\S"
)


_SPACED_TOKEN = re.compile(r"(\s*)(" + _TOKEN.pattern + ")")
# A plain word: lower-case ASCII letters, digits, underscores.
_PLAIN = re.compile(r"[a-z0-9_]+")
# Every byte that cannot be part of a plain word, mapped to a space.
_NOT_PLAIN = bytes(b if _PLAIN.fullmatch(chr(b)) else 32 for b in range(256))


def _ascii_words(text: str) -> list[str]:
    """The plain words of ``text``, lower-cased.

    A token whose norm is a plain word is one of these (its neighbours are
    spaces or punctuation). Done on bytes because ``bytes.translate`` and
    ``split`` are far cheaper than a regex; a non-ASCII letter becomes a
    space, which only splits a word that could not be plain anyway.
    """
    return text.lower().encode().translate(_NOT_PLAIN).decode("ascii").split()


class Token(NamedTuple):
    """A token: its normalised form and its character offsets."""

    norm: str
    start: int
    end: int


_new_token = tuple.__new__  # builds a Token without the keyword-argument wrapper


def _norm(raw: str) -> str:
    """Lower-case, straight apostrophe, no trailing period (``U.S.`` -> ``u.s``)."""
    low = raw.lower().replace("’", "'")
    return low.rstrip(".") if len(low) > 1 else low


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

    def match_at(self, tokens: list[Token], i: int, stop: int | None = None) -> tuple[int, Entry] | None:
        """The longest phrase starting at token ``i``: ``(end index, entry)`` or None."""
        longest = self._longest.get(tokens[i].norm)
        if longest is None:
            return None
        stop = len(tokens) if stop is None else stop
        for n in range(min(longest, stop - i), 0, -1):
            entry = self._forms.get(tuple([t.norm for t in tokens[i:i + n]]))
            if entry is not None:
                return i + n, entry
        return None

    def matches(self, tokens: list[Token], start: int = 0, stop: int | None = None) -> list[tuple[int, int, Entry]]:
        """Non-overlapping matches ``(first token, end token, entry)``, left to right."""
        stop = len(tokens) if stop is None else stop
        first = self.first_words
        found = []
        taken = start
        for i in [k for k in range(start, stop) if tokens[k].norm in first]:
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
        if self._alone is None:
            return True
        words = _ascii_words(text)
        if not self._alone.isdisjoint(words):
            return True
        if self._several_first.isdisjoint(words):
            return False
        # a phrase of several plain words matches consecutive tokens, which
        # are consecutive words here (only spaces or a period between them)
        for k, word in enumerate(words):
            if word in self._several_first:
                for n in range(2, self._longest[word] + 1):
                    if tuple(words[k:k + n]) in self._several:
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

    # 2. anonymity markers anywhere
    anonymous = index("anonymous")
    for _, _, entry in anonymous.matches(tokens):
        if entry.category == "anonymous":
            return "anonymous"

    # the main noun phrase: before an apposition comma; its core: after a
    # possessor ("Clinton's campaign") and before a post-modifier ("of", "who")
    main = tokens
    for k, tok in enumerate(tokens):
        if tok.norm in (",", "(", "—", "–"):
            main = tokens[:k]
            break
    while main and _is_punct_norm(main[-1].norm):
        main = main[:-1]
    if not main:
        return "vague"
    grammar = word_classes("attribution_grammar")
    cut_words = grammar["np_preposition"] | grammar["relative"] | grammar["publish_verb"] | {"that"}
    core = main
    for k, tok in enumerate(main):
        if k > 0 and tok.norm in cut_words:
            core = main[:k]
            break
    for k in range(len(core) - 1, -1, -1):
        if core[k].norm.endswith("'s") and k < len(core) - 1:
            core = core[k + 1:]
            break
    head = _head_entry(core)

    # 3. collective head
    if head is not None and head[0] == "vague_sources":
        return "vague"
    # 4. outlets (capitalised names only) and media nouns
    for i, j, entry in index("outlets").matches(main):
        if entry.category == "outlet" and _capitalised(text, main[i]):
            return "media"
    if head is not None and head[0] == "outlets":
        return "media"
    # 5. documents
    if head is not None and head[0] == "document_nouns":
        return "document"
    # an institution word as head: "Acme Corp.", "Harvard University"
    if head is not None and head[0] == "institutions":
        return head[1].category
    # 6. a personal name, with or without a title
    if _has_name(text, core):
        return "named_person"
    # 7. role nouns without a name
    if head is not None and head[0] == "titles":
        entry, token = head[1], head[2]
        determiner = core[0].norm
        indefinite = determiner in word_classes("anonymous").get("indefinite", ())
        if indefinite or _plural(token, entry) or entry.category == "person_noun":
            return "anonymous"
        return "official" if entry.category == "official_role" else "organization"
    # 8. institutions
    if head is not None and head[0] == "institutions":
        return head[1].category
    for _, _, entry in index("institutions").matches(main):
        return entry.category
    # 9. other capitalised words
    caps = [t for t in core if _capitalised(text, t) and t.norm not in grammar["determiner"]]
    if caps:
        raw = text[caps[-1].start:caps[-1].end].replace(".", "")
        return "organization" if raw.isupper() and len(raw) > 1 else "named_person"
    # 10. anything else: a plural is collective, one definite role an official
    if core[-1].norm.endswith("s"):
        return "vague"
    definite = core[0].norm == "the" or core[0].norm.endswith("'s")
    return "official" if definite else "anonymous"


# Lexicons that can name the head noun of a source, in priority order.
_HEAD_LEXICONS = ("vague_sources", "outlets", "document_nouns", "titles", "institutions")


def _head_entry(core: list[Token]) -> tuple[str, Entry, Token] | None:
    """The lexicon entry that ends at the last token of ``core``, if any.

    Returns ``(lexicon name, entry, last token)``; a phrase ending at the last
    token wins over a shorter one ("prime minister" over "minister").
    """
    if not core:
        return None
    last = len(core)
    for name in _HEAD_LEXICONS:
        idx = index(name)
        for start in range(max(0, last - 3), last):
            entry = idx.get(tuple(t.norm for t in core[start:last]))
            if entry is not None and (name != "outlets" or entry.category == "media_noun"):
                return name, entry, core[-1]
    return None


def _has_name(text: str, core: list[Token]) -> bool:
    """True if ``core`` holds a capitalised word that is no title or institution word."""
    titles, institutions, outlets = index("titles"), index("institutions"), index("outlets")
    determiners = word_classes("attribution_grammar")["determiner"]
    covered: set[int] = set()
    for idx in (titles, institutions, outlets):
        for i, j, _ in idx.matches(core):
            covered.update(range(i, j))
    for k, tok in enumerate(core):
        if k in covered or not _capitalised(text, tok) or tok.norm in determiners:
            continue
        raw = text[tok.start:tok.end]
        if raw.replace(".", "").isupper() and len(raw) > 1:
            continue  # an acronym names a body, not a person
        if raw.isalpha() or "'" in raw or "’" in raw or "-" in raw or raw.endswith("."):
            return True
    return False
