"""Locks between processes sharing a store. One migration at a time: two processes creating the same new
store would otherwise both run the first migration, and the second would fail with "table articles already
exists". One story assigner at a time: each assigns from the stories stored when it starts."""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

# Any fixed 64-bit number: the key of newsprobe's PostgreSQL advisory lock for migrations.
PG_MIGRATION_KEY = 0x6E70_6D69_6772
PG_STORIES_KEY = 0x6E70_7374_6F72  # the same for the story assigners


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive flock on `path`, created beside the database and removed afterwards.

    Removing a lock file is safe only by its holder and only if the name still points at the file it locked:
    a process that opened the name before it was removed locks a file nobody else sees, so it checks the
    inode after locking and tries again."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(fd)
    try:
        yield
    finally:
        os.unlink(path)
        os.close(fd)


def lock_path(database: str) -> Path:
    return Path(database).expanduser().resolve().with_name(Path(database).name + ".migrate-lock")


def pg_lock(connection: sa.Connection) -> None:
    """Hold PostgreSQL's advisory lock until `connection`'s transaction ends (its DDL is transactional)."""
    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_MIGRATION_KEY})")


def story_writer_lock(connection: sa.Connection, stories: sa.Table) -> None:
    """Wait until no other writer is assigning stories, then hold that right until `connection`'s
    transaction ends. Must open the transaction: PostgreSQL takes an advisory lock; SQLite (WAL) takes its
    write lock with a first statement that writes nothing, so the reads after it see every story
    committed before (a read first would pin an older snapshot, and the later write would fail)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_STORIES_KEY})")
    else:  # waits up to the connection's busy_timeout (db.py)
        connection.execute(stories.update().where(sa.false()).values(created_at=stories.c.created_at))
