"""`newsprobe batch`: plan shards, check the output folder, run what is not done on the chosen engine."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsprobe.config import Options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.scale.engines import gave_up, run_local, run_ray
from newsprobe.scale.manifest import manifest_for, open_output
from newsprobe.scale.output import is_done, paths, write_failures
from newsprobe.scale.shards import plan_shards, shard_bytes

ENGINES = ("local", "ray")


@dataclass
class BatchReport:
    planned: int = 0
    already_done: int = 0
    done: int = 0
    articles: int = 0
    failures: int = 0  # inputs that failed inside shards that completed
    failed_shards: list[dict] = field(default_factory=list)  # unreadable, or their worker kept dying
    words: int = 0
    peak_rss_mb: float = 0.0
    seconds: float = 0.0
    summaries: list[dict] = field(default_factory=list)

    def add(self, summary: dict) -> None:
        self.summaries.append(summary)
        if summary["status"] == "done":
            self.done += 1
            self.articles += summary["articles"]
            self.failures += summary["failures"]
            self.words += summary["words"]
            self.peak_rss_mb = max(self.peak_rss_mb, summary["peak_rss_mb"])
        elif summary["status"] == "skipped":
            self.already_done += 1
        else:
            self.failed_shards.append(summary)


def run_batch(inputs: list[str], out: Path, options: Options, *, engine: str = "local", workers: int = 1,
              address: str | None = None, shard_size: int = 200, limit: int | None = None,
              tick: Callable[[BatchReport], None] = lambda _r: None) -> BatchReport:
    """Analyse every shard of `inputs` not yet done in `out` (at most `limit` of them)."""
    began = time.perf_counter()
    if engine not in ENGINES:
        raise NewsprobeError(Code.BAD_CONFIG, f"--engine must be one of {', '.join(ENGINES)}")
    open_output(out, manifest_for(options, shard_size))  # refused before the inputs are scanned
    shards = plan_shards(inputs, shard_size)
    report = BatchReport(planned=len(shards))
    pending = [shard for shard in shards if not is_done(out, shard.id)]
    report.already_done = len(shards) - len(pending)
    pending = pending[:limit] if limit is not None else pending
    pending.sort(key=shard_bytes, reverse=True)  # largest first, so the run does not end on a big one

    def on_summary(summary: dict) -> None:
        report.add(summary)
        tick(report)

    if pending:
        if engine == "ray":
            run_ray(pending, out, options, max(workers, 1), address, on_summary)
        else:
            run_local(pending, out, options, max(workers, 1), on_summary)
    reported = {summary["shard"] for summary in report.summaries}
    for shard in pending:  # Ray gave up on it: retries exhausted, no summary came back
        if shard.id not in reported and not is_done(out, shard.id):
            report.add(gave_up(shard, Code.WORKER_DIED, "on this shard, after the engine's retries"))
    for summary in report.failed_shards:
        if summary["status"] == "failed":
            try:
                write_failures(paths(out, summary["shard"])["failures"], [
                    {"input": summary["input"], "code": summary["code"], "reason": summary["reason"]}])
            except OSError:
                pass  # the output disk refuses writes: the report still lists the shard
    report.seconds = time.perf_counter() - began
    return report
