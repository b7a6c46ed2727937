"""The across-articles endpoints: an article's claims with their fact-checks, stories, fact-check search;
bad requests are coded 4xx, never 500. On SQLite and PostgreSQL."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest
from tests.store.links_fixtures import WordEncoder
from tests.store.store_fixtures import database
from tests.web.web_fixtures import corpus, make_client

from newsprobe.config import load_options
from newsprobe.store import Store
from newsprobe.store.factchecks import link_articles, load_factchecks
from newsprobe.store.stories import assign_articles

OPTIONS = replace(load_options(), corpus_factcheck_threshold=0.5)
CHECKS = [{"id": "fc-strike", "claim": "Dockers walked out for a month", "rating": "False", "url": "https://fc.example/1"},
          {"id": "fc-moon", "claim": "The moon is made of cheese", "rating": "False"}]


def fill(db: str, tmp_path) -> None:
    path = tmp_path / "checks.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in CHECKS), encoding="utf-8")
    with Store(db) as store:
        load_factchecks(store, path, WordEncoder(), OPTIONS, lambda error: None)
        assign_articles(store, corpus(), WordEncoder())
        link_articles(store, corpus(), WordEncoder(), OPTIONS)


@pytest.fixture(params=["sqlite", "postgresql"])
def client(request, tmp_path):
    with database(request.param, tmp_path) as db, make_client(tmp_path, stored=corpus(), db=db) as opened:
        fill(db, tmp_path)
        opened.app.state.sentence_encoder = WordEncoder()
        yield opened


def test_article_claims_carry_their_fact_checks(client) -> None:
    body = client.get("/articles/rich1/claims").json()
    assert body["id"] == "rich1" and body["story"] >= 1
    by_text = {claim["text"]: claim for claim in body["claims"]}
    matched = by_text["dockers walked out for a month"]["factchecks"]
    assert [(fc["id"], fc["rating"], fc["score"]) for fc in matched] == [("fc-strike", "False", 1.0)]
    assert by_text["the port will close for a week"]["factchecks"] == []


def test_stories_list_and_detail(client) -> None:
    stories = client.get("/stories").json()["stories"]
    assert sum(row["articles"] for row in stories) == 4
    rich = client.get("/articles/rich2/claims").json()["story"]
    detail = client.get(f"/stories/{rich}").json()
    assert "rich2" in [a["id"] for a in detail["articles"]]
    outlets = {row["outlet"] for row in detail["outlets"]}
    assert "Radio Kestrel" in outlets
    assert all("techniques_per_1000_words" in row for row in detail["outlets"])


def test_factcheck_search(client) -> None:
    found = client.get("/factchecks/search", params={"q": "is the moon cheese", "limit": 1}).json()["factchecks"]
    assert [fc["id"] for fc in found] == ["fc-moon"]


def test_factcheck_detail_lists_its_claims(client) -> None:
    body = client.get("/factchecks/fc-strike").json()
    assert (body["id"], body["rating"], body["url"]) == ("fc-strike", "False", "https://fc.example/1")
    assert sorted((c["article"], c["text"]) for c in body["claims"]) == [
        (aid, "dockers walked out for a month") for aid in ("rich1", "rich2", "rich3")]
    assert client.get("/factchecks/fc-moon").json()["claims"] == []


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/factchecks/nope", 404, "NP832"),
    ("/articles/nope/claims", 404, "NP407"), ("/stories/99999", 404, "NP831"), ("/stories/0", 422, "NP904"),
    ("/stories/abc", 422, "NP904"), ("/stories?limit=0", 422, "NP904"), ("/factchecks/search", 422, "NP904"),
    ("/factchecks/search?q=%20", 400, "NP405"), ("/stories/99999999999999999999", 422, "NP904")])
def test_bad_requests_are_coded_4xx(client, path: str, status: int, code: str) -> None:
    response = client.get(path)
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
