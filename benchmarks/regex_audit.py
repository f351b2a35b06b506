"""Every regular expression the package compiles, run against strings built to
make it backtrack, timed.

    python benchmarks/regex_audit.py                 # table of the slowest patterns
    python benchmarks/regex_audit.py --check         # exit 1 if any pattern is too slow

Patterns are collected by recording ``re.compile`` while the package is
imported and a sample document is analysed and scored (lexicon patterns are
compiled lazily, on first use). For each pattern the attack strings are long
runs of what it repeats: every literal character and word in its source, the
character classes it may quantify (letters, digits, spaces, newlines, quotes,
dashes, periods), alternations of those with spaces, and a few news-shaped
runs ("said said ...", "Mr. Mr. ..."). Each pattern makes one match attempt
at the start of each string, at two lengths: catastrophic backtracking lives
inside one attempt, and a pattern whose time grows faster than the length
shows as a ratio well above the length ratio (x4). What scanning a whole
document costs is measured end to end by ``benchmarks/adversarial.py``.

No data set is needed. Printed: patterns, attack strings tried, and the
slowest patterns with their time per MB of attack string. ``--check`` fails
on any pattern slower than ``--limit`` seconds per MB at the longer length,
or growing more than ``--max-ratio`` times when the strings grow 4 times.
A pattern caught in catastrophic backtracking never returns: the test that
runs this script kills it after a time limit and names the last pattern
started (printed before each one).
"""

from __future__ import annotations

import argparse
import re
import sys
import time

import _common  # noqa: E402,F401  (puts this checkout on the path)

_compiled: dict[tuple[str, int], tuple[re.Pattern, str]] = {}
_original_compile = re.compile


def _recording_compile(pattern, flags=0):
    compiled = _original_compile(pattern, flags)
    caller = sys._getframe(1)
    module = caller.f_globals.get("__name__", "")
    if module.startswith("reliability") and isinstance(compiled.pattern, str):
        _compiled.setdefault((compiled.pattern, compiled.flags), (compiled, f"{module}:{caller.f_lineno}"))
    return compiled


SAMPLE = (
    "Rebels claimed on Monday they had shelled the school, according to a video the minister posted. "
    "\"We are not leaving,\" the harbour master said. The agency provided no evidence. "
    "Officials, who asked not to be named, said about 40 people may have died. "
    "We could not independently verify the claims. He denied it: \"Nothing happened.\" "
    "Mr. Smith, a U.S. official, told Reuters that the group's report, citing local officials, "
    "said the dam had failed — allegedly. Read more: https://example.com/a?b=c"
)

CLASSES = ["a", "A", "1", " ", "\n", "\t", ".", ",", ";", ":", "\"", "“", "”", "'", "’", "-", "—",
           "(", ")", "[", "/", "&", "$", "%", "é", "\u200b", "\xa0"]
NEWS_RUNS = ["said ", "said, ", "Mr. ", "U.S. ", "\"a,\" ", "according to ", "the ", "a b ", "A. B. ",
             "who said that ", "— ", "... ", "(a) ", "1,000 ", "Jan. 1, ", "http://a.b/c "]


def collect() -> list[tuple[re.Pattern, str]]:
    """Every pattern the package compiles on import and in a first analysis."""
    re.compile = _recording_compile
    try:
        import reliability
        from reliability import analyze

        analyze(SAMPLE)
        try:
            reliability.score(SAMPLE)
        except Exception:  # no model in a broken checkout: analysis patterns still count
            pass
        import reliability.inputs  # noqa: F401  (HTML stripping)

        reliability.inputs.html_to_text("<p>a <b>b</b></p><script>x</script>")
    finally:
        re.compile = _original_compile
    return [v for _, v in sorted(_compiled.items(), key=lambda kv: kv[1][1])]


def attacks(pattern: str, length: int) -> list[str]:
    """Strings of about ``length`` characters made of what ``pattern`` repeats."""
    literal = set(re.sub(r"\\[a-zA-Z]", " ", pattern)) - set("()[]{}?*+|^$\\")
    words = sorted(set(re.findall(r"[a-z]{3,}", pattern)))
    words = words[:: max(1, len(words) // 8)][:8]  # a spread of a big lexicon's words
    units = set(CLASSES) | {c for c in literal if c.isprintable() or c in "\n\t"}
    runs = set(NEWS_RUNS) | {w + " " for w in words} | set(words)
    runs |= {c + " " for c in units if c != " "} | {c + "a" for c in units}
    out = []
    for unit in sorted(units | runs):
        out.append((unit * (length // len(unit) + 1))[:length])
    # a run that almost matches, then fails at the very end
    out += [("a" * length) + "!", ("A " * (length // 2)) + "1"]
    return out


def time_pattern(compiled: re.Pattern, strings: list[str]) -> float:
    start = time.perf_counter()
    for s in strings:
        compiled.match(s)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--length", type=int, default=20_000, help="attack string length (characters)")
    parser.add_argument("--limit", type=float, default=2.0,
                        help="--check: most seconds per MB of attack string allowed per pattern")
    parser.add_argument("--max-ratio", type=float, default=8.0,
                        help="--check: most growth in time when the strings grow 4 times")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)

    patterns = collect()
    rows = []
    tried = 0
    for number, (compiled, where) in enumerate(patterns):
        print(f"START {number} {where}", flush=True)
        short = attacks(compiled.pattern, args.length // 4)
        long = attacks(compiled.pattern, args.length)
        tried += len(long)
        t_short, t_long = time_pattern(compiled, short), time_pattern(compiled, long)
        if t_long > 0.01:  # worth a closer look: best of three, so a busy machine is no alarm
            t_short = min(t_short, *(time_pattern(compiled, short) for _ in range(2)))
            t_long = min(t_long, *(time_pattern(compiled, long) for _ in range(2)))
        megabytes = sum(map(len, long)) / 1e6
        rows.append((t_long / megabytes, t_long / max(t_short, 1e-6), where, compiled.pattern, t_long))
    rows.sort(reverse=True)
    print(f"\n{len(patterns)} patterns, {tried} attack strings of {args.length:,} characters each")
    print(f"{'s/MB':>8} {'x4 len':>7}  where                         pattern")
    for per_mb, ratio, where, source, _ in rows[: args.top]:
        print(f"{per_mb:8.3f} {ratio:6.1f}x  {where:<30} {source[:60]!r}")
    # a ratio is noise below some tens of milliseconds
    too_slow = [r for r in rows if r[0] > args.limit
                or (r[1] > args.max_ratio and r[4] > 0.05)]
    if args.check and too_slow:
        for per_mb, ratio, where, source, _ in too_slow:
            print(f"TOO SLOW: {where} {per_mb:.2f} s/MB, x{ratio:.1f} for 4x length: {source[:200]!r}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
