"""Fact-check collections (JSON lines), queries (id<TAB>text) and relevance files, read line by line.

A bad line becomes a coded error and reading goes on, so one broken record never loses the others.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsprobe.errors import Code, NewsprobeError


@dataclass(frozen=True)
class FactCheck:
    vclaim_id: str
    vclaim: str
    title: str = ""  # the fact-check's headline, extra words for the lexical match
    extra: dict = field(default_factory=dict, compare=False)  # every other field, kept as given


@dataclass
class Read:
    """What a file gave: the good records and one coded error per bad line."""
    items: list = field(default_factory=list)
    errors: list[NewsprobeError] = field(default_factory=list)


def _lines(path: Path) -> Iterator[tuple[int, str | None]]:
    """(line number, text) per non-blank line; text is None when the line is not UTF-8."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield number, None
                continue
            if line.strip():
                yield number, line.rstrip("\r\n")


def _factcheck(line: str) -> FactCheck | str:
    """The fact-check on a line, or what is wrong with it."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"not JSON ({exc.msg})"
    if not isinstance(record, dict):
        return "not a JSON object"
    vclaim_id, vclaim = record.get("vclaim_id"), record.get("vclaim")
    if not isinstance(vclaim_id, (str, int)) or isinstance(vclaim_id, bool) or not str(vclaim_id).strip():
        return "no 'vclaim_id'"
    if not isinstance(vclaim, str) or not vclaim.strip():
        return "no 'vclaim' text"
    title = record.get("title")
    rest = {key: value for key, value in record.items() if key not in ("vclaim_id", "vclaim", "title")}
    return FactCheck(str(vclaim_id), vclaim, title if isinstance(title, str) else "", rest)


def read_factchecks(path: Path) -> Read:
    if not path.is_file():
        raise NewsprobeError(Code.NOT_FOUND, str(path))
    read, seen = Read(), set()
    for number, line in _lines(path):
        where = f"{path}:{number}"
        if line is None:
            read.errors.append(NewsprobeError(Code.FACTCHECK_ENCODING, "invalid bytes", where))
            continue
        found = _factcheck(line)
        if isinstance(found, str):
            read.errors.append(NewsprobeError(Code.FACTCHECK_BAD_LINE, found, where))
        elif found.vclaim_id in seen:
            read.errors.append(NewsprobeError(Code.FACTCHECK_DUPLICATE, found.vclaim_id, where))
        else:
            seen.add(found.vclaim_id)
            read.items.append(found)
    return read


def read_queries(path: Path) -> Read:
    """(id, text) pairs from id<TAB>text lines; the text may itself hold tabs."""
    if not path.is_file():
        raise NewsprobeError(Code.NOT_FOUND, str(path))
    read = Read()
    for number, line in _lines(path):
        where = f"{path}:{number}"
        if line is None:
            read.errors.append(NewsprobeError(Code.QUERY_BAD_LINE, "not UTF-8", where))
            continue
        query_id, _, text = line.partition("\t")
        if not query_id.strip() or not text.strip():
            read.errors.append(NewsprobeError(Code.QUERY_BAD_LINE, "no tab between id and text", where))
        else:
            read.items.append((query_id.strip(), text.strip()))
    return read


def read_qrels(path: Path) -> dict[str, set[str]]:
    """query id -> relevant fact-check ids, from TREC-style qrels (query 0 vclaim relevance)."""
    if not path.is_file():
        raise NewsprobeError(Code.NOT_FOUND, str(path))
    relevant: dict[str, set[str]] = {}
    for number, line in _lines(path):
        parts = line.split("\t") if line is not None else []
        if len(parts) != 4:
            raise NewsprobeError(Code.BAD_QRELS, f"line {number} has {len(parts)} fields, not 4", str(path))
        if parts[3].strip() not in ("0",):
            relevant.setdefault(parts[0], set()).add(parts[2])
    return relevant
