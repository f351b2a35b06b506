"""Text that tends to break NLP code, analysed (or scored) and timed per MB.

    python benchmarks/adversarial.py              # analyze, 1 MB per case
    python benchmarks/adversarial.py --score      # the same through score()
    python benchmarks/adversarial.py --mb 0.25

Each case is built to a given size: no punctuation at all, one sentence of
the whole size, thousands of unbalanced and nested quotation marks, "said
said said ...", zero-width and bidi controls, emoji/CJK/Arabic, HTML and
markdown, NUL bytes, CRLF and lone CR, very long tokens (URLs, base64), and
runs of single characters. For each: seconds per MB, the growth when the
text grows 4 times (linear is about 4x), statements found, and whether every
statement's offsets give back its text. The bounds the project holds to,
on a 2-core machine of 2026: ``analyze`` 2 s per MB, ``score`` 6 s per MB
(scoring costs about 150-250 µs per statement, so text cut into very short
statements costs more per MB); ``--bound`` overrides. A case above the
bound, or growing more than 6x for 4x the text, is marked. The last case,
"quoted attributions" (a complete attributed quotation every 20
characters), is a stress case beyond the kinds of text the bound is for. No data set
is needed. ``tests/test_hostile_input.py`` runs the same cases, smaller,
under a generous time ceiling.
"""

from __future__ import annotations

import argparse
import base64
import random
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WORDS = "the mayor said officials claimed rebels may have shelled a school in town reportedly".split()


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _words(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    out, n = [], 0
    while n < size:
        w = rng.choice(WORDS)
        out.append(w)
        n += len(w) + 1
    return " ".join(out)[:size]


CASES: dict[str, Callable[[int], str]] = {
    "no punctuation": _words,
    "one long sentence": lambda n: _words(n - 1) + ".",
    "unbalanced quotes": lambda n: _repeat('"a ', n),
    "nested quotes": lambda n: _repeat("“He said ‘she said “x", n),
    "said said said": lambda n: _repeat("said ", n),
    "zero-width and bidi": lambda n: _repeat("The mayor\u200b said\u202e the\u2066 road\u200d was closed.\u2069 ", n),
    "emoji, CJK, Arabic": lambda n: _repeat("Le maire 😀 a dit 市长说道路已关闭。 قال رئيس البلدية إن الطريق مغلق. ", n),
    "HTML and markdown": lambda n: _repeat("<p><b>The mayor</b> said <a href='x'>the road</a> was closed.</p>\n"
                                           "# Heading\n* item **bold** [link](http://x)\n", n),
    "NUL bytes": lambda n: _repeat("The mayor said\x00 the road was closed.\x00", n),
    "CRLF and lone CR": lambda n: _repeat("The mayor said the road was closed.\r\nOfficials claimed it was open.\rIt may be. ", n),
    "long tokens": lambda n: _repeat("https://example.com/" + "a" * 5000 + " "
                                     + base64.b64encode(bytes(range(256)) * 15).decode() + " ", n),
    "periods": lambda n: "." * n,
    "newlines": lambda n: "\n" * n,
    "capitals": lambda n: "A" * n,
    "abbreviations": lambda n: _repeat("Mr. ", n),
    "dashes": lambda n: _repeat("— ", n),
    "open brackets": lambda n: "(" * n,
    "apostrophes": lambda n: "’" * n,
    "quoted attributions": lambda n: _repeat('"We stay," he said. ', n),  # stress: see above
}


def run_case(build: Callable[[int], str], size: int, fn) -> tuple[float, int, bool]:
    text = build(size)
    start = time.perf_counter()
    doc = fn(text)
    elapsed = time.perf_counter() - start
    offsets_ok = all(text[s.start:s.end] == s.text for s in doc.statements)
    ordered = all(a.end <= b.start for a, b in zip(doc.statements, doc.statements[1:]))
    return elapsed, len(doc.statements), offsets_ok and ordered


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of each case in MB of text")
    parser.add_argument("--score", action="store_true", help="run score() instead of analyze()")
    parser.add_argument("--bound", type=float, default=None,
                        help="seconds per MB held to (default 2 for analyze, 6 for score)")
    args = parser.parse_args(argv)

    import reliability

    fn = reliability.score if args.score else reliability.analyze
    if args.bound is None:
        args.bound = 6.0 if args.score else 2.0
    fn("Warm-up. The mayor said the road was closed.")
    size = int(args.mb * 1_000_000)
    print(f"{fn.__name__}(), {args.mb:g} MB per case (growth: time at this size / time at a quarter)")
    print(f"{'case':<22} {'s/MB':>7} {'growth':>7} {'statements':>11}  offsets")
    worst = (0.0, "")
    failed = 0
    for name, build in CASES.items():
        small, _, _ = run_case(build, size // 4, fn)
        elapsed, statements, ok = run_case(build, size, fn)
        per_mb = elapsed / args.mb
        growth = elapsed / max(small, 1e-3)
        flag = "" if per_mb <= args.bound and (growth <= 6 or elapsed < 0.05) else "  <-- over bound"
        failed += bool(flag) or not ok
        worst = max(worst, (per_mb, name))
        print(f"{name:<22} {per_mb:7.2f} {growth:6.1f}x {statements:>11}  {'ok' if ok else 'BAD'}{flag}")
    print(f"\nslowest: {worst[1]} at {worst[0]:.2f} s/MB; {len(CASES)} cases, {failed} over the bound or bad")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
