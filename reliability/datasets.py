"""Standoff labels: labels that point into articles kept elsewhere.

The team's labels on PolNeAR articles (``models/polnear/labels.jsonl``) hold
offsets, not text: the articles stay in the PolNeAR distribution, which the
user downloads (https://github.com/networkdynamics/PolNeAR). One line per
unit of an article, every unit in order::

    {"doc_id": "nyt_2016-09-19_...", "split": "train", "start": 0, "end": 87,
     "kind": "headline", "label": "attributed", "acceptable": [],
     "sources": ["Pence"], "cues": [], "text_hash": "3f2a9c..."}

``load_standoff`` joins them with the article texts and analyses each
article whole, so every labelled statement has its document context.
``text_hash`` (first 16 hex digits of the SHA-256 of the article text) makes
a different copy of an article an error rather than misplaced statements.

The article texts are read from any of:

- a PolNeAR checkout (or its ``data`` folder): ``data/<split>/text/<doc_id>.txt``;
- a folder of ``*_docs.jsonl`` files, or one such file: JSON lines with
  ``doc_id`` and ``text``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable

from . import corpus
from .corpus import CorpusError, LabelledSet, Record

__all__ = ["DatasetError", "load_standoff", "standoff_records", "read_labels", "article_texts", "text_hash"]

PUBLIC_SOURCE = "https://github.com/networkdynamics/PolNeAR"
REQUIRED = ("doc_id", "start", "end", "kind", "label")


class DatasetError(CorpusError):
    """Standoff labels or article texts that cannot be joined, and why."""


def load_standoff(labels_path: str | Path, corpus_path: str | Path, *,
                  splits: Iterable[str] | None = None) -> LabelledSet:
    """Labelled statements of the articles the standoff labels cover, analysed in context.

    Parameters
    ----------
    labels_path : path
        A standoff labels file (JSONL, see the module documentation).
    corpus_path : path
        Where the article texts are: a PolNeAR checkout, its ``data`` folder,
        a folder of ``*_docs.jsonl`` files or one such file.
    splits : iterable of str, optional
        Keep only articles of these splits (the ``split`` field), e.g.
        ``["train"]``; default all.

    Returns
    -------
    LabelledSet
        Items (statements in their analysed documents), labels, groups (one
        per article), doc ids and acceptable labels, as
        :func:`reliability.corpus.load` gives for JSONL corpora.

    Raises
    ------
    DatasetError
        A malformed labels line (file and line named), an article missing
        from ``corpus_path``, or an article whose text differs from the one
        the labels were made on.
    """
    return corpus.from_records(standoff_records(labels_path, corpus_path, splits=splits))


def standoff_records(labels_path: str | Path, corpus_path: str | Path, *,
                     splits: Iterable[str] | None = None) -> list[Record]:
    """The standoff labels as corpus records whose ``span`` points into their article."""
    rows = read_labels(labels_path)
    if splits is not None:
        wanted = set(splits)
        rows = [(where, row) for where, row in rows if row.get("split") in wanted]
    texts = article_texts(corpus_path, {row["doc_id"]: row.get("split") for _, row in rows})
    hashes = {doc_id: text_hash(text) for doc_id, text in texts.items()}  # once per article
    records = []
    positions: dict[str, int] = {}
    for where, row in rows:
        doc_id = row["doc_id"]
        text = texts[doc_id]
        if row["end"] > len(text):
            raise DatasetError(f"{where}: end {row['end']} is past the end of article {doc_id}"
                               f" ({len(text)} characters)")
        expected = row.get("text_hash")
        if expected and hashes[doc_id] != expected:
            raise DatasetError(
                f"{where}: the text of {doc_id} in {corpus_path} is not the one these labels were"
                f" made on (text_hash {hashes[doc_id]}, expected {expected}); use the PolNeAR release"
                f" at {PUBLIC_SOURCE}"
            )
        position = positions.get(doc_id, 0)
        positions[doc_id] = position + 1
        records.append(Record(
            text=text[row["start"]:row["end"]], label=row["label"], kind=row["kind"], doc_id=doc_id,
            position=position, para=None, context=text, where=where, source=str(labels_path),
            acceptable=row["acceptable"], span=(row["start"], row["end"]), split=row.get("split"),
        ))
    return records


def read_labels(path: str | Path) -> list[tuple[str, dict]]:
    """Validated standoff rows, each with its "file:line"."""
    path = Path(path)
    try:
        lines = path.read_text("utf-8").splitlines()
    except FileNotFoundError:
        raise DatasetError(f"{path}: no such labels file") from None
    except UnicodeDecodeError as error:
        raise DatasetError(f"{path}: not valid UTF-8 (byte {error.start})") from None
    rows = []
    previous: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        rows.append((where, _parse(line, where, previous)))
    if not rows:
        raise DatasetError(f"{path}: no labels")
    return rows


def _parse(line: str, where: str, previous: dict[str, int]) -> dict:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise DatasetError(f"{where}: invalid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(row, dict):
        raise DatasetError(f"{where}: expected a JSON object, got {type(row).__name__}")
    for name in REQUIRED:
        if name not in row:
            raise DatasetError(f"{where}: field {name!r} is missing")
    if not isinstance(row["doc_id"], str) or not row["doc_id"]:
        raise DatasetError(f"{where}: field 'doc_id' must be a non-empty string")
    start, end = row["start"], row["end"]
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise DatasetError(f"{where}: field {name!r} must be a non-negative integer, got {value!r}")
    if end <= start:
        raise DatasetError(f"{where}: empty span (start {start}, end {end})")
    if start < previous.get(row["doc_id"], 0):
        raise DatasetError(f"{where}: units of {row['doc_id']} overlap or are out of order"
                           f" (start {start} before the previous unit's end)")
    previous[row["doc_id"]] = end
    try:
        row["kind"], row["label"], row["acceptable"] = corpus.check_unit(row, where)
    except CorpusError as error:
        raise DatasetError(str(error)) from None
    return row


def article_texts(corpus_path: str | Path, wanted: dict[str, str | None]) -> dict[str, str]:
    """The text of each wanted article (doc_id -> split) from ``corpus_path``."""
    root = Path(corpus_path)
    if not root.exists():
        raise DatasetError(
            f"{root}: no such folder or file; the article texts come from PolNeAR"
            f" ({PUBLIC_SOURCE}): pass the path of a checkout"
        )
    texts: dict[str, str] = {}
    jsonl = [root] if root.is_file() else sorted(root.glob("*_docs.jsonl"))
    for path in jsonl:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                if doc.get("doc_id") in wanted:
                    texts[doc["doc_id"]] = doc["text"]
    if root.is_dir():
        data = root / "data" if (root / "data").is_dir() else root
        for doc_id, split in wanted.items():
            if doc_id in texts:
                continue
            candidates = [data / split / "text" / f"{doc_id}.txt"] if split else []
            candidates += sorted(data.glob(f"*/text/{doc_id}.txt"))
            for candidate in candidates:
                if candidate.is_file():
                    texts[doc_id] = candidate.read_text("utf-8")
                    break
    missing = sorted(set(wanted) - set(texts))
    if missing:
        raise DatasetError(
            f"{root}: {len(missing)} of {len(wanted)} labelled articles not found (first: {missing[0]});"
            f" expected a PolNeAR checkout ({PUBLIC_SOURCE}) with data/<split>/text/<doc_id>.txt,"
            " or *_docs.jsonl files"
        )
    return texts


def text_hash(text: str) -> str:
    """The ``text_hash`` of an article: the first 16 hex digits of the SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
