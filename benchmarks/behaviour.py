"""Behaviour of a model on LABELS.md's rules, one capability at a time.

A checklist in the style of Ribeiro et al. (ACL 2020, "Beyond Accuracy:
Behavioral Testing of NLP Models with CheckList"): short documents the team
wrote, built from a few sources, verbs and contents, each with the level
LABELS.md gives it. Aggregate scores on real text can hide a model that has
learnt "the mayor" or "said" as a sign of an unsupported claim; this counts,
per rule, how often the model follows it.

Capabilities (expected level in brackets):

- plain on-record attribution, the source before or after the content
  [attributed];
- the same after an unrelated sentence of the writer's [attributed]: where a
  statement stands must not change its frame;
- the writer's own voice [established];
- a hedge in the writer's voice [hedged];
- a vague or anonymous source [hedged];
- a distancing verb [hedged];
- a claim that the next sentence says is unevidenced or unverified
  [unsupported];
- a claim that someone denies [unsupported];
- a claim that the next sentence says was independently verified
  [established];
- an on-record attribution under a disclaimer [hedged].

No public corpus is read; nothing here is training data (the default model
never sees these documents). With the classifier's hard rules on (the
default), two rules decide some cases outright: a claim a note verifies is
established unless level 0 is the most probable, and level 0 is ruled out
where nothing in the document disputes support. Compare a model trained
with ``--no-hard-rules`` to see what the model itself learnt. Each line of the report gives the pass rate and
the level the failures most often got.

Usage (from the project root)::

    python benchmarks/behaviour.py [--model default|DIR|rules] [--json]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from itertools import product
from typing import Iterator

import _common  # noqa: E402  (puts this checkout on the path)

from reliability import analyze  # noqa: E402
from reliability.features import Item  # noqa: E402
from reliability.persistence import load_scorer  # noqa: E402

# --- the parts the documents are built from --------------------------------

ON_RECORD = [
    "The mayor", "The company", "The ministry", "Police", "The health minister",
    "Maria Lopez", "Acme Corp.", "Reuters", "The city council", "The port authority",
    "Judge Ann Ruiz", "The club's chairman, Tom Baird",
]
NEUTRAL_VERBS = ["said", "told reporters", "announced", "said on Tuesday", "wrote in a statement"]
CONTENTS = [
    "the bridge would reopen on Monday",
    "40 ships were waiting to dock",
    "the plant would close in June",
    "profits rose 4% in the third quarter",
    "the vote had been delayed until March",
    "two people were hurt in the fire",
    "the school would stay closed this week",
    "the contract was worth $2 million",
]
WRITER = [
    "The bridge reopened to traffic on Monday.",
    "Forty ships were waiting to dock on Friday.",
    "The plant closed in June after 30 years.",
    "Profits rose 4% in the third quarter.",
    "The vote was delayed until March.",
    "Two people were hurt in the fire.",
    "The school stayed closed all week.",
    "The contract is worth $2 million.",
]
WRITER_HEDGED = [
    "The bridge may reopen on Monday.",
    "Forty ships are likely waiting to dock.",
    "The plant could close in June.",
    "Profits reportedly rose 4% in the third quarter.",
    "The vote appears to have been delayed until March.",
    "Two people were possibly hurt in the fire.",
    "The school is expected to stay closed this week, it is believed.",
    "The contract is probably worth $2 million.",
]
VAGUE = [
    "Officials", "Sources", "Analysts", "A person familiar with the matter", "Residents",
    "Critics", "Two officials who asked not to be named", "Some experts",
]
DISTANCING = ["claimed", "alleged", "insisted", "asserted"]
UNEVIDENCED = [
    "It provided no evidence.",
    "The claim could not be independently verified.",
    "No evidence was offered to support the claim.",
]
DENIERS = ["The union", "The opposition", "The governor's office"]
VERIFIED = [
    "Reuters independently verified the account.",
    "The account was confirmed by two independent witnesses.",
]
DISCLAIMER = "We could not independently verify the claims made by either side."
UNRELATED = "Traffic was heavy in the city centre on Monday."


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def _lower_source(source: str) -> str:
    """A source after its content: "..., the mayor said." (names keep their capitals)."""
    first, _, rest = source.partition(" ")
    return (first.lower() if first in ("The", "A", "Some", "Two") else first) + (" " + rest if rest else "")


def cases() -> Iterator[tuple[str, str, int, str]]:
    """(capability, document, index of the statement to check, expected label)."""
    for source, verb, content in product(ON_RECORD, NEUTRAL_VERBS, CONTENTS):
        yield "on-record attribution", f"{source} {verb} {content}.", 0, "attributed"
        yield "on-record attribution, after a writer's sentence", \
            f"{UNRELATED} {source} {verb} {content}.", 1, "attributed"
    for source, content in product(ON_RECORD, CONTENTS):
        yield "on-record attribution, source after content", \
            f"{_capital(content)}, {_lower_source(source)} said.", 0, "attributed"
    for sentence in WRITER:
        yield "writer's voice", sentence, 0, "established"
        yield "writer's voice, after a writer's sentence", f"{UNRELATED} {sentence}", 1, "established"
    for sentence in WRITER_HEDGED:
        yield "hedge in the writer's voice", sentence, 0, "hedged"
    for source, content in product(VAGUE, CONTENTS):
        yield "vague or anonymous source", f"{source} said {content}.", 0, "hedged"
    for source, verb, content in product(ON_RECORD, DISTANCING, CONTENTS):
        yield "distancing verb", f"{source} {verb} {content}.", 0, "hedged"
    for source, note, content in product(ON_RECORD, UNEVIDENCED, CONTENTS):
        yield "claim said to be unevidenced", f"{source} said {content}. {note}", 0, "unsupported"
    for source, denier, content in product(ON_RECORD, DENIERS, CONTENTS):
        yield "claim that is denied", f"{source} said {content}. {denier} denied the claim.", 0, "unsupported"
    for source, note, content in product(ON_RECORD, VERIFIED, CONTENTS):
        yield "claim independently verified", f"{source} said {content}. {note}", 0, "established"
    for source, content in product(ON_RECORD, CONTENTS):
        yield "on-record attribution under a disclaimer", \
            f"{DISCLAIMER} {source} said {content}.", 1, "hedged"


def run(model) -> dict:
    """Pass rates per capability, and what the failures were labelled."""
    results: dict[str, dict] = {}
    batch = list(cases())
    items = [Item(analyze(text), index) for _, text, index, _ in batch]
    predicted = model.predict(items)
    for (capability, _, _, expected), got in zip(batch, predicted):
        entry = results.setdefault(capability, {"expected": expected, "n": 0, "passed": 0, "failures": Counter()})
        entry["n"] += 1
        if got == expected:
            entry["passed"] += 1
        else:
            entry["failures"][str(got)] += 1
    total = sum(r["n"] for r in results.values())
    passed = sum(r["passed"] for r in results.values())
    return {
        "capabilities": {name: {"expected": r["expected"], "n": r["n"], "pass_rate": r["passed"] / r["n"],
                                "failures": dict(r["failures"].most_common())}
                         for name, r in results.items()},
        "cases": total,
        "pass_rate": passed / total,
        "mean_pass_rate": sum(r["passed"] / r["n"] for r in results.values()) / len(results),
    }


def report(result: dict) -> None:
    print(f"{'capability':52s} {'expected':12s} {'n':>4s} {'pass':>6s}  failures got")
    for name, r in result["capabilities"].items():
        failures = ", ".join(f"{label} {n}" for label, n in r["failures"].items()) or "-"
        print(f"{name:52s} {r['expected']:12s} {r['n']:4d} {r['pass_rate']:6.1%}  {failures}")
    print(f"all {result['cases']} cases: {result['pass_rate']:.1%}; "
          f"mean over capabilities: {result['mean_pass_rate']:.1%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="default",
                        help="model directory, 'default' for the shipped model, or 'rules' for "
                             "the rule baseline (LABELS.md's rules on the analysis alone)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    if args.model == "rules":
        from reliability.rules import RuleBaseline

        model = RuleBaseline().fit([], [])
    else:
        model = _common.load(args.model, load_scorer)
    if model is None:
        return 1
    return _common.emit(run(model), args.json, report)


if __name__ == "__main__":
    sys.exit(main())
