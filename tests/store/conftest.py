"""Store fixtures: every store test runs against SQLite and, for real, PostgreSQL.

PostgreSQL comes from $NEWSPROBE_TEST_POSTGRES_URL (`.ci/start-postgres.sh` prints one); each test gets
its own schema, dropped afterwards. Without the URL the PostgreSQL cases skip, except under CI
(env CI set), where a missing back end is a failure.
"""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.store.store_fixtures import database, full_analysis

from newsprobe.model import Analysis
from newsprobe.store import Store

@pytest.fixture
def analysis() -> Analysis:
    return full_analysis()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A fresh, empty database URL for each back end."""
    with database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as opened:
        yield opened
