"""Turn what the user gave (paths, folders, URLs, `-`) into Articles, one (source, result) at a time.

A result is an Article or the NewsprobeError that explains why there is none, so that a batch can
record the failure and go on.
"""
from __future__ import annotations

import glob
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsprobe.config import Options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest.html import article_from_html
from newsprobe.ingest.jsonl import records_from_lines
from newsprobe.ingest.text import article_from_text, decode_text
from newsprobe.ingest.url import fetch
from newsprobe.model import Article

Result = tuple[str, Article | NewsprobeError]
TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FOLDER_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES - {""}


def is_url(spec: str) -> bool:
    return "://" in spec[:12]


def expand(specs: Iterable[str]) -> Iterator[str]:
    """Folders become their article files (sorted), globs their matches; other specs pass through."""
    for spec in specs:
        if spec == "-" or is_url(spec):
            yield spec
        elif Path(spec).is_dir():
            files = (p for p in sorted(Path(spec).rglob("*")) if p.is_file())
            yield from (str(p) for p in files if p.suffix.lower() in FOLDER_SUFFIXES)
        elif glob.has_magic(spec):
            yield from sorted(glob.glob(spec, recursive=True)) or [spec]
        else:
            yield spec


def article_from_bytes(data: bytes, kind: str, url: str | None = None) -> Article:
    if kind == "html":
        if not data.strip():
            raise NewsprobeError(Code.EMPTY)
        return article_from_html(data, url=url)
    return article_from_text(decode_text(data), url=url)


def _kind(suffix: str, content_type: str = "", data: bytes = b"") -> str:
    if suffix in HTML_SUFFIXES or "html" in content_type:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    head = data[:512].lstrip().lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else "text"


def _from_bytes(source: str, data: bytes, kind: str, url: str | None = None) -> Iterator[Result]:
    if kind == "jsonl":
        yield from records_from_lines(decode_text(data).splitlines(), source)
    else:
        yield source, article_from_bytes(data, kind, url)


def read_one(spec: str, options: Options) -> Iterator[Result]:
    if spec == "-":
        data = sys.stdin.buffer.read()
        yield from _from_bytes("-", data, _kind("", data=data))
    elif is_url(spec):
        page = fetch(spec, options)
        yield from _from_bytes(spec, page.content, _kind("", page.content_type, page.content), page.url)
    else:
        path = Path(spec)
        if not path.is_file():
            raise NewsprobeError(Code.NOT_FOUND)
        data = path.read_bytes()
        yield from _from_bytes(spec, data, _kind(path.suffix.lower(), data=data))


def read_inputs(specs: Iterable[str], options: Options, published: str | None = None) -> Iterator[Result]:
    """Every article in `specs`, with `published` (if given) overriding what the sources say."""
    for spec in expand(specs):
        try:
            for source, result in read_one(spec, options):
                if published and isinstance(result, Article):
                    result.published = published
                yield source, result
        except NewsprobeError as error:
            yield spec, error.with_source(spec)
        except OSError as error:
            yield spec, NewsprobeError(Code.NOT_FOUND, error.strerror, spec)
