"""Nearest-claim queries over many stored claims: the store's vector index (usearch HNSW, store/vectors.py).

    PYTHONPATH=src .venv/bin/python benchmarks/claim_index.py [--claims 100000 1000000] [--queries 1000]

For each size: unit vectors of 384 dimensions (MiniLM's) drawn at random, clustered around 1,000 centres so
that neighbours exist as paraphrases do, are added to a VectorIndex in batches (the way a store's rows are
read into it); then `--queries` single-claim searches (top 10, one at a time, as `claims similar` and each
new claim's fact-check lookup do) give p50 and p95 latency. Recall@10 is measured against an exact numpy
search on 200 queries, and the exact search's own p95 is printed as the ratio's denominator, in the same run.
Memory is the index's own (usearch `memory_usage`: vectors and graph) and the process's resident growth
while it is built (/proc RSS, which also holds the benchmark's copy of the vectors for the exact search),
both per million claims. Random vectors, not real claims: they say how the index scales, not how it ranks.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from newsprobe.store.vectors import DIMENSIONS, VectorIndex

BATCH = 50_000


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 2**20


def vectors(count: int, rng: np.random.Generator, centres: np.ndarray) -> np.ndarray:
    out = centres[rng.integers(0, len(centres), count)] + 0.06 * rng.standard_normal((count, DIMENSIONS),
                                                                                     dtype=np.float32)
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def run(count: int, queries: int, seed: int = 0) -> dict[str, float]:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((1000, DIMENSIONS), dtype=np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    before = rss_mb()
    index, kept = VectorIndex(), []
    started = time.perf_counter()
    for start in range(0, count, BATCH):
        chunk = vectors(min(BATCH, count - start), rng, centres)
        index.add(list(range(start, start + len(chunk))), chunk)
        kept.append(chunk)
    build_s = time.perf_counter() - started
    grown = rss_mb() - before
    data = np.concatenate(kept)
    asked = vectors(queries, rng, centres)
    times = []
    for vector in asked:
        tick = time.perf_counter()
        index.search(vector[None, :], 10)
        times.append(time.perf_counter() - tick)
    exact_times, recall = [], []
    for vector in asked[:200]:
        tick = time.perf_counter()
        truth = set(np.argpartition(-(data @ vector), 10)[:10].tolist())
        exact_times.append(time.perf_counter() - tick)
        recall.append(len(truth & {hit.key for hit in index.search(vector[None, :], 10)[0]}) / 10)
    p95, exact_p95 = float(np.percentile(times, 95)), float(np.percentile(exact_times, 95))
    return {"claims": count, "build_s": build_s, "p50_ms": 1000 * float(np.percentile(times, 50)),
            "p95_ms": 1000 * p95, "exact_p95_ms": 1000 * exact_p95, "speedup_p95": exact_p95 / p95,
            "recall_at_10": float(np.mean(recall)), "rss_mb_per_million": grown * 1e6 / count,
            "index_mb_per_million": index.index.memory_usage / 2**20 * 1e6 / count}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=1000)
    args = parser.parse_args()
    print("claims     build s   p50 ms   p95 ms   exact p95 ms   exact/HNSW p95   recall@10   index MB/1M   RSS MB/1M")
    for count in args.claims:
        r = run(count, args.queries)
        print(f"{r['claims']:>9,}  {r['build_s']:8.1f}  {r['p50_ms']:7.3f}  {r['p95_ms']:7.3f}  {r['exact_p95_ms']:13.2f}"
              f"  {r['speedup_p95']:15.1f}  {r['recall_at_10']:10.3f}  {r['index_mb_per_million']:12.0f}"
              f"  {r['rss_mb_per_million']:10.0f}", flush=True)


if __name__ == "__main__":
    main()
