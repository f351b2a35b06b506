"""Command-line interface: ``reliability analyze|score|train|evaluate``.

The CLI is the only place that prints or configures logging.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Iterable, Iterator, TextIO

from . import __version__

log = logging.getLogger("reliability")


class InputError(Exception):
    """Bad input that the user can fix; printed without a traceback."""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="reliability: %(levelname)s: %(message)s")
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.run(args)
    except InputError as error:
        print(f"reliability: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `reliability analyze x | head`
        sys.stderr.close()
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reliability",
        description="How well is each statement in a news text supported by the text itself?",
    )
    parser.add_argument("--version", action="version", version=f"reliability {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    analyze = commands.add_parser(
        "analyze", help="statements, hedges, evidence markers, attribution chains (no model)"
    )
    _add_input_arguments(analyze)
    analyze.set_defaults(run=_run_analyze)

    score = commands.add_parser(
        "score", help="analyze, then score each statement's evidential strength"
    )
    _add_input_arguments(score)
    score.add_argument("--model", default="default",
                       help="model directory (default: the model shipped with the package)")
    score.add_argument("--allow-pickle", action="store_true",
                       help="allow model files that can run code or crash as they load (joblib models, random forests): only ones you trust")
    score.add_argument("--explain", type=int, default=5, metavar="N",
                       help="features listed per statement explanation (default 5, 0 for none)")
    score.set_defaults(run=_run_score)

    train = commands.add_parser("train", help="train a model on labelled JSONL (LABELS.md format)")
    train.add_argument("paths", nargs="*", metavar="corpus",
                       help="labelled JSONL file(s) or folder(s) of them")
    train.add_argument("-o", "--output", required=True, help="model directory to write")
    _add_standoff_arguments(train, "standoff splits to train on (others are evaluated); default train")
    train.add_argument("--base", choices=("default",),
                       help="add your examples to the shipped training corpus")
    train.add_argument("--split", help='JSON file {"test": [doc_id, ...]} of held-out documents')
    train.add_argument("--cv", type=int, default=5, help="grouped CV folds (0 to skip; default 5)")
    train.add_argument("--model-family", choices=("logistic", "forest"), default="logistic")
    train.add_argument("--format", choices=("skops", "joblib"), default="skops",
                       help="estimator file format (default skops: loads without running code)")
    train.add_argument("--C", type=float, default=1.0, help="inverse regularisation (logistic)")
    train.add_argument("--class-weight", choices=("balanced", "none"), default="balanced",
                       help="balanced: levels weighted to count equally (default); none: as they occur")
    train.add_argument("--no-hard-rules", action="store_true",
                       help="leave the probabilities as learnt; by default level 0 needs a sign of "
                            "missing or disputed support in the document, and a claim an evidence "
                            "note verifies is established (LABELS.md)")
    train.set_defaults(run=_run_train)

    evaluate = commands.add_parser("evaluate", help="evaluate a model on labelled JSONL")
    evaluate.add_argument("paths", nargs="*", metavar="corpus", help="labelled JSONL file(s) or folder(s)")
    _add_standoff_arguments(evaluate, "evaluate only these standoff splits (e.g. dev); default all")
    evaluate.add_argument("--model", default="default",
                          help="model directory, 'default', or 'rules' for the rule baseline")
    evaluate.add_argument("--allow-pickle", action="store_true",
                          help="allow model files that can run code or crash as they load (joblib models, random forests): only ones you trust")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.set_defaults(run=_run_evaluate)
    return parser


def _add_standoff_arguments(parser: argparse.ArgumentParser, split_help: str) -> None:
    parser.add_argument("--standoff", metavar="LABELS",
                        help="standoff labels (e.g. models/polnear/labels.jsonl) whose articles are in --corpus")
    parser.add_argument("--corpus", metavar="DIR", dest="standoff_corpus",
                        help="the articles of --standoff: a PolNeAR checkout or *_docs.jsonl files")
    parser.add_argument("--standoff-split", action="append", metavar="SPLIT", help=split_help)


def _add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT",
        help="text files, folders (*.txt, *.md, *.html, recursively), or - for standard input"
        " (one article, or JSONL records {\"id\": ..., \"text\": ...})",
    )
    parser.add_argument(
        "--format", choices=("jsonl", "json", "table", "csv", "html"), default="jsonl",
        help="jsonl: one JSON object per statement (default); json: one per document;"
        " table: for terminals; csv: one row per statement; html: a report (one document)",
    )
    parser.add_argument("-o", "--output", help="write here instead of standard output")
    parser.add_argument("--input-format", choices=("auto", "text", "jsonl"), default="auto",
                        help="what standard input holds (default: JSONL if the first line is"
                        " a JSON object)")
    parser.add_argument("--n-jobs", type=int, default=1, metavar="N",
                        help="documents scored in N parallel processes (-1: all cores)")
    parser.add_argument("--errors", metavar="FILE",
                        help="also write failed records here, one JSON object per line")
    parser.add_argument("--quiet", action="store_true", help="no progress bar or summary")


def _run_analyze(args: argparse.Namespace) -> int:
    return _run_stream(args, model=None, explain=0)


def _run_score(args: argparse.Namespace) -> int:
    from .persistence import ModelError
    from .stream import preload

    try:  # fail early with a clear message; workers forked later start with it
        preload(args.model, allow_pickle=args.allow_pickle)
    except ModelError as error:
        raise InputError(str(error)) from None
    return _run_stream(args, model=args.model, explain=args.explain)


def _run_stream(args: argparse.Namespace, *, model: str | None, explain: int) -> int:
    from .inputs import iter_inputs
    from .stream import run

    records = iter_inputs(args.inputs, input_format=args.input_format)
    if args.format == "html":
        records = list(records)
        if len(records) != 1:
            raise InputError(f"--format html renders one document; got {len(records)} inputs")
    show_progress = not args.quiet and sys.stderr.isatty()
    total = None
    if show_progress:  # counting walks the folders once more: only for the bar
        total = len(records) if isinstance(records, list) else _count_files(args.inputs)
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    errors = open(args.errors, "w", encoding="utf-8") if args.errors else None
    progress = Progress(total, enabled=show_progress)
    writer = _writer(args.format, out, with_score=model is not None)
    counts = {"in": 0, "scored": 0, "failed": 0}
    try:
        # workers format JSON output themselves; the HTML report needs the text back
        render = args.format if args.format in ("jsonl", "json") else None
        for result in run(records, model=model, n_jobs=args.n_jobs, explain=explain,
                          render=render, keep_text=args.format == "html",
                          fork=hasattr(os, "fork"),
                          allow_pickle=getattr(args, "allow_pickle", False)):
            counts["in"] += 1
            if result.ok:
                counts["scored"] += 1
                writer(result)
            else:
                counts["failed"] += 1
                where = result.where or f"record {counts['in']}"
                progress.clear()
                print(f"reliability: {where}: id {result.id!r}: {result.error}", file=sys.stderr)
                if errors:
                    errors.write(json.dumps({"where": where, "id": result.id,
                                             "error": result.error, **({"meta": result.meta}
                                             if result.meta else {})},
                                            ensure_ascii=False) + "\n")
                    errors.flush()
            progress.update(result.count)
    finally:
        progress.clear()
        if args.output:
            out.close()
        if errors:
            errors.close()
    if not args.quiet:
        print(f"reliability: {counts['in']} records in, {counts['scored']}"
              f" {'scored' if model else 'analysed'}, {counts['failed']} failed", file=sys.stderr)
    return 1 if counts["failed"] else 0


def _count_files(inputs: list[str]) -> int | None:
    """How many documents the inputs hold, when known without reading them
    (not for standard input, nor for a JSONL file: one per line)."""
    from .inputs import SUFFIXES

    if any(name == "-" or Path(name).suffix.lower() == ".jsonl" for name in inputs):
        return None
    total = 0
    for path in map(Path, inputs):
        if path.is_dir():
            total += sum(1 for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            total += 1
    return total


def _writer(fmt: str, out: TextIO, *, with_score: bool):
    """A function writing one Result in format ``fmt``."""
    if fmt in ("jsonl", "json"):  # formatted by the workers (stream.run(render=...))
        return lambda r: out.write(r.rendered)
    if fmt == "csv":
        import csv

        from .stream import CSV_COLUMNS, flat_row

        table = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        table.writeheader()
        return lambda r: table.writerows(flat_row(rec) for rec in r.records())
    if fmt == "html":
        from .report import render_html

        def write_html(result):
            out.write(render_html({"text": result.text, "statements": result.statements,
                                   "disclaimers": result.disclaimers}, title=str(result.id)))
        return write_html

    def write_table(result):
        out.write(f"== {result.id}\n")
        out.writelines(_table(result.statements))
    return write_table


class Progress:
    """A one-line progress bar on stderr: documents/s, statements/s, ETA."""

    def __init__(self, total: int | None, *, enabled: bool):
        import time

        self.total, self.enabled, self._clock = total, enabled, time.monotonic
        self.start = self._clock()
        self.docs = self.statements = 0
        self._last = 0.0
        self._width = 0  # of the line on screen, to clear it

    def update(self, statements: int) -> None:
        self.docs += 1
        self.statements += statements
        now = self._clock()
        if not self.enabled or (now - self._last < 0.2 and self.docs != self.total):
            return
        self._last = now
        elapsed = max(now - self.start, 1e-9)
        rate = self.docs / elapsed
        line = f"{self.docs}{'/' + str(self.total) if self.total else ''} docs  {rate:,.1f} docs/s  {self.statements / elapsed:,.0f} statements/s"
        if self.total:
            line += f"  ETA {max(self.total - self.docs, 0) / rate:,.0f}s"
        line = line[:120].ljust(self._width)
        self._width = len(line)
        sys.stderr.write("\r" + line)
        sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled and self._width:
            sys.stderr.write("\r" + " " * self._width + "\r")
            sys.stderr.flush()
            self._width = 0


def _load(name: str, allow_pickle: bool = False):
    from .persistence import ModelError, load_model

    try:
        return load_model(name, allow_pickle=allow_pickle)
    except ModelError as error:
        raise InputError(str(error)) from None


def _run_train(args: argparse.Namespace) -> int:
    from .classifier import ReliabilityClassifier
    from .corpus import CorpusError
    from .training import TrainingError, train

    log.setLevel(logging.INFO)
    estimator = ReliabilityClassifier(model=args.model_family, C=args.C,
                                      class_weight=None if args.class_weight == "none" else "balanced",
                                      hard_rules=not args.no_hard_rules)
    try:
        meta = train(args.paths, args.output, base=args.base, split=args.split,
                     estimator=estimator, cv=args.cv, format=args.format,
                     standoff=args.standoff, standoff_corpus=args.standoff_corpus,
                     standoff_splits=args.standoff_split or ["train"])
    except (CorpusError, TrainingError) as error:
        raise InputError(str(error)) from None
    data = meta["training_data"]
    print(f"trained on {data['statements']} statements in {data['documents']} documents"
          f" -> {args.output}", file=sys.stderr)
    for name, value in sorted(meta["scores"].items()):
        print(f"  {name}: {value}", file=sys.stderr)
    return 0


def _run_evaluate(args: argparse.Namespace) -> int:
    from . import corpus
    from .evaluation import format_report, metrics
    from .rules import RuleBaseline

    from .datasets import load_standoff

    if not args.paths and not args.standoff:
        raise InputError("nothing to evaluate: give labelled JSONL files or --standoff with --corpus")
    if args.standoff and not args.standoff_corpus:
        raise InputError("--standoff needs --corpus: where the labelled articles' texts are")
    try:
        data = corpus.load(args.paths) if args.paths else corpus.LabelledSet()
        if args.standoff:
            data = data + load_standoff(args.standoff, args.standoff_corpus, splits=args.standoff_split)
    except corpus.CorpusError as error:
        raise InputError(str(error)) from None
    if not len(data):
        raise InputError("no labelled statements to evaluate")
    model = RuleBaseline().fit([], []) if args.model == "rules" else _load(args.model, args.allow_pickle)
    result = metrics(data.labels, model.predict_proba(data.items), acceptable=data.acceptable)
    result["model"] = args.model
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(format_report(result, title=f"model: {args.model}"))
    return 0


def _table(records: Iterable[dict]) -> Iterator[str]:
    columns = [("#", 4), ("kind", 13), ("level", 12), ("source", 24), ("cues", 28), ("text", 60)]
    yield " ".join(name.ljust(width) for name, width in columns).rstrip() + "\n"
    for r in records:
        chain = " > ".join(link["resolved"] for link in r["attribution"])
        if not chain and r["kind"] != "boilerplate":
            chain = "writer"
        cue_words = [h["text"] for h in r["hedges"]] + [
            e["polarity"] + e["text"] for e in r["evidence"]
        ]
        cells = [
            str(r["index"]),
            r["kind"],
            r.get("label") or "",
            chain,
            ", ".join(cue_words),
            " ".join(r["text"].split()),
        ]
        yield " ".join(_fit(c, w) for c, (_, w) in zip(cells, columns)).rstrip() + "\n"


def _fit(cell: str, width: int) -> str:
    return cell.ljust(width) if len(cell) <= width else cell[: width - 1] + "…"
