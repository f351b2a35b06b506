"""Statistics of the labelled corpus for the datasheet, and the held-out split.

    python models/corpus_stats.py              # print the figures in DATASHEET.md
    python models/corpus_stats.py --write-split  # (re)write models/corpus/split.json

The test split is a fixed rule on document ids, chosen before any model was
trained: a document is held out when the SHA-256 of its ``doc_id`` is 0
modulo 5 (about one document in five). Adding documents never moves an
existing one between splits.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SPLIT = CORPUS / "split.json"
LEVELS = ("unsupported", "hedged", "attributed", "established")


def held_out(doc_id: str) -> bool:
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def load():
    rows = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                rows.append(dict(json.loads(line), beat=path.stem))
    return rows


def near_duplicates(texts, threshold=0.8):
    """Pairs of statements with token Jaccard similarity above ``threshold``.

    Candidate pairs share a rare token (an inverted index over each text's
    three rarest tokens), which finds every pair above 0.8 in practice
    without comparing all pairs.
    """
    tokens = [frozenset(re.findall(r"\w+", t.lower())) for t in texts]
    frequency = Counter(tok for toks in tokens for tok in toks)
    index = defaultdict(set)
    for k, toks in enumerate(tokens):
        for tok in sorted(toks, key=lambda t: (frequency[t], t))[:3]:
            index[tok].add(k)
    candidates = {pair for members in index.values() for pair in combinations(sorted(members), 2)}
    found = []
    for a, b in candidates:
        union = len(tokens[a] | tokens[b])
        if union and len(tokens[a] & tokens[b]) / union > threshold:
            found.append((a, b))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-split", action="store_true")
    args = parser.parse_args()
    rows = load()
    docs = sorted({r["doc_id"] for r in rows})
    if args.write_split:
        SPLIT.write_text(json.dumps({"rule": "sha256(doc_id) % 5 == 0",
                                     "test": [d for d in docs if held_out(d)]}, indent=1) + "\n")
    labelled = [r for r in rows if r["label"] is not None]
    print(f"documents: {len(docs)}   units: {len(rows)}   labelled statements: {len(labelled)}")
    test_docs = [d for d in docs if held_out(d)]
    print(f"held-out test documents: {len(test_docs)}"
          f" ({sum(1 for r in labelled if held_out(r['doc_id']))} labelled statements)")
    print("\nlevels:")
    counts = Counter(r["label"] for r in labelled)
    for level in LEVELS:
        print(f"  {level:<12} {counts[level]:>5}  {counts[level] / len(labelled):.1%}")
    with_alternatives = sum(1 for r in labelled if r.get("acceptable"))
    print(f"  with 'acceptable' alternatives: {with_alternatives}")
    print("\nkinds:")
    for kind, n in Counter(r.get("kind", "statement") for r in rows).most_common():
        print(f"  {kind:<14} {n:>5}")
    print("\nbeats (documents, labelled statements):")
    for beat in sorted({r["beat"] for r in rows}):
        n_docs = len({r["doc_id"] for r in rows if r["beat"] == beat})
        n_lab = sum(1 for r in labelled if r["beat"] == beat)
        print(f"  {beat:<12} {n_docs:>4} {n_lab:>5}")
    # boilerplate ("Share this article") repeats by nature; compare the rest
    texts = [r["text"] for r in rows if r.get("kind") != "boilerplate"]
    pairs = near_duplicates(texts)
    all_pairs = len(texts) * (len(texts) - 1) // 2
    involved = {k for pair in pairs for k in pair}
    print(f"\nnear-duplicates among non-boilerplate units (token Jaccard > 0.8): {len(pairs)} pairs of {all_pairs}"
          f" ({len(pairs) / all_pairs:.4%} of pairs); {len(involved)} statements involved"
          f" ({len(involved) / len(texts):.2%})")
    for a, b in pairs[:10]:
        print(f"  - {texts[a][:70]!r}\n    {texts[b][:70]!r}")
    lengths = sorted(len(re.findall(r"\w+", t)) for t in texts)
    print(f"\nstatement length in words: median {lengths[len(lengths) // 2]},"
          f" 90th percentile {lengths[int(len(lengths) * 0.9)]}, max {lengths[-1]}")


if __name__ == "__main__":
    main()
