"""Plain text: bytes -> str without touching a character, so offsets match any gold annotation."""
from __future__ import annotations

import hashlib
import logging
import re
from contextvars import ContextVar
from datetime import date, timedelta
from typing import TypedDict, Unpack, cast

from charset_normalizer import from_bytes

from newsprobe.errors import Code, NewsprobeError
from newsprobe.model import Article, Licence, Span

# charset_normalizer cannot tell these single-byte Latin encodings apart on short texts; Windows-1252
# is what a legacy English-language page most likely used (WHATWG reads latin-1 labels as it too).
LATIN_FAMILY = {"cp1250", "cp1252", "latin_1", "iso8859_15", "iso8859_2", "cp1254", "cp1257", "mac_roman"}
# A publication date before this is a placeholder ("0001-01-01") or a typo, not when news was published.
EARLIEST_PUBLISHED = date(1900, 1, 1)
log = logging.getLogger("newsprobe.ingest")

# The input being read (set by read_inputs), so that a note names it.
reading: ContextVar[str] = ContextVar("reading", default="")
# Non-UTF-8 text with at most this share of bytes above 127 is mostly ASCII: Western European (cp1252),
# however charset_normalizer guesses (it calls short Latin-1 texts cp1125, cp1251 or cp932).
MAX_WESTERN_HIGH_SHARE = 0.2
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))
# Share of control characters (other than whitespace) above which bytes are called binary.
MAX_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}
# JSON (a JSONL line, an API body) may spell a lone surrogate ("\ud800"), which no UTF-8 file or database holds.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class ArticleFields(TypedDict, total=False):
    """Article's fields that an article may come with besides its text, url and date."""

    title: str | None
    outlet: str | None
    authors: list[str]
    dateline: Span | None
    language: str | None
    licence: Licence | None


class ArticleMeta(ArticleFields, total=False):
    """The same with the publication date as given (checked by article_from_text)."""

    published: str | date | None


def present(meta: ArticleMeta) -> ArticleMeta:
    """`meta` without its empty values (so that a later source can fill them)."""
    # a filtered TypedDict is still one; mypy cannot follow a comprehension over its items
    return cast(ArticleMeta, {k: v for k, v in meta.items() if v})


def utf8_safe(value: str) -> str:
    """`value` with each lone surrogate replaced by U+FFFD: one character for one, so offsets hold."""
    return LONE_SURROGATE.sub("\ufffd", value)


def article_id(text: str, url: str | None = None) -> str:
    """Stable across runs: the same text at the same URL is the same article."""
    digest = hashlib.sha256(f"{url or ''}\n{text}".encode()).hexdigest()
    return digest[:16]


def decode_text(data: bytes) -> str:
    """UTF-8 exactly as read; UTF-16/32 with a byte-order mark; else the likeliest other encoding."""
    if not data.strip():
        raise NewsprobeError(Code.EMPTY)
    text = _decode_with_bom(data)
    if text is None:
        if b"\x00" in data[:8192]:
            raise NewsprobeError(Code.BINARY, "it contains NUL bytes")
        text = _decode(data)
    if not text.strip():
        raise NewsprobeError(Code.EMPTY)
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in _ALLOWED_CONTROLS)
    if controls > MAX_CONTROL_SHARE * min(len(text), 8192):
        raise NewsprobeError(Code.BINARY, f"{controls} control characters")
    return text


def _decode_with_bom(data: bytes) -> str | None:
    """UTF-16 or UTF-32 text announced by its byte-order mark (their NUL bytes are not binary)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise NewsprobeError(Code.ENCODING, f"{codec} byte-order mark, but not {codec} text") from None
    return None


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    if sum(1 for c in lenient if ord(c) > 127 and c != "\ufffd") > bad:
        return lenient  # UTF-8 with a few broken bytes: each becomes U+FFFD, the rest stays exact
    high = sum(1 for b in data if b > 127)
    best = from_bytes(data).best()
    if high <= MAX_WESTERN_HIGH_SHARE * len(data) or (best is not None and best.encoding in LATIN_FAMILY):
        return _western(data)  # mostly ASCII: a Western codepage, whatever CJK/Cyrillic guess was made
    if best is None or best.chaos > 0.2:
        raise NewsprobeError(Code.ENCODING, "not UTF-8, and no other encoding fits")
    return str(best)


def _western(data: bytes) -> str:
    """Windows-1252, or Latin-1 for the five bytes cp1252 leaves undefined (Latin-1 decodes any byte)."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def parse_published(value: str | date | None) -> str | None:
    """An ISO date string from YYYY-MM-DD (a longer ISO timestamp keeps its date part)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    try:
        return date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise NewsprobeError(Code.BAD_DATE, value) from None


def is_plausible_published(day: str | None) -> bool:
    """Whether an ISO date can be a publication date: from 1900 to tomorrow (time zones run ahead)."""
    return day is None or EARLIEST_PUBLISHED <= date.fromisoformat(day[:10]) <= date.today() + timedelta(days=1)


def plausible_published(value: str | date | None, where: str = "") -> str | None:
    """The ISO date of `value` if it can be a publication date; else None, with a note in the log."""
    day = parse_published(value)
    if is_plausible_published(day):
        return day
    place = ": ".join(p for p in (reading.get(), where) if p)
    log.warning("note: %spublication date %s ignored (before 1900 or after tomorrow)",
                f"{place}: " if place else "", day)
    return None


def check_published(value: str | date | None) -> str | None:
    """A publication date the user gave explicitly (--published): NP107 if not a date, NP708 if implausible."""
    day = parse_published(value)
    if not is_plausible_published(day):
        raise NewsprobeError(Code.IMPLAUSIBLE_DATE, day)
    return day


def article_from_text(text: str, *, url: str | None = None, published: str | date | None = None,
                      **meta: Unpack[ArticleFields]) -> Article:
    if not text.strip():
        raise NewsprobeError(Code.EMPTY)
    text = utf8_safe(text)  # found by fuzzing: a surrogate from JSON crashed the id and the store
    return Article(id=article_id(text, url), text=text, url=url, published=plausible_published(published, url or ""),
                   **meta)
