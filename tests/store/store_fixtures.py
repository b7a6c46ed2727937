"""Hand-built analyses for the store tests: every kind of finding, each span pointing at its text."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from newsprobe.model import (
    Analysis,
    Article,
    Attribution,
    Claim,
    Entity,
    Event,
    Licence,
    Span,
    Technique,
    Timex,
)

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


def simple_analysis(aid: str, text: str, outlet: str | None, published: str | None, *,
                    entities: tuple[str, ...] = (), speaker: str | None = None,
                    claims: tuple[tuple[str, str, float], ...] = (),
                    techniques: tuple[tuple[str, str], ...] = ()) -> Analysis:
    """An analysis of `text` whose findings are named by the words they cover."""
    found = [Entity(id=f"e{i}", name=name, type="PERSON", mentions=[span(text, name)])
             for i, name in enumerate(entities)]
    quotes = []
    if speaker:
        speaker_id = next(e.id for e in found if e.name == speaker)
        quotes = [Attribution(kind="indirect", source=span(text, speaker), cue=span(text, "said"),
                              content=span(text, text[text.index("said") + 5:].split(".")[0]), speaker=speaker_id)]
    return Analysis(
        source=f"test:{aid}", article=Article(id=aid, text=text, outlet=outlet, published=published, title=aid),
        entities=found, attributions=quotes,
        claims=[Claim(**span(text, needle).model_dump(exclude={"parts"}), voice=voice, checkworthiness=worth)
                for needle, voice, worth in claims],
        techniques=[Technique(**span(text, needle).model_dump(exclude={"parts"}), technique=label, confidence=0.5)
                    for needle, label in techniques])


def small_corpus() -> list[Analysis]:
    """Three outlets over two months, with known counts for every aggregate."""
    return [
        full_analysis(),  # Mehr 2022-01: Loaded_Language; claims attributed 0.8, vague 0.4
        simple_analysis("t1", "Ali Rezaei said the harvest failed. The harvest was a disaster for farmers.",
                        "Tasnim", "2022-01-20", entities=("Ali Rezaei",), speaker="Ali Rezaei",
                        claims=(("The harvest was a disaster", "outlet", 0.9),),
                        techniques=(("disaster", "Exaggeration,Minimisation"), ("harvest failed", "Doubt"))),
        simple_analysis("m2", "Paris said the sanctions are illegal. Sanctions are a crime, a shameful crime.",
                        "Mehr", "2022-02-03", entities=("Paris",), speaker="Paris",
                        claims=(("Sanctions are a crime", "outlet", 0.3),),
                        techniques=(("a crime", "Loaded_Language"), ("shameful crime", "Loaded_Language"))),
        simple_analysis("x1", "Weather report: rain over the harvest.", None, None),
    ]


POSTGRES_URL = os.environ.get("NEWSPROBE_TEST_POSTGRES_URL")


@contextmanager
def database(kind: str, tmp_path, name: str = "corpus.db") -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, or its own schema in $NEWSPROBE_TEST_POSTGRES_URL.

    Without that URL the PostgreSQL cases skip, except under CI (env CI set), where they fail.
    """
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / name}"
        return
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("NEWSPROBE_TEST_POSTGRES_URL is not set: run `eval \"$(bash .ci/start-postgres.sh)\"`")
        pytest.skip("NEWSPROBE_TEST_POSTGRES_URL is not set")
    import sqlalchemy as sa

    base, name = sa.make_url(POSTGRES_URL), f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {name}")
    try:
        yield base.update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
        admin.dispose()
