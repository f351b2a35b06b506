"""Sentence-level weasel/hedge detection on CoNLL-2010 Wikipedia sentences.

These are Wikipedia sentences, not news: the ``uncertain`` label marks
weasel words ("some say", "it is believed", "many scholars") and hedges in
encyclopaedic prose, which the library scores as if they were statements in
a news text. The task is close to our level 1 (vague source or hedge) but
not the same, so read the numbers as a check on vague-source and hedge
handling out of domain.

Data
----
CoNLL-2010 Shared Task 1, Wikipedia part (Farkas et al. 2010), in the
balanced 3,000-sentence sample shipped with CLiPS Pattern
(https://github.com/clips/pattern, ``test/corpora/uncertainty-conll2010.csv``;
"meant for personal use", not covered by Pattern's BSD licence: personal and
research use only). Read from
``../shared/datasets/conll2010_wiki_sample/{train,test}.jsonl`` relative to
the project root (fields ``text`` and ``label``: ``certain``/``uncertain``),
or from ``--data DIR``; never copied into the repository.

Protocol
--------
Each sentence is analysed as one statement of its own (no document context)
and scored by the model. The prediction "uncertain" is the most probable
level being ``hedged`` or ``unsupported`` (level <= 1), as
``reliability.score`` would label it. We report sentence-level precision,
recall and F1 for the ``uncertain`` class. For reference, the cue-only
detector: the sentence has at least one clause-scope hedge from
``reliability.cues.find_hedges``.

Target on test: F1 >= 0.70 (published: about 0.60 for the best official
CoNLL-2010 system on Wikipedia, 0.702 for a 2024 model). Develop on
``--split train``; run ``test`` only to report.

Usage (from the project root)::

    python benchmarks/conll2010_wiki.py --split train --model /tmp/bench_model
    python benchmarks/conll2010_wiki.py [--split test] [--model default] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import _common  # noqa: E402  (puts this checkout on the path)
from reliability import LEVELS, analyze, load_model  # noqa: E402
from reliability.features import Item  # noqa: E402
from reliability.segment import Segment  # noqa: E402

FOLDER = "conll2010_wiki_sample"
TARGET_F1 = 0.70
HEDGED = LEVELS.index("hedged")


def read(path: Path) -> tuple[list[str], list[bool]]:
    """Sentences and whether each is labelled uncertain."""
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [r["text"] for r in rows], [r["label"] == "uncertain" for r in rows]


def as_statement(text: str) -> Item:
    """The whole sentence as one statement in a document of its own."""
    doc = analyze(text, segments=[Segment(0, len(text), "statement")])
    return Item(doc, 0)


def prf(predicted: list[bool], gold: list[bool]) -> dict[str, float]:
    """Precision, recall and F1 of the positive (uncertain) class."""
    tp = sum(p and g for p, g in zip(predicted, gold))
    fp = sum(p and not g for p, g in zip(predicted, gold))
    fn = sum(g and not p for p, g in zip(predicted, gold))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def evaluate(path: Path, model) -> dict:
    texts, gold = read(path)
    items = [as_statement(t) for t in texts]
    levels = model.predict_proba(items).argmax(axis=1)
    by_model = [int(level) <= HEDGED for level in levels]
    by_cues = [any(h.scope == "clause" for h in item.statement.hedges) for item in items]
    return {
        "file": path.name,
        "n": len(texts),
        "uncertain": sum(gold),
        "model": prf(by_model, gold),
        "cues": prf(by_cues, gold),
        "predicted_levels": {LEVELS[k]: v for k, v in sorted(Counter(int(x) for x in levels).items())},
    }


def report(result: dict, split: str) -> None:
    print(f"CoNLL-2010 Wikipedia sample, {split} ({result['file']}):"
          f" n={result['n']}, uncertain={result['uncertain']}")
    for name, key, target in (("model, level <= 1", "model", f"target F1 >= {TARGET_F1:.2f} on test"),
                              ("cues only, any clause hedge", "cues", "reference")):
        r = result[key]
        print(f"  {name:<28} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}   ({target})")
    print(f"  predicted levels: {result['predicted_levels']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("test", "train"), default="test",
                        help="train while developing; test only to report (default: test)")
    _common.add_options(parser, FOLDER)
    args = parser.parse_args(argv)

    path = args.data / FOLDER / f"{args.split}.jsonl"
    if _common.missing(path, "the CoNLL-2010 Wikipedia sample"):
        return 0
    model = _common.load(args.model, load_model)
    if model is None:
        return 1
    result = {"dataset": "conll2010_wiki_sample", "split": args.split, "model": args.model,
              "target_f1": TARGET_F1, **evaluate(path, model)}
    return _common.emit(result, args.json, lambda r: report(r, args.split))


if __name__ == "__main__":
    sys.exit(main())
