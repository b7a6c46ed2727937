"""Open a store: resolve the URL, connect, set SQLite up for a corpus (WAL), check it and migrate it to the
current schema; or open it read-only (no migration, nothing written) for the commands that only read."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from urllib.parse import quote

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError

from newsprobe.errors import Code, NewsprobeError
from newsprobe.store import integrity
from newsprobe.store.integrity import first_line
from newsprobe.store.lock import file_lock, lock_path, pg_lock

DEFAULT_DB = "newsprobe.db"
MIGRATIONS = Path(__file__).with_name("migrations")
BACKENDS = {"sqlite", "postgresql"}


def resolve_url(db: str | None = None) -> sa.URL:
    """`db` (a URL or a file path), else $NEWSPROBE_DB, else ./newsprobe.db; postgresql:// means psycopg 3."""
    spec = db or os.environ.get("NEWSPROBE_DB") or DEFAULT_DB
    if "://" not in spec:
        spec = f"sqlite:///{spec}"
    try:
        url = sa.make_url(spec)
    except sa.exc.ArgumentError as exc:
        raise NewsprobeError(Code.DB_URL, spec) from exc
    if url.get_backend_name() not in BACKENDS:
        raise NewsprobeError(Code.DB_URL, url.render_as_string(hide_password=True))
    if url.get_backend_name() == "postgresql" and url.drivername in {"postgresql", "postgres"}:
        url = url.set(drivername="postgresql+psycopg")
    return url


# busy_timeout first: a second process opening a new store waits for the first one's switch to WAL.
READ_PRAGMAS = ("busy_timeout=30000", "cache_size=-65536", "temp_store=MEMORY", f"mmap_size={1 << 34}")
# WAL: readers never block the writer; NORMAL sync is durable at every checkpoint and safe with WAL.
# mmap: reads of a large corpus become memory reads instead of one system call per page (SQLite caps
# the size at its compiled maximum); measured ~2.5x faster full-text search with filters at 100k.
WRITE_PRAGMAS = (READ_PRAGMAS[0], "journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", *READ_PRAGMAS[1:])
# SQLite's primary codes when a read-only open would have to write: SQLITE_READONLY, SQLITE_CANTOPEN.
SQLITE_NEEDS_WRITE = {8, 14}


def _pragmas(pragmas: tuple[str, ...]):  # noqa: ANN202 - a DBAPI connect hook
    def hook(dbapi_connection, _record) -> None:  # noqa: ANN001
        cursor = dbapi_connection.cursor()
        for pragma in pragmas:
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()
    return hook


def read_only_url(url: sa.URL, immutable: bool = False) -> sa.URL:
    """`url`'s SQLite file as a read-only URI (`mode=ro`); `immutable` also tells SQLite that nobody writes it,
    which lets it read a WAL store whose -shm file it may not create (a folder without write permission)."""
    if not url.database:  # not reached from open_engine, which opens an in-memory store for writing
        raise NewsprobeError(Code.DB_CONNECT, "a read-only store needs a file")
    path = quote(str(Path(url.database).expanduser().resolve()))
    query = {"mode": "ro", "uri": "true", **({"immutable": "1"} if immutable else {})}
    return url.set(database=f"file:{path}", query=query)


def is_new_sqlite(url: sa.URL) -> bool:
    """A SQLite store that does not exist yet (or lives in memory): opening it creates it."""
    database = url.database or ""
    return database in {"", ":memory:"} or not Path(database).expanduser().exists()


def create_engine(url: sa.URL, read_only: bool = False, immutable: bool = False) -> sa.Engine:
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            folder = Path(url.database).expanduser().resolve().parent
            if not folder.is_dir():
                raise NewsprobeError(Code.DB_CONNECT, f"no folder {folder}")
        engine = sa.create_engine(read_only_url(url, immutable) if read_only else url)
        sa.event.listen(engine, "connect", _pragmas(READ_PRAGMAS if read_only else WRITE_PRAGMAS))
    else:
        if read_only:  # added to the URL's own options (a search_path, say), not in their place
            own = url.query.get("options", ())  # a tuple when the URL repeats the key
            options = " ".join(filter(None, [*([own] if isinstance(own, str) else own),
                                             "-c default_transaction_read_only=on"]))
            url = url.update_query_dict({"options": options})
        engine = sa.create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    sa.event.listen(engine, "handle_error", integrity.on_error)
    return engine


def _alembic_config(connection: sa.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head() or ""


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _migration_lock(engine: sa.Engine) -> AbstractContextManager:
    """A lock file beside a SQLite store (PostgreSQL's advisory lock is taken inside the transaction)."""
    if engine.dialect.name == "sqlite" and engine.url.database not in {None, "", ":memory:"}:
        return file_lock(lock_path(engine.url.database))
    return nullcontext()


def migrate(engine: sa.Engine, lock: bool = True) -> str:
    """Bring the database to the newest schema (a no-op when it is there); return its revision.

    Concurrent openers of a new or old store migrate one at a time: each takes the lock, then looks at the
    revision again, so the second finds the work done. `lock=False`: the caller holds the lock already."""
    head = head_revision()
    try:
        if current_revision(engine) == head:
            return head
        with _migration_lock(engine) if lock else nullcontext(), engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                pg_lock(connection)
            if MigrationContext.configure(connection).get_current_revision() != head:
                command.upgrade(_alembic_config(connection), "head")
    except CommandError as exc:
        raise NewsprobeError(Code.DB_SCHEMA, exc) from exc
    except sa.exc.OperationalError as exc:
        raise NewsprobeError(Code.DB_CONNECT, first_line(exc)) from exc
    except OSError as exc:  # the lock file could not be made: the folder is not writable
        raise NewsprobeError(Code.DB_CONNECT, f"{exc.filename}: {exc.strerror}") from exc
    return head


def _connected(url: sa.URL, read_only: bool, immutable: bool = False) -> sa.Engine:
    """An engine whose first connection (and a first read) worked, or NP402 / NP415."""
    engine = create_engine(url, read_only, immutable)
    try:
        with engine.connect() as connection:
            if read_only:
                connection.exec_driver_sql("SELECT count(*) FROM sqlite_master" if url.get_backend_name() == "sqlite"
                                           else "SELECT 1")
    except (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.DatabaseError) as exc:
        engine.dispose()
        code = getattr(exc.orig, "sqlite_errorcode", 0) & 0xFF
        if read_only and not immutable and code in SQLITE_NEEDS_WRITE:
            return _connected(url, read_only, immutable=True)
        where = url.render_as_string(hide_password=True)
        raise NewsprobeError(Code.DB_CONNECT, f"{where}: {first_line(exc)}") from exc
    except NewsprobeError:
        engine.dispose()
        raise
    return engine


def open_engine(db: str | None = None, read_only: bool | None = False) -> tuple[sa.Engine, bool]:
    """A connected engine for `db` and whether it is read-only, or NP401/NP402/NP404/NP415/NP416.

    For writing the store is checked (NP415 when damaged) and migrated. `read_only` opens an existing SQLite
    file with `mode=ro` (a PostgreSQL session read-only): nothing is written, so a file or folder without
    write permission can still be searched; its schema must be current. A SQLite store that does not exist
    yet is created as before, read_only or not. `read_only=None`: for writing where the store allows it,
    else (an existing SQLite file this process may not write) read-only."""
    url = resolve_url(db)
    if read_only is None:
        try:
            return open_engine(db, read_only=False)
        except NewsprobeError as error:
            if error.code is not Code.DB_CONNECT or is_new_sqlite(url):
                raise
            return open_engine(db, read_only=True)
    if read_only and url.get_backend_name() == "sqlite" and is_new_sqlite(url):
        read_only = False
    with _open_lock(url, bool(read_only)):
        engine = _connected(url, bool(read_only))
        try:
            if read_only:
                _require_head(engine)
            else:  # a damaged SQLite file is not migrated; PostgreSQL's check reads the migrated tables
                sqlite = url.get_backend_name() == "sqlite"
                if sqlite:
                    integrity.check(engine)
                migrate(engine, lock=not sqlite)
                if not sqlite:
                    integrity.check(engine)
        except NewsprobeError:
            engine.dispose()
            raise
    return engine, bool(read_only)


def _open_lock(url: sa.URL, read_only: bool) -> AbstractContextManager:
    """Writers of a SQLite file connect, check and migrate one at a time: the first connection's switch to WAL
    can otherwise meet another process's migration and fail at once with "database is locked" (SQLite does
    not wait on a lock it could deadlock on)."""
    if read_only or url.get_backend_name() != "sqlite" or url.database in {None, "", ":memory:"}:
        return nullcontext()
    return _sqlite_lock(lock_path(url.database))


@contextmanager
def _sqlite_lock(path: Path) -> Iterator[None]:
    """`file_lock`, with a folder this process may not write (no lock file possible) as NP402."""
    try:
        lock = file_lock(path)
        lock.__enter__()
    except OSError as exc:
        raise NewsprobeError(Code.DB_CONNECT, f"{exc.filename}: {exc.strerror}") from exc
    try:
        yield
    finally:
        lock.__exit__(None, None, None)


def _require_head(engine: sa.Engine) -> None:
    try:
        current = current_revision(engine)
    except sa.exc.DatabaseError as exc:
        raise NewsprobeError(Code.DB_CONNECT, first_line(exc)) from exc
    if current != head_revision():
        raise NewsprobeError(Code.STORE_READ_ONLY_OLD, f"{integrity.store_name(engine.url)}: schema {current or 'none'}, "
                                                       f"this version needs {head_revision()}")


def write_error(exc: BaseException) -> NewsprobeError:
    """NP403 for a database error while writing (full disk, read-only file, lost server)."""
    return NewsprobeError(Code.DB_WRITE, first_line(exc))
