"""Checks on what a request sends, so that bad input is a coded 4xx before it reaches a pipeline or a query."""
from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlsplit

from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest.text import parse_published

EARLIEST = date(1900, 1, 1)


def unicode_text(value: str | None, name: str) -> None:
    """NP909 for a lone surrogate (JSON's "\\ud800" decodes to one): it cannot be encoded, stored or analysed."""
    if value is None:
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise NewsprobeError(Code.BAD_UNICODE, f"{name}: U+{ord(value[exc.start]):04X} at offset {exc.start}") from None


def request_date(value: str | None) -> str | None:
    """An ISO date from 1900-01-01 to tomorrow (NP107 when it is not a date, NP910 outside that range)."""
    day = parse_published(value)
    if day is None:
        return None
    latest = date.today() + timedelta(days=1)
    if not EARLIEST <= date.fromisoformat(day) <= latest:
        raise NewsprobeError(Code.DATE_OUT_OF_RANGE, day)
    return day


def in_range(value: str | None) -> str | None:
    """A filter's date as given; NP910 when it is a date outside 1900-01-01..tomorrow (the store refuses
    what is not a date at all with NP405)."""
    try:
        request_date(value)
    except NewsprobeError as error:
        if error.code is Code.DATE_OUT_OF_RANGE:
            raise
    return value


def web_address(url: str) -> str:
    """The URL when it parses as http(s) with a host (NP201 other schemes, NP911 anything unparsable)."""
    if "://" not in url[:12]:
        raise NewsprobeError(Code.URL_SCHEME, url[:80])
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it validates the port (ValueError when out of range)
    except ValueError as exc:
        raise NewsprobeError(Code.BAD_URL, f"{url[:80]}: {exc}") from None
    if parts.scheme.lower() not in {"http", "https"}:
        raise NewsprobeError(Code.URL_SCHEME, url[:80])
    if not parts.hostname:
        raise NewsprobeError(Code.BAD_URL, f"{url[:80]}: no host")
    return url
