"""`newsprobe ingest --from-batch DIR`: the complete shards of a batch run, loaded into the store in bulk."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsprobe.scale.manifest import read_manifest
from newsprobe.scale.output import done_summaries, read_analyses, read_failures
from newsprobe.store.corpus import Store


@dataclass
class LoadReport:
    shards: int = 0
    read: int = 0
    added: int = 0
    failures: int = 0

    @property
    def skipped(self) -> int:
        return self.read - self.added


def load_batch(out: Path, store: Store, bulk_size: int = 2000) -> LoadReport:
    """Every analysis of every done shard through `Store.add_many` (stored ids are skipped), then
    the shards' failures. Shards without a done-marker are incomplete and left out."""
    read_manifest(out)  # NP1007 if `out` is not a batch folder
    report = LoadReport()
    shard_ids = [summary["shard"] for summary in done_summaries(out)]
    report.shards = len(shard_ids)

    def analyses() -> Iterator[dict]:
        for shard_id in shard_ids:
            for analysis in read_analyses(out, shard_id):
                report.read += 1
                yield analysis

    report.added = store.add_many(analyses(), batch_size=bulk_size)
    for shard_id in shard_ids:
        for failure in read_failures(out, shard_id):
            store.add_failure(failure["input"], failure["code"], failure["reason"])
            report.failures += 1
    return report
