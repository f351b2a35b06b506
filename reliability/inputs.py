"""Reading articles for the command line: files, folders, stdin, JSONL streams.

Every input becomes a record ``{"id": ..., "text": ..., "_where": ...}``
(plus the other fields of a JSONL record). An input that cannot be read
becomes a record with ``_error`` instead of ``text``, so the stream goes on
and the problem is reported with its file or line.
"""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

#: File types read from a folder.
SUFFIXES = (".txt", ".md", ".html", ".htm")


def iter_inputs(paths: list[str], *, input_format: str = "auto",
                stdin: BinaryIO | None = None) -> Iterator[dict]:
    """Records for the given paths (``-`` is standard input), in order.

    ``input_format`` says what standard input holds: ``text`` (one article),
    ``jsonl`` (one ``{"id", "text", ...}`` record per line) or ``auto`` (JSONL
    when the first non-blank line starts with ``{``, so that a first record
    that is broken is reported rather than read as an article).
    """
    for path in paths:
        if path == "-":
            yield from _stdin(stdin or sys.stdin.buffer, input_format)
        elif Path(path).is_dir():
            files = sorted(p for p in Path(path).rglob("*")
                           if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield {"id": path, "_where": path,
                       "_error": f"folder has no {', '.join(SUFFIXES)} files"}
            yield from map(_file, files)
        elif Path(path).suffix.lower() == ".jsonl":
            yield from _jsonl_file(Path(path))
        else:
            yield _file(Path(path))


def _jsonl_file(path: Path) -> Iterator[dict]:
    """Records of a ``.jsonl`` file, read a line at a time (files of any size)."""
    where = str(path)
    try:
        handle = open(path, "rb")
    except OSError as error:
        yield _unreadable(where, error)
        return
    with handle:
        yield from _json_lines(handle, where)


def _json_lines(lines: Iterable[bytes], where: str) -> Iterator[dict]:
    """A record per non-blank JSON line, located as ``where:line``."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield _json_record(line, f"{where}:{number}", number)


def _unreadable(where: str, error: OSError) -> dict:
    reason = "no such file" if isinstance(error, FileNotFoundError) else f"cannot read ({error.strerror})"
    return {"id": where, "_where": where, "_error": reason}


def _file(path: Path) -> dict:
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return _unreadable(where, error)
    text = _decode(data, where)
    if isinstance(text, dict):
        return text
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    return {"id": where, "text": text, "_where": where}


def _decode(data: bytes, where: str) -> str | dict:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return {"id": where, "_where": where,
                "_error": f"line {line}: not valid UTF-8 (byte offset {error.start})"}


def _stdin(stream: BinaryIO, input_format: str) -> Iterator[dict]:
    head = []  # the lines read to decide what the stream holds
    for line in stream:
        head.append(line)
        if line.strip():
            break
    first = head[-1] if head else b""
    if input_format == "text" or (input_format == "auto" and not _looks_like_jsonl(first)):
        text = _decode(b"".join(head) + stream.read(), "<stdin>")
        yield text if isinstance(text, dict) else {"id": "<stdin>", "text": text, "_where": "<stdin>"}
        return
    yield from _json_lines(_chain(head, stream), "<stdin>")


def _chain(head: list[bytes], rest: BinaryIO) -> Iterator[bytes]:
    yield from head
    yield from rest


def _looks_like_jsonl(line: bytes) -> bool:
    return line.lstrip().removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{")


def _json_record(line: bytes, where: str, number: int) -> dict:
    fallback_id = f"line {number}"
    line = line.rstrip(b"\r\n")
    try:
        obj = json.loads(line.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError as error:
        return {"id": _salvage_id(line, fallback_id), "_where": where,
                "_error": f"not valid UTF-8 (byte offset {error.start})"}
    except json.JSONDecodeError as error:
        return {"id": _salvage_id(line, fallback_id), "_where": where,
                "_error": f"invalid JSON ({error.msg.removesuffix(' at')} at column {error.colno})"}
    if not isinstance(obj, dict):
        return {"id": fallback_id, "_where": where,
                "_error": f"expected a JSON object, got {type(obj).__name__}"}
    record = dict(obj)
    record.setdefault("id", fallback_id)
    record["_where"] = where
    return record


_ID = re.compile(rb'"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)')


def _salvage_id(line: bytes, fallback: str):
    """The ``id`` of a broken JSON line when it can still be read, else ``fallback``."""
    match = _ID.search(line)
    if match is None:
        return fallback
    try:
        return json.loads(match.group(1))
    except ValueError:
        return fallback


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page; block elements become paragraph breaks."""

    _BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
               "article", "header", "footer", "blockquote", "figcaption", "ul", "ol", "table"}
    _HIDDEN = {"script", "style", "noscript", "template", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag == "body":  # ends an unclosed <head>
            self._hidden = 0
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The readable text of an HTML document, paragraphs separated by blank lines."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    paragraphs = (" ".join(p.split()) for p in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
