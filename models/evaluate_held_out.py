"""The held-out figure: a model and the rule baseline on the test documents.

    python models/evaluate_held_out.py                 # the shipped default model
    python models/evaluate_held_out.py --model DIR     # another model directory

The test documents are those listed in ``corpus/split.json``, fixed before
any model was trained. Use this for the final figure only, never to choose
between models (``select_model.py`` does that by cross-validation).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from reliability import corpus, load_model  # noqa: E402
from reliability.evaluation import format_report, metrics  # noqa: E402
from reliability.rules import RuleBaseline  # noqa: E402
from reliability.training import test_documents  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="default")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    held_out = test_documents(HERE / "corpus" / "split.json")
    data = corpus.load(HERE / "corpus")
    test = data.subset(d in held_out for d in data.doc_ids)
    model = load_model(args.model)
    results = {
        "model": metrics(test.labels, model.predict_proba(test.items)),
        "rule_baseline": metrics(test.labels, RuleBaseline().fit([], []).predict_proba(test.items)),
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"held-out test split: {len(test)} statements in {len(set(test.groups))} documents\n")
    print(format_report(results["model"], title=f"model: {args.model}"))
    print()
    print(format_report(results["rule_baseline"], title="rule baseline (LABELS.md rules on the analysis)"))


if __name__ == "__main__":
    main()
