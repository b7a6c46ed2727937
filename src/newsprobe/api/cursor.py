"""Opaque pagination cursors: a base64url JSON position that only this server writes and reads."""
from __future__ import annotations

import base64
import binascii
import json

from newsprobe.errors import Code, NewsprobeError

# The largest position: the store's keys and offsets are 32-bit integers on PostgreSQL (SQLite's are 64-bit).
MOST = 2**31 - 1
LONGEST = 200  # this server's cursors are far shorter; a longer one is refused before it is decoded


def encode(position: dict[str, int]) -> str:
    return base64.urlsafe_b64encode(json.dumps(position, separators=(",", ":")).encode()).decode().rstrip("=")


def decode(cursor: str | None, key: str) -> int | None:
    """The integer `key` of `cursor` (None without a cursor), or NP905 for anything this server did not write."""
    if not cursor:
        return None
    if len(cursor) > LONGEST:
        raise NewsprobeError(Code.BAD_CURSOR, cursor[:40])
    try:
        position = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        value = position[key]
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
        raise NewsprobeError(Code.BAD_CURSOR, cursor[:40]) from None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MOST:
        raise NewsprobeError(Code.BAD_CURSOR, cursor[:40])
    return value
