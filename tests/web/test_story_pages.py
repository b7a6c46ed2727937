"""The story page and the article page's fact-checks, over HTTP (TestClient) and in a real browser."""
from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from tests.api.test_corpus_routes import fill
from tests.web.test_browser import CHROMIUM, _free_port, _require_browser
from tests.web.web_fixtures import corpus, make_client


@pytest.fixture
def client(tmp_path):
    db = f"sqlite:///{tmp_path / 'pages.db'}"
    with make_client(tmp_path, stored=corpus(), db=db) as opened:
        fill(db, tmp_path)
        yield opened


def story_of(client, article_id: str) -> int:
    return client.get(f"/articles/{article_id}/claims").json()["story"]


def test_article_page_shows_fact_checks_beside_the_claim(client) -> None:
    html = client.get("/article/rich1").text
    assert 'class="factchecks" data-claim="c2"' in html  # "dockers walked out for a month"
    assert 'href="https://fc.example/1"' in html and "Dockers walked out for a month" in html
    assert f'href="/story/{story_of(client, "rich1")}"' in html
    assert "data-claim=\"c0\"" not in html  # a claim without a match lists none


def test_story_page_and_its_errors(client) -> None:
    story = story_of(client, "rich2")
    html = client.get(f"/story/{story}").text
    assert f"<h1>Story {story}</h1>" in html and 'data-outlet="Radio Kestrel"' in html
    assert client.get("/story/99999").status_code == 404
    assert client.get("/story/0").status_code == 422
    assert client.get("/story/x").status_code == 422


def test_story_page_in_a_browser(tmp_path: Path) -> None:
    _require_browser()
    import uvicorn
    from playwright.sync_api import sync_playwright

    from newsprobe.api import create_app
    from newsprobe.config import load_options
    from newsprobe.store import Store

    db = f"sqlite:///{tmp_path / 'browser.db'}"
    with Store(db) as store:
        for analysis in corpus():
            store.add(analysis)
    fill(db, tmp_path)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(replace(load_options(), api_workers=0), db), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"http://127.0.0.1:{port}/article/rich1")
            assert "Dockers walked out for a month" in page.locator('.factchecks[data-claim="c2"]').inner_text()
            page.locator(".meta a", has_text="story").click()
            page.wait_for_selector("#outlets")
            cards = page.locator(".outlet-card")
            assert cards.count() >= 1
            boxes = [cards.nth(i).bounding_box() for i in range(cards.count())]
            if len(boxes) > 1:  # side by side: one row, left to right
                assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]
            assert "per 1,000 words" in cards.first.inner_text()
            assert page.locator("#story-articles li").count() >= 1
            page.screenshot(path=str(tmp_path / "story-page.png"), full_page=True)
            # From a claim of the article to its path through the stored news (a stored vector: no encoder).
            page.goto(f"http://127.0.0.1:{port}/article/rich1")
            page.locator('a.claim-path[href="/claim/rich1:2"]').click()
            page.wait_for_selector("#appearances")
            assert page.locator("#appearances li").count() == 3
            assert page.locator("svg circle").count() == 3
            assert errors == []
            browser.close()
    finally:
        server.should_exit = True
        thread.join(10)
