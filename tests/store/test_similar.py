"""`newsprobe claims similar`: paraphrases of a stored claim across articles, oldest first, on both back ends."""
from __future__ import annotations

from dataclasses import replace

import pytest
from tests.store.links_fixtures import WordEncoder
from tests.store.store_fixtures import simple_analysis
from typer.testing import CliRunner

from newsprobe.cli import app
from newsprobe.config import load_options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.store import Store
from newsprobe.store.factchecks import link_articles
from newsprobe.store.similar import similar_claims

SAID = "Ali Rezaei said unemployment fell to three percent last year."


def corpus() -> list:
    found = [
        simple_analysis("late", "Unemployment fell to three percent last year, the paper wrote.", "Wire", "2022-03-05",
                        claims=(("Unemployment fell to three percent last year", "outlet", 0.9),)),
        simple_analysis("early", SAID, "Mehr", "2022-01-02", entities=("Ali Rezaei",), speaker="Ali Rezaei",
                        claims=(("unemployment fell to three percent last year", "attributed", 0.8),)),
        simple_analysis("other", "The bridge will open in March, officials wrote.", "Wire", "2022-02-01",
                        claims=(("The bridge will open in March", "outlet", 0.7),)),
    ]
    early = found[1]  # its claim is the content of Ali Rezaei's attribution
    found[1] = early.model_copy(update={"claims": [early.claims[0].model_copy(update={"attribution": 0})]})
    return found


def test_paraphrases_in_time_order(store: Store) -> None:
    store.add_many(corpus())
    link_articles(store, corpus(), WordEncoder(), replace(load_options()))
    found = similar_claims(store, "late:0", WordEncoder(), min_score=0.8)
    assert [(r["claim"], r["published"], r["outlet"], r["voice"], r["speaker_name"]) for r in found] == [
        ("early:0", "2022-01-02", "Mehr", "attributed", "Ali Rezaei"),
        ("late:0", "2022-03-05", "Wire", "outlet", None)]
    by_text = similar_claims(store, "did the bridge open in march", WordEncoder(), min_score=0.5)
    assert [r["claim"] for r in by_text] == ["other:0"]
    with pytest.raises(NewsprobeError) as missing:
        similar_claims(store, "late:7", WordEncoder())
    assert missing.value.code is Code.CLAIM_NOT_FOUND


def test_cli(tmp_path) -> None:
    db = str(tmp_path / "c.db")
    with Store(db) as store:
        store.add_many(corpus())
        link_articles(store, corpus(), WordEncoder(), load_options())
    result = CliRunner().invoke(app, ["claims", "similar", "early:0", "--db", db, "--min-score", "0.8"])
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[:5] for line in result.output.splitlines()] == [
        ["2022-01-02", "Mehr", "attributed (Ali Rezaei)", "1.000", "early:0"],
        ["2022-03-05", "Wire", "outlet", "1.000", "late:0"]]
    missing = CliRunner().invoke(app, ["claims", "similar", "nope:0", "--db", db])
    assert missing.exit_code != 0 and "NP833" in missing.output


def test_a_denied_claim_says_so(store: Store) -> None:
    found = corpus()
    early = found[1]
    found[1] = early.model_copy(update={"claims": [early.claims[0].model_copy(update={"denied": True})]})
    store.add_many(found)
    link_articles(store, found, WordEncoder(), replace(load_options()))
    rows = {r["claim"]: r["denied"] for r in similar_claims(store, "late:0", WordEncoder(), min_score=0.8)}
    assert rows == {"early:0": True, "late:0": False}


def test_cli_marks_a_denied_claim(tmp_path) -> None:
    db = str(tmp_path / "d.db")
    found = corpus()
    found[1] = found[1].model_copy(update={"claims": [found[1].claims[0].model_copy(update={"denied": True})]})
    with Store(db) as store:
        store.add_many(found)
        link_articles(store, found, WordEncoder(), load_options())
    result = CliRunner().invoke(app, ["claims", "similar", "early:0", "--db", db, "--min-score", "0.8"])
    assert result.output.splitlines()[0].split("\t")[2] == "attributed (Ali Rezaei), denied"


def test_a_claims_path_costs_the_same_queries_however_many_claims_it_finds(store: Store) -> None:
    """The appearances are read in a fixed number of queries, not one or two per claim found."""
    import sqlalchemy as sa

    many = [simple_analysis(f"copy{i}", f"Unemployment fell to three percent last year, paper {i} wrote.", "Wire",
                            f"2022-03-{i + 1:02d}", claims=(("Unemployment fell to three percent last year", "outlet", 0.9),))
            for i in range(12)]
    store.add_many(many)
    link_articles(store, many, WordEncoder(), replace(load_options()))
    similar_claims(store, "copy0:0", WordEncoder(), top=1, min_score=0.5)  # the vector index loads once
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # SQLAlchemy's event signature
        statements.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", count)
    try:
        two = similar_claims(store, "copy0:0", WordEncoder(), top=2, min_score=0.5)
        two_queries = len(statements)
        statements.clear()
        twelve = similar_claims(store, "copy0:0", WordEncoder(), top=12, min_score=0.5)
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", count)
    assert len(two) == 2 and len(twelve) == 12
    assert len(statements) == two_queries
