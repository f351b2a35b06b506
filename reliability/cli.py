"""Command-line interface: ``reliability analyze|score|train|evaluate``.

The CLI is the only place that prints or configures logging.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
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
    score.add_argument("--explain", type=int, default=5, metavar="N",
                       help="features listed per statement explanation (default 5, 0 for none)")
    score.set_defaults(run=_run_score)

    train = commands.add_parser("train", help="train a model on labelled JSONL (LABELS.md format)")
    train.add_argument("corpus", nargs="+", help="labelled JSONL file(s) or folder(s) of them")
    train.add_argument("-o", "--output", required=True, help="model directory to write")
    train.add_argument("--base", choices=("default",),
                       help="add your examples to the shipped training corpus")
    train.add_argument("--split", help='JSON file {"test": [doc_id, ...]} of held-out documents')
    train.add_argument("--cv", type=int, default=5, help="grouped CV folds (0 to skip; default 5)")
    train.add_argument("--model-family", choices=("logistic", "forest"), default="logistic")
    train.add_argument("--C", type=float, default=1.0, help="inverse regularisation (logistic)")
    train.set_defaults(run=_run_train)

    evaluate = commands.add_parser("evaluate", help="evaluate a model on labelled JSONL")
    evaluate.add_argument("corpus", nargs="+", help="labelled JSONL file(s) or folder(s)")
    evaluate.add_argument("--model", default="default",
                          help="model directory, 'default', or 'rules' for the rule baseline")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.set_defaults(run=_run_evaluate)
    return parser


def _add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a UTF-8 text file, or - for standard input")
    parser.add_argument(
        "--format",
        choices=("jsonl", "json", "table"),
        default="jsonl",
        help="jsonl: one JSON object per statement (default); json: one object per"
        " document; table: a readable terminal table",
    )


def _run_analyze(args: argparse.Namespace) -> int:
    from .pipeline import analyze

    text = read_text(args.file)
    doc = analyze(text)
    write_document(doc.to_dict(), args.format, sys.stdout)
    return 0


def _run_score(args: argparse.Namespace) -> int:
    from .scoring import score

    text = read_text(args.file)
    model = _load(args.model)
    doc = score(text, model=model, explain=args.explain)
    write_document(doc.to_dict(), args.format, sys.stdout)
    return 0


def _load(name: str):
    from .persistence import ModelError, load_model

    try:
        return load_model(name)
    except ModelError as error:
        raise InputError(str(error)) from None


def _run_train(args: argparse.Namespace) -> int:
    from .classifier import ReliabilityClassifier
    from .corpus import CorpusError
    from .training import TrainingError, train

    log.setLevel(logging.INFO)
    estimator = ReliabilityClassifier(model=args.model_family, C=args.C)
    try:
        meta = train(args.corpus, args.output, base=args.base, split=args.split,
                     estimator=estimator, cv=args.cv)
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

    try:
        data = corpus.load(args.corpus)
    except corpus.CorpusError as error:
        raise InputError(str(error)) from None
    model = RuleBaseline().fit([], []) if args.model == "rules" else _load(args.model)
    result = metrics(data.labels, model.predict_proba(data.items))
    result["model"] = args.model
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(format_report(result, title=f"model: {args.model}"))
    return 0


def read_text(path: str) -> str:
    """Read a UTF-8 file (or stdin for ``-``), with errors that name the file."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
            path = "<stdin>"
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, expected a text file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            f"{path}: line {line}: not valid UTF-8 (byte offset {error.start}); "
            "convert the file to UTF-8 first"
        ) from None


def write_document(doc: dict, fmt: str, out: TextIO) -> None:
    """Write one document's ``to_dict()`` in the chosen format."""
    if fmt == "json":
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    elif fmt == "jsonl":
        for record in doc["statements"]:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        out.writelines(_table(doc["statements"]))


def _table(records: Iterable[dict]) -> Iterator[str]:
    columns = [("#", 4), ("kind", 13), ("level", 12), ("source", 24), ("cues", 28), ("text", 60)]
    yield " ".join(name.ljust(width) for name, width in columns).rstrip() + "\n"
    for r in records:
        chain = " > ".join(link["resolved"] for link in r["attribution"]) or "writer"
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
