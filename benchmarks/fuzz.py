"""Fuzz ``analyze`` and ``score`` with hypothesis for a fixed wall-clock budget.

    python benchmarks/fuzz.py --minutes 10

Inputs mix arbitrary Unicode (controls, surrogate-free code points of every
category) with fragments of news text that exercise the analysis (quotes,
reporting verbs, hedges, evidence phrases, abbreviations, markup, CR/LF), in
random order and length. Each input is checked for what a user relies on:
no exception, statements in order and non-overlapping with
``text[start:end] == statement.text``, every cue inside its statement,
scores in [0, 1], probabilities summing to 1, the same result twice.
Printed: inputs tried, failures (each with the smallest failing input
hypothesis found), and the slowest input per character. Not run in CI (the
test suite runs a bounded version of the same properties); no data set is
needed.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback

import _common  # noqa: E402,F401  (puts this checkout on the path)

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import reliability  # noqa: E402

FRAGMENTS = [
    '"We are not leaving," the mayor said.', "“", "”", "‘", "’", '"', "'", " said ", " claimed ",
    " according to ", " reportedly ", " may ", " could not be independently verified", " denied ",
    " provided no evidence.", "Mr. ", "U.S. ", "Jan. 5, ", "\n\n", "\r\n", "\r", " — ", ": ", "; ",
    "<p>", "</p>", "**", "# ", "* ", "(AP) ", "Read more", "citing officials, ", "the group ",
    " he ", " it ", "It provided no evidence for this.", "We could not verify the claims.",
    "\u200b", "\u202e", "\x00", "😀", "市长", "قال", "http://example.com/a?b=c ", "A" * 50, "." * 20,
]

TEXT = st.lists(st.one_of(st.text(max_size=30), st.sampled_from(FRAGMENTS)), max_size=40).map("".join)


class Tally:
    tried = 0
    failures: list[tuple[str, str]] = []
    slowest = (0.0, "")


def check(text: str) -> None:
    Tally.tried += 1
    start = time.perf_counter()
    doc = reliability.score(text)
    elapsed = time.perf_counter() - start
    if len(text) > 20:
        Tally.slowest = max(Tally.slowest, (elapsed / len(text) * 1e6, text[:80]))
    previous = 0
    for s in doc.statements:
        assert text[s.start:s.end] == s.text, "statement offsets do not give its text"
        assert previous <= s.start < s.end, "statements overlap or are out of order"
        previous = s.end
        for cue in s.hedges + s.evidence:
            assert s.start <= cue.start < cue.end <= s.end, "a cue lies outside its statement"
        if s.score is not None:
            assert 0.0 <= s.score <= 1.0, "score outside [0, 1]"
            assert abs(sum(s.probabilities.values()) - 1.0) < 1e-9, "probabilities do not sum to 1"
    assert reliability.score(text) == doc, "not deterministic"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args(argv)
    deadline = time.monotonic() + args.minutes * 60
    reliability.score("Warm-up. The mayor said the road was closed.")
    rounds = 0
    while time.monotonic() < deadline:
        rounds += 1

        @settings(max_examples=2000, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck))
        @given(TEXT)
        def fuzz(text):
            if time.monotonic() < deadline:
                check(text)

        try:
            fuzz()
        except Exception as error:  # hypothesis re-raises the shrunk failure
            Tally.failures.append((type(error).__name__ + ": " + str(error).splitlines()[0],
                                   traceback.format_exc(limit=3)[-600:]))
    print(f"{Tally.tried:,} inputs tried in {args.minutes:g} minutes ({rounds} hypothesis runs)")
    print(f"failures: {len(Tally.failures)}")
    for message, trace in Tally.failures:
        print(f"- {message}\n{trace}")
    print(f"slowest input: {Tally.slowest[0]:.1f} µs per character: {Tally.slowest[1]!r}")
    return 1 if Tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
