"""Segmentation: cut a news text into statements, headlines and boilerplate.

This is the first stage of the pipeline (LABELS.md, "The unit: a statement").
The text is cut in three passes, each linear in the length of the text:

1. **Blocks.** Blank lines separate paragraphs. Nothing is ever joined across
   a blank line.
2. **Units.** Inside a block a single newline is a soft wrap, except after a
   headline or a boilerplate line, before a bullet item, and where the break
   is plainly a hard one: a line that does not end a sentence, followed by a
   capitalised line whose first word would have fitted on it.
3. **Sentences.** A unit is cut after sentence-final punctuation (and its
   closing quotes or brackets) when the next word opens a sentence, except
   after an abbreviation or an initial (``Gov.``, ``U.S.``, ``John F.
   Kennedy``), inside a closed quotation (``"We are not leaving. The port
   stays open," the harbour master said.`` is one statement) and before a
   quotation's attribution (``"Who knows?" Graham asked.``). A missing space
   after a period (``reported by CNN.Ukrainian forces``) is a cut as well.

Segments are the pieces between the cuts, stripped of surrounding whitespace,
so every non-whitespace character of the input belongs to exactly one segment.
A bullet marker stays at the start of its item's segment.

Word lists live in ``lexicons/abbreviations.tsv``, ``sentence_words.tsv`` and
``boilerplate.tsv``; the attribution test uses ``reporting_verbs.tsv``.

>>> text = '"We are not leaving. The port stays open," the harbour master said. Ships wait.'
>>> [text[s.start:s.end] for s in split(text)]
['"We are not leaving. The port stays open," the harbour master said.', 'Ships wait.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Any, Iterable, Iterator, Sequence

from . import lexicon

__all__ = ["Segment", "Segmenter", "split"]

#: The kinds this stage assigns (a later stage adds disclaimers and evidence
#: notes, see ``reliability.types.KINDS``).
STATEMENT = "statement"
HEADLINE = "headline"
BOILERPLATE = "boilerplate"


@dataclass(frozen=True)
class Segment:
    """A statement, headline or boilerplate line: ``text[start:end]``."""

    start: int
    end: int
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind}


# --- Character classes and shapes (no words here: words are in lexicons) ---

# Lines are those of str.splitlines() (\r\n, \n, \r, \x0b, \x0c, \x1c-\x1e,
# \x85, \u2028, \u2029); these line breaks also end a block.
_BLOCK_BREAKS = frozenset("\x1c\x1d\u2029")
_NOT_SPACE = re.compile(r"\S")
_DIGIT = re.compile(r"\d")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")

# Sentence-final punctuation with the closing quotes and brackets after it.
_CANDIDATE = re.compile(r"[.?!…]+[\"'”’»)\]]*")
_CLOSERS = "\"'”’»)]"
_DOUBLE_CLOSERS = frozenset("\"”»'")
_OPENERS = "\"'“‘«([`¿¡"
_QUOTES_AND_BRACKETS = "\"'“”‘’«»()[]`¿¡"
# The first word after a candidate cut, past opening quotes and brackets.
_NEXT_WORD = re.compile(r"[\"'“‘«(\[`¿¡]*(\w[\w'’-]*)")
# A word glued to the period before it: "CNN.Ukrainian".
_GLUED_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_GLUED_WORD_END = frozenset(",;:!?\"”’)")
# Quotation marks that delimit a quotation (single quotes double as
# apostrophes, so they are left alone).
_QUOTE = re.compile(r"[“”«»\"]|''|``")
# Dotted initialisms: U.S, N.A.T.O (the final period is not part of the token).
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
# A bullet marker at the start of a line: "- ", "• ", "* ", "1. ", "2) ".
_BULLET = re.compile(r"(?:[-*•·▪●◦‣⁃∙]|\d{1,2}[.)])\s+(?=\S)")
# A bare dateline: "WASHINGTON (AP) —", "KYIV, Ukraine (Wire) —".
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]{1,40}(?:,[\w.'’ -]{1,40})?\s*(?:\([^()]{1,40}\)\s*[—–-]*|[—–-]+)$"
)
# A dateline opening a sentence: "KYIV, Ukraine (Wire) — Russian forces ...".
_DATELINE_OPENER = re.compile(r"[A-Z][A-Z.'’-]{2,}(?:[ ][A-Z.'’-]+)*(?:,|\s*\(|\s+[—–-])")
# Words for the title-case test.
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’.-]*")

# Limits that keep the per-line tests cheap: longer lines are never
# boilerplate or headlines.
_MAX_BOILERPLATE_CHARS = 160
_MAX_HEADLINE_CHARS = 300
_MAX_HEADLINE_WORDS = 20
_MAX_HEADING_WORDS = 12
_TITLE_CASE_SHARE = 0.8
_WRAP_SLACK = 0.9


class Segmenter:
    """Cut news text into statements, headlines and boilerplate.

    Parameters
    ----------
    abbreviations : sequence of str, default=()
        Abbreviations to add to the shipped list (``"Calif."``, ``"approx."``).
        A sentence ends after one only when the next word is a usual sentence
        opener ("The", "He", "But", ...).
    headlines : bool, default=True
        Mark the document's title and title-cased headings as ``"headline"``.
        When false they are statements.
    boilerplate : bool, default=True
        Mark navigation, share prompts, bylines, credits and bare datelines as
        ``"boilerplate"``. When false they are statements.

    Examples
    --------
    >>> text = "Port Reopens\\n\\nBy Jane Doe\\n\\nThe port reopened. Gov. Smith said so."
    >>> [(text[s.start:s.end], s.kind) for s in Segmenter().split(text)]
    [('Port Reopens', 'headline'), ('By Jane Doe', 'boilerplate'), ('The port reopened.', 'statement'), ('Gov. Smith said so.', 'statement')]
    """

    def __init__(
        self,
        *,
        abbreviations: Sequence[str] = (),
        headlines: bool = True,
        boilerplate: bool = True,
    ) -> None:
        self.abbreviations = abbreviations
        self.headlines = headlines
        self.boilerplate = boilerplate

    def __repr__(self) -> str:
        return (
            f"Segmenter(abbreviations={self.abbreviations!r}, "
            f"headlines={self.headlines!r}, boilerplate={self.boilerplate!r})"
        )

    def split(self, text: str) -> list[Segment]:
        """Cut ``text`` into segments.

        Parameters
        ----------
        text : str
            The document.

        Returns
        -------
        list of Segment
            In text order, non-overlapping; ``text[seg.start:seg.end]`` is
            stripped of whitespace, and every non-whitespace character of
            ``text`` lies in exactly one segment.
        """
        rules = _rules(tuple(sorted(set(self.abbreviations))))
        return list(rules.segments(text, headlines=self.headlines, boilerplate=self.boilerplate))


@lru_cache(maxsize=1)
def _default() -> Segmenter:
    return Segmenter()


def split(text: str) -> list[Segment]:
    """Cut ``text`` into segments with the default :class:`Segmenter`.

    >>> text = 'He said, "it was over." Then he left.'
    >>> [text[s.start:s.end] for s in split(text)]
    ['He said, "it was over."', 'Then he left.']
    """
    return _default().split(text)


# --- Rules built from the lexicons ------------------------------------------


def _case_variants(word: str) -> tuple[str, ...]:
    """Spellings an abbreviation or word is matched in.

    A word written in lower case matches in any case (etc, Etc, ETC); one
    written with a capital matches as written or in capitals (Gov, GOV).
    """
    if word.islower():
        return (word, word[:1].upper() + word[1:], word.upper())
    return (word, word.upper())


def _phrase_pattern(phrase: str) -> str:
    """Regex for one lexicon phrase: any whitespace between words, either
    apostrophe, and a word boundary after a phrase that ends in a letter."""
    words = ["['’]".join(re.escape(part) for part in word.split("'")) for word in phrase.split()]
    boundary = r"(?!\w)" if phrase[-1].isalnum() else ""
    return r"\s+".join(words) + boundary


def _alternation(phrases: Iterable[str]) -> str:
    forms = sorted({form for phrase in phrases for form in lexicon.expand(phrase)}, key=len, reverse=True)
    return "|".join(_phrase_pattern(form) for form in forms) or r"(?!x)x"


@lru_cache(maxsize=16)
def _rules(extra_abbreviations: tuple[str, ...]) -> "_Rules":
    return _Rules(extra_abbreviations)


class _Rules:
    """Word sets and compiled patterns for one set of abbreviations."""

    def __init__(self, extra_abbreviations: tuple[str, ...]) -> None:
        groups: dict[str, set[str]] = {"title": set(), "number": set(), "other": set()}
        entries = chain(lexicon.read("abbreviations"), (lexicon.Entry(a, "other") for a in extra_abbreviations))
        for entry in entries:
            if entry.category not in groups:
                raise ValueError(
                    f"abbreviations.tsv line {entry.line}: unknown category {entry.category!r},"
                    f" expected one of {sorted(groups)}"
                )
            key = entry.phrase.split()[-1].rstrip(".")
            if key:
                groups[entry.category].update(_case_variants(key))
        self.never_final = frozenset(groups["title"])
        self.before_number = frozenset(groups["number"])
        self.ambiguous = frozenset(groups["other"])

        words = lexicon.read("sentence_words")
        self.starters = frozenset(
            variant
            for e in words
            if e.category == "starter"
            for variant in (e.phrase[:1].upper() + e.phrase[1:], e.phrase.upper())
        )
        self.minor = frozenset(e.phrase for e in words if e.category == "minor")
        self.speech_verbs = frozenset(
            form.lower()
            for e in lexicon.read("reporting_verbs")
            if " " not in e.phrase
            for form in lexicon.expand(e.phrase)
        )

        table = lexicon.read("boilerplate")
        by_mode: dict[str, list[str]] = {}
        by_category: dict[str, list[str]] = {}
        for entry in table:
            if entry.extra:
                by_mode.setdefault(entry.extra, []).append(entry.phrase)
            else:
                by_category.setdefault(entry.category, []).append(entry.phrase)
        self.name_joiners = frozenset(
            form for phrase in by_category.pop("joiner", ()) for form in lexicon.expand(phrase.lower())
        )
        self.boilerplate = re.compile(
            r"[(\[]?\s*(?:"
            rf"(?:{_alternation(by_mode.get('line', ()))})[\s.:!?…»›>|→-]*$"
            rf"|(?:{_alternation(by_mode.get('label', ()))})\s*[:|—–-]"
            rf"|(?:{_alternation(by_mode.get('prefix', ()))})"
            rf"|(?:{_alternation(by_mode.get('names', ()))})\s+(?P<names>\S.*)$"
            ")",
            re.IGNORECASE,
        )
        stamp = _alternation(by_category.pop("stamp", ()))
        date_words = _alternation(w for ws in by_category.values() for w in ws)
        # Tokens of a date or time, each ending on a word boundary so that a
        # line splits into tokens one way only (linear matching).
        token = rf"(?:(?:{date_words})\.?|[ap]\.\s?m\.|\d{{1,4}}(?::\d\d)?(?:st|nd|rd|th)?(?!\w))"
        self.date_line = re.compile(
            rf"(?:(?:{stamp})\s*:?\s*)?(?:{token}[\s,/|–—-]*)+$", re.IGNORECASE
        )

    # --- pass 1 (blocks) drives passes 2 and 3 ------------------------------

    def segments(self, text: str, *, headlines: bool, boilerplate: bool) -> Iterator[Segment]:
        """Yield the segments of ``text`` in order."""
        blocks = list(_blocks(text))
        for number, lines in enumerate(blocks):
            units = self._units(
                text,
                lines,
                first=number == 0,
                last=number == len(blocks) - 1,
                headlines=headlines,
                boilerplate=boilerplate,
            )
            for start, end, kind, scan_from in units:
                if kind != STATEMENT:
                    yield Segment(start, end, kind)
                    continue
                previous = start
                for cut in self._cuts(text, start, end, scan_from):
                    yield _stripped(text, previous, cut)
                    previous = cut
                yield _stripped(text, previous, end)

    # --- pass 2: units ---------------------------------------------------------

    def _units(
        self,
        text: str,
        lines: list[tuple[int, int]],
        *,
        first: bool,
        last: bool,
        headlines: bool,
        boilerplate: bool,
    ) -> list[tuple[int, int, str, int]]:
        """Group a block's lines into units ``(start, end, kind, scan_from)``.

        ``scan_from`` is where sentence scanning starts (after a bullet marker).
        """
        count = len(lines)
        kinds: list[str | None] = [None] * count
        if boilerplate:
            for i, (start, end) in enumerate(lines):
                if self._is_boilerplate(text, start, end):
                    kinds[i] = BOILERPLATE
        if headlines and kinds[0] is None:
            if first and self._is_title(text, lines, more_text=count > 1 or not last):
                kinds[0] = HEADLINE
            elif count == 1 and not last and self._is_heading(text, *lines[0]):
                kinds[0] = HEADLINE

        width = max(end - start for start, end in lines)
        units: list[tuple[int, int, str, int]] = []
        for i, (start, end) in enumerate(lines):
            bullet = _BULLET.match(text, start, end)
            if i == 0 or kinds[i] or kinds[i - 1] or bullet or self._hard_break(
                text, lines[i - 1], lines[i], width, count
            ):
                scan_from = bullet.end() if bullet else start
                units.append((start, end, kinds[i] or STATEMENT, scan_from))
            else:
                unit_start, _, kind, scan_from = units[-1]
                units[-1] = (unit_start, end, kind, scan_from)
        return units

    def _hard_break(
        self, text: str, above: tuple[int, int], below: tuple[int, int], width: int, count: int
    ) -> bool:
        """Whether the newline between two lines of a block ends a unit."""
        if _ends_sentence(text, *above):
            return False  # the sentence scanner decides
        if text[below[0]].islower():
            return False  # a wrapped line
        if count >= 3 and width >= 40:
            # A wrapped line: the first word below would not have fitted.
            word = text[below[0] : below[1]].split(None, 1)[0]
            return (above[1] - above[0]) + 1 + len(word) <= _WRAP_SLACK * width
        return True

    def _is_boilerplate(self, text: str, start: int, end: int) -> bool:
        if end - start > _MAX_BOILERPLATE_CHARS:
            return False
        if not _LETTER_OR_DIGIT.search(text, start, end):
            return True  # a rule or a stray mark: "___", "* * *"
        match = self.boilerplate.match(text, start, end)
        if match:
            names = match.group("names")
            return names is None or self._is_name_list(names)
        if _DATELINE.match(text, start, end):
            return True
        return bool(self.date_line.match(text, start, end) and _DIGIT.search(text, start, end))

    def _is_name_list(self, names: str) -> bool:
        """Whether a byline's remainder is only names ("Jane Doe and John Roe, Reuters")."""
        words = names.replace(",", " ").replace("|", " ").replace("/", " ").split()
        if not words or len(words) > 12:
            return False
        return all(w[0].isupper() or w.lower() in self.name_joiners for w in words)

    def _is_title(self, text: str, lines: list[tuple[int, int]], *, more_text: bool) -> bool:
        """Whether the first line of the document is its headline."""
        start, end = lines[0]
        if not more_text or end - start > _MAX_HEADLINE_CHARS:
            return False
        if len(text[start:end].split()) > _MAX_HEADLINE_WORDS:
            return False
        if _DATELINE_OPENER.match(text, start, end) or _BULLET.match(text, start, end):
            return False
        if len(lines) == 1:
            # A short line standing alone above the text: a title even when it
            # ends with a period, unless it holds more than one sentence.
            if not _ends_sentence(text, start, end) or self._title_case(text, start, end):
                return True
            return next(self._cuts(text, start, end, start), None) is None
        if text[lines[1][0]].islower() or text[end - 1] == ":":
            return False  # a wrapped line, or a line that introduces a list
        return not _ends_sentence(text, start, end) or self._title_case(text, start, end)

    def _is_heading(self, text: str, start: int, end: int) -> bool:
        """Whether a line standing alone inside the text is a title-cased heading."""
        if end - start > _MAX_HEADLINE_CHARS or _ends_sentence(text, start, end):
            return False
        if len(text[start:end].split()) > _MAX_HEADING_WORDS or _BULLET.match(text, start, end):
            return False
        return self._title_case(text, start, end)

    def _title_case(self, text: str, start: int, end: int) -> bool:
        words = _TITLE_WORD.findall(text, start, end)
        content = [w for w in words if w.lower() not in self.minor]
        if len(content) < 2 or not words[0][0].isupper():
            return False
        return sum(w[0].isupper() for w in content) >= _TITLE_CASE_SHARE * len(content)

    # --- pass 3: sentences -------------------------------------------------------

    def _cuts(self, text: str, start: int, end: int, scan_from: int) -> Iterator[int]:
        """Yield the sentence cuts inside the unit ``text[start:end]``."""
        quotes = None  # found on the first candidate inside the unit: most units hold one sentence
        q = 0
        for match in _CANDIDATE.finditer(text, scan_from, end):
            cut = match.end()
            if cut >= end:
                return
            if quotes is None:
                quotes = _closed_quotations(text, start, end)
            while q < len(quotes) and quotes[q][1] < cut:
                q += 1
            if q < len(quotes) and quotes[q][0] < cut:
                continue  # inside a closed quotation
            if text[cut].isspace():
                if self._ends_here(text, match, end):
                    yield cut
            elif self._glued(text, match, end):
                yield cut

    def _ends_here(self, text: str, match: re.Match[str], end: int) -> bool:
        """Whether the sentence ends at a candidate followed by whitespace."""
        after = _NOT_SPACE.search(text, match.end(), end)
        if after is None:
            return False
        word_match = _NEXT_WORD.match(text, after.start(), end)
        if word_match is None:
            return False  # a dash, an ellipsis, a symbol: the sentence goes on
        word = word_match.group(1)
        opens = word[0].isupper() or word[0].isdigit()
        punctuation = match.group().rstrip(_CLOSERS)
        closers = match.group()[len(punctuation) :]

        if punctuation == "." and not closers:
            token = _token_before(text, match.start())
            if token in self.never_final:
                return False
            if token in self.before_number and word[0].isdigit():
                return False
            if token in self.ambiguous or _DOTTED.fullmatch(token) or (len(token) == 1 and token.isupper()):
                return word in self.starters
        if not opens:
            return False
        if _DOUBLE_CLOSERS.intersection(closers) and self._attribution_follows(text, after.start(), end):
            return False
        return True

    def _attribution_follows(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:]`` opens with the attribution of the quotation
        before it: ``Graham asked.``, ``The former mayor said, adding ...``.

        A speech verb that introduces a new quotation (``She adds, "What
        ..."``, ``Editor's note: ...``) is not an attribution.
        """
        stop = min(end, start + 80)
        words = text[start:stop].split()
        for i, word in enumerate(words[:6]):
            bare = word.rstrip(".,;:!?—–)”’\"'")
            if i and bare.lower() in self.speech_verbs:
                if bare == word:
                    return stop == end and i == len(words) - 1
                if word[len(bare)] != ",":
                    return word[len(bare)] in ".!?;—–"
                following = words[i + 1] if i + 1 < len(words) else ""
                return not following.startswith(("“", '"', "''", "‘", "'"))
            if bare != word and not (word.endswith(".") and len(word) <= 4):
                return False
        return False

    def _glued(self, text: str, match: re.Match[str], end: int) -> bool:
        """Whether a period glued to the next word ends a sentence: ``CNN.Ukrainian``,
        but not ``U.S.Army``, ``example.com``, ``3.5`` or ``e.g.The``."""
        punctuation = match.group().rstrip(_CLOSERS)
        if punctuation not in (".", "?", "!", "?!", "!?"):
            return False
        cut = match.end()
        word = _GLUED_WORD.match(text, cut, end)
        if word is None or not word.group()[0].isupper() or len(word.group()) < 2:
            return False
        if not word.group()[1].islower():
            return False
        after = word.end()
        if after < end and not text[after].isspace() and text[after] not in _GLUED_WORD_END:
            return False  # a domain or a path: example.Com/News
        left = match.start()
        while left > max(0, match.start() - 40) and text[left - 1].isalnum():
            left -= 1
        token = text[left : match.start()]
        if len(token) < 2 or not any(c.isalpha() for c in token):
            return False
        if left > 0 and not (text[left - 1].isspace() or text[left - 1] in _OPENERS):
            return False  # part of a longer token: N.Y.Times, www.Example
        return token not in self.never_final and token not in self.ambiguous


# --- Helpers -----------------------------------------------------------------------


def _blocks(text: str) -> Iterator[list[tuple[int, int]]]:
    """Yield the blocks of ``text``: runs of non-blank lines, each line as its
    stripped ``(start, end)``."""
    block: list[tuple[int, int]] = []
    line_start = 0
    # every line break is whitespace: stripping a line with its break
    # strips the line
    for line in text.splitlines(keepends=True):
        if line.isspace():
            if block:
                yield block
                block = []
        else:
            first = line_start + len(line) - len(line.lstrip())
            block.append((first, line_start + len(line.rstrip())))
            if line[-1] in _BLOCK_BREAKS:
                yield block
                block = []
        line_start += len(line)
    if block:
        yield block


def _ends_sentence(text: str, start: int, end: int) -> bool:
    """Whether the stripped line ``text[start:end]`` ends with final punctuation."""
    while end > start and text[end - 1] in _CLOSERS:
        end -= 1
    return end > start and text[end - 1] in ".?!…"


def _token_before(text: str, period: int) -> str:
    """The word before the period at ``period``, without opening punctuation."""
    before = text[max(0, period - 40) : period]
    if not before or before[-1].isspace():
        return ""
    return before.rsplit(None, 1)[-1].lstrip(_QUOTES_AND_BRACKETS)


def _closed_quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans ``(open, close)`` of the quotations opened and closed in the unit,
    merged where they overlap, in order. A quotation left open is ignored."""
    spans = []
    curly: list[int] = []
    straight = doubled = -1
    for match in _QUOTE.finditer(text, start, end):
        mark, at = match.group(), match.start()
        if mark in "“«":
            curly.append(at)
        elif mark in "”»":
            if curly:
                spans.append((curly.pop(), at))
        elif mark == '"':
            if straight < 0:
                straight = at
            else:
                spans.append((straight, at))
                straight = -1
        elif mark == "``" or doubled < 0:
            doubled = at
        else:
            spans.append((doubled, at))
            doubled = -1
    spans.sort()
    merged: list[tuple[int, int]] = []
    for open_, close in spans:
        if merged and open_ < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], close))
        else:
            merged.append((open_, close))
    return merged


def _stripped(text: str, start: int, end: int) -> Segment:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    return Segment(start + left, start + len(piece.rstrip()), STATEMENT)
