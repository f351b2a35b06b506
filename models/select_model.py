"""Model selection by grouped (document) cross-validation on the training split.

    python models/select_model.py            # prints a table, best first

Compares the model families and settings below on the training documents
only (the held-out documents of corpus/split.json are never touched), and
the rule baseline for reference. The default model's settings in
``reliability train`` were chosen from this table.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from reliability import corpus  # noqa: E402
from reliability.classifier import ReliabilityClassifier  # noqa: E402
from reliability.evaluation import cross_validate, metrics  # noqa: E402
from reliability.rules import RuleBaseline  # noqa: E402

CANDIDATES = [
    {"model": "logistic", "C": 0.5},
    {"model": "logistic", "C": 1.0},
    {"model": "logistic", "C": 2.0},
    {"model": "logistic", "C": 4.0},
    {"model": "logistic", "C": 1.0, "text_features": False},
    {"model": "forest", "n_estimators": 300},
    {"model": "forest", "n_estimators": 300, "text_features": False},
]


def main() -> None:
    held_out = set(json.loads((HERE / "corpus" / "split.json").read_text())["test"])
    data = corpus.load(HERE / "corpus")
    train = data.subset(d not in held_out for d in data.doc_ids)
    print(f"training split: {len(train)} statements in {len(set(train.groups))} documents;"
          " grouped 5-fold CV\n")
    rows = []
    rules = metrics(train.labels, RuleBaseline().fit([], []).predict_proba(train.items))
    rows.append(("rule baseline (no training)", rules["macro_f1"], float("nan"), rules["ece"],
                 rules["spearman_score_level"]))
    for params in CANDIDATES:
        result = cross_validate(ReliabilityClassifier(**params), train.items, train.labels, train.groups)
        rows.append((json.dumps(params), result["macro_f1"], result["fold_macro_f1_std"],
                     result["ece"], result["spearman_score_level"]))
        print(f"  done: {rows[-1][0]}", file=sys.stderr)
    print(f"{'settings':<62} {'macro-F1':>8} {'± fold':>7} {'ECE':>6} {'Spearman':>8}")
    for name, f1, std, ece, rho in sorted(rows, key=lambda r: -r[1]):
        print(f"{name:<62} {f1:>8.3f} {std:>7.3f} {ece:>6.3f} {rho:>8.3f}")


if __name__ == "__main__":
    main()
