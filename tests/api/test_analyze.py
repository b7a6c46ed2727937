"""`POST /analyze` and `POST /articles` through the real pipeline (loaded once for the session)."""
from __future__ import annotations

import os

import pytest

from tests.store.links_fixtures import WordEncoder, event_records, ingest_events, write_inputs
from tests.store.store_fixtures import database
from tests.web.web_fixtures import TEXT, make_client, new_token

from newsprobe.config import load_options
from newsprobe.store import Store
from newsprobe.store.factchecks import load_factchecks

pytestmark = pytest.mark.slow  # analyses in a worker process (about 35 s on the shared machine)


@pytest.fixture
def client(tmp_path, nlp):
    with make_client(tmp_path, nlp=nlp) as opened:
        yield opened


def test_analyze_text_returns_the_contract_with_exact_offsets(client) -> None:
    response = client.post("/analyze", json={"text": TEXT, "published": "2024-03-04", "outlet": "Ledger"})
    assert response.status_code == 200
    body = response.json()
    assert body["article"]["text"] == TEXT and body["article"]["published"] == "2024-03-04"
    assert body["article"]["outlet"] == "Ledger" and body["source"] == "<text>"
    for key in ("entities", "attributions", "timexes", "events", "claims", "techniques"):
        assert isinstance(body[key], list)
    for entity in body["entities"]:
        for mention in entity["mentions"]:
            assert TEXT[mention["start"]:mention["end"]] == mention["text"]


def test_analyze_html_extracts_the_main_text(client) -> None:
    paragraphs = "".join(f"<p>{line} The port stayed closed on Monday, officials said.</p>" for line in TEXT.split("\n") if line)
    html = f"<html><head><title>Port strike</title></head><body><nav>Menu</nav><article>{paragraphs}</article></body></html>"
    body = client.post("/analyze", json={"html": html}).json()
    assert "The minister said on Monday" in body["article"]["text"] and "Menu" not in body["article"]["text"]


def test_post_articles_stores_once_then_reads_back(client) -> None:
    headers = {"Authorization": f"Bearer {new_token(client)}"}
    created = client.post("/articles", json={"text": TEXT, "outlet": "Ledger"}, headers=headers)
    assert created.status_code == 201 and created.json()["created"] is True
    again = client.post("/articles", json={"text": TEXT, "outlet": "Ledger"}, headers=headers)
    assert again.status_code == 200 and again.json()["created"] is False
    stored = client.get(created.json()["href"]).json()
    assert stored["article"]["text"] == TEXT and stored["article"]["outlet"] == "Ledger"
    assert [a["id"] for a in client.get("/articles").json()["articles"]] == [created.json()["id"]]


def test_analyze_in_a_worker_process_gives_the_same_analysis(tmp_path, nlp) -> None:
    """The production path: the pipeline loaded in its own worker process, the answer as in-process."""
    from newsprobe import analyze

    with make_client(tmp_path, api_workers=1) as pooled:
        response = pooled.post("/analyze", json={"text": TEXT, "published": "2024-03-04"})
        worker = pooled.app.state.service._pool._idle.queue[0].process
        assert worker.is_alive() and worker.pid != os.getpid()
    assert response.status_code == 200
    expected = analyze(TEXT, published="2024-03-04", nlp=nlp, source="<text>").model_dump(mode="json")
    assert response.json() == expected
    assert not worker.is_alive()  # closing the app stops its workers


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_posted_articles_get_the_stories_and_links_ingest_gives(tmp_path, nlp, backend) -> None:
    ingested = ingest_events(tmp_path / "ingest", nlp, load_options())
    with database(backend, tmp_path) as db, make_client(tmp_path, nlp=nlp, db=db) as client:
        client.app.state.sentence_encoder = WordEncoder()
        with Store(db) as store:
            load_factchecks(store, write_inputs(tmp_path / "in")[1], WordEncoder(), load_options(), lambda e: None)
        headers = {"Authorization": f"Bearer {new_token(client)}"}
        ids = []
        for record in event_records():  # one by one, as ingest stored them
            created = client.post("/articles", json=record, headers=headers)
            assert created.status_code == 201, created.text
            ids.append(created.json()["id"])
        assert ids == [a.article.id for a in ingested.analyses]
        found = {aid: client.get(f"/articles/{aid}/claims").json() for aid in ids}
        assert {aid: body["story"] for aid, body in found.items()} == ingested.stories
        assert {(aid, claim["idx"], check["id"]) for aid, body in found.items() for claim in body["claims"]
                for check in claim["factchecks"]} == ingested.links
        assert found[ids[-1]]["story"] >= 1  # the French article: no English pipeline, still a story
        again = client.post("/articles", json=event_records()[0], headers=headers)
        assert again.status_code == 200 and client.get(f"/articles/{ids[0]}/claims").json()["story"] == found[ids[0]]["story"]
