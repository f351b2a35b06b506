"""Sentence-level hedge detection on real, out-of-domain text.

Scores "the sentence has at least one clause-scope hedge" (from
``reliability.cues.find_hedges``) against the human ``uncertain`` label on:

- BioScope abstracts, dev split (Vincze et al. 2008; speculation cues);
- the CoNLL-2010 Wikipedia sample, train split (weasel words).

Both are out of domain for a news library: use the numbers to find missing
lexicon entries, not to tune on. Dev/train only; the test files are never
read. The data is read from ``../shared/datasets`` relative to the project
root (or the folder given as the first argument) and never copied.

Run from the project root (it measures this checkout, not an installed
copy of the library)::

    python benchmarks/hedges_real.py [DATASETS_DIR]
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

import _common  # noqa: E402  (puts this checkout on the path)

from reliability.cues import find_hedges  # noqa: E402

SETS = {
    "bioscope abstracts dev": "bioscope/abstracts_dev.jsonl",
    "conll2010 wikipedia train": "conll2010_wiki_sample/train.jsonl",
}

#: The hedge categories that correspond to Wikipedia weasel words.
WEASELS = ("vague_quantifier", "belief_frame", "distancing_verb")


def score(path: Path, categories: tuple[str, ...] | None = None) -> dict[str, float]:
    """Precision, recall and F1 of "any clause hedge" vs label uncertain.

    ``categories`` restricts the hedges counted (None: all of them).
    """
    tp = fp = fn = tn = 0
    cues: Counter[str] = Counter()
    started = time.perf_counter()
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    for row in rows:
        hedges = [
            h for h in find_hedges(row["text"])
            if h.scope == "clause" and (categories is None or h.category in categories)
        ]
        gold = row["label"] == "uncertain"
        found = bool(hedges)
        cues.update(h.text.lower() for h in hedges if not gold)
        tp += found and gold
        fp += found and not gold
        fn += gold and not found
        tn += not gold and not found
    seconds = time.perf_counter() - started
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "sentences": len(rows),
        "uncertain": tp + fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "sentences_per_s": len(rows) / seconds,
        "top_false_positive_cues": cues.most_common(8),
    }


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else _common.DEFAULT_DATA
    if not root.is_dir():
        print(f"skipped: no dataset folder at {root}")
        return 0
    for name, relative in SETS.items():
        path = root / relative
        if not path.is_file():
            print(f"{name}: skipped, {path} not found")
            continue
        result = score(path)
        print(
            f"{name}: n={result['sentences']} uncertain={result['uncertain']} "
            f"P={result['precision']:.3f} R={result['recall']:.3f} F1={result['f1']:.3f} "
            f"({result['sentences_per_s']:.0f} sentences/s)"
        )
        print(f"  most frequent cues in certain sentences: {result['top_false_positive_cues']}")
        if "conll" in name:
            weasel = score(path, WEASELS)
            print(
                f"  weasel categories only {WEASELS}: P={weasel['precision']:.3f} "
                f"R={weasel['recall']:.3f} F1={weasel['f1']:.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
