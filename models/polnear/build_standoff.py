"""Turn the annotators' unit-by-unit labels into standoff labels (offsets, no text).

    python models/polnear/build_standoff.py ../shared/datasets/polnear

Input: ``annotations/batch_*.jsonl`` (first annotation, every unit of the 150
articles) and ``annotations/second.jsonl`` (the blind second annotation of
14 training articles), one line per unit of the library's segmentation at
the time of labelling (``n`` counts units as ``reliability.segment.split``
gave them), with the annotators' fixes: ``merge_next`` joins a unit to the
next, ``split_after`` ends a unit after the given words and ``second`` labels
the rest. ``annotations/adjudication.jsonl`` holds the final label of each
unit where the two annotations disagreed.

Output: ``labels.jsonl`` and ``second_annotation.jsonl``, one line per unit::

    {"doc_id": ..., "split": "train", "start": 0, "end": 87, "kind": "headline",
     "label": "attributed", "acceptable": [], "sources": ["Pence"], "cues": [],
     "text_hash": "3f2a..."}

Offsets index the article text as PolNeAR distributes it; ``text_hash`` (the
first 16 hex digits of the text's SHA-256) lets the loader refuse a different
copy instead of cutting statements at the wrong places.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))  # this checkout, not an installed copy

from reliability.datasets import article_texts, text_hash  # noqa: E402
from reliability.segment import split  # noqa: E402

KEEP = ("kind", "label", "acceptable", "sources", "cues")
MAX_WORDS = 8  # sources and cues are short strings, never sentences of the article


def _plain(text: str) -> str:
    """Curly quotes as straight ones (same length), for matching typed words."""
    return text.translate(str.maketrans("‘’“”", "''\"\""))


def units_of(rows: list[dict], text: str) -> list[dict]:
    """The annotated units of one article as spans, with merges and splits applied."""
    segments = split(text)
    by_n = {r["n"]: r for r in rows}
    if sorted(by_n) != list(range(len(segments))):
        raise ValueError(f"{rows[0]['doc_id']}: annotation does not cover units 0-{len(segments) - 1}")
    out = []
    n = 0
    while n < len(segments):
        row = by_n[n]
        start, end = segments[n].start, segments[n].end
        last = n
        while by_n[last].get("merge_next") and last + 1 < len(segments):
            last += 1
            end = segments[last].end
        unit = {k: row.get(k, [] if k in ("acceptable", "sources", "cues") else None) for k in KEEP}
        if "split_after" in row:
            cut = _plain(text).find(_plain(row["split_after"]), start, end)
            if cut < 0:
                raise ValueError(f"{row['doc_id']} unit {n}: split_after text not found")
            cut += len(row["split_after"])
            rest = cut + (len(text[cut:end]) - len(text[cut:end].lstrip()))
            out.append({**unit, "start": start, "end": cut})
            second = {k: row["second"].get(k, [] if k in ("acceptable", "sources", "cues") else None)
                      for k in KEEP}
            out.append({**second, "start": rest, "end": end})
        else:
            out.append({**unit, "start": start, "end": end})
        n = last + 1
    for unit in out:
        for field in ("sources", "cues"):
            unit[field] = [" ".join(s.split()[:MAX_WORDS]) for s in unit[field]]
        unit["acceptable"] = [a for a in unit["acceptable"] if a != unit["label"]]
    return out


def build(paths: list[Path], texts: dict[str, str], splits: dict[str, str],
          final: dict[tuple[str, int, int], str] | None = None) -> list[dict]:
    rows_by_doc: dict[str, list[dict]] = {}
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows_by_doc.setdefault(row["doc_id"], []).append(row)
    records = []
    for doc_id in sorted(rows_by_doc):
        digest = text_hash(texts[doc_id])
        for unit in units_of(rows_by_doc[doc_id], texts[doc_id]):
            key = (doc_id, unit["start"], unit["end"])
            if final and key in final and unit["label"] is not None:
                if final[key] != unit["label"]:
                    unit["acceptable"] = sorted(set(unit["acceptable"]) | {unit["label"]} - {final[key]})
                unit["label"] = final[key]
            records.append({"doc_id": doc_id, "split": splits[doc_id], "start": unit["start"],
                            "end": unit["end"], **{k: unit[k] for k in KEEP},
                            "text_hash": digest})
    return records


def write(records: list[dict], path: Path) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    print(f"{len(records)} units of {len({r['doc_id'] for r in records})} articles -> {path}")


def main(folder: str) -> None:
    splits = {a["doc_id"]: a["split"] for a in json.loads((HERE / "articles.json").read_text("utf-8"))}
    texts = article_texts(folder, splits)
    notes = HERE / "annotations"
    adjudication = notes / "adjudication.jsonl"
    final = {}
    if adjudication.is_file():
        for line in adjudication.read_text("utf-8").splitlines():
            row = json.loads(line)
            final[row["doc_id"], row["start"], row["end"]] = row["label"]
    write(build(sorted(notes.glob("batch_*.jsonl")), texts, splits, final), HERE / "labels.jsonl")
    write(build([notes / "second.jsonl"], texts, splits), HERE / "second_annotation.jsonl")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/polnear")
