"""Bounded analysis through the API: worker processes, a bounded queue, a time budget and a length limit.

The workers run a stand-in analyser (tests/api/stand_in.py: "sleep N" takes N seconds), so these tests
measure the pool, not spaCy; tests/api/test_analyze.py runs the real pipeline in a worker."""
from __future__ import annotations

import threading
import time

import pytest

from tests.web.web_fixtures import corpus, make_client

pytestmark = pytest.mark.slow  # worker processes and time budgets: 15-35 s a test on the shared machine

STAND_IN = "tests.api.stand_in:slow_analyser"


def code(response) -> str:
    return response.json()["error"]["code"]


@pytest.fixture
def pooled(tmp_path):
    """A client whose app analyses in stand-in worker processes, with the given Options."""
    opened = []

    def make(**overrides):
        client = make_client(tmp_path, stored=corpus(), **overrides).__enter__()
        client.app.state.service.loader = STAND_IN
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


def in_background(client, body: dict, finished: list, name: str) -> threading.Thread:
    def post() -> None:
        response = client.post("/analyze", json=body)
        finished.append((name, response.status_code))

    thread = threading.Thread(target=post)
    thread.start()
    return thread


def wait_until(condition, what: str, most_s: float = 120.0) -> None:
    deadline = time.monotonic() + most_s
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def running(client) -> int:
    pool = client.app.state.service._pool
    return pool.admission.inside if pool else 0


def warm(client) -> None:
    pool = client.app.state.service.pool()
    pool.warm()
    wait_until(lambda: pool._idle.qsize() == client.app.state.service.options.api_workers, "the workers to start")


def test_a_long_analysis_does_not_hold_short_ones_or_pages(pooled) -> None:
    client = pooled(api_workers=2)
    warm(client)
    finished: list = []
    long = in_background(client, {"text": "sleep 6"}, finished, "long")
    wait_until(lambda: running(client) == 1, "the long analysis to start")
    assert client.get("/").status_code == 200 and client.get("/search?q=sabotage").status_code == 200
    finished.append(("pages", 200))
    short = client.post("/analyze", json={"text": "The minister spoke."})
    finished.append(("short", short.status_code))
    long.join()
    assert finished == [("pages", 200), ("short", 200), ("long", 200)]


def test_a_full_queue_answers_503_with_retry_after(pooled) -> None:
    client = pooled(api_workers=1, api_queue=0)
    warm(client)
    finished: list = []
    long = in_background(client, {"text": "sleep 4"}, finished, "long")
    wait_until(lambda: running(client) == 1, "the long analysis to start")
    refused = client.post("/analyze", json={"text": "The minister spoke."})
    assert refused.status_code == 503 and refused.json()["error"]["code"] == "NP912"
    assert int(refused.headers["retry-after"]) > 0
    long.join()
    assert finished == [("long", 200)]
    assert client.post("/analyze", json={"text": "The minister spoke."}).status_code == 200  # room again


def test_an_analysis_over_its_time_budget_is_stopped(pooled) -> None:
    client = pooled(api_workers=1, api_analysis_timeout_s=1.0)
    warm(client)
    pool = client.app.state.service._pool
    [worker] = list(pool._idle.queue)
    started = time.monotonic()
    response = client.post("/analyze", json={"text": "sleep 60"})
    assert response.status_code == 504 and response.json()["error"]["code"] == "NP913"
    assert "1 s" in response.json()["error"]["reason"]
    assert time.monotonic() - started < 60  # answered at the budget, not when the work would have ended
    assert not worker.process.is_alive()  # the worker was stopped, not left running
    again = client.post("/analyze", json={"text": "The minister spoke."})  # a fresh worker takes its place
    assert again.status_code == 200 and again.json()["article"]["text"] == "The minister spoke."


def test_texts_over_the_length_limit_get_a_coded_413(pooled) -> None:
    client = pooled(api_max_text_chars=50)
    response = client.post("/analyze", json={"text": "word " * 20})
    body = response.json()["error"]
    assert response.status_code == 413 and body["code"] == "NP908" and "the limit is 50" in body["reason"]
    assert client.app.state.service._pool is None  # refused before any worker was started
    page = client.post("/analyze", data={"text": "word " * 20})
    assert page.status_code == 413 and "NP908" in page.text


def test_the_default_limit_refuses_a_million_characters(tmp_path) -> None:
    """Such a text once took minutes and gigabytes, then 500; now it is refused at once, naming the limit."""
    with make_client(tmp_path) as client:
        response = client.post("/analyze", json={"text": "word " * 200_000})
        assert response.status_code == 413 and code(response) == "NP908"
        assert "1,000,000 characters; the limit is 100,000" in response.json()["error"]["reason"]
