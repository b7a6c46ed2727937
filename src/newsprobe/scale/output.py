"""The files of one shard in a batch output folder, each written to a temporary name and renamed.

    DIR/shards/<id>.parquet          one row per analysed article (columns below)
    DIR/shards/<id>.failures.jsonl   one line per input that failed: {"input", "code", "reason"}
    DIR/shards/<id>.done             written last: the shard's summary; its presence means "complete"

A killed worker leaves at most a temporary file or outputs without a done-marker; both are
rewritten when the shard is run again, so a resumed run never duplicates a shard.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsprobe.errors import Code, NewsprobeError
from newsprobe.model import FINDINGS

SCHEMA = pa.schema(
    [("id", pa.string()), ("source", pa.string()), ("url", pa.string()), ("outlet", pa.string()),
     ("published", pa.string()), ("language", pa.string()), ("title", pa.string()),
     ("analysis", pa.string())]
    + [(f"n_{name}", pa.int32()) for name in FINDINGS]
)


def shard_dir(out: Path) -> Path:
    return out / "shards"


def paths(out: Path, shard_id: str) -> dict[str, Path]:
    base = shard_dir(out) / shard_id
    return {"parquet": base.with_name(f"{shard_id}.parquet"), "failures": base.with_name(f"{shard_id}.failures.jsonl"),
            "done": base.with_name(f"{shard_id}.done"), "started": base.with_name(f"{shard_id}.started")}


def write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def analysis_row(analysis: dict) -> dict:
    article = analysis["article"]
    row = {"id": article["id"], "source": analysis["source"], "analysis": json.dumps(analysis, ensure_ascii=False)}
    row.update({key: article.get(key) for key in ("url", "outlet", "published", "language", "title")})
    row.update({f"n_{name}": len(analysis.get(name) or []) for name in FINDINGS})
    return row


def write_table(path: Path, analyses: list[dict]) -> None:
    table = pa.Table.from_pylist([analysis_row(a) for a in analyses], schema=SCHEMA)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, path)


def write_failures(path: Path, failures: list[dict]) -> None:
    lines = "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in failures)
    write_atomically(path, lines.encode("utf-8"))


def write_shard(out: Path, shard_id: str, analyses: list[dict], failures: list[dict], summary: dict) -> None:
    """The shard's Parquet file and failures file, then (last) its done-marker."""
    files = paths(out, shard_id)
    write_table(files["parquet"], analyses)
    write_failures(files["failures"], failures)
    write_atomically(files["done"], json.dumps(summary).encode("utf-8"))
    files["started"].unlink(missing_ok=True)


def is_done(out: Path, shard_id: str) -> bool:
    return paths(out, shard_id)["done"].exists()


def done_summaries(out: Path) -> Iterator[dict]:
    """The summary of every complete shard, in id order."""
    for marker in sorted(shard_dir(out).glob("*.done")):
        yield json.loads(marker.read_text(encoding="utf-8"))


def read_analyses(out: Path, shard_id: str) -> Iterator[dict]:
    path = paths(out, shard_id)["parquet"]
    try:
        column = pq.read_table(path, columns=["analysis"]).column("analysis")
    except (OSError, pa.ArrowException) as exc:
        raise NewsprobeError(Code.BAD_SHARD, f"{path}: {exc}") from exc
    for value in column.to_pylist():
        yield json.loads(value)


def read_failures(out: Path, shard_id: str) -> list[dict]:
    path = paths(out, shard_id)["failures"]
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
