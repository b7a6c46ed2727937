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

from newsprobe.model import (Analysis, Article, Attribution, Claim, Entity, Event, Licence, Span, Technique,
                             Timex)
from newsprobe.store import Store

POSTGRES_URL = os.environ.get("NEWSPROBE_TEST_POSTGRES_URL")

TEXT = ("TEHRAN – Officials met on Saturday. \"We will respond,\" the Leader said, according to a readout "
        "published by khamenei.ir. Many pundits believe the sanctions failed. The sanctions are a crime "
        "against humanity, the agency wrote. Ali Rezaei visited Paris two years ago.")


def span(text: str, needle: str, start: int = 0) -> Span:
    at = text.index(needle, start)
    return Span(start=at, end=at + len(needle), text=needle)


def full_analysis(text: str = TEXT, *, aid: str = "a1", outlet: str = "Mehr", published: str = "2022-01-02",
                  url: str | None = "https://example.org/a1") -> Analysis:
    """An Analysis holding every kind of finding, each span pointing at `text`."""
    leader, rezaei = span(text, "the Leader"), span(text, "Ali Rezaei")
    quote = span(text, "\"We will respond,\"")
    article = Article(id=aid, text=text, url=url, outlet=outlet, title="Officials met", authors=["A. Writer", "B"],
                      published=published, dateline=span(text, "TEHRAN"), language="en",
                      licence=Licence(id="CC-BY-4.0", notice=span(text, "TEHRAN")))
    return Analysis(
        source=f"test:{aid}", article=article,
        entities=[Entity(id="e1", name="Ali Khamenei", type="PERSON", mentions=[leader], aliases=["the Leader"],
                         roles=["Leader"]),
                  Entity(id="e2", name="Ali Rezaei", type="PERSON", mentions=[rezaei]),
                  Entity(id="e3", name="Paris", type="GPE", mentions=[span(text, "Paris")])],
        attributions=[
            Attribution(kind="direct", source=leader, cue=span(text, "said"), content=quote, speaker="e1",
                        channel=span(text, "khamenei.ir"), confidence=0.9),
            Attribution(kind="indirect", source=span(text, "Many pundits"), cue=span(text, "believe"),
                        content=span(text, "the sanctions failed"), vague=True,
                        ),
        ],
        timexes=[Timex(**span(text, "Saturday").model_dump(exclude={"parts"}), type="DATE", value="2022-01-01"),
                 Timex(**span(text, "two years ago").model_dump(exclude={"parts"}), type="DATE", value="2020")],
        events=[Event(trigger=span(text, "visited"), code="042", actor="e2", place="e3", time=0, confidence=0.7)],
        claims=[Claim(start=span(text, "The sanctions are").start, end=span(text, "humanity").end,
                      text="The sanctions are a crime against humanity", checkworthiness=0.8, voice="attributed",
                      attribution=None),
                Claim(start=span(text, "Many").start, end=span(text, "failed").end,
                      text="Many pundits believe the sanctions failed", checkworthiness=0.4, voice="vague",
                      attribution=1)],
        techniques=[Technique(start=span(text, "crime").start, end=span(text, "humanity").end,
                              text="crime against humanity", technique="Loaded_Language", confidence=0.6)],
    )


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
