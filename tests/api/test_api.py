"""The JSON API through FastAPI's TestClient: every endpoint, its errors, the size limit and tokens."""
from __future__ import annotations

import csv
import io
import json

import pytest

from tests.store.store_fixtures import database
from tests.web.web_fixtures import TEXT, corpus, make_client, new_token, rich_analysis


@pytest.fixture(params=["sqlite", "postgresql"])
def client(request, tmp_path):
    """The API over the test corpus, on each back end."""
    with database(request.param, tmp_path) as db, make_client(tmp_path, stored=corpus(), db=db) as opened:
        yield opened


def error_code(response) -> str:
    return response.json()["error"]["code"]


def test_openapi_schema_lists_every_endpoint(client) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("/analyze", "/articles", "/articles/{article_id}", "/search", "/entities", "/speakers",
                 "/stats/{name}", "/export"):
        assert path in schema["paths"], path
    assert "Analysis" in schema["components"]["schemas"]
    assert client.get("/docs").status_code == 404  # the CDN-backed docs page is off


def test_security_headers_on_json_and_html(client) -> None:
    for path in ("/articles", "/", "/static/app.js", "/nowhere"):
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp, path
        assert response.headers["x-content-type-options"] == "nosniff"


def test_unknown_route_is_a_coded_json_404(client) -> None:
    response = client.get("/nowhere")
    assert response.status_code == 404 and error_code(response) == "NP906"


def test_list_articles_pages_with_a_cursor(client) -> None:
    seen, url = [], "/articles?limit=3"
    while url:
        page = client.get(url).json()
        seen += [a["id"] for a in page["articles"]]
        url = page["next"] and f"/articles?limit=3&cursor={page['next']}"
    assert seen == ["hostile1", "rich3", "rich2", "rich1"]  # newest stored first, each once


def test_list_articles_filters(client) -> None:
    ids = lambda query: [a["id"] for a in client.get(f"/articles?{query}").json()["articles"]]  # noqa: E731
    assert ids("outlet=Radio%20Kestrel") == ["rich2"]
    assert ids("from=2024-04-01&to=2024-04-30") == ["rich3", "rich2"]
    assert ids("technique=Slogans&outlet=The%20Harbour%20Ledger") == ["rich3", "rich1"]
    assert ids("voice=vague&min_checkworthiness=0.5") == ["rich3", "rich2", "rich1"]
    assert ids("speaker=Minister%20Ana%20Costa") == ["rich3", "rich2", "rich1"]
    assert ids("q=sabotage&outlet=Radio%20Kestrel") == ["rich2"]


@pytest.mark.parametrize("query, code", [("cursor=not-a-cursor", "NP905"), ("from=yesterday", "NP405"),
                                         ("voice=loud", "NP405"), ("limit=0", "NP904"),
                                         ("min_checkworthiness=2", "NP904")])
def test_list_articles_refuses_bad_parameters(client, query: str, code: str) -> None:
    response = client.get(f"/articles?{query}")
    assert response.status_code in {400, 422} and error_code(response) == code


def test_get_article_returns_the_stored_analysis(client) -> None:
    body = client.get("/articles/rich1").json()
    assert body == rich_analysis().model_dump(mode="json")
    missing = client.get("/articles/nope")
    assert missing.status_code == 404 and error_code(missing) == "NP407"


def test_search_returns_passages_with_match_offsets(client) -> None:
    body = client.get("/search?q=sabotage&limit=2").json()
    assert len(body["results"]) == 2 and body["next"]
    for hit in body["results"]:
        assert "\x02" not in hit["passage"] and hit["highlights"]
        for start, end in hit["highlights"]:
            assert hit["passage"][start:end].lower() == "sabotage"
    rest = client.get(f"/search?q=sabotage&limit=2&cursor={body['next']}").json()
    ids = {h["id"] for h in body["results"]} | {h["id"] for h in rest["results"]}
    assert ids == {"rich1", "rich2", "rich3"} and rest["next"] is None
    bad = client.get("/search?q=-sabotage")
    assert bad.status_code == 400 and error_code(bad) == "NP405"


def test_entities_speakers_and_stats(client) -> None:
    entities = client.get("/entities?type=PERSON").json()["entities"]
    assert entities[0] == {"name": "Minister Ana Costa", "type": "PERSON", "articles": 3, "mentions": 3}
    assert {e["type"] for e in entities} == {"PERSON"}
    speakers = client.get("/speakers").json()["speakers"]
    assert speakers[0]["speaker"] in {"Minister Ana Costa", "union leader", "Many observers"}
    assert speakers[0]["attributions"] == 3 and speakers[0]["outlets"] == 2
    techniques = client.get("/stats/techniques?outlet=Radio%20Kestrel").json()["rows"]
    assert {(r["month"], r["technique"], r["count"]) for r in techniques} == {
        ("2024-04", "Loaded_Language", 1), ("2024-04", "Name_Calling,Labeling", 1), ("2024-04", "Slogans", 1)}
    voices = client.get("/stats/voices").json()["rows"]
    assert {"outlet": "Radio Kestrel", "voice": "vague", "claims": 1} in voices
    assert client.get("/stats").json()["aggregates"][0] == "/stats/techniques"
    unknown = client.get("/stats/nonsense")
    assert unknown.status_code == 400 and error_code(unknown) == "NP405"


def test_export_shapes_like_datasette(client) -> None:
    objects = client.get("/export?outlet=Radio%20Kestrel").json()
    assert objects["columns"][:2] == ["id", "url"] and objects["rows"][0]["id"] == "rich2"
    arrays = client.get("/export?outlet=Radio%20Kestrel&_shape=arrays").json()
    assert arrays["rows"][0][0] == "rich2"
    array = client.get("/export?table=techniques&_shape=array").json()
    assert len(array) == 11 and {"technique", "start", "end", "outlet"} <= set(array[0])
    lines = client.get("/export?table=claims&_shape=array&_nl=on")
    assert lines.headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(line) for line in lines.text.splitlines()]
    assert len(rows) == 10 and all(r["voice"] in {"outlet", "attributed", "vague"} for r in rows)


def test_export_csv_and_jsonl(client) -> None:
    response = client.get("/export?format=csv&table=attributions&q=sabotage")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 9 and rows[0]["kind"] == "indirect"
    analyses = [json.loads(line) for line in client.get("/export?format=jsonl").text.splitlines()]
    assert [a["article"]["id"] for a in analyses] == ["rich1", "rich2", "rich3", "hostile1"]
    assert analyses[0] == rich_analysis().model_dump(mode="json")


@pytest.mark.parametrize("query, code", [("table=nope", "NP406"), ("format=xml", "NP904"),
                                         ("format=jsonl&from=never", "NP405")])
def test_export_refuses_bad_requests_before_streaming(client, query: str, code: str) -> None:
    response = client.get(f"/export?{query}")
    assert response.status_code in {400, 422} and error_code(response) == code


def test_writes_need_a_valid_token(client) -> None:
    body = {"text": TEXT}
    missing = client.post("/articles", json=body)
    assert missing.status_code == 401 and error_code(missing) == "NP901"
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = client.post("/articles", json=body, headers={"Authorization": "Bearer np_wrong"})
    assert wrong.status_code == 403 and error_code(wrong) == "NP902"


def test_revoked_tokens_are_refused(client) -> None:
    from newsprobe.api.tokens import list_tokens, revoke_token

    token = new_token(client)
    engine = client.app.state.service.store().engine
    revoke_token(engine, list_tokens(engine)[-1]["pk"])
    response = client.post("/articles", json={"text": TEXT}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403


def test_tokens_are_stored_hashed(client) -> None:
    import sqlalchemy as sa

    token = new_token(client)
    with client.app.state.service.store().engine.connect() as connection:
        stored = connection.execute(sa.text("SELECT hash FROM api_tokens")).scalars().all()
    assert stored and token not in stored and all(len(h) == 64 for h in stored)


def test_reads_can_require_a_token(tmp_path) -> None:
    with make_client(tmp_path, stored=corpus(), api_reads_need_token=True) as client:
        assert client.get("/articles").status_code == 401
        assert client.get("/").status_code == 401
        token = new_token(client)
        assert client.get("/articles", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_bodies_over_the_limit_get_413(tmp_path) -> None:
    with make_client(tmp_path, api_max_body_bytes=1000) as client:
        declared = client.post("/analyze", json={"text": "word " * 400})
        assert declared.status_code == 413 and error_code(declared) == "NP903"

        def chunks():  # no Content-Length: the limit is counted as the body streams in
            yield b'{"text": "'
            for _ in range(50):
                yield b"word " * 10
            yield b'"}'

        streamed = client.post("/analyze", content=chunks(), headers={"Content-Type": "application/json"})
        assert streamed.status_code == 413 and error_code(streamed) == "NP903"


@pytest.mark.parametrize("body, status, code", [
    ({}, 422, "NP904"), ({"text": "a", "url": "https://example.org"}, 422, "NP904"),
    ({"text": "x", "colour": "red"}, 422, "NP904"), ({"text": "   "}, 422, "NP904"),
    ({"text": "Some text.", "published": "soon"}, 422, "NP107"),
    ({"url": "ftp://example.org/a"}, 400, "NP201"), ({"url": "http://127.0.0.1/a"}, 400, "NP202"),
    ({"html": "<html><body></body></html>"}, 422, "NP105"),
])
def test_analyze_refuses_bad_input_with_cli_codes(tmp_path, body: dict, status: int, code: str) -> None:
    with make_client(tmp_path) as client:
        response = client.post("/analyze", json=body)
        assert (response.status_code, error_code(response)) == (status, code), response.json()


def test_analyze_rejects_a_body_that_is_not_json(tmp_path) -> None:
    with make_client(tmp_path) as client:
        response = client.post("/analyze", content=b"{not json", headers={"Content-Type": "application/json"})
        assert response.status_code == 422 and error_code(response) == "NP904"


def test_a_store_that_cannot_open_is_a_503(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from newsprobe.api import create_app

    app = create_app(db=f"sqlite:///{tmp_path / 'missing' / 'x.db'}")
    with TestClient(app) as client:
        response = client.get("/articles")
        assert response.status_code == 503 and error_code(response) == "NP402"
