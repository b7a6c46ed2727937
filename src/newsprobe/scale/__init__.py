"""Batch runs over large corpora: the same shard worker under local processes or Ray Data.

    >>> from newsprobe.scale import run_batch
    >>> report = run_batch(["crawl.warc.gz", "articles.jsonl"], Path("out"), load_options(),
    ...                    engine="ray", workers=8, address="ray://head:10001")

See docs/scale.md for running on a Ray cluster and what a large run costs.
"""
from __future__ import annotations

from newsprobe.scale.run import BatchReport, run_batch

__all__ = ["BatchReport", "run_batch"]
