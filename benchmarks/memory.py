"""Peak memory while a 50 MB JSONL stream is scored through ``score_many``.

    python benchmarks/memory.py              # 50 MB, one process
    python benchmarks/memory.py --mb 5 --n-jobs 2

Writes a JSONL file of ``--mb`` MB (the example articles, each record a
different mix of their paragraphs, with an ``id``), then streams it from
disk through ``reliability.inputs.iter_inputs`` and ``score_many``, taking
results one at a time and keeping none, the way a pipeline does. Printed:
peak resident memory (RSS) after loading the model and after the stream,
the growth, and throughput. Memory is bounded when the growth does not
scale with the input: compare ``--mb 5`` with ``--mb 50``. Worker processes
(``--n-jobs``) are measured too (largest child peak). No data set is needed.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

import _common  # noqa: E402  (puts this checkout on the path)

ROOT = _common.ROOT


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def write_stream(path: Path, megabytes: float) -> int:
    paragraphs = [p for f in sorted((ROOT / "examples").glob("*.txt"))
                  for p in f.read_text("utf-8").split("\n\n") if p.strip()]
    rng = random.Random(0)
    target, written, count = megabytes * 1_000_000, 0, 0
    with open(path, "w", encoding="utf-8") as out:
        while written < target:
            text = "\n\n".join(rng.sample(paragraphs, 12))
            line = json.dumps({"id": f"doc-{count}", "text": text, "desk": "wire"}, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--n-jobs", type=int, default=1)
    args = parser.parse_args(argv)

    import reliability
    from reliability.inputs import iter_inputs

    reliability.score("Warm-up. The mayor said the road was closed.")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stream.jsonl"
        documents = write_stream(path, args.mb)
        before = peak_mb()
        start = time.perf_counter()
        statements = 0
        for result in reliability.score_many(iter_inputs([str(path)], input_format="jsonl"),
                                             n_jobs=args.n_jobs, explain=0):
            statements += len(result.statements or ())
        elapsed = time.perf_counter() - start
    after = peak_mb()
    print(f"stream: {args.mb:g} MB, {documents:,} documents, {statements:,} statements,"
          f" n_jobs={args.n_jobs}, {elapsed:.0f} s ({args.mb / elapsed:.2f} MB/s)")
    print(f"peak RSS after loading the model: {before:.0f} MB")
    print(f"peak RSS after the stream:        {after:.0f} MB (growth {after - before:.0f} MB)")
    if args.n_jobs != 1:
        print(f"largest worker peak RSS:         {peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")


if __name__ == "__main__":
    main()
