"""The pages in a real browser (Playwright driving Debian's Chromium, headless).

CI installs the browser from Debian's packages (`apt-get install chromium`); Playwright's own browser
download is never used. Without /usr/bin/chromium these tests skip, except under CI where they fail.
Screenshots go to a temporary folder, or to docs/ with NEWSPROBE_SCREENSHOTS=docs (for the README).
"""
from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.web.web_fixtures import HOSTILE, corpus

pytestmark = pytest.mark.slow  # drives Chromium

CHROMIUM = Path("/usr/bin/chromium")
DOCS = Path(__file__).resolve().parents[2] / "docs"


def _require_browser() -> None:
    missing = [] if CHROMIUM.exists() else [str(CHROMIUM)]
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package")
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{', '.join(missing)} missing; CI installs chromium with apt-get")
        pytest.skip(f"{', '.join(missing)} missing")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, nlp) -> Iterator[str]:
    """The app under uvicorn in a thread, over a store holding the test corpus; yields its address."""
    _require_browser()
    import uvicorn

    from newsprobe.api import create_app
    from newsprobe.config import load_options
    from newsprobe.store import Store

    db = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'pages.db'}"
    with Store(db) as store:
        for analysis in corpus():
            store.add(analysis)
    port = _free_port()
    app = create_app(replace(load_options(), api_workers=0), db, nlp)
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    opened.dialogs, opened.errors = [], []
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    opened.on("console", lambda message: message.type == "error" and opened.errors.append(message.text))
    yield opened
    context.close()


def _shots(tmp_path: Path) -> Path:
    return DOCS if os.environ.get("NEWSPROBE_SCREENSHOTS") == "docs" else tmp_path


def test_article_page_toggles_a_layer_and_shows_details(server: str, page, tmp_path: Path) -> None:
    page.goto(f"{server}/article/rich1")
    technique = page.locator(".l-technique").first
    coloured = technique.evaluate("el => getComputedStyle(el).backgroundColor")
    assert coloured not in {"rgba(0, 0, 0, 0)", "transparent"}
    page.locator('#legend input[data-layer="technique"]').uncheck()
    assert "off-technique" in page.locator("#text").get_attribute("class")
    assert technique.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    page.locator('#legend input[data-layer="technique"]').check()

    # "sabotage": two techniques, a claim and a quote overlap; clicking lists them all
    page.locator('.hl[data-f~="t1"]').first.click()
    details = page.locator("#details-body")
    assert details.locator("article").count() == 4
    text = details.inner_text()
    assert "Loaded Language" in text and "Name Calling,Labeling" in text and "0.83" in text
    assert "claim in attributed voice" in text and "Minister Ana Costa" in text
    assert page.locator('.hl.sel[data-f~="t1"]').count() >= 1
    page.screenshot(path=str(_shots(tmp_path) / "article-page.png"), full_page=True)

    page.locator('a.jump[data-target="c2"]').click()  # the side panel's top claim
    assert "claim in outlet voice" in details.inner_text() and "0.81" in details.inner_text()
    assert page.errors == [] and page.dialogs == []


def _nothing_ran(page) -> None:
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.locator("#text img, #text script, #text a, #text b, #details-body script").count() == 0
    assert page.dialogs == [] and page.errors == []


def test_a_hostile_article_is_analysed_and_shown_without_running_anything(server: str, page) -> None:
    page.goto(f"{server}/analyze")
    page.fill("#text", HOSTILE)
    page.click("button[type=submit]")
    page.wait_for_selector("#text p")
    shown = page.locator("#text").inner_text()
    assert "<script>window.__pwned = 1;" in shown and "</textarea><script>alert(3)" in shown  # shown, as text
    page.locator("#text p").first.click()
    _nothing_ran(page)

    page.goto(f"{server}/article/hostile1")
    assert page.title().startswith("</title><script>")
    page.locator('.hl[data-f~="t0"]').first.click()  # a technique whose label is a script tag
    assert "<script>alert(6)</script>" in page.locator("#details-body h3").all_inner_texts()
    page.locator('.hl[data-f~="e0"]').first.click()  # an entity named with an onerror image
    assert "<img src=x onerror=alert(5)>" in page.locator("#details-body").inner_text()
    _nothing_ran(page)

    page.goto(f"{server}/?q=pwned")
    assert page.locator("#hits li").count() == 1
    _nothing_ran(page)


def test_corpus_page_runs_a_search(server: str, page, tmp_path: Path) -> None:
    page.goto(server + "/")
    assert page.locator("svg[aria-label='Technique use per outlet over time']").count() == 1
    page.fill("input[name=q]", "sabotage")
    page.fill("input[name=outlet]", "Radio Kestrel")
    page.click("form.filters button")
    page.wait_for_url("**/?q=sabotage*")
    assert page.locator("#hits li").count() == 1
    assert page.locator("#hits mark").first.inner_text().lower() == "sabotage"
    page.fill("input[name=outlet]", "")
    page.click("form.filters button")
    page.wait_for_url("**/?q=sabotage&outlet=&*")
    assert page.locator("#hits li").count() == 3
    page.screenshot(path=str(_shots(tmp_path) / "corpus-page.png"), full_page=True)
    page.locator("#hits a").first.click()
    page.wait_for_selector("#legend")
    assert page.errors == [] and page.dialogs == []
