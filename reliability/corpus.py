"""Labelled data: reading JSONL per LABELS.md into analysed statements.

A record is one statement::

    {"text": "The ministry said 12 people were hurt.", "label": "attributed"}
    {"text": "...", "label": "hedged", "doc_id": "a17", "position": 4, "para": 2}

Records that share a ``doc_id`` are put back together as one document, in
``position`` order, so the analysis sees the document context (evidence
notes, disclaimers, coreference) that the annotator saw. Units with no level
(boilerplate, disclaimers, evidence notes) carry ``"label": null`` and a
``kind``. A record with a ``context`` field (the text of its document) is
analysed inside that text. Every problem is reported with file and line.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from .classifier import to_label
from .features import Item
from .pipeline import analyze
from .segment import Segment, split
from .types import KINDS, LEVELS

UNLABELLED_KINDS = ("boilerplate", "disclaimer", "evidence_note")


class CorpusError(ValueError):
    """A labelled file that cannot be used, with the file and line at fault."""


@dataclass(frozen=True)
class Record:
    """One validated line of a labelled file."""

    text: str
    label: str | None
    kind: str
    doc_id: str | None
    position: int | None
    para: int | None
    context: str | None
    where: str  # "file:line", for messages
    source: str = ""  # the file it came from: documents never span files
    acceptable: tuple[str, ...] = ()  # other defensible labels
    span: tuple[int, int] | None = None  # offsets into ``context`` (standoff labels)
    split: str | None = None  # the document's split, where the labels name one


@dataclass
class LabelledSet:
    """Analysed, labelled statements ready for training or evaluation."""

    items: list[Item] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # document of each item (file#doc_id)
    doc_ids: list[str | None] = field(default_factory=list)  # doc_id as written, if any
    acceptable: list[tuple[str, ...]] = field(default_factory=list)  # other defensible labels

    def __len__(self) -> int:
        return len(self.items)

    def subset(self, keep: Iterable[bool]) -> "LabelledSet":
        picked = [k for k, flag in enumerate(keep) if flag]
        return LabelledSet(
            [self.items[k] for k in picked],
            [self.labels[k] for k in picked],
            [self.groups[k] for k in picked],
            [self.doc_ids[k] for k in picked],
            [self.acceptable[k] for k in picked],
        )

    def __add__(self, other: "LabelledSet") -> "LabelledSet":
        return LabelledSet(self.items + other.items, self.labels + other.labels,
                           self.groups + other.groups, self.doc_ids + other.doc_ids,
                           self.acceptable + other.acceptable)


def jsonl_files(path: str | Path) -> list[Path]:
    """A JSONL file, or the ``*.jsonl`` files of a folder in name order."""
    path = Path(path)
    return sorted(path.glob("*.jsonl")) if path.is_dir() else [path]


def read_records(path: str | Path) -> list[Record]:
    """Read and validate a labelled JSONL file (or every ``*.jsonl`` in a folder)."""
    path = Path(path)
    if path.is_dir():
        files = jsonl_files(path)
        if not files:
            raise CorpusError(f"{path}: folder has no *.jsonl files")
        return [r for f in files for r in read_records(f)]
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such file") from None
    except OSError as error:
        raise CorpusError(f"{path}: cannot read ({error.strerror})") from None
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    records = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        records.append(_parse_line(line, f"{path}:{number}"))
    if not records:
        raise CorpusError(f"{path}: no records")
    return records


def _parse_line(line: bytes, where: str) -> Record:
    try:
        obj = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise CorpusError(f"{where}: not valid UTF-8 (byte {error.start} of the line)") from None
    except json.JSONDecodeError as error:
        raise CorpusError(f"{where}: invalid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(obj, dict):
        raise CorpusError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(f"{where}: field 'text' is missing or empty")
    kind, label, acceptable = check_unit(obj, where)
    doc_id = obj.get("doc_id")
    if doc_id is not None and not isinstance(doc_id, (str, int)):
        raise CorpusError(f"{where}: field 'doc_id' must be a string or number")
    position = _optional_int(obj, "position", where)
    para = _optional_int(obj, "para", where)
    if doc_id is not None and position is None:
        raise CorpusError(f"{where}: field 'position' is required when 'doc_id' is given")
    context = obj.get("context")
    if context is not None and (not isinstance(context, str) or text not in context):
        raise CorpusError(f"{where}: field 'context' must be the document text containing 'text'")
    return Record(text, label, kind, None if doc_id is None else str(doc_id), position, para,
                  context, where, where.rsplit(":", 1)[0], acceptable)


def check_unit(obj: dict, where: str) -> tuple[str, str | None, tuple[str, ...]]:
    """A record's ``kind``, ``label`` and ``acceptable`` fields, validated.

    Shared by every labelled format (JSONL records, standoff labels).
    """
    kind = obj.get("kind", "statement")
    if kind not in KINDS:
        raise CorpusError(f"{where}: field 'kind': unknown kind {kind!r}; valid kinds are {', '.join(KINDS)}")
    if "label" not in obj:
        raise CorpusError(f"{where}: field 'label' is missing (one of {', '.join(LEVELS)}, or 0-3)")
    label = obj["label"]
    if label is None:
        if kind not in UNLABELLED_KINDS:
            raise CorpusError(
                f"{where}: field 'label' is null, which only a unit of kind"
                f" {', '.join(UNLABELLED_KINDS)} may have (this one is {kind!r})"
            )
    else:
        try:
            label = to_label(label)
        except ValueError as error:
            raise CorpusError(f"{where}: field 'label': {error}") from None
    return kind, label, _acceptable(obj, label, where)


def _acceptable(obj: dict, label: str | None, where: str) -> tuple[str, ...]:
    """The optional ``acceptable`` field: other defensible labels."""
    value = obj.get("acceptable", [])
    if value is None:
        return ()
    if not isinstance(value, list):
        raise CorpusError(f"{where}: field 'acceptable' must be a list of labels, got {type(value).__name__}")
    try:
        labels = tuple(to_label(v) for v in value)
    except ValueError as error:
        raise CorpusError(f"{where}: field 'acceptable': {error}") from None
    return tuple(v for v in labels if v != label)


def _optional_int(obj: dict, name: str, where: str) -> int | None:
    value = obj.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CorpusError(f"{where}: field {name!r} must be a non-negative integer, got {value!r}")
    return value


def documents(records: Sequence[Record]) -> list[tuple[str, list[Record]]]:
    """Group records into documents, each in position order.

    A record without ``doc_id`` is a document of its own.
    """
    grouped: dict[str, list[Record]] = {}
    order: list[str] = []
    for k, record in enumerate(records):
        key = f"{record.source}#{record.doc_id}" if record.doc_id is not None else record.where
        if key not in grouped:
            grouped[key] = []
            order.append(key)
        grouped[key].append(record)
    out = []
    for key in order:
        units = sorted(grouped[key], key=lambda r: (r.position or 0))
        positions = [u.position for u in units if u.position is not None]
        if len(set(positions)) != len(positions):
            seen = set()
            for u in units:
                if u.position in seen:
                    raise CorpusError(f"{u.where}: document {key!r} has position {u.position} twice")
                seen.add(u.position)
        out.append((key, units))
    return out


def build_document(units: Sequence[Record]) -> tuple[str, list[Segment]]:
    """The document text and unit boundaries for the units of one document.

    Units in the same paragraph are joined by a space, paragraphs by a blank
    line (without ``para`` every unit is its own paragraph).
    """
    if units and units[0].span is not None:  # standoff: the units are spans of the text
        return units[0].context, [Segment(*u.span, _segment_kind(u.kind)) for u in units]
    if len(units) == 1 and units[0].context is not None:
        return _in_context(units[0])
    pieces: list[str] = []
    segments: list[Segment] = []
    offset = 0
    previous_para: int | None = None
    for k, unit in enumerate(units):
        if k:
            same = unit.para is not None and unit.para == previous_para
            sep = " " if same else "\n\n"
            pieces.append(sep)
            offset += len(sep)
        text = unit.text.strip()
        segments.append(Segment(offset, offset + len(text), _segment_kind(unit.kind)))
        pieces.append(text)
        offset += len(text)
        previous_para = unit.para
    return "".join(pieces), segments


def _segment_kind(kind: str) -> str:
    # Disclaimers and evidence notes are found by the analysis, as at run time.
    return kind if kind in ("headline", "boilerplate") else "statement"


def _in_context(record: Record) -> tuple[str, list[Segment]]:
    text = record.context
    start = text.index(record.text)
    end = start + len(record.text)
    segments = [s for s in split(text) if s.end <= start or s.start >= end]
    segments.append(Segment(start, end, _segment_kind(record.kind)))
    return text, sorted(segments, key=lambda s: s.start)


def load(path: str | Path | Sequence[str | Path]) -> LabelledSet:
    """Read labelled file(s) and analyse every document.

    Returns the labelled statements (units with a level) as items in their
    analysed documents, with their labels and document ids.
    """
    paths = [path] if isinstance(path, (str, Path)) else list(path)
    records = [r for p in paths for r in read_records(p)]
    return from_records(records)


def from_records(records: Sequence[Record]) -> LabelledSet:
    data = LabelledSet()
    for key, units in documents(records):
        text, segments = build_document(units)
        doc = analyze(text, segments=segments)
        if len(units) == 1 and units[0].context is not None and units[0].span is None:
            # one statement in the context it came from (see _in_context)
            start = text.index(units[0].text)
            pairs = [(next(k for k, s in enumerate(segments) if s.start == start), units[0])]
        else:
            pairs = list(enumerate(units))
        for index, unit in pairs:
            if unit.label is not None:
                data.items.append(Item(doc, index))
                data.labels.append(unit.label)
                data.groups.append(key)
                data.doc_ids.append(unit.doc_id)
                data.acceptable.append(unit.acceptable)
    return data


def fingerprint(paths: Sequence[str | Path]) -> tuple[str, int]:
    """SHA-256 and total size in bytes of training files, in the order given."""
    digest = hashlib.sha256()
    size = 0
    for path in paths:
        for file in jsonl_files(path):
            data = file.read_bytes()
            digest.update(data)
            size += len(data)
    return digest.hexdigest(), size
