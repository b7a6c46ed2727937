"""WARC and WARC.gz web archives (warcio): one article per HTML response record.

Records that are not successful HTML responses (requests, metadata, images, redirects) are not
articles and are passed over. A corrupt record ends the archive with one NP412 error; the articles
read before it stand.
"""
from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest.html import article_from_html
from newsprobe.model import Article

Result = tuple[str, Article | NewsprobeError]
WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc_name(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def looks_like_warc(data: bytes) -> bool:
    return data[:5] == b"WARC/"


def _is_html_response(record) -> bool:  # noqa: ANN001 - warcio's ArcWarcRecord
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return status.startswith("2") and ("html" in content_type or not content_type)


def articles_from_warc(data: bytes, source: str) -> Iterator[Result]:
    """(target URI, article or error) per HTML response record."""
    stream = io.BytesIO(data)
    archive = ArchiveIterator(stream, arc2warc=True)
    records = iter(archive)
    while True:
        try:
            record = next(records)
            if not record.rec_headers.get_header("WARC-Type"):
                raise ValueError("a record without WARC-Type")
            if not _is_html_response(record):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{source}@{archive.get_record_offset()}"
            body = record.content_stream().read()
        except StopIteration:
            return
        # AttributeError: warcio reads a record without a target URI as None (found by fuzzing)
        except (ArchiveLoadFailed, ValueError, EOFError, OSError, zlib.error, AttributeError) as exc:
            where = f"{source}@{stream.tell()}"
            yield where, NewsprobeError(Code.BAD_WARC, f"at byte {stream.tell()}: {exc}", where)
            return
        try:
            yield uri, article_from_html(body, url=uri)
        except NewsprobeError as error:
            yield uri, error.with_source(uri)
