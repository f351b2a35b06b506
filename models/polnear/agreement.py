"""Agreement between the two independent annotations of the PolNeAR labels.

    python models/polnear/agreement.py ../shared/datasets/polnear

Compares the first annotation (``annotations/batch_*.jsonl``, before
adjudication) with the blind second annotation (``annotations/second.jsonl``)
on every unit both labelled with the same span, and prints Cohen's kappa
overall and per level (each level against the rest), agreement with and
without the ``acceptable`` alternatives, and the confusion between the two.
The articles' texts are needed because the annotations count units of the
library's segmentation (see ``build_standoff.py``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sklearn.metrics import cohen_kappa_score, confusion_matrix

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_standoff import HERE, build  # noqa: E402

from reliability import LEVELS  # noqa: E402
from reliability.datasets import article_texts  # noqa: E402


def main(folder: str) -> None:
    splits = {a["doc_id"]: a["split"] for a in json.loads((HERE / "articles.json").read_text("utf-8"))}
    texts = article_texts(folder, splits)
    notes = HERE / "annotations"
    second = build([notes / "second.jsonl"], texts, splits)
    wanted = {r["doc_id"] for r in second}
    batches = [p for p in sorted(notes.glob("batch_*.jsonl"))
               if any(json.loads(l)["doc_id"] in wanted for l in p.read_text("utf-8").splitlines())]
    first = {(r["doc_id"], r["start"], r["end"]): r for r in build(batches, texts, splits)
             if r["doc_id"] in wanted}
    pairs = [(first[r["doc_id"], r["start"], r["end"]], r) for r in second
             if (r["doc_id"], r["start"], r["end"]) in first]
    labelled = [(a, b) for a, b in pairs if a["label"] and b["label"]]
    a = [x["label"] for x, _ in labelled]
    b = [y["label"] for _, y in labelled]
    n = len(labelled)
    same_kind = sum(x["kind"] == y["kind"] for x, y in pairs)
    print(f"second annotation: {len(second)} units of {len(wanted)} articles; {len(pairs)} with the"
          f" same span in the first; {same_kind} of those of the same kind; {n} labelled by both")
    agree = sum(x == y for x, y in zip(a, b))
    lenient = sum(x["label"] == y["label"] or y["label"] in x["acceptable"] or x["label"] in y["acceptable"]
                  for x, y in labelled)
    print(f"agreement: {agree / n:.3f}   counting either annotator's acceptable labels: {lenient / n:.3f}")
    print(f"Cohen's kappa: {cohen_kappa_score(a, b):.3f}"
          f"   quadratic-weighted: {cohen_kappa_score(a, b, labels=LEVELS, weights='quadratic'):.3f}")
    print("per level (that level against the rest):")
    for level in LEVELS:
        first_has, second_has = [x == level for x in a], [y == level for y in b]
        kappa = cohen_kappa_score(first_has, second_has) if any(first_has) or any(second_has) else float("nan")
        print(f"  {level:<12} kappa {kappa:6.3f}   first {sum(first_has):>4}   second {sum(second_has):>4}")
    print("confusion (rows: first annotation, columns: second)")
    print("  " + " " * 12 + "".join(f"{level[:6]:>8}" for level in LEVELS))
    for level, row in zip(LEVELS, confusion_matrix(a, b, labels=LEVELS)):
        print(f"  {level:<12}" + "".join(f"{v:>8}" for v in row))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/polnear")
