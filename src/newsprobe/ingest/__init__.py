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
from newsprobe.failures import READ, coded
from newsprobe.ingest.compressed import gunzip, inner_name, is_gzip
from newsprobe.ingest.feeds import FEED_SUFFIXES, articles_from_feed, looks_like_feed
from newsprobe.ingest.html import article_from_html
from newsprobe.ingest.jsonl import records_from_lines
from newsprobe.ingest.text import article_from_text, decode_text, reading
from newsprobe.ingest.url import fetch
from newsprobe.ingest.warc import articles_from_warc, is_warc_name, looks_like_warc
from newsprobe.model import Article

Result = tuple[str, Article | NewsprobeError]
TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FOLDER_SUFFIXES = (TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES) - {""}


def is_url(spec: str) -> bool:
    return "://" in spec[:12]


def expand(specs: Iterable[str]) -> Iterator[str]:
    """Folders become their article files (sorted), globs their matches; other specs pass through.

    A folder that holds no article file passes through as itself, so that reading it reports why."""
    for spec in specs:
        if spec == "-" or is_url(spec):
            yield spec
        elif _is_dir(spec):
            files = [str(p) for p in sorted(Path(spec).rglob("*")) if p.is_file() and _is_article_file(p.name)]
            yield from files or [spec]
        elif glob.has_magic(spec):
            yield from sorted(glob.glob(spec, recursive=True)) or [spec]
        else:
            yield spec


def _is_article_file(name: str) -> bool:
    """By name: a text, HTML, JSONL or feed file (gzipped or not), or a web archive."""
    return is_warc_name(name) or Path(inner_name(name)).suffix.lower() in FOLDER_SUFFIXES


def _is_dir(spec: str) -> bool:
    try:
        return Path(spec).is_dir()
    except (OSError, ValueError):  # a name with a NUL byte, or too long: read_one reports it
        return False


def article_from_bytes(data: bytes, kind: str, url: str | None = None) -> Article:
    if kind == "html":
        if not data.strip():
            raise NewsprobeError(Code.EMPTY)
        return article_from_html(data, url=url)
    return article_from_text(decode_text(data), url=url)


def _kind(suffix: str, content_type: str = "", data: bytes = b"", name: str = "") -> str:
    """What the bytes are: by suffix or content type first, then by sniffing their start."""
    if is_warc_name(name) or looks_like_warc(data):
        return "warc"
    if suffix in FEED_SUFFIXES or any(t in content_type for t in ("rss", "atom")):
        return "feed"
    if suffix in HTML_SUFFIXES or "html" in content_type:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if looks_like_feed(data):
        return "feed"
    head = data[:512].lstrip().lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else "text"


def _from_bytes(source: str, data: bytes, kind: str, url: str | None = None, options: Options | None = None,
                fetch_items: bool = False) -> Iterator[Result]:
    if kind == "jsonl":
        yield from records_from_lines(decode_text(data).splitlines(), source)
    elif kind == "feed":
        yield from articles_from_feed(data, source, _page_fetcher(options) if fetch_items and options else None)
    elif kind == "warc":
        yield from articles_from_warc(data, source)  # warcio reads .warc.gz itself
    else:
        yield source, article_from_bytes(data, kind, url)


def _page_fetcher(options: Options):  # noqa: ANN202
    def fetch_page(url: str) -> tuple[bytes, str]:
        page = fetch(url, options)
        return page.content, page.url
    return fetch_page


def read_one(spec: str, options: Options, fetch_items: bool = False) -> Iterator[Result]:
    """Articles from one input; `fetch_items` fetches a feed's item pages (guarded) instead of its summaries."""
    if spec == "-":
        data = sys.stdin.buffer.read()
        data = gunzip(data) if is_gzip(data) else data
        yield from _from_bytes("-", data, _kind("", data=data), None, options, fetch_items)
    elif is_url(spec):
        page = fetch(spec, options)
        kind = _kind("", page.content_type, page.content, name=page.url)
        yield from _from_bytes(spec, page.content, kind, page.url, options, fetch_items)
    else:
        path = Path(spec)
        if path.is_dir():
            raise NewsprobeError(Code.UNSUPPORTED_INPUT, "a folder with no .txt, .html, .jsonl, feed or WARC file")
        if not path.is_file():
            raise NewsprobeError(Code.NOT_FOUND)
        data, name = path.read_bytes(), path.name
        if is_gzip(data) and not is_warc_name(name):  # warcio reads .warc.gz record by record itself
            data, name = gunzip(data), inner_name(name)
        kind = _kind(Path(name).suffix.lower(), data=data, name=name)
        yield from _from_bytes(spec, data, kind, None, options, fetch_items)


def read_inputs(specs: Iterable[str], options: Options, published: str | None = None,
                fetch_items: bool = False) -> Iterator[Result]:
    """Every article in `specs`, with `published` (if given) overriding what the sources say."""
    for spec in expand(specs):
        reading.set(spec)
        try:
            for source, result in read_one(spec, options, fetch_items):
                if published and isinstance(result, Article):
                    result.published = published
                yield source, result
        except NewsprobeError as error:
            yield spec, error.with_source(spec)
        except OSError as error:
            yield spec, NewsprobeError(Code.NOT_FOUND, error.strerror, spec)
        except Exception as exc:  # noqa: BLE001 - an input nobody foresaw fails alone, coded (NP112)
            yield spec, coded(exc, spec, READ)
