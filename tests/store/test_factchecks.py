"""Fact-checks in the store: streamed loading with coded errors, idempotent re-loads, claim links that do not
depend on arrival order, the same on SQLite and PostgreSQL."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest
import sqlalchemy as sa
from tests.store.links_fixtures import WordEncoder
from tests.store.store_fixtures import simple_analysis

from newsprobe.config import load_options
from newsprobe.errors import Code
from newsprobe.store import Store
from newsprobe.store.factchecks import claim_links, link_articles, load_factchecks, search_factchecks
from newsprobe.store.links_schema import factchecks

OPTIONS = replace(load_options(), corpus_factcheck_threshold=0.5, corpus_factcheck_top=2)
CHECKS = [
    {"id": "f1", "claim": "The harvest was a disaster for farmers", "rating": "False", "url": "https://fc.example/1",
     "publisher": "Checkers", "date": "2022-02-01", "topic": "farming"},
    {"id": "f2", "claim": "Sanctions against Iran are a crime", "rating": "Misleading"},
    {"id": "f3", "claim": "Bananas cure baldness overnight", "rating": "False"},
]


def analyses() -> list:
    return [simple_analysis("t1", "Ali Rezaei said it. The harvest was a disaster for farmers this year.", "Tasnim",
                            "2022-01-20", claims=(("The harvest was a disaster for farmers", "outlet", 0.9),)),
            simple_analysis("m2", "Officials met. Sanctions against Iran are a crime, they wrote.", "Mehr",
                            "2022-02-03", claims=(("Sanctions against Iran are a crime", "outlet", 0.7),
                                                  ("Officials met", "outlet", 0.2)))]


def write_jsonl(path, records, extra_lines: bytes = b"") -> None:
    path.write_bytes(b"".join(json.dumps(r).encode() + b"\n" for r in records) + extra_lines)


def load(store: Store, path) -> tuple:
    errors = []
    report = load_factchecks(store, path, WordEncoder(), OPTIONS, errors.append)
    return report, errors


def links(store: Store) -> dict:
    out = {}
    with store.engine.connect() as connection:
        pks = dict(connection.execute(sa.text("SELECT id, pk FROM articles")).all())
    for article_id, pk in pks.items():
        for idx, found in claim_links(store, pk).items():
            out[(article_id, idx)] = [(link["id"], link["score"]) for link in found]
    return out


def test_load_keeps_every_good_record_and_codes_each_bad_one(store: Store, tmp_path) -> None:
    path = tmp_path / "checks.jsonl"
    bad = (b'{"id": "f9"}\n' b"not json\n" b'{"id": "f4", "claim": "caf\xe9"}\n'
           + json.dumps({"vclaim_id": "f1", "vclaim": "a later duplicate"}).encode() + b"\n"
           + json.dumps({"vclaim_id": "v5", "vclaim": "CheckThat! field names work too"}).encode() + b"\n")
    write_jsonl(path, CHECKS, bad)
    report, errors = load(store, path)
    assert (report.added, report.stored, report.errors) == (4, 0, 4)
    assert [e.code for e in errors] == [Code.FACTCHECK_BAD_LINE, Code.FACTCHECK_BAD_LINE, Code.FACTCHECK_ENCODING,
                                        Code.FACTCHECK_DUPLICATE]
    assert [e.source for e in errors] == [f"{path}:{n}" for n in (4, 5, 6, 7)]
    with store.engine.connect() as connection:
        row = connection.execute(sa.select(factchecks).where(factchecks.c.id == "f1")).one()
    assert (row.claim, row.rating, row.publisher, row.date) == (CHECKS[0]["claim"], "False", "Checkers", "2022-02-01")
    assert json.loads(row.extra) == {"topic": "farming"}  # the first f1 is kept, its other fields too

    again, _ = load(store, path)  # idempotent
    assert (again.added, again.stored) == (0, 4)
    with store.engine.connect() as connection:
        assert connection.scalar(sa.select(sa.func.count()).select_from(factchecks)) == 4


@pytest.mark.parametrize("shape", ["one", "list", "graph"])
def test_claim_review_json_ld(store: Store, tmp_path, shape: str) -> None:
    review = {"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://fc.example/r1",
              "claimReviewed": "The harvest was a disaster", "datePublished": "2022-02-02",
              "author": {"@type": "Organization", "name": "Checkers"},
              "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"}}
    second = {**review, "@id": "https://fc.example/r2#review", "claimReviewed": "Bananas cure baldness"}
    body = {"one": review, "list": [review, second],
            "graph": {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "x"}, review, second]}}
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps(body[shape]), encoding="utf-8")
    report, errors = load(store, path)
    assert errors == [] and report.added == (1 if shape == "one" else 2)
    with store.engine.connect() as connection:
        rows = {r.id: r for r in connection.execute(sa.select(factchecks))}
    first = rows["https://fc.example/r1"]
    assert (first.claim, first.rating, first.publisher, first.date) == (
        "The harvest was a disaster", "False", "Checkers", "2022-02-02")


def test_broken_json_ld_keeps_the_items_before(store: Store, tmp_path) -> None:
    review = {"@type": "ClaimReview", "url": "https://fc.example/r1", "claimReviewed": "A claim"}
    path = tmp_path / "broken.json"
    path.write_text("[" + json.dumps(review) + ', {"@type": "ClaimReview", "url": ', encoding="utf-8")
    report, errors = load(store, path)
    assert report.added == 1 and [e.code for e in errors] == [Code.FACTCHECK_BAD_JSON_LD]


def test_claims_link_the_same_whatever_arrives_first(db_url: str, tmp_path) -> None:
    path = tmp_path / "checks.jsonl"
    write_jsonl(path, CHECKS)
    with Store(db_url) as store:  # articles first, fact-checks later
        store.add_many(analyses())
        assert link_articles(store, analyses(), WordEncoder(), OPTIONS) == 0
        report, _ = load(store, path)
        assert report.linked_claims == 2
        later = links(store)
    assert later == {("t1", 0): [("f1", 1.0)], ("m2", 0): [("f2", 1.0)]}
    store_url = db_url.replace("corpus.db", "second.db") if db_url.startswith("sqlite") else None
    if store_url:  # fact-checks first, then articles (a second SQLite store; PostgreSQL's schema is per test)
        with Store(store_url) as store:
            load(store, path)
            store.add_many(analyses())
            assert link_articles(store, analyses(), WordEncoder(), OPTIONS) == 2
            assert links(store) == later
            assert link_articles(store, analyses(), WordEncoder(), OPTIONS) == 0  # done before: left alone


def test_search_finds_the_nearest_fact_checks(store: Store, tmp_path) -> None:
    path = tmp_path / "checks.jsonl"
    write_jsonl(path, CHECKS)
    load(store, path)
    found = search_factchecks(store, "do bananas cure baldness", WordEncoder(), top=2)
    assert found[0]["id"] == "f3" and found[0]["score"] > found[1]["score"]
