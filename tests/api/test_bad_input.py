"""Bad input is a coded 4xx, never a 500; no server paths reach anonymous readers; exports and highlights
are safe for any text. Each case here answered 500 (NP999) or leaked before."""
from __future__ import annotations

import base64
import csv
import io
import json

import pytest

from newsprobe.model import Analysis, Article
from tests.web.web_fixtures import TEXT, corpus, make_client, new_token


def cursor(position: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")


def code_of(response) -> str:
    return response.json()["error"]["code"]


def stored(aid: str, text: str = TEXT, source: str = "/srv/newsprobe/private/inbox/story.txt",
           title: str | None = "A title") -> Analysis:
    return Analysis(source=source, article=Article(id=aid, text=text, title=title, published="2024-03-04"))


@pytest.fixture
def client(tmp_path):
    extra = [stored("leaky"),
             stored("formula", text="=HYPERLINK(\"http://evil.example\",\"click\") the sabotage went on.",
                    title="@SUM(A1:A9)"),
             stored("markers", text="Before \x02 the \x03 sabotage \x02began\x03 today.", title=None)]
    with make_client(tmp_path, stored=[*corpus(), *extra]) as opened:
        yield opened


def test_a_lone_surrogate_is_a_coded_422(client) -> None:
    body = b'{"text": "The minister said \\ud800 it was fine."}'
    response = client.post("/analyze", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422 and code_of(response) == "NP909"
    assert "U+D800" in response.json()["error"]["reason"]


@pytest.mark.parametrize("day", ["0001-01-01", "0001-01-02", "9999-12-31", "1899-12-31", "2999-01-01"])
def test_dates_out_of_range_are_a_coded_422(client, day: str) -> None:
    analysed = client.post("/analyze", json={"text": "The minister spoke on Monday.", "published": day})
    assert analysed.status_code == 422 and code_of(analysed) == "NP910"
    for path in (f"/articles?from={day}", f"/search?q=sabotage&to={day}", f"/export?from={day}"):
        response = client.get(path)
        assert response.status_code == 422 and code_of(response) == "NP910", path


def test_an_unparsable_date_stays_a_coded_4xx(client) -> None:
    analysed = client.post("/analyze", json={"text": "The minister spoke.", "published": "0000-00-00"})
    assert analysed.status_code == 422 and code_of(analysed) == "NP107"


@pytest.mark.parametrize("path, position", [("/search?q=sabotage", {"offset": 2**63}),
                                            ("/entities", {"offset": 2**63}), ("/articles", {"before": 2**63}),
                                            ("/articles", {"before": 2**31})])
def test_cursor_positions_past_the_store_integers_are_refused(client, path: str, position: dict) -> None:
    joiner = "&" if "?" in path else "?"
    response = client.get(f"{path}{joiner}cursor={cursor(position)}")
    assert response.status_code == 400 and code_of(response) == "NP905"


def test_a_deeply_nested_cursor_is_refused(client) -> None:
    nested = base64.urlsafe_b64encode(("[" * 5000 + "]" * 5000).encode()).decode()
    response = client.get(f"/articles?cursor={nested}")
    assert response.status_code == 400 and code_of(response) == "NP905"
    short = base64.urlsafe_b64encode(("[" * 60 + "]" * 60).encode()).decode()  # short enough to be decoded
    assert code_of(client.get(f"/articles?cursor={short}")) == "NP905"


@pytest.mark.parametrize("url", ["http://[/]/", "http://example.org:99999/", "https:///path-only"])
def test_an_unparsable_url_is_a_coded_400(client, url: str) -> None:
    response = client.post("/analyze", json={"url": url})
    assert response.status_code == 400 and code_of(response) == "NP911"


def test_anonymous_readers_see_a_file_name_not_the_server_path(client) -> None:
    assert client.get("/articles/leaky").json()["source"] == "story.txt"
    assert client.get("/articles/rich1").json()["source"] == "test:rich1"  # not a path: as recorded
    lines = [json.loads(line) for line in client.get("/export?format=jsonl").text.splitlines()]
    assert {a["source"] for a in lines if a["article"]["id"] == "leaky"} == {"story.txt"}
    for query in ("format=csv", "format=json&_shape=array"):
        text = client.get(f"/export?{query}").text
        assert "/srv/newsprobe" not in text and "story.txt" in text, query
    token = {"Authorization": f"Bearer {new_token(client)}"}
    assert client.get("/articles/leaky", headers=token).json()["source"] == "/srv/newsprobe/private/inbox/story.txt"


def test_an_unopenable_store_does_not_show_its_path(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from newsprobe.api import create_app

    hidden = tmp_path / "secret-folder" / "x.db"
    with TestClient(create_app(db=f"sqlite:///{hidden}")) as anonymous:
        for path in ("/articles", "/", "/export"):
            response = anonymous.get(path)
            assert response.status_code == 503 and "secret-folder" not in response.text, path


def test_csv_export_escapes_cells_a_spreadsheet_would_run(client) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/export?format=csv&q=hyperlink").text)))
    assert rows[0]["title"] == "'@SUM(A1:A9)" and rows[0]["text"].startswith("'=HYPERLINK(")
    for row in rows:
        assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in row.values())


def test_control_characters_in_a_text_do_not_corrupt_search_highlights(client) -> None:
    [hit] = client.get("/search?q=began").json()["results"]
    assert [hit["passage"][s:e] for s, e in hit["highlights"]] == ["began"]
    assert "\x02" in hit["passage"] and "\x03" in hit["passage"]  # the text's own characters, kept
    page = client.get("/?q=began").text
    assert "<mark>began</mark>" in page and page.count("<mark>") == 1
