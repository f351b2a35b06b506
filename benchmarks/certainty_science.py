"""Does the strength score track human certainty in science news?

Data
----
Pei & Jurgens (EMNLP 2021), "Measuring Sentence-Level and Aspect-Level
(Un)certainty in Science Communications"
(https://github.com/Jiaxin-Pei/Certainty-in-Science-Communication, MIT
licence): scientific findings taken from news stories and paper abstracts,
each rated for certainty on a 1-6 scale (the mean of the annotators).
Read from ``../shared/datasets/certainty_science/sentence_{val,test}.jsonl``
relative to the project root (fields ``text`` and ``score``), or from
``--data DIR``; never copied into the repository. The model is never trained
on these sentences.

Protocol
--------
Each sentence is analysed as one statement of its own
(``analyze(text, segments=[Segment(0, len(text), "statement")])``), so it
gets no document context, and scored by the model: the strength score is
the expected level divided by 3, as in ``reliability.score``. Every sentence
gets a score, including the few the analysis would mark as an evidence note
or a disclaimer (their number is printed). We report Spearman's rho (the
headline figure) and Pearson's r between the strength score and the human
certainty.

For reference, the baseline from the dataset's paper: minus the number of
hedge words, here counted with the library's own cue detector
(``reliability.cues.find_hedges``, clause-scope hedges only). The paper
reports Spearman 0.59 for its hedge-word count on test; the strength score
must beat it.

Develop on ``--split val``; run ``test`` only to report. Never inspect
per-sentence errors on test.

Usage (from the project root)::

    python benchmarks/certainty_science.py --split val --model /tmp/bench_model
    python benchmarks/certainty_science.py [--split test] [--model default] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.stats import pearsonr, spearmanr

import _common  # noqa: E402  (puts this checkout on the path)
from reliability import LEVELS, analyze, load_model  # noqa: E402
from reliability.cues import find_hedges  # noqa: E402
from reliability.features import Item  # noqa: E402
from reliability.segment import Segment  # noqa: E402
from reliability.types import SCORED_KINDS  # noqa: E402

FOLDER = "certainty_science"
#: Spearman of (minus) the hedge-word count on test, from the dataset's paper.
PUBLISHED_BASELINE = 0.59


def read(path: Path) -> tuple[list[str], np.ndarray]:
    """Sentences and their mean human certainty (1-6)."""
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [r["text"] for r in rows], np.array([float(r["score"]) for r in rows])


def as_statement(text: str) -> Item:
    """The whole sentence as one statement in a document of its own."""
    doc = analyze(text, segments=[Segment(0, len(text), "statement")])
    return Item(doc, 0)


def strength(model, items: list[Item]) -> tuple[np.ndarray, np.ndarray]:
    """Strength score (expected level / 3) and most probable level of each item."""
    proba = model.predict_proba(items)
    values = np.arange(len(LEVELS)) / (len(LEVELS) - 1)
    return proba @ values, proba.argmax(axis=1)


def hedge_count(text: str) -> int:
    """Clause-scope hedges found by the library's cue detector."""
    return sum(1 for h in find_hedges(text) if h.scope == "clause")


def correlations(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    return {"spearman": float(spearmanr(x, y)[0]), "pearson": float(pearsonr(x, y)[0])}


def evaluate(path: Path, model) -> dict:
    texts, certainty = read(path)
    items = [as_statement(t) for t in texts]
    scores, levels = strength(model, items)
    hedges = np.array([hedge_count(t) for t in texts], dtype=float)
    by_level: dict[str, list[float]] = defaultdict(list)
    for level, human in zip(levels, certainty):
        by_level[LEVELS[level]].append(float(human))
    return {
        "file": path.name,
        "n": len(texts),
        "not_scored_by_pipeline": sum(1 for i in items if i.statement.kind not in SCORED_KINDS),
        "strength": correlations(scores, certainty),
        "minus_hedge_count": correlations(-hedges, certainty),
        "sentences_with_hedge": int((hedges > 0).sum()),
        "mean_strength": float(scores.mean()),
        "levels": {name: {"n": len(by_level[name]),
                          "mean_certainty": float(np.mean(by_level[name])) if by_level[name] else None}
                   for name in LEVELS},
    }


def report(result: dict, split: str) -> None:
    s, h = result["strength"], result["minus_hedge_count"]
    print(f"Pei & Jurgens 2021 certainty, {split} ({result['file']}): n={result['n']}")
    print(f"  strength score      Spearman {s['spearman']:.3f}  Pearson {s['pearson']:.3f}"
          f"   (target: Spearman > {PUBLISHED_BASELINE} on test)")
    print(f"  -(hedge count)      Spearman {h['spearman']:.3f}  Pearson {h['pearson']:.3f}"
          f"   (our cues; paper's hedge-word baseline: {PUBLISHED_BASELINE})")
    print(f"  sentences with a clause hedge: {result['sentences_with_hedge']}/{result['n']};"
          f" mean strength {result['mean_strength']:.3f};"
          f" analysed as evidence note/disclaimer: {result['not_scored_by_pipeline']}")
    print("  predicted level -> mean human certainty (1-6):")
    for name, row in result["levels"].items():
        mean = "-" if row["mean_certainty"] is None else f"{row['mean_certainty']:.2f}"
        print(f"    {name:<12} n={row['n']:<4} {mean}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("test", "val"), default="test",
                        help="val while developing; test only to report (default: test)")
    _common.add_options(parser, FOLDER)
    args = parser.parse_args(argv)

    path = args.data / FOLDER / f"sentence_{args.split}.jsonl"
    if _common.missing(path, "the Pei & Jurgens certainty data"):
        return 0
    model = _common.load(args.model, load_model)
    if model is None:
        return 1
    result = {"dataset": "certainty_science", "split": args.split, "model": args.model,
              "target_spearman": PUBLISHED_BASELINE, **evaluate(path, model)}
    return _common.emit(result, args.json, lambda r: report(r, args.split))


if __name__ == "__main__":
    sys.exit(main())
