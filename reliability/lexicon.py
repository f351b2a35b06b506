"""Lexicons: word lists kept as data files under ``reliability/lexicons/``.

File format (UTF-8, tab-separated, ``#`` starts a comment)::

    # phrase            category        [extra]
    claim+              distancing
    provide+ no evidence    missing     -
    rumour~             rumour          -

A phrase is one or more space-separated words, matched case-insensitively on
word boundaries, with any run of whitespace between words. Markers on a word:

- ``word+`` expands to the verb's inflections (claim, claims, claimed,
  claiming; irregular verbs from ``irregular_verbs.tsv``);
- ``word~`` expands to singular and plural (rumour, rumours);
- ``'`` matches a straight or curly apostrophe.

The optional third column is free text for the module that reads the lexicon
(for example an evidence polarity).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

_PACKAGE = "reliability"


@dataclass(frozen=True)
class Entry:
    """One lexicon line: the phrase as written, its category, extra column."""

    phrase: str
    category: str
    extra: str = ""
    line: int = 0


@lru_cache(maxsize=None)
def read(name: str) -> tuple[Entry, ...]:
    """Read lexicon ``name`` (file ``lexicons/<name>.tsv``)."""
    text = resources.files(_PACKAGE).joinpath("lexicons", f"{name}.tsv").read_text("utf-8")
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        fields = [f.strip() for f in line.split("\t") if f.strip()]
        if len(fields) < 2:
            raise ValueError(
                f"lexicon {name}.tsv line {number}: expected 'phrase<TAB>category',"
                f" got {raw!r}"
            )
        extra = fields[2] if len(fields) > 2 else ""
        entries.append(Entry(fields[0], fields[1], extra, number))
    return tuple(entries)


@lru_cache(maxsize=None)
def _irregular() -> dict[str, tuple[str, ...]]:
    """Irregular verb forms: lemma -> all forms (lemma included)."""
    table = {}
    for entry in read("irregular_verbs"):
        forms = (entry.phrase, *entry.category.split(","), *entry.extra.split(","))
        table[entry.phrase] = tuple(f for f in forms if f)
    return table


@lru_cache(maxsize=None)
def irregular_pasts() -> frozenset[str]:
    """Past forms and participles of the irregular verbs ("said", "led", "written")."""
    return frozenset(form for entry in read("irregular_verbs") for form in entry.category.split(","))


def verb_forms(lemma: str) -> tuple[str, ...]:
    """All inflections of a verb: ``claim`` -> claim, claims, claimed, claiming."""
    irregular = _irregular().get(lemma)
    if irregular:
        return irregular
    if lemma.endswith(("ee", "ye", "oe")):
        ing, ed = lemma + "ing", lemma + "d"
    elif lemma.endswith("e"):
        ing, ed = lemma[:-1] + "ing", lemma + "d"
    elif lemma.endswith("y") and lemma[-2:-1] not in tuple("aeiou"):
        ing, ed = lemma + "ing", lemma[:-1] + "ied"
    elif _doubles_final_consonant(lemma):
        ing, ed = lemma + lemma[-1] + "ing", lemma + lemma[-1] + "ed"
    else:
        ing, ed = lemma + "ing", lemma + "ed"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in tuple("aeiou"):
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return (lemma, third, ed, ing)


# Short verbs whose final consonant doubles (admit -> admitted). Verbs not in
# this rule and not irregular follow the plain pattern; the irregular table
# covers the rest.
_DOUBLING = {"admit", "commit", "omit", "submit", "permit", "refer", "prefer", "stop",
             "plan", "regret", "rebut", "abet"}


def _doubles_final_consonant(lemma: str) -> bool:
    return lemma in _DOUBLING


def noun_forms(noun: str) -> tuple[str, ...]:
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return (noun, noun + "es")
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return (noun, noun[:-1] + "ies")
    return (noun, noun + "s")


def expand(phrase: str) -> list[str]:
    """All surface forms of a lexicon phrase (markers expanded)."""
    variants = [[]]
    for word in phrase.split():
        if word.endswith("+") and len(word) > 1:
            options = verb_forms(word[:-1])
        elif word.endswith("~") and len(word) > 1:
            options = noun_forms(word[:-1])
        else:
            options = (word,)
        variants = [v + [o] for v in variants for o in options]
    return [" ".join(v) for v in variants]


def forms(name: str, *classes: str) -> frozenset[str]:
    """Surface forms (lower case) of the rows of lexicon ``name`` in ``classes``."""
    return frozenset(
        form
        for entry in read(name)
        if entry.category in classes
        for form in expand(entry.phrase.lower())
    )


def trie_pattern(forms: Iterable[str]) -> str:
    """A regex matching any of ``forms`` (lower case), factored as a prefix trie.

    A space in a form matches any run of whitespace and ``'`` matches a
    straight or curly apostrophe. Siblings in the trie start with different
    characters, so at most one branch matches at each step: matching time is
    linear in the text, however large the lexicon.
    """
    trie: dict = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}

    def piece(char: str) -> str:
        if char == " ":
            return r"\s+"
        if char == "'":
            return "['’]"
        return re.escape(char)

    def build(node: dict) -> str:
        branches = [piece(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie) if trie else "(?!x)x"


@lru_cache(maxsize=8)
def lowered(text: str) -> str:
    """``text`` lower-cased with every offset kept (cached: a document is
    lower-cased once for all its statements)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters lower-case to two ("İ"); keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _normalise(matched: str) -> str:
    return " ".join(matched.lower().replace("’", "'").split())


class PhraseMatcher:
    """Finds lexicon phrases in text in one regex pass, longest match first.

    Whole words, case-insensitive; the regex is a prefix trie run on the
    lower-cased text, so its cost does not grow with the lexicon's size.

    Parameters
    ----------
    entries : sequence of Entry
        The lexicon rows; where two rows share a surface form the first wins.

    Examples
    --------
    >>> m = PhraseMatcher([Entry("claim+", "distancing"), Entry("said", "neutral")])
    >>> [(s, e, entry.category) for s, e, entry in m.finditer("He CLAIMED it.")]
    [(3, 10, 'distancing')]
    """

    def __init__(self, entries: "tuple[Entry, ...] | list[Entry]"):
        self._by_form: dict[str, Entry] = {}
        for entry in entries:
            for form in expand(entry.phrase.lower()):
                self._by_form.setdefault(form, entry)
        self._regex = re.compile(rf"(?<![\w-])(?:{trie_pattern(self._by_form)})(?![\w-])")

    def items(self) -> Iterator[tuple[str, Entry]]:
        """Every surface form the matcher knows (lower case) with its entry."""
        return iter(self._by_form.items())

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, Entry]]:
        """Yield ``(start, end, entry)`` for each match inside ``text[start:end]``."""
        for s, e, form in self.iterforms(text, start, end):
            yield s, e, self._by_form[form]

    def iterforms(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
        """Yield ``(start, end, form)`` for each match, ``form`` as listed."""
        end = len(text) if end is None else end
        for match in self._regex.finditer(lowered(text), start, end):
            yield match.start(), match.end(), _normalise(match.group())

    def match_at(self, text: str, pos: int, end: int | None = None) -> int | None:
        """Where a phrase starting exactly at ``pos`` ends, or None."""
        end = len(text) if end is None else end
        match = self._regex.match(lowered(text), pos, end)
        return match.end() if match else None

    def entry_for(self, phrase: str) -> Entry | None:
        """The entry whose surface form is ``phrase``, or None."""
        return self._by_form.get(_normalise(phrase))


@lru_cache(maxsize=None)
def matcher(name: str) -> PhraseMatcher:
    """A cached :class:`PhraseMatcher` over lexicon ``name``."""
    return PhraseMatcher(read(name))
