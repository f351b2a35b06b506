"""Throughput of ``reliability score`` over a folder of 1,000 articles, 1 and 2 processes.

Data
----
1,000 article files written to a temporary folder at run time, each drawn
at random (seeded, with replacement) from a pool of the project's
``examples/*.txt`` and the 84 test articles of PolNeAR (Newell, Margolin &
Ruths, LREC 2018; https://github.com/networkdynamics/PolNeAR; no licence
file: research use only), read from
``../shared/datasets/polnear/test_docs.jsonl`` relative to the project root
(field ``text``) or from ``--data DIR``. Nothing is copied into the
repository; the folder is deleted afterwards.

Protocol
--------
For ``--n-jobs 1`` and ``--n-jobs 2``, ``python -m reliability score DIR
--quiet --n-jobs N`` runs as a subprocess with its JSONL written to a
temporary file; each setting runs ``--runs`` times (default 3), alternating,
and the fastest run counts. The wall clock covers the whole command:
interpreter start-up, imports, model load, worker start-up, reading the
files and writing the output. BLAS threads are set to 1 (joblib's workers
limit them anyway), so the comparison is between processes, not threads.

- **documents/s**: 1,000 / wall seconds.
- **statements/s**: lines of output (one per statement, every kind) / wall
  seconds.
- **peak memory**: the largest sum of resident memory over the command's
  whole process tree (the CLI process and its joblib workers), sampled from
  ``/proc`` every 20 ms; and ``ru_maxrss`` of the tree from ``wait4``, the
  peak of its largest single process.
- **CPU seconds** of the tree (user + system, from ``wait4``) and the
  1-minute load average before each run, to tell a slow run from a busy
  machine: on a machine shared with other jobs the speed-up is not the one
  two free cores would give.
- **speed-up**: best ``--n-jobs 1`` wall time / best ``--n-jobs 2`` wall
  time, with the two outputs checked byte for byte. Target: >= 1.7x on two
  cores.

Usage (from the project root)::

    python benchmarks/throughput.py [--json] [--data DIR] [--documents 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import _common

ROOT = _common.ROOT
FILE = Path("polnear") / "test_docs.jsonl"
TARGET_SPEEDUP = 1.7
SEED = 0
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def read_pool(data: Path) -> list[str]:
    """The example articles and the PolNeAR test articles."""
    pool = [p.read_text("utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    with (data / FILE).open(encoding="utf-8") as lines:
        pool += [json.loads(line)["text"] for line in lines if line.strip()]
    return pool


def write_articles(pool: list[str], folder: Path, n: int) -> int:
    """``n`` article files sampled from ``pool``; returns their total characters."""
    rng = random.Random(SEED)
    characters = 0
    for i in range(n):
        text = rng.choice(pool)
        (folder / f"{i:05d}.txt").write_text(text, "utf-8")
        characters += len(text)
    return characters


def _tree_rss(root: int) -> int:
    """Bytes of resident memory of ``root`` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/statm", "rb") as statm:
                total += int(statm.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


def run_cli(folder: Path, n_jobs: int, output: Path) -> dict:
    """One timed run of the command; wall seconds, output lines and memory."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1",
           "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    command = [sys.executable, "-m", "reliability", "score", str(folder), "--quiet",
               "--n-jobs", str(n_jobs)]
    peak = [0]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with output.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE, cwd=ROOT, env=env)
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_rss(process.pid))
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        if Path("/proc").is_dir():
            sampler.start()
        stderr = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        if sampler.is_alive():
            sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n"
                           f"{stderr.decode(errors='replace')}")
    with output.open("rb") as lines:
        statements = sum(1 for _ in lines)
    maxrss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return {"seconds": wall, "statements": statements, "tree_peak_mb": peak[0] / 2**20 or None,
            "ru_maxrss_mb": maxrss / 2**20, "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "load_before": load, "sha256": _sha256(output)}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def benchmark(data: Path, documents: int, runs: int, jobs: tuple[int, ...] = (1, 2)) -> dict:
    pool = read_pool(data)
    with tempfile.TemporaryDirectory(prefix="reliability-throughput-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        characters = write_articles(pool, folder, documents)
        one = Path(tmp) / "one"
        one.mkdir()
        shutil.copy(next(folder.iterdir()), one)
        # the fixed cost of a run (interpreter, scikit-learn import, model load)
        startup = min(run_cli(one, 1, Path(tmp) / "out-one.jsonl")["seconds"] for _ in range(runs))
        timings: dict[int, list[dict]] = {n: [] for n in jobs}
        for _ in range(runs):
            for n in jobs:  # alternate, so drift in the machine's load hits both
                timings[n].append(run_cli(folder, n, Path(tmp) / f"out-{n}.jsonl"))
    result = {
        "documents": documents, "characters": characters, "pool_articles": len(pool),
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "runs": runs, "python": sys.version.split()[0], "n_jobs": {},
        "startup_seconds": startup,
    }
    for n, rows in timings.items():
        best = min(rows, key=lambda r: r["seconds"])
        result["n_jobs"][str(n)] = {
            "seconds": best["seconds"],
            "all_seconds": [round(r["seconds"], 3) for r in rows],
            "documents_per_s": documents / best["seconds"],
            "statements": best["statements"],
            "statements_per_s": best["statements"] / best["seconds"],
            "tree_peak_mb": max((r["tree_peak_mb"] or 0) for r in rows) or None,
            "ru_maxrss_mb": max(r["ru_maxrss_mb"] for r in rows),
            "cpu_seconds": best["cpu_seconds"],
            "load_before": [r["load_before"] for r in rows],
        }
    digests = {r["sha256"] for rows in timings.values() for r in rows}
    result["identical_output"] = len(digests) == 1
    if 1 in timings and 2 in timings:
        one_job, two_jobs = result["n_jobs"]["1"]["seconds"], result["n_jobs"]["2"]["seconds"]
        result["speedup_2_vs_1"] = one_job / two_jobs
        result["speedup_net_of_startup"] = (one_job - startup) / max(two_jobs - startup, 1e-9)
        result["target_speedup"] = TARGET_SPEEDUP
    return result


def report(result: dict) -> None:
    print(f"{result['documents']:,} articles ({result['characters']:,} characters) sampled from"
          f" {result['pool_articles']} (examples + PolNeAR test); {result['cpus']} CPUs;"
          f" best of {result['runs']} runs, whole command")
    for n, row in result["n_jobs"].items():
        memory = (f"peak {row['tree_peak_mb']:.0f} MB process tree" if row["tree_peak_mb"]
                  else "peak tree memory n/a")
        print(f"  --n-jobs {n}: {row['seconds']:6.2f} s  {row['documents_per_s']:7.1f} documents/s"
              f"  {row['statements_per_s']:8,.0f} statements/s  {memory},"
              f" {row['ru_maxrss_mb']:.0f} MB largest process")
        print(f"               {row['cpu_seconds']:6.2f} CPU s in the process tree;"
              f" runs {row['all_seconds']} s; 1-min load average before each:"
              f" {[round(x, 1) for x in row['load_before'] if x is not None]}")
    if "speedup_2_vs_1" in result:
        verdict = "meets" if result["speedup_2_vs_1"] >= result["target_speedup"] else "misses"
        print(f"  speed-up with 2 processes: {result['speedup_2_vs_1']:.2f}x ({verdict} the"
              f" {result['target_speedup']}x target)")
        print(f"  start-up of one run (1 article): {result['startup_seconds']:.2f} s; speed-up net of"
              f" start-up: {result['speedup_net_of_startup']:.2f}x")
    print(f"  output identical across runs and settings: {result['identical_output']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    _common.add_options(parser, FILE.parent, model=False)
    parser.add_argument("--documents", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per setting (default 3)")
    args = parser.parse_args(argv)

    if _common.missing(args.data / FILE, "the PolNeAR articles"):
        return 0
    return _common.emit(benchmark(args.data, args.documents, args.runs), args.json, report)


if __name__ == "__main__":
    sys.exit(main())
