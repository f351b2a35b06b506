"""Choose the PolNeAR articles the team labels, and fingerprint their text.

    python models/polnear/select_articles.py ../shared/datasets/polnear

Draws 180 train and 30 dev articles (never test) spread evenly over the
seven publishers, among articles of 18 to 40 units under our segmenter (dev: 12 to 60;
shorter ones are mostly briefs, longer ones would crowd out publishers),
with a fixed seed. Writes ``articles.json``: for each article its id, split,
publisher and the SHA-256 of its text, so the loader can tell when a user's
copy of PolNeAR differs from the one the offsets were taken from.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

from reliability.segment import split

HERE = Path(__file__).resolve().parent
WANTED = {"train": 180, "dev": 30}
# Dev has only 12 articles per publisher, so it allows longer ones.
UNITS = {"train": range(18, 41), "dev": range(12, 61)}
SEED = 2026


def choose(docs: list[dict], total: int, units: range) -> list[dict]:
    publishers = sorted({d["publisher"] for d in docs})
    rng = random.Random(SEED)
    shuffled = sorted(docs, key=lambda d: d["doc_id"])
    rng.shuffle(shuffled)
    fitting = [d for d in shuffled if len(split(d["text"])) in units]
    quota = {p: total // len(publishers) + (k < total % len(publishers))
             for k, p in enumerate(publishers)}
    chosen = []
    for d in fitting:
        if quota[d["publisher"]]:
            quota[d["publisher"]] -= 1
            chosen.append(d)
    return sorted(chosen, key=lambda d: d["doc_id"])


def main(folder: str) -> None:
    out = []
    for name, total in WANTED.items():
        docs = [json.loads(l) for l in Path(folder, f"{name}_docs.jsonl").read_text("utf-8").splitlines()]
        for d in choose(docs, total, UNITS[name]):
            out.append({"doc_id": d["doc_id"], "split": name, "publisher": d["publisher"],
                        "sha256": hashlib.sha256(d["text"].encode("utf-8")).hexdigest()})
    (HERE / "articles.json").write_text(json.dumps(out, indent=1) + "\n", "utf-8")
    print(f"{len(out)} articles written to {HERE / 'articles.json'}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/polnear")
