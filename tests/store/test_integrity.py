"""A damaged store is refused with NP415 (never a traceback), concurrent first opens migrate once, and a store
without write permission can still be read."""
from __future__ import annotations

import multiprocessing
import os
import stat
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from tests.store.store_fixtures import TEXT, database, full_analysis
from tests.web.web_fixtures import make_client
from typer.testing import CliRunner

from newsprobe.cli import app
from newsprobe.errors import Code, NewsprobeError
from newsprobe.store import Filters, Store, all_stats, search
from newsprobe.store.db import head_revision
from newsprobe.store.export import analysis_lines

pytestmark = pytest.mark.slow  # forked and concurrent writers

ARTICLES = 300


def filled(path: Path) -> Path:
    with Store(f"sqlite:///{path}") as store:
        store.add_many(full_analysis(TEXT + f" Extra sentence {i}." * 30, aid=f"a{i}") for i in range(ARTICLES))
    return path


def damage(path: Path) -> None:
    """8 KB of random bytes written into the middle of the file, as a failing disk or a stray write would."""
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.seek(size // 2)
        file.write(os.urandom(8192))


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = filled(tmp_path / "damaged.db")
    damage(path)
    return path


def test_a_damaged_store_is_refused_for_writing(damaged: Path) -> None:
    with pytest.raises(NewsprobeError) as caught:
        Store(f"sqlite:///{damaged}")
    assert caught.value.code is Code.STORE_DAMAGED
    assert ".recover" in caught.value.hint and "backup" in caught.value.hint


@pytest.mark.parametrize("read", [
    lambda store: search(store, Filters()),
    lambda store: all_stats(store, Filters()),
    lambda store: list(analysis_lines(store, Filters())),
])
def test_reads_of_a_damaged_store_give_np415(damaged: Path, read) -> None:
    with Store(f"sqlite:///{damaged}", read_only=True) as store, pytest.raises(NewsprobeError) as caught:
        read(store)
    assert caught.value.code is Code.STORE_DAMAGED


@pytest.mark.parametrize("command", [["ingest", "IN"], ["search"], ["stats"], ["export"]])
def test_cli_on_a_damaged_store_says_np415_in_one_line(damaged: Path, tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "in.txt").write_text("Officials met in Vienna on Monday.", encoding="utf-8")
    args = [str(tmp_path / "in.txt") if a == "IN" else a for a in command]
    result = CliRunner().invoke(app, [*args, "--db", str(damaged)])
    assert result.exit_code != 0
    assert "[NP415]" in result.output and "Traceback" not in result.output
    assert not isinstance(result.exception, NewsprobeError | sa.exc.DatabaseError), result.exception


def test_api_on_a_damaged_store_answers_503_before_any_export_byte(tmp_path: Path) -> None:
    client = make_client(tmp_path, stored=[full_analysis(TEXT + f" {i}." * 30, aid=f"a{i}") for i in range(ARTICLES)])
    with client:
        assert client.get("/search").status_code == 200  # the store opens fine, then is damaged under it
        damage(tmp_path / "api.db")
        client.app.state.service.store().engine.dispose()  # no pages cached from before the damage
        for path in ("/export", "/export?format=jsonl", "/export?format=csv&table=mentions"):
            response = client.get(path)
            assert response.status_code == 503, path
            assert response.json()["error"]["code"] == "NP415", path


def test_api_over_a_damaged_store_answers_503(damaged: Path) -> None:
    from fastapi.testclient import TestClient

    from newsprobe.api import create_app

    with TestClient(create_app(db=str(damaged)), raise_server_exceptions=False) as client:
        for path in ("/search", "/articles", "/stats/techniques", "/export"):
            response = client.get(path)
            assert response.status_code == 503 and response.json()["error"]["code"] == "NP415", path
        assert client.get("/openapi.json").status_code == 200  # what needs no store still works


# --- migrations under concurrent first opens ---------------------------------------------------------------

def _open(url: str, start, results) -> None:
    start.wait()
    try:
        Store(url).close()
        results.put("ok")
    except Exception as exc:  # noqa: BLE001 - reported to the test
        results.put(f"{type(exc).__name__}: {exc}")


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_processes_creating_one_new_store_at_once_migrate_it_once(kind: str, tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    for attempt in range(4):  # a race: several fresh stores, so the old code fails with near certainty
        with database(kind, tmp_path, f"new{attempt}.db") as url:
            start, results = context.Event(), context.Queue()
            workers = [context.Process(target=_open, args=(url, start, results)) for _ in range(3)]
            for worker in workers:
                worker.start()
            start.set()
            outcomes = [results.get(timeout=120) for _ in workers]
            for worker in workers:
                worker.join(30)
            assert outcomes == ["ok"] * 3, outcomes
            with Store(url) as store:
                with store.engine.connect() as connection:
                    assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() == [
                        head_revision()]
            assert not list(tmp_path.glob("*.migrate-lock"))  # the lock file goes with the migration


# --- read-only stores ----------------------------------------------------------------------------------------

def test_a_read_only_open_writes_nothing(tmp_path: Path) -> None:
    """SQLite enforces `mode=ro` even for root, who ignores file permissions."""
    path = filled(tmp_path / "ro.db")
    before = path.read_bytes()
    with Store(str(path), read_only=True) as store:
        assert store.read_only and store.engine.url.query["mode"] == "ro"
        assert len(search(store, Filters(text="sanctions"))) > 0
        with pytest.raises(NewsprobeError) as caught:
            store.add(full_analysis(aid="new"))
        assert caught.value.code is Code.DB_WRITE and "readonly" in caught.value.reason
    assert path.read_bytes() == before


def test_read_only_postgresql_session_refuses_writes(tmp_path: Path) -> None:
    with database("postgresql", tmp_path) as url:
        Store(url).close()
        with Store(url, read_only=True) as store:
            assert store.read_only and store.count() == 0
            with pytest.raises(NewsprobeError) as caught:
                store.add(full_analysis(aid="new"))
            assert caught.value.code is Code.DB_WRITE


def test_a_read_only_store_of_an_older_schema_is_named(tmp_path: Path) -> None:
    path = filled(tmp_path / "old.db")
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0003'")
    engine.dispose()
    with pytest.raises(NewsprobeError) as caught:
        Store(str(path), read_only=True)
    assert caught.value.code is Code.STORE_READ_ONLY_OLD


NOBODY = 65534


def _api(db: Path):
    from fastapi.testclient import TestClient

    from newsprobe.api import create_app

    return TestClient(create_app(db=str(db)), raise_server_exceptions=False)


def _as_nobody(folder: Path, db: Path, pipe: int) -> None:
    """In a forked child that dropped root: every read command."""
    os.setgid(NOBODY)
    os.setuid(NOBODY)
    runner = CliRunner()
    out = []
    for command in (["search", "sanctions", "--format", "jsonl"], ["search"], ["stats", "--format", "json"],
                    ["export"]):
        result = runner.invoke(app, [*command, "--db", str(db)])
        out.append(f"{command[0]} exit={result.exit_code} {result.output[:200]!r}")
    with _api(db) as client:  # `newsprobe serve` opens the store as its service does
        response = client.get("/search", params={"q": "sanctions"})
        out.append(f"api {response.status_code} {response.text[:200]!r}")
    os.write(pipe, "\n".join(out).encode("utf-8"))
    os._exit(0)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to become another user")
def test_a_store_without_write_permission_is_readable(tmp_path: Path) -> None:
    """Real permissions: a read-only file in a read-only folder, read by a user who is not its owner."""
    closed = [p for p in (Path(sys.prefix), *Path(sys.prefix).parents) if not p.stat().st_mode & stat.S_IXOTH]
    if closed:  # e.g. a checkout under `mktemp -d` (mode 0700): the child could not import the virtualenv
        pytest.skip(f"another user cannot reach the virtualenv ({closed[-1]} is closed to others)")
    folder = Path(f"/tmp/np-ro-{os.getpid()}")  # pytest's tmp_path is private to root
    folder.mkdir(mode=0o755)
    try:
        db = filled(folder / "corpus.db")
        db.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        folder.chmod(0o555 | stat.S_IWUSR)  # the owner (root) may write it; nobody may not
        for command in (["search", "sanctions"], ["stats"], ["export"]):  # import now what the child will need:
            CliRunner().invoke(app, [*command, "--db", str(db)])       # it cannot read the Python under /root
        with _api(db) as client:
            client.get("/search", params={"q": "sanctions"})
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # the child never returns into pytest, whatever happens (it is not root any more)
            try:
                _as_nobody(folder, db, write)
            except BaseException as error:  # noqa: BLE001 - e.g. a checkout nobody may read (mktemp -d makes it 0700)
                os.write(write, f"child failed: {type(error).__name__}: {error}".encode())
            finally:
                os._exit(0)
        os.close(write)
        os.waitpid(child, 0)
        with os.fdopen(read, encoding="utf-8") as pipe:
            out = pipe.read().splitlines()
        assert out[0].startswith("search exit=0") and "<mark>sanctions</mark>" in out[0], out[0]
        assert out[1].startswith("search exit=0") and "Officials met" in out[1], out[1]
        assert out[2].startswith("stats exit=0") and "techniques" in out[2], out[2]
        assert out[3].startswith("export exit=0") and '"id": "a0"' in out[3], out[3]
        assert out[4].startswith("api 200") and "sanctions" in out[4], out[4]
    finally:
        folder.chmod(0o755)
        for path in folder.iterdir():
            path.chmod(0o644)
            path.unlink()
        folder.rmdir()


def test_token_revoke_of_an_unknown_number_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["token", "revoke", "99", "--db", str(tmp_path / "t.db")])
    assert result.exit_code != 0 and "[NP417]" in result.output and "no API token number 99" in result.output
