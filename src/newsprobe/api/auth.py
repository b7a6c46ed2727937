"""Tokens on requests: writes always need one, reads only when `api_reads_need_token` is set."""
from __future__ import annotations

from pathlib import PurePath

from fastapi import Request

from newsprobe.api.tokens import token_valid
from newsprobe.errors import Code, NewsprobeError


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def check_token(request: Request) -> None:
    token = _bearer(request)
    if token is None:
        raise NewsprobeError(Code.UNAUTHORIZED, "no 'Authorization: Bearer' header")
    if not token_valid(request.app.state.service.store().engine, token):
        raise NewsprobeError(Code.FORBIDDEN, "unknown or revoked")


def require_write(request: Request) -> None:
    check_token(request)


def require_read(request: Request) -> None:
    if request.app.state.service.options.api_reads_need_token:
        check_token(request)


def holds_token(request: Request) -> bool:
    """Whether the request carries a valid token (readers without one see less, e.g. no server paths)."""
    token = _bearer(request)
    return token is not None and token_valid(request.app.state.service.store().engine, token)


def shown_source(source: str | None, full: bool) -> str | None:
    """What to show of an article's `source`: everything to token holders; to anonymous readers a URL or a
    label such as "<text>" as recorded, but of a file only its name (the server's folders are its own)."""
    if full or not source or "://" in source or source.startswith("<"):
        return source
    return PurePath(source.replace("\\", "/")).name or None
