"""Gzip-compressed inputs (`page.html.gz`, `articles.jsonl.gz`, `story.txt.gz`): read as what they hold.

Web crawls and exports often store pages gzipped. A `.gz` file is decompressed and then read by the
suffix under `.gz` (or by sniffing, as for any file). WARC.gz archives are left to warcio, which reads
them record by record. Decompression stops at a cap, so a small file that expands without end (a
"gzip bomb") is refused with a coded error instead of filling the memory.
"""
from __future__ import annotations

import gzip
import io
import zlib

from newsprobe.errors import Code, NewsprobeError

GZIP_MAGIC = b"\x1f\x8b"
MAX_EXPANDED_BYTES = 1 << 30  # 1 GiB: far above any article file, far below the machine's memory


def is_gzip(data: bytes) -> bool:
    return data[:2] == GZIP_MAGIC


def inner_name(name: str) -> str:
    """`page.html.gz` -> `page.html`: the name that says what the compressed bytes are."""
    return name[:-3] if name.lower().endswith(".gz") else name


def gunzip(data: bytes, limit: int = MAX_EXPANDED_BYTES) -> bytes:
    """The decompressed bytes, or NP108 when the data is not valid gzip or expands beyond `limit`."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            expanded = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise NewsprobeError(Code.UNSUPPORTED_INPUT, f"damaged gzip data: {error}") from None
    if len(expanded) > limit:
        raise NewsprobeError(Code.UNSUPPORTED_INPUT, f"gzip data expands beyond {limit:,} bytes")
    return expanded
