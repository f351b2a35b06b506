"""Inter-annotator agreement: the corpus labels against a blind second annotation.

    python models/agreement.py

``second_annotation.jsonl`` holds a second annotator's labels for every
headline and statement of 40 training documents (4 per beat, drawn with
``random.Random(13)``), made from views of the documents with the labels,
notes and acceptable lists removed. Held-out test documents were not used.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from sklearn.metrics import cohen_kappa_score, confusion_matrix

HERE = Path(__file__).resolve().parent
LEVELS = ["unsupported", "hedged", "attributed", "established"]


def main() -> None:
    corpus = {}
    for path in sorted((HERE / "corpus").glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            row = json.loads(line)
            corpus[(row["doc_id"], row["position"])] = row
    second = [json.loads(l) for l in (HERE / "second_annotation.jsonl").read_text("utf-8").splitlines()]
    first = [corpus[(r["doc_id"], r["position"])] for r in second]
    a = [r["label"] for r in first]
    b = [r["label"] for r in second]
    agree = sum(x == y for x, y in zip(a, b))
    with_acceptable = sum(y == r["label"] or y in r.get("acceptable", []) for r, y in zip(first, b))
    within_one = sum(abs(LEVELS.index(x) - LEVELS.index(y)) <= 1 for x, y in zip(a, b))
    n = len(a)
    print(f"units: {n} in {len({r['doc_id'] for r in second})} documents")
    print(f"agreement: {agree / n:.3f}   with 'acceptable' alternatives: {with_acceptable / n:.3f}"
          f"   within one level: {within_one / n:.3f}")
    print(f"Cohen's kappa: {cohen_kappa_score(a, b):.3f}"
          f"   quadratic-weighted kappa: {cohen_kappa_score(a, b, labels=LEVELS, weights='quadratic'):.3f}")
    print("confusion (rows: corpus label, columns: second annotator)")
    for level, row in zip(LEVELS, confusion_matrix(a, b, labels=LEVELS)):
        print(f"  {level:<12}" + "".join(f"{v:>6}" for v in row))
    beats = Counter(r["doc_id"].rsplit("-", 1)[0] for r in second)
    print("documents' units per beat:", dict(sorted(beats.items())))


if __name__ == "__main__":
    main()
