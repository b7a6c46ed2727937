"""Batch scaling in one run: 2 local workers against 1, Ray Data against local processes at 2 workers,
peak memory per worker, and the analysis rate per core.

    .venv/bin/python benchmarks/scale.py [--articles 120] [--shard-size 10] [--rounds 1]

(../shared/data by default; NEWSPROBE_DATA=/path/to/data overrides it.)

The articles (PTC news texts from ../shared/data) are written to one JSONL file and run through
`newsprobe.scale.run_batch` into fresh output folders. Wall-clock times include starting the workers
and loading the pipeline in each (a Ray cluster is started once, before timing, as a real cluster
would already be running). Rounds alternate the three runs so that machine noise hits all alike;
ratios are of median times. "per worker" is words over the wall seconds workers spent in shards
(lower when other processes compete for the cores); "per CPU-second" is words over the CPU time
the workers used in shards, the rate of an uncontended core, which docs/scale.md uses for costs.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from newsprobe.config import load_options
from newsprobe.paths import data_dir
from newsprobe.scale import run_batch

ROOT = Path(__file__).resolve().parents[1]
DATA = data_dir()
CORPUS = DATA / "ptc-datathon-v5" / "tasks-2-3" / "train"
RUNS = (("local", 1), ("local", 2), ("ray", 2))


def write_corpus(path: Path, count: int) -> int:
    files = sorted(CORPUS.glob("article*.txt"))[:count]
    if not files:
        raise SystemExit(f"no articles in {CORPUS}")
    with path.open("w", encoding="utf-8") as out:
        for file in files:
            out.write(json.dumps({"text": file.read_text(encoding="utf-8"), "url": f"ptc:{file.stem}"}) + "\n")
    return len(files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--shard-size", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()

    import ray

    options = load_options()
    work = Path(tempfile.mkdtemp(prefix="newsprobe-scale-"))
    corpus = work / "corpus.jsonl"
    articles = write_corpus(corpus, args.articles)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    seconds: dict[tuple[str, int], list[float]] = {run: [] for run in RUNS}
    busy: dict[tuple[str, int], float] = {run: 0.0 for run in RUNS}
    cpu: dict[tuple[str, int], float] = {run: 0.0 for run in RUNS}
    peak: dict[tuple[str, int], float] = {run: 0.0 for run in RUNS}
    words = 0
    for round_ in range(args.rounds):
        order = RUNS if round_ % 2 == 0 else RUNS[::-1]
        for engine, workers in order:
            out = work / f"{engine}-{workers}-{round_}"
            began = time.perf_counter()
            report = run_batch([str(corpus)], out, options, engine=engine, workers=workers,
                               shard_size=args.shard_size)
            seconds[(engine, workers)].append(time.perf_counter() - began)
            if report.articles != articles or report.failed_shards:
                raise SystemExit(f"{engine} x{workers}: {report.articles} of {articles} articles analysed")
            busy[(engine, workers)] += sum(s.get("seconds", 0.0) for s in report.summaries)
            cpu[(engine, workers)] += sum(s.get("cpu_seconds", 0.0) for s in report.summaries)
            peak[(engine, workers)] = max(peak[(engine, workers)], report.peak_rss_mb)
            words = report.words
    ray.shutdown()
    shutil.rmtree(work)

    median = {run: statistics.median(times) for run, times in seconds.items()}
    print(f"articles {articles}  words {words}  shards of {args.shard_size}  rounds {args.rounds}  "
          f"components {', '.join(options.components)}")
    for (engine, workers), wall in median.items():
        per_worker = words * args.rounds / busy[(engine, workers)]
        per_cpu = words * args.rounds / cpu[(engine, workers)]
        print(f"{engine:5} x{workers}  {wall:7.1f} s  {words / wall:8,.0f} words/s  "
              f"{articles / wall:6.2f} articles/s  per worker {per_worker:7,.0f} words/s  "
              f"per CPU-second {per_cpu:7,.0f} words  peak worker memory {peak[(engine, workers)]:6.0f} MB")
    print(f"2 workers / 1 worker (local)      {median[('local', 1)] / median[('local', 2)]:6.3f}")
    print(f"ray / local processes (2 workers) {median[('local', 2)] / median[('ray', 2)]:6.3f}")
    # the same ratios over the seconds spent in shards only: start-up (spawning, loading the model)
    # left out, as it is in a long run; assumes the shards were spread evenly over the workers
    print(f"  in shards only: 2 / 1 {2 * busy[('local', 1)] / busy[('local', 2)]:6.3f}   "
          f"ray / local {busy[('local', 2)] / busy[('ray', 2)]:6.3f}")
    print(f"mean article length {words / articles:,.0f} words")


if __name__ == "__main__":
    main()
