"""A damaged store is named, never a traceback: a cheap check when a store opens for writing, and every
database error that means "damaged" mapped to NP415 wherever SQLAlchemy meets it (the engine's error hook)."""
from __future__ import annotations

import sqlite3
from urllib.parse import unquote

import psycopg
import sqlalchemy as sa

from newsprobe.errors import Code, NewsprobeError

# SQLite's primary result codes for a damaged file: SQLITE_CORRUPT (11), SQLITE_NOTADB (26).
SQLITE_DAMAGED = {11, 26}
# PostgreSQL's SQLSTATEs for damage: data_corrupted, index_corrupted.
PG_DAMAGED = {"XX001", "XX002"}


def first_line(exc: BaseException) -> str:
    message = str(getattr(exc, "orig", None) or exc).strip()
    return message.splitlines()[0] if message else type(exc).__name__


def is_damage(exc: BaseException) -> bool:
    """True when `exc` (a DBAPI error, or SQLAlchemy's wrapper of one) says the database file is damaged."""
    exc = getattr(exc, "orig", None) or exc
    if isinstance(exc, sqlite3.DatabaseError):
        return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in SQLITE_DAMAGED
    return isinstance(exc, psycopg.Error) and getattr(exc, "sqlstate", None) in PG_DAMAGED


def store_name(url: sa.URL) -> str:
    """The SQLite file of `url` as the user named it (a read-only open uses a `file:` URI), else 'the database'."""
    if url.get_backend_name() != "sqlite":
        return "the database"
    database = url.database or ":memory:"
    return unquote(database[len("file:"):]) if database.startswith("file:") else database


def damaged(where: str, detail: str) -> NewsprobeError:
    return NewsprobeError(Code.STORE_DAMAGED, f"{where}: {detail}")


def on_error(context: sa.engine.ExceptionContext) -> None:
    """SQLAlchemy's handle_error hook: a damage error, on any read or write through the engine, becomes NP415
    (raising here replaces SQLAlchemy's exception)."""
    if is_damage(context.original_exception):
        where = store_name(context.engine.url) if context.engine is not None else "the database"
        raise damaged(where, first_line(context.original_exception)) from context.original_exception


def check(engine: sa.Engine) -> None:
    """NP415 unless the store passes a cheap check: SQLite's `PRAGMA quick_check` (every page and index entry
    is well formed, without the slower cross-checks of integrity_check); on PostgreSQL, which checks its own
    pages, a read of the articles table."""
    sqlite = engine.dialect.name == "sqlite"
    query = "PRAGMA quick_check(5)" if sqlite else "SELECT count(*) FROM (SELECT 1 FROM articles LIMIT 1) AS one"
    try:
        with engine.connect() as connection:
            found = [str(row[0]) for row in connection.exec_driver_sql(query)]
    except sa.exc.DatabaseError as exc:  # not damage (on_error raised that): locked, lost server, ...
        raise NewsprobeError(Code.DB_CONNECT, f"{store_name(engine.url)}: {first_line(exc)}") from exc
    if sqlite and found != ["ok"]:
        raise damaged(store_name(engine.url), "; ".join(found)[:300])


