"""Store fixtures: every store test runs against SQLite and, for real, PostgreSQL.

PostgreSQL comes from $NEWSPROBE_TEST_POSTGRES_URL (`.ci/start-postgres.sh` prints one); each test gets
its own schema, dropped afterwards. Without the URL the PostgreSQL cases skip, except under CI
(env CI set), where a missing back end is a failure.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from tests.store.store_fixtures import full_analysis

from newsprobe.model import Analysis
from newsprobe.store import Store

POSTGRES_URL = os.environ.get("NEWSPROBE_TEST_POSTGRES_URL")


@pytest.fixture
def analysis() -> Analysis:
    return full_analysis()


def _postgres_url() -> str:
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("NEWSPROBE_TEST_POSTGRES_URL is not set: run `eval \"$(bash .ci/start-postgres.sh)\"`")
        pytest.skip("NEWSPROBE_TEST_POSTGRES_URL is not set")
    return POSTGRES_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # noqa: ANN001
    """A fresh, empty database URL for each back end."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'corpus.db'}"
        return
    base = sa.make_url(_postgres_url())
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {name}")
    try:
        yield base.update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
        admin.dispose()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as opened:
        yield opened
