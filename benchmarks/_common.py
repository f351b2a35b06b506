"""What the benchmark scripts share: this checkout on the path, where the public
corpora are, the ``--data``/``--model``/``--json`` options, skipping when a
corpus is absent, loading the model, and printing the result.

Imported by the scripts as ``_common`` (they run from this folder), before
``reliability``, so that a benchmark measures this checkout, not an
installed copy.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_DATA = ROOT.parent / "shared" / "datasets"


def add_options(parser: argparse.ArgumentParser, folder: str | Path, *, model: bool = True) -> None:
    """``--data`` (the folder holding ``folder``), ``--json`` and, with ``model``, ``--model``."""
    if model:
        parser.add_argument("--model", default="default",
                            help="model directory, or 'default' for the shipped model")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"folder holding {folder}/ (default: {DEFAULT_DATA})")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def missing(path: Path, what: str) -> bool:
    """Say so and return True when the corpus file ``path`` is absent."""
    if path.is_file():
        return False
    print(f"skipped: {path} not found ({what}; see --data)")
    return True


def load(name: str, loader: Callable[[str], Any]) -> Any:
    """The model ``name`` (``"default"`` or a directory) through ``loader``,
    or None after saying why it cannot be loaded."""
    from reliability.persistence import ModelError

    try:
        return loader(name if name == "default" else str(Path(name).resolve()))
    except ModelError as error:
        print(f"error: cannot load model {name!r}: {error}", file=sys.stderr)
        return None


def emit(result: dict, as_json: bool, report: Callable[[dict], None]) -> int:
    """Print ``result`` as JSON or through ``report``; the exit status."""
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        report(result)
    return 0
