from __future__ import annotations

import gzip
import json

import pytest

import newsprobe.ingest as ingest
from newsprobe.config import Options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest.compressed import gunzip, inner_name
from newsprobe.model import Article

PAGE = ("<html><head><title>Bridge vote</title></head><body><article><p>The Eastbrook council voted on "
        "Monday to open the new bridge in June, the mayor said in a statement.</p><p>Work on the span "
        "began two years ago after a long public consultation.</p></article></body></html>")


def _read(*specs: str) -> list[tuple[str, Article | NewsprobeError]]:
    return list(ingest.read_inputs(list(specs), Options()))


def test_a_folder_of_gzipped_pages_gives_their_articles(tmp_path):
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    lines = [json.dumps({"id": f"a{i}", "text": f"Story {i} about the harbour council."}) for i in range(2)]
    (tmp_path / "more.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    results = _read(str(tmp_path))
    articles = [r for _, r in results if isinstance(r, Article)]
    assert len(articles) == 3 and len(results) == 3
    assert any("bridge in June" in a.text for a in articles)


def test_a_gzipped_file_is_read_by_the_suffix_under_gz(tmp_path):
    path = tmp_path / "story.htm.gz"  # HTML by its inner suffix, though it does not start like a page
    path.write_bytes(gzip.compress(PAGE.removeprefix("<html>").encode()))
    [(_, article)] = _read(str(path))
    assert isinstance(article, Article) and "<p>" not in article.text and "bridge in June" in article.text


def test_a_folder_with_no_article_file_is_a_coded_error_not_silence(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7")
    [(source, error)] = _read(str(tmp_path))
    assert isinstance(error, NewsprobeError) and error.code is Code.UNSUPPORTED_INPUT
    assert source == str(tmp_path) and "no .txt" in error.reason


def test_damaged_gzip_is_a_coded_error_and_the_next_file_is_read(tmp_path):
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(PAGE.encode())[:30])
    (tmp_path / "b.txt").write_text("The harbour council met on Tuesday to vote on the budget.", encoding="utf-8")
    results = dict(_read(str(tmp_path)))
    assert isinstance(results[str(tmp_path / "a.html.gz")], NewsprobeError)
    assert isinstance(results[str(tmp_path / "b.txt")], Article)


def test_gzip_that_expands_past_the_cap_is_refused():
    bomb = gzip.compress(b"a" * 10_000)
    with pytest.raises(NewsprobeError) as caught:
        gunzip(bomb, limit=1_000)
    assert caught.value.code is Code.UNSUPPORTED_INPUT and "expands beyond" in caught.value.reason
    assert gunzip(bomb, limit=10_000) == b"a" * 10_000


def test_inner_name_strips_only_a_gz_suffix():
    assert inner_name("page.HTML.GZ") == "page.HTML" and inner_name("page.html") == "page.html"
