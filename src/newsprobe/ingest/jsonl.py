"""JSONL: one article per line, {"text"|"html", "url", "published", "outlet", "title", ...}."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import cast

from newsprobe.errors import Code, NewsprobeError
from newsprobe.failures import READ, coded
from newsprobe.ingest.html import article_from_html
from newsprobe.ingest.text import ArticleMeta, article_from_text, utf8_safe
from newsprobe.model import Article

METADATA_FIELDS = ("url", "published", "outlet", "title", "authors", "language")


def _field_problem(record: dict) -> str | None:
    """Why a metadata field cannot go into an Article (checked here, so a bad line gets one coded line)."""
    for key in METADATA_FIELDS:
        value = record.get(key)
        if not value:
            continue
        if key == "authors":
            if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
                return f"field 'authors' must be a list of strings, not {type(value).__name__}"
        elif not isinstance(value, str):
            return f"field '{key}' must be a string, not {type(value).__name__}"
    return None


def _utf8_safe_value(value: str | list[str]) -> str | list[str]:
    """A checked metadata value with lone surrogates replaced (found by fuzzing: they crashed the store)."""
    return [utf8_safe(v) for v in value] if isinstance(value, list) else utf8_safe(value)


def article_from_record(record: object) -> Article:
    if not isinstance(record, dict) or not isinstance(record.get("text") or record.get("html"), str):
        raise NewsprobeError(Code.BAD_JSONL, "record")
    if problem := _field_problem(record):
        raise NewsprobeError(Code.BAD_JSONL_FIELD, problem)
    # the fields' types were checked just above (a string each, authors a list of strings)
    meta = cast(ArticleMeta, {k: _utf8_safe_value(record[k]) for k in METADATA_FIELDS if k != "url" and record.get(k)})
    url = utf8_safe(record["url"]) if record.get("url") else None
    if isinstance(record.get("text"), str):
        return article_from_text(utf8_safe(record["text"]), url=url, **meta)
    return article_from_html(utf8_safe(record["html"]), url=url, **meta)


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
        except RecursionError:  # json nests by recursion: 5,000 open brackets exhaust the stack
            yield where, NewsprobeError(Code.JSONL_TOO_DEEP, number, where)
        except NewsprobeError as error:
            if error.code is Code.BAD_JSONL:
                error = NewsprobeError(Code.BAD_JSONL, number)
            elif error.code is Code.BAD_JSONL_FIELD:
                error = NewsprobeError(Code.BAD_JSONL_FIELD, f"{number}: {error.detail}")
            yield where, error.with_source(where)
        except Exception as exc:  # noqa: BLE001 - a line nobody foresaw fails alone (NP112); the rest go on
            yield where, coded(exc, where, READ)
