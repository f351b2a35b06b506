"""Model selection by grouped (document) cross-validation on the training split.

    python models/select_model.py            # team corpus: prints a table, best first
    python models/select_model.py --standoff models/polnear/labels.jsonl --corpus ../shared/datasets/polnear

Compares the model families and settings below on the training documents
only (the held-out documents of corpus/split.json are never touched), and
the rule baseline for reference. With ``--standoff`` the PolNeAR *train*
labels join the training data (dev and test articles are never touched) and
two more columns score the out-of-fold predictions on the PolNeAR part
alone: macro-F1 and accuracy counting acceptable labels. The default model's
settings were chosen from this table.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import numpy as np  # noqa: E402

from reliability import corpus  # noqa: E402
from reliability.datasets import load_standoff  # noqa: E402
from reliability.classifier import ReliabilityClassifier  # noqa: E402
from reliability.evaluation import metrics, out_of_fold_proba  # noqa: E402
from reliability.rules import RuleBaseline  # noqa: E402
from reliability.training import test_documents  # noqa: E402

CANDIDATES = [
    {"model": "logistic", "C": 0.5},
    {"model": "logistic", "C": 1.0},
    {"model": "logistic", "C": 1.0, "hard_rules": False},
    {"model": "logistic", "C": 2.0},
    {"model": "logistic", "C": 4.0},
    {"model": "logistic", "C": 1.0, "text_features": False},
    {"model": "logistic", "C": 1.0, "class_weight": None},
    {"model": "logistic", "C": 3.0, "class_weight": None},
    {"model": "forest", "n_estimators": 300},
    {"model": "forest", "n_estimators": 300, "text_features": False},
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--standoff", help="standoff labels whose train split joins the data")
    parser.add_argument("--corpus", help="the standoff labels' article texts (PolNeAR)")
    args = parser.parse_args()
    held_out = test_documents(HERE / "corpus" / "split.json")
    data = corpus.load(HERE / "corpus")
    train = data.subset(d not in held_out for d in data.doc_ids)
    team = len(train)
    if args.standoff:
        train = train + load_standoff(args.standoff, args.corpus, splits=["train"])
    print(f"training split: {len(train)} statements in {len(set(train.groups))} documents"
          f" ({len(train) - team} of them PolNeAR train); grouped 5-fold CV\n")
    real = np.arange(len(train)) >= team
    rows = []
    rules = RuleBaseline().fit([], []).predict_proba(train.items)
    rows.append(("rule baseline (no training)", *_scores(train, rules, real)))
    for params in CANDIDATES:
        proba, _ = out_of_fold_proba(ReliabilityClassifier(**params), train.items, train.labels,
                                     train.groups)
        rows.append((json.dumps(params), *_scores(train, proba, real)))
        print(f"  done: {rows[-1][0]}", file=sys.stderr)
    print(f"{'settings':<62} {'macro-F1':>8} {'ECE':>6} {'Spearman':>8}"
          + (f" {'PolNeAR F1':>10} {'acc+':>6}" if args.standoff else ""))
    for name, f1, ece, rho, real_f1, real_acc in sorted(rows, key=lambda r: -r[1]):
        print(f"{name:<62} {f1:>8.3f} {ece:>6.3f} {rho:>8.3f}"
              + (f" {real_f1:>10.3f} {real_acc:>6.3f}" if args.standoff else ""))


def _scores(data, proba, real) -> tuple:
    everything = metrics(data.labels, proba)
    if not real.any():
        return everything["macro_f1"], everything["ece"], everything["spearman_score_level"], 0.0, 0.0
    picked = np.flatnonzero(real)
    part = metrics([data.labels[k] for k in picked], proba[picked],
                   acceptable=[data.acceptable[k] for k in picked])
    return (everything["macro_f1"], everything["ece"], everything["spearman_score_level"],
            part["macro_f1"], part["accuracy_with_acceptable"])


if __name__ == "__main__":
    main()
