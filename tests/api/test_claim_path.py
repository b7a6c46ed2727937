"""A claim's path through the news: `GET /claims/{claim}/path` and the claim page list every stored article
carrying the claim in time order, with voice, speaker, denial and techniques; bad requests are coded 4xx."""
from __future__ import annotations

import pytest
from tests.api.test_corpus_routes import fill
from tests.store.links_fixtures import WordEncoder
from tests.store.store_fixtures import database
from tests.web.web_fixtures import corpus, make_client


def denied_corpus() -> list:
    """The web corpus, with the quoted claim of rich2 denied by its speaker."""
    found = corpus()
    rich2 = found[1]
    claims = [c.model_copy(update={"denied": True}) if i == 0 else c for i, c in enumerate(rich2.claims)]
    found[1] = rich2.model_copy(update={"claims": claims})
    return found


@pytest.fixture(params=["sqlite", "postgresql"])
def client(request, tmp_path):
    with database(request.param, tmp_path) as db, make_client(tmp_path, stored=denied_corpus(), db=db) as opened:
        fill(db, tmp_path)
        opened.app.state.sentence_encoder = WordEncoder()
        yield opened


def test_path_lists_each_article_in_time_order_with_voice_denial_and_techniques(client) -> None:
    body = client.get("/claims/rich1:0/path").json()
    assert body["claim"] == "rich1:0" and body["text"] == 'the strike was "a disgraceful act of sabotage"'
    rows = [(r["claim"], r["published"], r["outlet"], r["voice"], r["denied"]) for r in body["appearances"]]
    dates = [r[1] for r in rows]
    assert dates == sorted(dates) and {r[0] for r in rows} == {"rich1:0", "rich2:0", "rich3:0"}
    assert [r[4] for r in rows if r[0] == "rich2:0"] == [True]
    assert [r[4] for r in rows if r[0] != "rich2:0"] == [False, False]
    assert all(r["techniques"] == ["Loaded_Language", "Name_Calling,Labeling"] for r in body["appearances"])
    assert sum(o["claims"] for o in body["outlets"]) == 3


def test_claim_page_shows_the_path(client) -> None:
    html = client.get("/claim/rich1:0").text
    assert "<h1>A claim's path</h1>" in html and html.count("<li data-claim=") == 3
    assert '<span class="denied">denied</span>' in html and "<svg" in html


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/claims/nope:0/path", 404, "NP833"), ("/claims/rich1:99/path", 404, "NP833"),
    ("/claims/rich1/path", 404, "NP833"), ("/claims/rich1:0/path?min_score=2", 422, "NP904"),
    ("/claims/rich1:0/path?limit=0", 422, "NP904")])
def test_bad_requests_are_coded_4xx(client, path: str, status: int, code: str) -> None:
    response = client.get(path)
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code


def test_bad_claim_page_is_not_a_500(client) -> None:
    assert client.get("/claim/nope:0").status_code == 404
    assert client.get("/claim/rich1:0?min_score=x").status_code == 422
