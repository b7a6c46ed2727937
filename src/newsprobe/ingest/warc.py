"""WARC and WARC.gz web archives (warcio): one article per HTML response record.

Records that are not successful HTML responses (requests, metadata, images, redirects) are not
articles and are passed over. A corrupt or truncated record (a download cut short) ends the archive
with one NP412 error; the articles read before it stand. An archive with no complete record is NP412.
"""
from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from newsprobe.errors import Code, NewsprobeError
from newsprobe.failures import READ, coded
from newsprobe.ingest.html import article_from_html
from newsprobe.model import Article

Result = tuple[str, Article | NewsprobeError]
WARC_SUFFIXES = (".warc", ".warc.gz")
GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20


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


def _check_complete(record, read: bool) -> None:  # noqa: ANN001 - warcio's ArcWarcRecord
    """A record whose bytes end before its Content-Length: the archive was cut short (warcio reads on)."""
    if not read:
        record.raw_stream.read()  # the rest of a record that is not an article, to see that it is whole
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise EOFError(f"a record ends {record.raw_stream.limit} bytes before its declared length")


def _ending_problem(data: bytes, complete: int) -> str | None:
    """Why an archive that warcio read to its end is still not whole (warcio stops quietly at a cut)."""
    if not complete:
        return "no complete record: the file is cut short or not a WARC"
    if data[:2] == GZIP_MAGIC and _gzip_cut_short(data):
        return "the last gzip member is cut short: the file was not copied or downloaded whole"
    return None


def _gzip_cut_short(data: bytes) -> bool:
    """Whether the gzip members of `data` end before their end marker (decompressed in chunks, discarded)."""
    view, offset = memoryview(data), 0
    while offset < len(data):
        member, pos = zlib.decompressobj(wbits=31), offset
        try:
            while not member.eof and pos < len(data):
                member.decompress(view[pos:pos + _CHUNK])
                pos = min(pos + _CHUNK, len(data))
        except zlib.error:
            return True
        if not member.eof:
            return True
        offset = pos - len(member.unused_data)
    return False


def articles_from_warc(data: bytes, source: str) -> Iterator[Result]:
    """(target URI, article or error) per HTML response record."""
    from warcio.archiveiterator import ArchiveIterator  # here: sniffing a name or bytes needs no warcio
    from warcio.exceptions import ArchiveLoadFailed

    stream = io.BytesIO(data)
    archive = ArchiveIterator(stream, arc2warc=True)
    records = iter(archive)
    complete = 0
    while True:
        try:
            record = next(records)
            if not record.rec_headers.get_header("WARC-Type"):
                raise ValueError("a record without WARC-Type")
            html = _is_html_response(record)
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{source}@{archive.get_record_offset()}"
            body = record.content_stream().read() if html else b""
            _check_complete(record, html)
            complete += 1
            if not html:
                continue
        except StopIteration:
            if problem := _ending_problem(data, complete):
                where = f"{source}@{len(data)}"
                yield where, NewsprobeError(Code.BAD_WARC, problem, where)
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
        except Exception as exc:  # noqa: BLE001 - one item nobody foresaw fails alone (NP112), the rest go on
            yield uri, coded(exc, uri, READ)
