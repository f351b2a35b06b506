"""Score ``reliability.attribution.find_attributions`` against PolNeAR.

Data
----
PolNeAR (Newell, Margolin & Ruths, LREC 2018; https://github.com/networkdynamics/PolNeAR),
a corpus of attributions (source, cue, content) in US political news,
converted to JSONL under ``../shared/datasets/polnear`` relative to the
project root (``train_docs.jsonl``, ``dev_docs.jsonl``, ``test_docs.jsonl``: one document a line
with ``text`` and ``attributions``, character offsets). Use ``--data DIR``
for another location.

Protocol
--------
Each document is split into sentences by the library's own segmentation
(``reliability.segment.split``; a blank-line plus sentence-regex fallback is
used only if that module is not importable), and ``find_attributions`` runs
on every sentence. Predictions and gold annotations are compared per
document, separately for each role (source, cue, content):

- a gold role with several discontinuous spans (a quotation split around its
  attribution) is scored by its extent, from its first start to its last
  end; identical spans of the same role are counted once on each side;
- **exact** match: a predicted span matches a gold span of the same role
  with the same start and end;
- **overlap** match: a predicted span matches a gold span of the same role
  if they share at least one character; each gold span is matched at most
  once and each predicted span at most once (greedy, in text order, the
  gold span with the largest overlap first);
- precision = matched predictions / predictions, recall = matched gold /
  gold, F1 their harmonic mean, micro-averaged over all documents of the
  split.

Speed is statements per second of ``find_attributions`` over all sentences
of the split, on one core, segmentation excluded.

Error breakdown
---------------
``--errors N`` adds, for the cue role, the N most frequent unmatched
predicted cues (false positives) and unmatched gold cues (misses), counted
by their lower-cased text with auxiliaries and adverbs dropped ("has also
said" -> "said"), and how many missed gold cues hold no word of the cue
lexicon at all. Only counts are printed, never text from the corpus beyond
the cue words. Study errors on ``train`` and ``dev``; report ``test``.

Usage::

    python benchmarks/attribution_polnear.py --split dev [--json] [--data DIR] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reliability.attribution import find_attributions  # noqa: E402

ROLES = ("source", "cue", "content")
DEFAULT_DATA = ROOT.parent / "shared" / "datasets" / "polnear"


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans from the library's segmentation, or a simple fallback."""
    try:
        from reliability.segment import split
    except ImportError:
        return _fallback_split(text)
    return [(s.start, s.end) for s in split(text)]


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z])")


def _fallback_split(text: str) -> list[tuple[int, int]]:
    spans = []
    for block in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        start = block.start()
        for m in _SENTENCE_END.finditer(text, block.start(), block.end()):
            spans.append((start, m.start()))
            start = m.end()
        spans.append((start, block.end()))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def gold_spans(doc: dict) -> dict[str, set[tuple[int, int]]]:
    out: dict[str, set[tuple[int, int]]] = {r: set() for r in ROLES}
    for attribution in doc["attributions"]:
        for role in ROLES:
            part = attribution.get(role)
            if part and part.get("spans"):
                starts = [s for s, _ in part["spans"]]
                ends = [e for _, e in part["spans"]]
                out[role].add((min(starts), max(ends)))
    return out


def match(pred: set[tuple[int, int]], gold: set[tuple[int, int]]) -> tuple[int, int]:
    """Number of (exact, overlap) matches between predicted and gold spans."""
    exact = len(pred & gold)
    return exact, len(pred) - len(_overlap_misses(pred, gold)[0])


def _overlap_misses(pred, gold):
    """(unmatched predictions, unmatched gold) under overlap matching."""
    free = set(gold)
    unmatched = []
    for s, e in sorted(pred):
        best, size = None, 0
        for g in free:
            o = min(e, g[1]) - max(s, g[0])
            if o > size:
                best, size = g, o
        if best is not None:
            free.discard(best)
        else:
            unmatched.append((s, e))
    return unmatched, sorted(free)


def _cue_key(text: str) -> str:
    from reliability.sources import tokenize, word_classes

    grammar = word_classes("attribution_grammar")
    norms = [t.norm for t in tokenize(text)]
    kept = [w for w in norms if w not in grammar["aux"] and w not in grammar["adverb"]]
    return " ".join(kept or norms)


def cue_errors(docs: list[dict], top: int) -> dict:
    """Most frequent false-positive and missed cues (overlap matching)."""
    from collections import Counter

    from reliability.attribution import _cues
    from reliability.sources import tokenize

    false_pos, missed, no_lexicon_word = Counter(), Counter(), 0
    for doc in docs:
        text = doc["text"]
        links = [link for s, e in sentences(text) for link in find_attributions(text, s, e)]
        pred = {(l.cue.start, l.cue.end) for l in links if l.cue is not None}
        fp, fn = _overlap_misses(pred, gold_spans(doc)["cue"])
        false_pos.update(_cue_key(text[s:e]) for s, e in fp)
        missed.update(_cue_key(text[s:e]) for s, e in fn)
        no_lexicon_word += sum(1 for s, e in fn if not _cues().matches(tokenize(text, s, e)))
    return {"false_positive": false_pos.most_common(top), "missed": missed.most_common(top),
            "missed_without_lexicon_word": no_lexicon_word,
            "missed_total": sum(missed.values()), "false_positive_total": sum(false_pos.values())}


def prf(matched_p: int, n_pred: int, matched_g: int, n_gold: int) -> dict[str, float]:
    p = matched_p / n_pred if n_pred else 0.0
    r = matched_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def evaluate(docs: list[dict]) -> dict:
    counts = {r: {"pred": 0, "gold": 0, "exact": 0, "overlap": 0} for r in ROLES}
    n_sentences, seconds = 0, 0.0
    for doc in docs:
        text = doc["text"]
        spans = sentences(text)
        t0 = time.perf_counter()
        links = [link for s, e in spans for link in find_attributions(text, s, e)]
        seconds += time.perf_counter() - t0
        n_sentences += len(spans)
        pred = {
            "source": {(l.source.start, l.source.end) for l in links},
            "cue": {(l.cue.start, l.cue.end) for l in links if l.cue is not None},
            "content": {(l.content.start, l.content.end) for l in links if l.content is not None},
        }
        gold = gold_spans(doc)
        for role in ROLES:
            exact, overlap = match(pred[role], gold[role])
            c = counts[role]
            c["pred"] += len(pred[role])
            c["gold"] += len(gold[role])
            c["exact"] += exact
            c["overlap"] += overlap
    scores = {}
    for role, c in counts.items():
        scores[role] = {
            "exact": prf(c["exact"], c["pred"], c["exact"], c["gold"]),
            "overlap": prf(c["overlap"], c["pred"], c["overlap"], c["gold"]),
            "n_pred": c["pred"],
            "n_gold": c["gold"],
        }
    return {
        "documents": len(docs),
        "statements": n_sentences,
        "scores": scores,
        "statements_per_second": round(n_sentences / seconds) if seconds else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("train", "dev", "test"), default="dev")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="also list the N most frequent false-positive and missed cues")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="folder with {train,dev,test}_docs.jsonl (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    path = args.data / f"{args.split}_docs.jsonl"
    if not path.is_file():
        print(f"PolNeAR data not found: {path}\n"
              "Get PolNeAR from https://github.com/networkdynamics/PolNeAR and convert it, "
              "or pass --data DIR.", file=sys.stderr)
        return 2
    docs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    result = evaluate(docs)
    result["data"] = str(path)
    result["split"] = args.split
    if args.errors:
        result["cue_errors"] = cue_errors(docs, args.errors)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"PolNeAR {args.split} ({path}): {result['documents']} documents, "
          f"{result['statements']} statements")
    print(f"{'role':8} {'match':8} {'P':>6} {'R':>6} {'F1':>6}   pred/gold")
    for role in ROLES:
        s = result["scores"][role]
        for kind in ("exact", "overlap"):
            m = s[kind]
            print(f"{role:8} {kind:8} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f}"
                  f"   {s['n_pred']}/{s['n_gold']}")
    print(f"speed: {result['statements_per_second']} statements/s (find_attributions, one core)")
    if args.errors:
        errors = result["cue_errors"]
        print(f"cue false positives: {errors['false_positive_total']}; misses: {errors['missed_total']}"
              f" ({errors['missed_without_lexicon_word']} hold no cue-lexicon word)")
        for name in ("false_positive", "missed"):
            print(f"  top {name}: " + ", ".join(f"{k!r} {n}" for k, n in errors[name]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
