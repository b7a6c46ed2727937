"""JSONL: one article per line, {"text"|"html", "url", "published", "outlet", "title", ...}."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest.html import article_from_html
from newsprobe.ingest.text import article_from_text, utf8_safe
from newsprobe.model import Article

METADATA_FIELDS = ("url", "published", "outlet", "title", "authors", "language")


def _metadata(record: dict) -> dict[str, object]:
    """The record's metadata fields; a value of the wrong type makes the line bad (found by fuzzing)."""
    meta: dict[str, object] = {}
    for name in METADATA_FIELDS:
        value = record.get(name)
        if not value:
            continue
        if name == "authors" and isinstance(value, str):
            value = [value]
        if name == "authors" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            meta[name] = [utf8_safe(v) for v in value]
        elif name != "authors" and isinstance(value, str):
            meta[name] = utf8_safe(value)
        else:
            raise NewsprobeError(Code.BAD_JSONL, "record")
    return meta


def article_from_record(record: object) -> Article:
    if not isinstance(record, dict) or not isinstance(record.get("text") or record.get("html"), str):
        raise NewsprobeError(Code.BAD_JSONL, "record")
    meta = _metadata(record)
    if isinstance(record.get("text"), str):
        return article_from_text(utf8_safe(record["text"]), **meta)
    return article_from_html(utf8_safe(record["html"]), **meta)


def records_from_lines(lines: Iterable[str], source: str,
                       first_line: int = 1) -> Iterator[tuple[str, Article | NewsprobeError]]:
    """(`source#line`, article or error) per non-blank line; a bad line never stops the rest.

    `first_line`: the number of the first of `lines` in the file (a batch shard starts mid-file).
    """
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        where = f"{source}#{number}"
        try:
            yield where, article_from_record(json.loads(line))
        except json.JSONDecodeError:
            yield where, NewsprobeError(Code.BAD_JSONL, number, where)
        except NewsprobeError as error:
            if error.code is Code.BAD_JSONL:
                error = NewsprobeError(Code.BAD_JSONL, number)
            yield where, error.with_source(where)
