"""Counts of the PolNeAR standoff labels (no article text needed).

    python models/polnear/stats.py
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
LEVELS = ["unsupported", "hedged", "attributed", "established"]


def main() -> None:
    rows = [json.loads(line) for line in (HERE / "labels.jsonl").read_text("utf-8").splitlines()]
    publisher = {a["doc_id"]: a["publisher"] for a in json.loads((HERE / "articles.json").read_text())}
    for split in ("train", "dev"):
        part = [r for r in rows if r["split"] == split]
        labelled = [r for r in part if r["label"]]
        docs = {r["doc_id"] for r in part}
        levels = Counter(r["label"] for r in labelled)
        print(f"{split}: {len(docs)} articles, {len(part)} units, {len(labelled)} labelled statements")
        print("  levels: " + ", ".join(f"{l} {levels[l]} ({levels[l] / len(labelled):.1%})" for l in LEVELS))
        print("  kinds: " + ", ".join(f"{k} {n}" for k, n in Counter(r["kind"] for r in part).most_common()))
        print("  articles per publisher: " + ", ".join(
            f"{p} {n}" for p, n in sorted(Counter(publisher[d] for d in docs).items())))
        print(f"  with acceptable alternatives: {sum(bool(r['acceptable']) for r in labelled)}")


if __name__ == "__main__":
    main()
