"""The work done in each worker process, identical under local processes and Ray Data actors.

`BatchAnalyzer` is the batch function: records in, analysis dicts out, the pipeline (spaCy model and
newsprobe artefacts) loaded once in its constructor. `ShardWorker` wraps it for one shard at a time:
read, analyse, write the shard's files; it is the class Ray Data's `map_batches` instantiates once
per actor, and the object each local worker process builds in its initializer.
"""
from __future__ import annotations

import json
import os
import resource
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from newsprobe.analysis import run_pipeline
from newsprobe.config import Options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.model import Article
from newsprobe.pipeline import load_pipeline
from newsprobe.scale.output import paths, write_atomically, write_failures, write_shard
from newsprobe.scale.shards import Result, Shard, read_shard


@dataclass
class Outcome:
    analyses: list[dict] = field(default_factory=list)
    failures: list[dict] = field(default_factory=list)  # {"input", "code", "reason"}


def failure_row(source: str, error: NewsprobeError) -> dict:
    return {"input": error.source or source, "code": error.code.value, "reason": error.reason}


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class BatchAnalyzer:
    """list[record] -> analyses and failures; a record is (source, Article or the error reading it)."""

    def __init__(self, options: Options) -> None:
        self.options = options
        # One thread per worker process: the processes are the parallelism here.
        self.nlp = load_pipeline(replace(options, techniques_thread=False))

    def __call__(self, records: list[Result]) -> Outcome:
        outcome = Outcome()
        items: list[tuple[Article, str]] = []
        for source, result in records:
            if isinstance(result, NewsprobeError):
                outcome.failures.append(failure_row(source, result))
            else:
                items.append((result, source))

        def on_error(_article: Article, source: str, error: NewsprobeError) -> None:
            outcome.failures.append(failure_row(source, error))

        for analysis in run_pipeline(self.nlp, items, self.options.batch_size, on_error=on_error):
            outcome.analyses.append(analysis.model_dump(mode="json"))
        return outcome


class ShardWorker:
    """Runs whole shards: the unit that is written, marked done, and retried if its worker dies."""

    def __init__(self, out: str, options: Options) -> None:
        self.out = Path(out)
        self.options = options
        self.analyze = BatchAnalyzer(options)

    def run(self, shard: Shard) -> dict:
        files = paths(self.out, shard.id)
        summary = {"shard": shard.id, "pid": os.getpid()}
        if files["done"].exists():  # a retried task whose first attempt got this far
            return {**summary, "status": "skipped"}
        write_atomically(files["started"], str(os.getpid()).encode())
        began, began_cpu = time.perf_counter(), time.process_time()
        try:
            records = read_shard(shard, self.options)
        except NewsprobeError as error:  # recorded; no done-marker, so a later run tries it again
            write_failures(files["failures"], [failure_row(shard.paths[0], error)])
            files["started"].unlink(missing_ok=True)
            return {**summary, "status": "unreadable", "code": error.code.value, "reason": error.reason}
        outcome = self.analyze(records)
        summary.update(status="done", articles=len(outcome.analyses), failures=len(outcome.failures),
                       words=sum(len(a["article"]["text"].split()) for a in outcome.analyses),
                       seconds=round(time.perf_counter() - began, 3),
                       cpu_seconds=round(time.process_time() - began_cpu, 3), peak_rss_mb=round(peak_rss_mb(), 1))
        try:
            write_shard(self.out, shard.id, outcome.analyses, outcome.failures, summary)
        except OSError as exc:  # a full or vanished output disk: the shard is retried by a later run
            out_error = NewsprobeError(Code.BATCH_OUT, f"{self.out}: {exc.strerror or exc}")
            return {**summary, "status": "failed", "code": out_error.code.value, "reason": out_error.reason,
                    "input": shard.paths[0]}
        return summary

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, list[str]]:
        """Ray Data's entry point: a batch of rows {"shard": Shard JSON} -> rows {"summary": JSON}."""
        return {"summary": [json.dumps(self.run(Shard.from_json(str(s)))) for s in batch["shard"]]}
