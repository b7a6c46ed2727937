"""kill -9 during `newsprobe ingest`, then the same ingest again: nothing lost, nothing doubled, on each back end."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

import newsprobe
from newsprobe.store import Store, schema

pytestmark = pytest.mark.slow  # kills and restarts writer processes

PACKAGE = Path(newsprobe.__file__).parent

ARTICLES = 40
CITIES = ["Vienna", "Lisbon", "Oslo", "Nairobi", "Lima", "Hanoi", "Quito", "Accra"]


def ingest_command(folder: Path, db: str, config: Path) -> list[str]:
    return [sys.executable, "-c", "from newsprobe.cli import main; main()", "ingest", str(folder), "--db", db,
            "--config", str(config)]


def stored(db: str) -> int:
    """Articles committed so far (0 while the first process has not created the tables yet)."""
    engine = sa.create_engine(db)
    try:
        with engine.connect() as connection:
            return connection.scalar(sa.select(sa.func.count()).select_from(schema.articles)) or 0
    except sa.exc.DatabaseError:
        return 0
    finally:
        engine.dispose()


@pytest.mark.slow
def test_kill_9_during_ingest_then_resume_loses_and_doubles_nothing(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(ARTICLES):
        city = CITIES[i % len(CITIES)]
        (folder / f"{i:03}.txt").write_text(f"Officials in {city} met on Monday, article {i}. The mayor said "
                                            f"the talks had failed, according to a statement.", encoding="utf-8")
    config = tmp_path / "small-batches.toml"  # commits come one article at a time, in batches of two
    config.write_text(((PACKAGE / "default.toml").read_text(encoding="utf-8")
                       .replace("batch_size = 32", "batch_size = 2")), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(PACKAGE.parent)}
    first = subprocess.Popen(ingest_command(folder, db_url, config), env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while stored(db_url) < 3 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait()
    before = stored(db_url)
    assert first.returncode == -signal.SIGKILL and 3 <= before < ARTICLES, (first.returncode, before)

    second = subprocess.run(ingest_command(folder, db_url, config), env=env, capture_output=True, text=True,
                            timeout=600)
    assert second.returncode == 0, second.stderr[-2000:]
    assert f"{ARTICLES - before} stored, {before} already stored, 0 failed" in second.stderr

    with Store(db_url) as store, store.engine.connect() as connection:
        ids = connection.scalars(sa.select(schema.articles.c.id)).all()
        assert len(ids) == len(set(ids)) == ARTICLES
        pk_of = dict(connection.execute(sa.select(schema.articles.c.id, schema.articles.c.pk)).all())
        rows = dict(connection.execute(sa.select(schema.mentions.c.article_pk, sa.func.count())
                                       .group_by(schema.mentions.c.article_pk)).all())
        assert set(rows) <= set(pk_of.values())  # no finding rows left by the killed transaction
        for analysis in store.analyses():  # each article's findings stored exactly once
            expected = sum(len(entity.mentions) for entity in analysis.entities)
            assert rows.get(pk_of[analysis.article.id], 0) == expected, analysis.article.id
