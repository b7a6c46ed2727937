"""Two engines for the same ShardWorker: local processes, or Ray Data actors on a Ray cluster.

Each calls `on_summary` once per shard it finishes (or gives up on). A shard whose worker dies is
retried on a fresh worker, up to MAX_ATTEMPTS in all; then it is reported with NP1004.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import os
import warnings
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from newsprobe.config import Options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.scale.output import paths
from newsprobe.scale.shards import Shard
from newsprobe.scale.worker import ShardWorker

MAX_ATTEMPTS = 3
OnSummary = Callable[[dict], None]

_worker: ShardWorker | None = None  # one per local worker process, built by its initializer


def _init_worker(out: str, options: Options) -> None:
    global _worker
    _worker = ShardWorker(out, options)


def _run_in_worker(shard: Shard) -> dict:
    assert _worker is not None, "initializer did not run"
    return _worker.run(shard)


def gave_up(shard: Shard, code: Code, detail: str) -> dict:
    return {"shard": shard.id, "status": "failed", "code": code.value,
            "reason": NewsprobeError(code, detail).reason, "input": shard.paths[0]}


def _count_attempts(out: Path, remaining: dict[str, Shard], attempts: Counter, on_summary: OnSummary) -> None:
    """After a pool broke: shards that had started count an attempt; those out of attempts are given up."""
    started = [s for s in remaining.values() if paths(out, s.id)["started"].exists()]
    if not started:
        raise NewsprobeError(Code.WORKER_DIED, "before starting any shard: can the workers load the pipeline?")
    for shard in started:
        paths(out, shard.id)["started"].unlink(missing_ok=True)
        attempts[shard.id] += 1
        if attempts[shard.id] >= MAX_ATTEMPTS:
            del remaining[shard.id]
            on_summary(gave_up(shard, Code.WORKER_DIED, f"on this shard, {MAX_ATTEMPTS} times"))


def run_local(shards: list[Shard], out: Path, options: Options, workers: int, on_summary: OnSummary) -> None:
    """A pool of `workers` spawned processes, each loading the pipeline once in its initializer."""
    context = multiprocessing.get_context("spawn")  # a clean interpreter, as a Ray worker has
    remaining = {shard.id: shard for shard in shards}
    for shard in shards:  # markers left by a killed run would count as attempts of this one
        paths(out, shard.id)["started"].unlink(missing_ok=True)
    attempts: Counter = Counter()
    while remaining:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                                 initargs=(str(out), options)) as pool:
            futures = {pool.submit(_run_in_worker, shard): shard for shard in remaining.values()}
            try:
                for future in as_completed(futures):
                    shard = futures[future]
                    try:
                        summary = future.result()
                    except BrokenProcessPool:
                        raise
                    except Exception as exc:  # noqa: BLE001 - a bug or a full disk fails the shard, not the run
                        summary = gave_up(shard, Code.INTERNAL, f"{type(exc).__name__}: {exc}")
                    del remaining[shard.id]
                    on_summary(summary)
            except BrokenProcessPool:
                _count_attempts(out, remaining, attempts, on_summary)


def _start_ray(address: str | None, workers: int):  # noqa: ANN202 - the ray module
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise NewsprobeError(Code.RAY_MISSING, str(exc)) from exc
    if ray.is_initialized():
        return ray, False
    try:
        if address or os.environ.get("RAY_ADDRESS"):  # an existing cluster (RAY_ADDRESS: `ray job submit`)
            ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
        else:
            ray.init(num_cpus=max(workers, os.cpu_count() or 1), include_dashboard=False,
                     logging_level=logging.WARNING, log_to_driver=False)
    except Exception as exc:  # Ray raises many types (ConnectionError, RuntimeError, ...)
        raise NewsprobeError(Code.RAY_CONNECT, f"{address or 'local'}: {exc}") from exc
    return ray, True


def run_ray(shards: list[Shard], out: Path, options: Options, workers: int, address: str | None,
            on_summary: OnSummary) -> None:
    """Ray Data: one row per shard, `map_batches` over a fixed pool of `workers` ShardWorker actors.

    `out` must be a folder every Ray node can write (a shared file system). Ray replaces an actor
    that dies (max_restarts) and retries its shard (max_task_retries); a shard that still fails is
    reported by the caller, which finds no done-marker for it.
    """
    ray, started = _start_ray(address, workers)
    from ray.data import ActorPoolStrategy, DataContext

    context = DataContext.get_current()
    context.enable_progress_bars = False  # the CLI shows its own progress
    context.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    context.max_errored_blocks = len(shards)  # a shard that keeps killing workers must not stop the rest
    try:
        rows = ray.data.from_items([{"shard": shard.to_json()} for shard in shards],
                                   override_num_blocks=len(shards))
        with warnings.catch_warnings():  # retry settings still go through **ray_remote_args in Ray 2.60
            warnings.simplefilter("ignore", DeprecationWarning)
            summaries = rows.map_batches(
                ShardWorker, fn_constructor_kwargs={"out": str(out.resolve()), "options": options},
                batch_size=1, batch_format="numpy", compute=ActorPoolStrategy(size=workers), num_cpus=1,
                max_restarts=-1, max_task_retries=MAX_ATTEMPTS - 1)
        for row in summaries.iter_rows():
            on_summary(json.loads(row["summary"]))
    finally:
        if started:
            ray.shutdown()
