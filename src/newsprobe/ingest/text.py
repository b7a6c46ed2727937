"""Plain text: bytes -> str without touching a character, so offsets match any gold annotation."""
from __future__ import annotations

import hashlib
import re
from datetime import date

from charset_normalizer import from_bytes

from newsprobe.errors import Code, NewsprobeError
from newsprobe.model import Article

# charset_normalizer cannot tell these single-byte Latin encodings apart on short texts; Windows-1252
# is what a legacy English-language page most likely used (WHATWG reads latin-1 labels as it too).
LATIN_FAMILY = {"cp1250", "cp1252", "latin_1", "iso8859_15", "iso8859_2", "cp1254", "cp1257", "mac_roman"}
# Share of control characters (other than whitespace) above which bytes are called binary.
MAX_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}
# JSON (a JSONL line, an API body) may spell a lone surrogate ("\ud800"), which no UTF-8 file or database holds.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def utf8_safe(value: str) -> str:
    """`value` with each lone surrogate replaced by U+FFFD: one character for one, so offsets hold."""
    return LONE_SURROGATE.sub("\ufffd", value)


def article_id(text: str, url: str | None = None) -> str:
    """Stable across runs: the same text at the same URL is the same article."""
    digest = hashlib.sha256(f"{url or ''}\n{text}".encode("utf-8")).hexdigest()
    return digest[:16]


def decode_text(data: bytes) -> str:
    """UTF-8 exactly as read; another encoding only when it is recognised with confidence."""
    if not data.strip():
        raise NewsprobeError(Code.EMPTY)
    if b"\x00" in data[:8192]:
        raise NewsprobeError(Code.BINARY, "it contains NUL bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None or best.chaos > 0.2:
            raise NewsprobeError(Code.ENCODING, "not UTF-8, and no other encoding fits") from None
        text = _prefer_cp1252(data, best.encoding) or str(best)
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in _ALLOWED_CONTROLS)
    if controls > MAX_CONTROL_SHARE * min(len(text), 8192):
        raise NewsprobeError(Code.BINARY, f"{controls} control characters")
    return text


def _prefer_cp1252(data: bytes, guessed: str) -> str | None:
    if guessed not in LATIN_FAMILY:
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


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


def article_from_text(text: str, *, url: str | None = None, **meta: object) -> Article:
    if not text.strip():
        raise NewsprobeError(Code.EMPTY)
    text = utf8_safe(text)  # found by fuzzing: a surrogate from JSON crashed the id and the store
    published = parse_published(meta.pop("published", None))  # type: ignore[arg-type]
    return Article(id=article_id(text, url), text=text, url=url, published=published, **meta)
