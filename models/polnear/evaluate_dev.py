"""Issue figures on the PolNeAR dev labels (never trained on): team-only vs team + PolNeAR vs rules.

    python models/polnear/evaluate_dev.py ../shared/datasets/polnear

(a) a model trained on the team corpus only (its training split), with the
    default model's settings, trained here;
(b) the shipped default model (team corpus + PolNeAR train labels);
(c) the rule baseline.
Each row: macro-F1, accuracy, accuracy counting `acceptable` labels as
correct, Spearman between score and level, and per-level F1, on every
labelled statement of the 30 dev articles; then 95% intervals for macro-F1
and acceptable-accuracy from 1,000 bootstrap resamples of the articles
(statements of one article are not independent), since nine unsupported
statements make macro-F1 swing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from reliability import LEVELS, corpus  # noqa: E402
from reliability.classifier import ReliabilityClassifier  # noqa: E402
from reliability.datasets import load_standoff  # noqa: E402
from reliability.evaluation import lenient_correct, metrics  # noqa: E402
from reliability.persistence import load_model  # noqa: E402
from reliability.rules import RuleBaseline  # noqa: E402
from reliability.training import test_documents  # noqa: E402


def main(polnear: str) -> None:
    dev = load_standoff(HERE / "labels.jsonl", polnear, splits=["dev"])
    held_out = test_documents(ROOT / "models" / "corpus" / "split.json")
    team = corpus.load(ROOT / "models" / "corpus")
    team = team.subset(d not in held_out for d in team.doc_ids)
    rows = []
    rows.append(("(a) team corpus only", ReliabilityClassifier().fit(team.items, team.labels)))
    rows.append(("(b) default model: team + PolNeAR train", load_model()))
    rows.append(("(c) rule baseline", RuleBaseline().fit([], [])))
    print(f"PolNeAR dev: {len(dev)} labelled statements in {len(set(dev.groups))} articles\n")
    print(f"{'model':<42} {'macro-F1':>8} {'acc':>6} {'acc+':>6} {'Spearman':>8}   F1 per level (U/H/A/E)")
    intervals = []
    for name, model in rows:
        proba = model.predict_proba(dev.items)
        r = metrics(dev.labels, proba, acceptable=dev.acceptable)
        per = " ".join(f"{r['per_level'][level]['f1']:.2f}" for level in r["per_level"])
        print(f"{name:<42} {r['macro_f1']:>8.3f} {r['accuracy']:>6.3f} {r['accuracy_with_acceptable']:>6.3f}"
              f" {r['spearman_score_level']:>8.3f}   {per}")
        intervals.append((name, *_bootstrap(dev, proba)))
    print("\n95% intervals, 1,000 resamples of the articles")
    for name, f1, acc in intervals:
        print(f"{name:<42} macro-F1 {f1[0]:.3f}-{f1[1]:.3f}   acc+ {acc[0]:.3f}-{acc[1]:.3f}")


def _bootstrap(dev, proba, rounds: int = 1000):
    levels = np.array(LEVELS)
    predicted = levels[proba.argmax(axis=1)]
    truth = np.array(dev.labels)
    lenient = lenient_correct(predicted, truth, dev.acceptable)
    groups = np.array(dev.groups)
    articles = sorted(set(dev.groups))
    rows_of = {a: np.flatnonzero(groups == a) for a in articles}
    rng = np.random.default_rng(0)
    f1s, accs = [], []
    for _ in range(rounds):
        picked = np.concatenate([rows_of[a] for a in rng.choice(articles, len(articles))])
        f1s.append(f1_score(truth[picked], predicted[picked], labels=levels, average="macro", zero_division=0))
        accs.append(lenient[picked].mean())
    return np.percentile(f1s, [2.5, 97.5]), np.percentile(accs, [2.5, 97.5])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/polnear")
