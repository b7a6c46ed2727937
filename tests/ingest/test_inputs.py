from __future__ import annotations

import json

import newsprobe.ingest as ingest
from newsprobe.config import Options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest.url import Page
from tests.ingest.test_html import JSON_LD, page


def test_url_input_becomes_an_article_with_its_final_address(monkeypatch):
    def fake_fetch(url: str, options: Options) -> Page:
        return Page("https://courier.example/final", page(JSON_LD).encode(), "text/html; charset=utf-8")

    monkeypatch.setattr(ingest, "fetch", fake_fetch)
    [(source, article)] = list(ingest.read_inputs(["https://courier.example/short"], Options()))
    assert source == "https://courier.example/short"
    assert article.url == "https://courier.example/final" and article.published == "2021-05-04"


def test_refused_url_is_a_coded_result_not_an_exception():
    [(source, error)] = list(ingest.read_inputs(["http://127.0.0.1:8080/admin"], Options()))
    assert isinstance(error, NewsprobeError) and error.code is Code.URL_ADDRESS and error.source == source


def test_folders_globs_and_published_override(tmp_path):
    (tmp_path / "a.txt").write_text("First story about the harbour council meeting.", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.jsonl").write_text(json.dumps({"text": "Second story.", "published": "2020-01-01"}) + "\n")
    (sub / "c.png").write_bytes(b"\x89PNG")
    results = list(ingest.read_inputs([str(tmp_path)], Options(), published="2024-02-02"))
    assert [source.rsplit("/", 1)[-1] for source, _ in results] == ["a.txt", "b.jsonl#1"]
    assert {article.published for _, article in results} == {"2024-02-02"}
    globbed = list(ingest.read_inputs([str(tmp_path / "*.txt")], Options()))
    assert len(globbed) == 1


def test_html_is_sniffed_without_a_suffix(tmp_path):
    path = tmp_path / "saved-page"
    path.write_text(page(JSON_LD), encoding="utf-8")
    [(_, article)] = list(ingest.read_inputs([str(path)], Options()))
    assert article.title == "Harbour plan approved" and "<p>" not in article.text


def test_an_unforeseen_exception_while_reading_fails_that_input_only(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("First story about the harbour council meeting.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Second story about the bridge.", encoding="utf-8")
    real = ingest.article_from_text

    def buggy(text, **meta):
        if text.startswith("First"):
            raise KeyError("a reader bug")
        return real(text, **meta)

    monkeypatch.setattr(ingest, "article_from_text", buggy)
    results = list(ingest.read_inputs([str(tmp_path), "http://[/]/", "bad\x00name.txt"], Options()))
    (a, error), (b, article), (url, url_error), (name, name_error) = results
    assert a.endswith("a.txt") and error.code is Code.READ_FAILED and error.source == a
    assert "stage read, KeyError" in error.reason and error.stage == "read"
    assert article.text == "Second story about the bridge."
    assert url_error.code is Code.URL_FAILED
    assert name_error.code is Code.NOT_FOUND and name == "bad\x00name.txt"
