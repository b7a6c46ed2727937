"""`newsprobe ingest --from-batch DIR`: the complete shards of a batch run, loaded into the store in bulk,
each bulk batch followed by ingest's step across articles (stories, fact-check links)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from newsprobe.scale.manifest import read_manifest
from newsprobe.scale.output import done_summaries, read_analyses, read_failures
from newsprobe.store.across import AcrossArticles
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


def load_batch(out: Path, store: Store, bulk_size: int = 2000, across: AcrossArticles | None = None) -> LoadReport:
    """Every analysis of every done shard through `Store.add_many` (stored ids are skipped), then
    the shards' failures. Shards without a done-marker are incomplete and left out. With `across`, each
    bulk batch's articles get their stories and links as `newsprobe ingest` gives them; those of a batch
    stored by a killed run but left without them get them now."""
    read_manifest(out)  # NP1007 if `out` is not a batch folder
    report = LoadReport()
    shard_ids = [summary["shard"] for summary in done_summaries(out)]
    report.shards = len(shard_ids)

    def analyses() -> Iterator[dict]:
        for shard_id in shard_ids:
            for analysis in read_analyses(out, shard_id):
                report.read += 1
                yield analysis

    items = analyses()
    while batch := list(islice(items, bulk_size)):
        report.added += store.add_many(batch, batch_size=bulk_size)
        if across is not None:
            across.add(batch)
    for shard_id in shard_ids:
        for failure in read_failures(out, shard_id):
            store.add_failure(failure["input"], failure["code"], failure["reason"])
            report.failures += 1
    return report
