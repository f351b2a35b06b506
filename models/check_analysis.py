"""How well the analysis layer reads the team corpus (training documents only).

    python models/check_analysis.py

Prints, on the training split (never the held-out documents):
- the gold kinds (evidence note, disclaimer) against the kinds the analysis finds;
- for each gold level, how often a level-0 signal fires (a linked evidence
  note saying support is missing, a denial linked to the statement, its own
  missing-support marker, a claim and its denial in one statement) — the
  signals an `unsupported` statement needs; and how many `unsupported`
  statements sit in documents where nothing is found disputing support,
  which the classifier's hard rule can then never call level 0;
- source typing accuracy against ``source_types.json``: 241 sources of
  training statements typed by hand (entries typed ``junk`` are spans that
  are not sources and are skipped).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from reliability import corpus  # noqa: E402
from reliability.combining import disputes_support  # noqa: E402
from reliability.features import Item, structural_features  # noqa: E402
from reliability.training import test_documents  # noqa: E402

ROLES = ("evidence_note", "disclaimer")
LEVEL_ZERO = ("note.evidence-", "context.denied", "context.denial_within", "evidence-missing",
              "evidence-unverified", "evidence-rumour", "evidence-false", "evidence-contradiction")


def main() -> None:
    held_out = test_documents(HERE / "corpus" / "split.json")
    records = [r for r in corpus.read_records(HERE / "corpus") if r.doc_id not in held_out]
    kinds: Counter = Counter()
    signals: Counter = Counter()
    per_level: Counter = Counter()
    found_types: dict[str, str] = {}
    unsupported_undisputed = 0  # gold level 0 where the hard rule rules level 0 out
    for _, units in corpus.documents(records):
        text, segments = corpus.build_document(units)
        doc = corpus.analyze(text, segments=segments)
        undisputed = not disputes_support(doc)
        for unit, statement in zip(units, doc.statements):
            gold = unit.kind if unit.kind in ROLES else "other"
            kinds[gold, statement.kind if statement.kind in ROLES else "other"] += 1
            if unit.label is None:
                continue
            per_level[unit.label] += 1
            unsupported_undisputed += unit.label == "unsupported" and undisputed
            names = structural_features(Item(doc, statement.index))[0]
            if any(name.startswith(LEVEL_ZERO) for name in names):
                signals[unit.label] += 1
            for link in statement.attribution:
                found_types[f"{unit.doc_id}|{statement.index}|{link.source.text}"] = link.type

    print("gold kind -> kind found (training documents)")
    for gold in (*ROLES, "other"):
        row = {found: kinds[gold, found] for found in (*ROLES, "other")}
        print(f"  {gold:<14} {row}")
    print("\nlabelled statements with a level-0 signal, per gold level")
    for level in ("unsupported", "hedged", "attributed", "established"):
        print(f"  {level:<12} {signals[level]:>4} of {per_level[level]:>4}"
              f" ({signals[level] / per_level[level]:.1%})")
    print(f"  unsupported in a document where nothing is found disputing support: "
          f"{unsupported_undisputed} of {per_level['unsupported']} (the hard rule rules level 0 out there)")
    gold_types = json.loads((HERE / "source_types.json").read_text("utf-8"))
    scored = [(key, entry["type"]) for key, entry in gold_types.items() if entry["type"] != "junk"]
    present = [(key, gold) for key, gold in scored if key in found_types]
    right = sum(found_types[key] == gold for key, gold in present)
    print(f"\nsource typing: {right} of {len(present)} hand-typed sources right"
          f" ({right / len(present):.1%}); {len(scored) - len(present)} no longer extracted")


if __name__ == "__main__":
    main()
