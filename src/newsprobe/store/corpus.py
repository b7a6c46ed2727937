"""The Store: add analyses (one transaction each, or in bulk), read them back, record failures."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import chain, islice

import psycopg
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from newsprobe.errors import Code, NewsprobeError
from newsprobe.model import Analysis
from newsprobe.store import schema
from newsprobe.store.db import open_engine, write_error
from newsprobe.store.integrity import damaged, first_line, is_damage
from newsprobe.store.rows import (
    ARTICLE_COLUMNS,
    COLUMNS,
    FINDING_TABLES,
    Findings,
    analysis_dict,
    analysis_from_row,
    article_row,
    finding_rows,
    stored_time,
)

# Ids per `IN (...)` lookup: well under SQLite's 32,766 bound parameters.
ID_CHUNK = 900
# A row the database refuses (a NUL in PostgreSQL text) or an id another writer stored meanwhile.
REFUSED = (sa.exc.IntegrityError, sa.exc.DataError, sqlite3.IntegrityError, psycopg.IntegrityError,
           psycopg.DataError)
DUPLICATE = (sa.exc.IntegrityError, sqlite3.IntegrityError, psycopg.IntegrityError)
# The database itself failing: a full disk, a read-only file or session, a lost server.
WRITE_FAILED = (sa.exc.OperationalError, sqlite3.OperationalError, psycopg.OperationalError,
                psycopg.errors.ReadOnlySqlTransaction)


def _names(columns: tuple[str, ...]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def _sqlite_insert(table: str, columns: tuple[str, ...], rows: int = 1) -> str:
    one = f"({', '.join('?' * len(columns))})"
    return f"INSERT INTO {table} ({_names(columns)}) VALUES {', '.join([one] * rows)}"


# Finding rows go in several to a statement (about 500 values): a step and a reset per row cost more
# than the row (measured in memory: mentions 0.25 -> 0.14 s, events 0.44 -> 0.37 s per 150k rows).
SQLITE_VALUES = 500


def _sqlite_statements(name: str) -> tuple[str, str, int]:
    """(one-row INSERT, several-row INSERT, rows in the latter) for finding table `name`."""
    per = max(1, SQLITE_VALUES // len(COLUMNS[name]))
    return _sqlite_insert(name, COLUMNS[name]), _sqlite_insert(name, COLUMNS[name], per), per


SQLITE_ARTICLE = _sqlite_insert("articles", ARTICLE_COLUMNS)
SQLITE_FINDINGS = {name: _sqlite_statements(name) for name in FINDING_TABLES}
# One statement for the batch's articles: FTS5 flushes a segment per statement (migration 0003).
SQLITE_FTS = "INSERT INTO articles_fts(rowid, title, text) SELECT pk, title, text FROM articles WHERE pk BETWEEN ? AND ?"
PG_ARTICLE = f"COPY articles (pk, {_names(ARTICLE_COLUMNS)}) FROM STDIN"
PG_FINDINGS = {name: f"COPY {name} ({_names(COLUMNS[name])}) FROM STDIN" for name in FINDING_TABLES}
PG_NEXT_PKS = "SELECT nextval(pg_get_serial_sequence('articles', 'pk')) FROM generate_series(1, %s)"


def _sqlite_rows(cursor: sqlite3.Cursor, name: str, rows: list[tuple]) -> None:
    """`rows` into finding table `name`, `per` rows to a statement, the rest one by one."""
    single, several, per = SQLITE_FINDINGS[name]
    whole = len(rows) - len(rows) % per
    if whole:
        cursor.executemany(several, [tuple(chain.from_iterable(rows[i:i + per])) for i in range(0, whole, per)])
    if whole < len(rows):
        cursor.executemany(single, rows[whole:])


def _write_sqlite(cursor: sqlite3.Cursor, batch: list[dict], stored_at: str) -> None:
    """Each article by itself (its pk is the rowid SQLite gives it), their full text indexed in one statement,
    then each finding table's rows. The transaction holds the write lock, so the pks between the batch's
    first and last are all its own."""
    findings: Findings = {name: [] for name in FINDING_TABLES}
    first = None
    for data in batch:
        cursor.execute(SQLITE_ARTICLE, article_row(data, stored_at))
        pk = cursor.lastrowid
        assert pk is not None  # set by every INSERT (None only before the cursor's first one)
        first = first or pk
        for name, rows in finding_rows(data, pk).items():
            findings[name] += rows
    cursor.execute(SQLITE_FTS, (first, cursor.lastrowid))
    for name, rows in findings.items():
        _sqlite_rows(cursor, name, rows)


def _write_postgresql(cursor: psycopg.Cursor, batch: list[dict], stored_at: str) -> None:
    """The batch's pks drawn from the sequence first, then COPY ... FROM STDIN into each table."""
    cursor.execute(PG_NEXT_PKS, (len(batch),))
    pks = sorted(pk for (pk,) in cursor.fetchall())
    findings: Findings = {name: [] for name in FINDING_TABLES}
    with cursor.copy(PG_ARTICLE) as copy:
        for pk, data in zip(pks, batch):
            copy.write_row((pk, *article_row(data, stored_at)))
            for name, rows in finding_rows(data, pk).items():
                findings[name] += rows
    for name, rows in findings.items():
        if rows:
            with cursor.copy(PG_FINDINGS[name]) as copy:
                for row in rows:
                    copy.write_row(row)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """A corpus in SQLite or PostgreSQL. `Store()` opens ./newsprobe.db (or $NEWSPROBE_DB).

    `read_only`: for the commands that only read (search, stats, export): nothing is migrated or written,
    so a store without write permission can be read; None: read-only only where writing is refused."""

    def __init__(self, db: str | None = None, read_only: bool | None = False) -> None:
        self.engine, self.read_only = open_engine(db, read_only)
        self.dialect = self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- reading ---------------------------------------------------------------------------
    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Those of `ids` already stored."""
        ids = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self.engine.connect() as connection:
            for start in range(0, len(ids), ID_CHUNK):
                chunk = ids[start:start + ID_CHUNK]
                query = sa.select(schema.articles.c.id).where(schema.articles.c.id.in_(chunk))
                found.update(connection.scalars(query))
        return found

    def count(self) -> int:
        with self.engine.connect() as connection:
            return connection.scalar(sa.select(sa.func.count()).select_from(schema.articles)) or 0

    def get(self, article_id: str) -> Analysis:
        """The stored Analysis of `article_id`, exactly as analysed (NP407 when absent)."""
        query = sa.select(schema.articles.c.analysis, schema.articles.c.text).where(
            schema.articles.c.id == article_id)
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None:
            raise NewsprobeError(Code.NOT_STORED, article_id)
        return analysis_from_row(row.analysis, row.text)

    def analyses(self, ids: Iterable[str] | None = None) -> Iterator[Analysis]:
        """Every stored Analysis (or those of `ids`), streamed in storage order."""
        query = sa.select(schema.articles.c.analysis, schema.articles.c.text).order_by(schema.articles.c.pk)
        if ids is None:
            chunks: Iterable[sa.Select] = [query]
        else:
            ids = list(ids)
            chunks = (query.where(schema.articles.c.id.in_(ids[i:i + ID_CHUNK])) for i in range(0, len(ids), ID_CHUNK))
        with self.engine.connect().execution_options(stream_results=True, yield_per=500) as connection:
            for chunk in chunks:
                for row in connection.execute(chunk):
                    yield analysis_from_row(row.analysis, row.text)

    # --- writing ---------------------------------------------------------------------------
    @contextmanager
    def _transaction(self) -> Iterator[sa.Connection]:
        """A write transaction. On SQLite its foreign-key checks are off: the writer's finding rows point at the
        article it has just inserted in the same transaction, so the check (a look-up per row, 11% of the
        database's share of a bulk load) cannot fail there. The connection gets them back before it is reused."""
        with self.engine.connect() as connection:
            driver = connection.connection.driver_connection if self.dialect == "sqlite" else None
            if driver is not None:
                driver.execute("PRAGMA foreign_keys=OFF")  # outside a transaction, where it takes effect
            try:
                with connection.begin():
                    yield connection
            except Exception as exc:  # the writer's own driver cursors bypass the engine's error hook
                if is_damage(exc):
                    raise damaged(str(self.engine.url.database or "the database"), first_line(exc)) from exc
                raise
            finally:
                if driver is not None:
                    driver.execute("PRAGMA foreign_keys=ON")

    def _write(self, connection: sa.Connection, batch: list[dict]) -> None:
        """Every row of `batch` through the driver's fastest path (no per-row SQLAlchemy work)."""
        driver = connection.connection.driver_connection
        assert driver is not None  # a checked-out connection holds its driver's (None only once detached)
        cursor = driver.cursor()
        try:
            if self.dialect == "sqlite":
                _write_sqlite(cursor, batch, stored_time(_now()))
            else:
                _write_postgresql(cursor, batch, stored_time(_now()))
        finally:
            cursor.close()

    def add(self, analysis: Analysis | dict, clear_failures_of: str | None = None) -> bool:
        """Store one analysis in one transaction; False (and nothing written) if its id is stored.

        `clear_failures_of`: an input whose earlier failures this success replaces (same transaction).
        """
        data = analysis_dict(analysis)
        try:
            with self._transaction() as connection:
                self._write(connection, [data])
                if clear_failures_of:
                    connection.execute(schema.failures.delete().where(schema.failures.c.source == clear_failures_of))
        except DUPLICATE:
            if self.stored_ids([data["article"]["id"]]):
                return False
            raise
        except REFUSED as exc:  # e.g. a NUL character, which PostgreSQL text cannot hold
            raise NewsprobeError(Code.DB_REFUSED_ARTICLE, first_line(exc)) from exc
        except WRITE_FAILED as exc:
            raise write_error(exc) from exc
        return True

    def add_many(self, analyses: Iterable[Analysis | dict], batch_size: int = 2000) -> int:
        """Bulk load: one transaction per batch, all or nothing; stored and repeated ids are skipped.

        Returns how many were added. A batch the database refuses (a value it cannot hold, an id another
        writer stored meanwhile) is rolled back whole and stored again article by article, each in its own
        transaction; an article refused then is recorded as a failure of its source. A failing database
        (full disk) ends the load with NP403, every batch before intact.
        """
        added = 0
        items = iter(analyses)
        while batch := list(islice(items, batch_size)):
            added += self._add_batch([analysis_dict(a) for a in batch])
        return added

    def _add_batch(self, batch: list[dict]) -> int:
        seen = self.stored_ids(d["article"]["id"] for d in batch)
        fresh = []
        for data in batch:
            if (aid := data["article"]["id"]) not in seen:
                seen.add(aid)
                fresh.append(data)
        if not fresh:
            return 0
        try:
            with self._transaction() as connection:
                self._write(connection, fresh)
        except REFUSED:
            return self._add_singly(fresh)
        except WRITE_FAILED as exc:
            raise write_error(exc) from exc
        return len(fresh)

    def _add_singly(self, batch: list[dict]) -> int:
        added = 0
        for data in batch:
            try:
                added += self.add(data)
            except NewsprobeError as error:
                if error.code is not Code.DB_REFUSED_ARTICLE:
                    raise
                self.add_failure(data.get("source") or data["article"]["id"], error.code.value, error.reason)
        return added

    def add_failure(self, source: str, code: str, reason: str) -> None:
        """Record (or count again) that `source` failed with `code`."""
        now = _now()
        insert = (sqlite.insert if self.dialect == "sqlite" else postgresql.insert)(schema.failures)
        statement = insert.values(source=source, code=code, reason=reason, count=1, first_at=now, last_at=now)
        statement = statement.on_conflict_do_update(
            index_elements=["source", "code"],
            set_={"reason": reason, "last_at": now, "count": schema.failures.c["count"] + 1})
        try:
            with self.engine.begin() as connection:
                connection.execute(statement)
        except sa.exc.OperationalError as exc:
            raise write_error(exc) from exc

    def failures(self) -> list[dict]:
        query = sa.select(schema.failures).order_by(schema.failures.c.last_at, schema.failures.c.pk)
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]
