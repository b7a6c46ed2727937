"""The HTML pages: article, analyse and corpus; hostile content stays inert; assets come from the package."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.web.web_fixtures import HOSTILE, corpus, make_client

WEB = Path(__file__).resolve().parents[2] / "src" / "newsprobe" / "web"


@pytest.fixture
def client(tmp_path):
    with make_client(tmp_path, stored=corpus()) as opened:
        yield opened


def scripts(page: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", page, flags=re.I)


def test_article_page_shows_layers_panels_and_details(client) -> None:
    response = client.get("/article/rich1")
    assert response.status_code == 200 and "script-src 'self'" in response.headers["content-security-policy"]
    page = response.text
    for layer in ("technique", "attribution", "claim", "entity", "timex", "event"):
        assert f'data-layer="{layer}"' in page and f"l-{layer}" in page
    assert page.count("<p>") == 3  # one per paragraph
    assert "Claims by check-worthiness" in page and "Timeline" in page and "Minister Ana Costa" in page
    assert '<script type="application/json" id="findings">' in page


def test_hostile_article_renders_inert(client) -> None:
    page = client.get("/article/hostile1").text
    assert scripts(page) == ['<script src="/static/app.js" defer>', '<script type="application/json" id="findings">']
    for needle in ("<img", "<b ", "<a href=\"javascript", "onerror=\"", "</textarea><script"):
        assert needle not in page, needle
    assert "&lt;script&gt;window.__pwned" in page and "&lt;/textarea&gt;" in page
    assert "<title>&lt;/title&gt;&lt;script&gt;" in page
    assert 'href="javascript' not in page


def test_analyse_page_keeps_submitted_text_inside_its_textarea(tmp_path) -> None:
    with make_client(tmp_path) as client:
        assert "<textarea" in client.get("/analyze").text
        # A bad date re-renders the form with the text: the </textarea> breakout must stay text.
        response = client.post("/analyze", data={"text": HOSTILE, "published": "not a date"})
        assert response.status_code == 422 and "NP107" in response.text
        assert scripts(response.text) == ['<script src="/static/app.js" defer>']
        assert response.text.count("</textarea>") == 1


def test_analyse_page_shows_the_article_page(tmp_path, nlp) -> None:
    with make_client(tmp_path, nlp=nlp) as client:
        text = "Ana Costa said on Monday that the port in Harbourton would reopen. " * 3
        response = client.post("/analyze", data={"text": text, "published": "2024-03-04"})
        assert response.status_code == 200 and "not stored" in response.text
        assert re.search(r'<span class="hl [^"]*l-entity[^"]*" data-f="[^"]*e0', response.text)
        empty = client.post("/analyze", data={"text": ""})
        assert empty.status_code == 422 and "NP904" in empty.text


def test_the_old_analyse_spelling_redirects_keeping_method_and_body(tmp_path) -> None:
    with make_client(tmp_path) as client:
        moved = client.get("/analyse?x=1", follow_redirects=False)
        assert moved.status_code == 308 and moved.headers["location"] == "/analyze?x=1"
        posted = client.post("/analyse", data={"text": ""}, follow_redirects=False)
        assert posted.status_code == 307 and posted.headers["location"] == "/analyze"
        followed = client.post("/analyse", data={"text": ""})  # the body reaches the page's handler
        assert followed.status_code == 422 and "NP904" in followed.text and "<textarea" in followed.text
        assert 'action="/analyze"' in client.get("/analyze").text


def test_the_form_and_the_json_api_share_post_analyze(tmp_path) -> None:
    with make_client(tmp_path) as client:
        form = client.post("/analyze", data={"text": ""})
        assert form.status_code == 422 and form.headers["content-type"].startswith("text/html")
        api = client.post("/analyze", json={"text": ""})
        assert api.headers["content-type"] == "application/json" and api.json()["error"]["code"] == "NP904"
        assert "/analyse" not in client.get("/openapi.json").json()["paths"]


def test_corpus_page_searches_and_draws_charts(client) -> None:
    page = client.get("/").text
    assert page.count("<svg") >= 3 and "Technique use per outlet over time" in page
    assert "Radio Kestrel" in page and "Loaded_Language" in page
    found = client.get("/?q=sabotage&outlet=Radio+Kestrel").text
    assert found.count('href="/article/') == 1 and "<mark>sabotage</mark>" in found
    hostile = client.get("/?q=pwned").text
    assert "&lt;script&gt;" in hostile and "alert('outlet')" not in hostile.replace("&#39;", "'").split("<main>")[0]
    assert scripts(hostile) == ['<script src="/static/app.js" defer>']
    bad = client.get("/?from=never")
    assert bad.status_code == 400 and "NP405" in bad.text


def test_api_page_lists_endpoints(client) -> None:
    page = client.get("/api").text
    assert "/export" in page and "/openapi.json" in page


def test_static_assets_are_served_by_the_package(client) -> None:
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/style.css").headers["content-type"].startswith("text/css")


def test_no_page_or_asset_loads_anything_from_elsewhere() -> None:
    for path in [*WEB.glob("templates/*.html"), *WEB.glob("static/*")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), path
        assert not re.search(r"<script>|\son[a-z]+=|style=", text), path  # no inline script, handlers or style


def test_corpus_page_pages_through_results(client, monkeypatch) -> None:
    from newsprobe.web import pages

    monkeypatch.setattr(pages, "PAGE", 3)
    first = client.get("/").text
    assert first.count('href="/article/') == 3 and 'rel="next"' in first and 'rel="prev"' not in first
    second = client.get("/?page=2").text
    assert second.count('href="/article/') == 1 and 'rel="prev"' in second and 'rel="next"' not in second
    assert 'start="4"' in second
    assert client.get("/?page=0").status_code == 422
