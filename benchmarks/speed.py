"""End-to-end scoring speed, model load time and peak memory on real news.

Data
----
The 84 test articles of PolNeAR (Newell, Margolin & Ruths, LREC 2018;
https://github.com/networkdynamics/PolNeAR; no licence file: research use
only), US political news from seven publishers, 2016. Read from
``../shared/datasets/polnear/test_docs.jsonl`` relative to the project root
(field ``text``), or from ``--data DIR``; never copied into the repository.
Only the raw text is used, not the annotations.

Protocol
--------
Everything runs on one core: ``OMP_NUM_THREADS``/``OPENBLAS_NUM_THREADS``
(and the MKL equivalent) are set to 1 before numpy is imported, and on
Linux the process is pinned to a single CPU.

- **Throughput**: statements per second over all articles, where a
  statement is a unit that gets a level (kind ``statement`` or
  ``headline``). Three pipelines: (a) ``analyze`` only (segmentation, cues,
  attribution, context); (b) ``score`` with explanations (the default,
  ``explain=5``); (c) ``score`` with ``explain=0``. Each runs once to warm
  up, then three times; the best run counts.
- **Model load time**: ``load_scorer`` (what ``score`` uses: a logistic
  model's plain arrays, without scikit-learn) in a fresh interpreter, measured
  around the call inside the child (imports included) and as the child's
  whole wall time (interpreter start-up included).
- **Peak memory**: ``ru_maxrss`` of a fresh interpreter that loads the
  model and scores every article.

Target: >= 20,000 statements/s for the end-to-end ``score``.

Usage (from the project root)::

    python benchmarks/speed.py [--model default|DIR] [--json] [--data DIR]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Callable  # noqa: E402

import _common  # noqa: E402  (puts this checkout on the path)

from reliability import analyze, score  # noqa: E402
from reliability.persistence import load_scorer  # noqa: E402
from reliability.types import SCORED_KINDS  # noqa: E402

FILE = Path("polnear") / "test_docs.jsonl"
TARGET_PER_S = 20_000
RUNS = 3
ROOT = _common.ROOT

# Code run in fresh interpreters; argv: model, [data file]. Each prints JSON.
_LOAD_CHILD = """
import json, sys, time
started = time.perf_counter()
from reliability.persistence import load_scorer
load_scorer(sys.argv[1])
print(json.dumps({"load_s": time.perf_counter() - started}))
"""

_MEMORY_CHILD = """
import json, resource, sys
from reliability import score
from reliability.persistence import load_scorer
model = load_scorer(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as lines:
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
scored = [score(text, model=model) for text in texts]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"maxrss_mb": rss / (2**20 if sys.platform == "darwin" else 2**10),
                  "articles": len(scored)}))
"""


def pin_to_one_cpu() -> int | None:
    """Pin this process (and its children) to one CPU where the OS allows it."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def read_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def best_of(run: Callable[[], object], runs: int = RUNS) -> float:
    """Seconds of the fastest of ``runs`` timed runs, after one warm-up run."""
    run()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def throughput(texts: list[str], model) -> dict:
    statements = sum(
        1 for text in texts for st in analyze(text).statements if st.kind in SCORED_KINDS
    )
    pipelines = {
        "analyze": lambda: [analyze(t) for t in texts],
        "score": lambda: [score(t, model=model) for t in texts],
        "score_explain0": lambda: [score(t, model=model, explain=0) for t in texts],
    }
    out = {"articles": len(texts), "characters": sum(map(len, texts)), "statements": statements}
    for name, run in pipelines.items():
        seconds = best_of(run)
        out[name] = {"seconds": seconds, "statements_per_s": statements / seconds,
                     "articles_per_s": len(texts) / seconds}
    return out


def child(code: str, *args: str) -> tuple[dict, float]:
    """Run ``code`` in a fresh interpreter; its JSON output and wall time."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"child process failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1]), wall


def report(result: dict) -> None:
    t = result["throughput"]
    print(f"PolNeAR test: {t['articles']} articles, {t['characters']:,} characters,"
          f" {t['statements']:,} statements; one core"
          f" (cpu {result['cpu']}), best of {RUNS} after a warm-up")
    for key, name in (("analyze", "analyze only"), ("score", "score, explain=5"),
                      ("score_explain0", "score, explain=0")):
        row = t[key]
        target = f"target >= {TARGET_PER_S:,}" if key != "analyze" else "reference"
        print(f"  {name:<17} {row['statements_per_s']:>9,.0f} statements/s"
              f"  {row['articles_per_s']:>7.1f} articles/s  ({row['seconds']:.3f} s)   ({target})")
    load = result["load"]
    print(f"  model load         {load['load_s']:.3f} s in load_scorer (imports included),"
          f" {load['wall_s']:.3f} s fresh-process wall time")
    print(f"  peak memory        {result['memory']['maxrss_mb']:.0f} MB ru_maxrss"
          f" (fresh process: load model + score all articles)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    _common.add_options(parser, FILE.parent)
    args = parser.parse_args(argv)

    path = args.data / FILE
    if _common.missing(path, "the PolNeAR articles"):
        return 0
    model_arg = args.model if args.model == "default" else str(Path(args.model).resolve())
    model = _common.load(args.model, load_scorer)
    if model is None:
        return 1

    cpu = pin_to_one_cpu()
    texts = read_texts(path)
    result = {"dataset": "polnear test_docs", "model": args.model, "cpu": cpu,
              "target_statements_per_s": TARGET_PER_S,
              "throughput": throughput(texts, model)}
    load, wall = child(_LOAD_CHILD, model_arg)
    result["load"] = {**load, "wall_s": wall}
    result["memory"], _ = child(_MEMORY_CHILD, model_arg, str(path.resolve()))
    return _common.emit(result, args.json, report)


if __name__ == "__main__":
    sys.exit(main())
