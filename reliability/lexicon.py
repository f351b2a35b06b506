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
from typing import Iterator

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


def _word_regex(form: str) -> str:
    words = []
    for word in form.split(" "):
        pieces = [re.escape(part) for part in word.split("'")]
        words.append("['’]".join(pieces))
    return r"\s+".join(words)


def _normalise(matched: str) -> str:
    return " ".join(matched.lower().replace("’", "'").split())


class PhraseMatcher:
    """Finds lexicon phrases in text in one regex pass, longest match first.

    >>> m = PhraseMatcher([Entry("claim+", "distancing"), Entry("said", "neutral")])
    >>> [(s, e, entry.category) for s, e, entry in m.finditer("He claimed it.")]
    [(3, 10, 'distancing')]
    """

    def __init__(self, entries: "tuple[Entry, ...] | list[Entry]"):
        self._by_form: dict[str, Entry] = {}
        for entry in entries:
            for form in expand(entry.phrase.lower()):
                self._by_form.setdefault(form, entry)
        forms = sorted(self._by_form, key=len, reverse=True)
        if forms:
            alternation = "|".join(_word_regex(f) for f in forms)
            self._regex = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)
        else:
            self._regex = re.compile(r"(?!x)x")

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, Entry]]:
        """Yield ``(start, end, entry)`` for each match inside ``text[start:end]``."""
        end = len(text) if end is None else end
        for match in self._regex.finditer(text, start, end):
            yield match.start(), match.end(), self._by_form[_normalise(match.group())]

    def entry_for(self, phrase: str) -> Entry | None:
        """The entry whose surface form is ``phrase``, or None."""
        return self._by_form.get(_normalise(phrase))


@lru_cache(maxsize=None)
def matcher(name: str) -> PhraseMatcher:
    """A cached :class:`PhraseMatcher` over lexicon ``name``."""
    return PhraseMatcher(read(name))
