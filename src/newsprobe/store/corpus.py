"""The Store: add analyses (one transaction each, or in bulk), read them back, record failures."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from itertools import islice
from operator import itemgetter

import psycopg
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from newsprobe.errors import Code, NewsprobeError
from newsprobe.model import Analysis
from newsprobe.store import schema
from newsprobe.store.db import open_engine, write_error
from newsprobe.store.rows import Rows, analysis_dict, analysis_from_row, analysis_rows

TABLES = {t.name: t for t in (schema.articles, *schema.FINDING_TABLES)}
# Ids per `IN (...)` lookup: well under SQLite's 32,766 bound parameters.
ID_CHUNK = 900


def _sqlite_value(kind: sa.types.TypeEngine):  # noqa: ANN202
    """How SQLAlchemy's SQLite dialect stores a value of `kind`, for the raw bulk path (None: as is)."""
    if isinstance(kind, sa.DateTime):
        return lambda v: v and v.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(kind, sa.Date):
        return lambda v: v and v.isoformat()
    if isinstance(kind, sa.Boolean):
        return lambda v: None if v is None else int(v)
    return None


def _sqlite_tuples(columns: list[sa.Column], rows: list[dict]) -> Iterator[tuple]:
    pick = itemgetter(*(c.name for c in columns))
    converters = [(i, f) for i, c in enumerate(columns) if (f := _sqlite_value(c.type))]
    for row in rows:
        values = pick(row)
        if converters:
            values = list(values)
            for i, convert in converters:
                values[i] = convert(values[i])
        yield tuple(values)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Store:
    """A corpus in SQLite or PostgreSQL. `Store()` opens ./newsprobe.db (or $NEWSPROBE_DB)."""

    def __init__(self, db: str | None = None) -> None:
        self.engine = open_engine(db)
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
    def _insert(self, connection: sa.Connection, rows: Rows) -> None:
        for name, table in TABLES.items():
            if rows.get(name):
                connection.execute(table.insert(), rows[name])

    def add(self, analysis: Analysis | dict, clear_failures_of: str | None = None) -> bool:
        """Store one analysis in one transaction; False (and nothing written) if its id is stored.

        `clear_failures_of`: an input whose earlier failures this success replaces (same transaction).
        """
        rows = analysis_rows(analysis)
        try:
            with self.engine.begin() as connection:
                self._insert(connection, rows)
                if clear_failures_of:
                    connection.execute(schema.failures.delete().where(schema.failures.c.source == clear_failures_of))
        except sa.exc.IntegrityError:
            if self.stored_ids([rows["articles"][0]["id"]]):
                return False
            raise
        except sa.exc.DataError as exc:  # e.g. a NUL character, which PostgreSQL text cannot hold
            raise NewsprobeError(Code.DB_REFUSED_ARTICLE, str(exc.orig).splitlines()[0]) from exc
        except sa.exc.OperationalError as exc:
            raise write_error(exc) from exc
        return True

    def add_many(self, analyses: Iterable[Analysis | dict], batch_size: int = 2000) -> int:
        """Bulk load: one transaction and one executemany per table per batch; stored ids are skipped.

        Returns how many were added. A failed batch is rolled back whole, so nothing is half written.
        """
        added = 0
        items = iter(analyses)
        while batch := list(islice(items, batch_size)):
            added += self._add_batch([analysis_dict(a) for a in batch])
        return added

    def _bulk_insert(self, connection: sa.Connection, rows: Rows) -> None:
        """The bulk path: the driver's own fastest way, past SQLAlchemy's per-row parameter handling.

        SQLite: one executemany of plain tuples per table. PostgreSQL: COPY ... FROM STDIN.
        """
        cursor = connection.connection.driver_connection.cursor()
        for name, table in TABLES.items():
            if not rows.get(name):
                continue
            columns = [c for c in table.columns if c.name in rows[name][0]]
            names = ", ".join(self.engine.dialect.identifier_preparer.quote(c.name) for c in columns)
            if self.dialect == "sqlite":
                cursor.executemany(f"INSERT INTO {name} ({names}) VALUES ({', '.join('?' * len(columns))})",
                                   _sqlite_tuples(columns, rows[name]))
            else:
                with cursor.copy(f"COPY {name} ({names}) FROM STDIN") as copy:
                    for row in rows[name]:
                        copy.write_row(tuple(row[c.name] for c in columns))
        cursor.close()

    def _add_batch(self, batch: list[dict]) -> int:
        stored = self.stored_ids(d["article"]["id"] for d in batch)
        now, seen = _now(), set(stored)
        merged: Rows = {name: [] for name in TABLES}
        for data in batch:
            if (aid := data["article"]["id"]) in seen:
                continue
            seen.add(aid)
            for name, rows in analysis_rows(data, now).items():
                merged[name].extend(rows)
        if not merged["articles"]:
            return 0
        try:
            with self.engine.begin() as connection:
                self._bulk_insert(connection, merged)
        except (sa.exc.OperationalError, sqlite3.OperationalError, psycopg.OperationalError) as exc:
            raise write_error(exc) from exc
        return len(merged["articles"])

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
