"""Inputs cut into shards: the unit of work a worker reads, analyses and writes as one Parquet file.

A shard is a small description (no article text), so that the driver can plan millions of articles
and send each worker only where to read. Its id is derived from what it covers, so a rerun over the
same inputs finds the same ids and the done-markers of the shards already written.

- JSONL file: a shard is a byte range holding `size` non-blank lines (the driver scans the file once).
- WARC / WARC.gz file: one shard per file (records cannot be located without reading the archive).
- Text and HTML files (given one by one or found in folders): groups of `size` files, in sorted order.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from newsprobe.config import Options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES, read_inputs
from newsprobe.ingest.jsonl import records_from_lines
from newsprobe.ingest.text import decode_text
from newsprobe.ingest.warc import articles_from_warc, is_warc_name
from newsprobe.model import Article

Result = tuple[str, Article | NewsprobeError]
FILE_SUFFIXES = (TEXT_SUFFIXES | HTML_SUFFIXES) - {""}


@dataclass(frozen=True)
class Shard:
    id: str
    kind: str  # "jsonl" | "warc" | "files"
    paths: tuple[str, ...]  # one file for jsonl and warc; the group's files for "files"
    start: int = 0  # jsonl: byte range [start, end) and the line number at `start`
    end: int = -1
    first_line: int = 1

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Shard:
        data = json.loads(text)
        return cls(**{**data, "paths": tuple(data["paths"])})


def shard_bytes(shard: Shard) -> int:
    """The input bytes a shard covers: a rough measure of its work (0 for a file that cannot be read)."""
    if shard.kind == "jsonl":
        return shard.end - shard.start
    total = 0
    for path in shard.paths:
        try:
            total += Path(path).stat().st_size
        except OSError:
            pass  # its worker reports the file
    return total


def _shard_id(name: str, kind: str, key: str, index: int) -> str:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:40] or kind
    digest = hashlib.sha1(f"{kind}\n{key}".encode()).hexdigest()[:10]
    return f"{slug}-{digest}-{index:05d}"


def _jsonl_shards(path: Path, size: int) -> Iterator[Shard]:
    """Byte ranges of `size` non-blank lines each, found in one pass over the file."""
    key = f"{path.resolve()}\n{size}"
    try:
        handle = path.open("rb")
    except OSError:  # planned anyway: the worker records why it cannot be read
        yield Shard(_shard_id(path.name, "jsonl", key, 0), "jsonl", (str(path),))
        return
    index, start, first_line, offset, filled = 0, 0, 1, 0, 0
    with handle:
        for number, line in enumerate(handle, start=1):
            offset += len(line)
            filled += bool(line.strip())
            if filled == size:
                yield Shard(_shard_id(path.name, "jsonl", key, index), "jsonl", (str(path),), start, offset, first_line)
                index, start, first_line, filled = index + 1, offset, number + 1, 0
    if filled or index == 0:
        yield Shard(_shard_id(path.name, "jsonl", key, index), "jsonl", (str(path),), start, offset, first_line)


def _file_groups(name: str, files: list[Path], size: int) -> Iterator[Shard]:
    for index in range(0, len(files), size):
        group = tuple(str(f) for f in files[index:index + size])
        key = "\n".join(str(Path(f).resolve()) for f in group)
        yield Shard(_shard_id(name, "files", key, index // size), "files", group)


def plan_shards(inputs: Iterable[str], size: int) -> list[Shard]:
    """Every shard of `inputs` (files and folders), in a stable order; a missing input is NP101."""
    if size < 1:
        raise NewsprobeError(Code.BAD_CONFIG, "--shard-size must be at least 1")
    shards: list[Shard] = []
    for spec in inputs:
        root = Path(spec)
        if not root.exists():
            raise NewsprobeError(Code.NOT_FOUND, source=spec)
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        loose: list[Path] = []
        for path in files:
            if is_warc_name(path.name):
                key = str(path.resolve())
                shards.append(Shard(_shard_id(path.name, "warc", key, 0), "warc", (str(path),)))
            elif path.suffix.lower() in JSONL_SUFFIXES:
                shards.extend(_jsonl_shards(path, size))
            elif path.suffix.lower() in FILE_SUFFIXES or not root.is_dir():
                loose.append(path)
        shards.extend(_file_groups(root.name, loose, size))
    return shards


def read_shard(shard: Shard, options: Options) -> list[Result]:
    """(source, article or error) for every record of `shard`; NP1003 when the shard itself is unreadable."""
    try:
        if shard.kind == "files":
            return list(read_inputs(shard.paths, options))
        path = Path(shard.paths[0])
        if shard.kind == "warc":
            return list(articles_from_warc(path.read_bytes(), str(path)))
        with path.open("rb") as handle:
            handle.seek(shard.start)
            data = handle.read(shard.end - shard.start if shard.end >= 0 else -1)
        if not data.strip():
            return []
        return list(records_from_lines(decode_text(data).split("\n"), str(path), shard.first_line))
    except OSError as exc:
        raise NewsprobeError(Code.SHARD_UNREADABLE, exc.strerror or type(exc).__name__, shard.paths[0]) from exc
    except NewsprobeError as error:  # the bytes of a JSONL shard are not text
        raise NewsprobeError(Code.SHARD_UNREADABLE, error.reason, shard.paths[0]) from error
