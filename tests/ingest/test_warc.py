"""WARC and WARC.gz: HTML responses become articles; other records pass; a corrupt record is one NP412."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprobe.config import Options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest import expand, read_one
from newsprobe.ingest.warc import articles_from_warc


def page(title: str) -> bytes:
    body = " ".join([f"{title} was reported by several agencies on Monday, officials said."] * 6)
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p>" \
           f"</article></body></html>".encode()


def warc(records: list[tuple[str, str, bytes, str]], gzip: bool) -> bytes:
    """(type, uri, payload, content type) records written by warcio."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for kind, uri, payload, content_type in records:
        if kind == "response":
            status = "404 Not Found" if uri.endswith("missing") else "200 OK"
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers)
        else:
            record = writer.create_warc_record(uri, kind, payload=io.BytesIO(payload),
                                               warc_content_type=content_type)
        writer.write_record(record)
    return out.getvalue()


RECORDS = [
    ("response", "https://news.example.org/one", page("Dam opens"), "text/html; charset=utf-8"),
    ("response", "https://news.example.org/logo.png", b"\x89PNG....", "image/png"),
    ("metadata", "https://news.example.org/one", b"fetched: yes", "application/warc-fields"),
    ("response", "https://news.example.org/missing", page("Gone"), "text/html"),
    ("response", "https://news.example.org/two", page("Bridge closes"), "text/html"),
]


@pytest.mark.parametrize("gzip", [False, True])
def test_html_responses_become_articles(gzip: bool) -> None:
    results = list(articles_from_warc(warc(RECORDS, gzip), "crawl.warc"))
    assert [source for source, _ in results] == ["https://news.example.org/one", "https://news.example.org/two"]
    assert all(r.url == s and "officials said" in r.text for s, r in results)
    assert results[0][1].title == "Dam opens"


def test_a_corrupt_record_is_one_np412_after_the_good_ones() -> None:
    data = warc(RECORDS, gzip=True)
    second = data.index(b"\x1f\x8b", 10)  # the start of the second gzip member
    corrupt = data[:second + 20] + b"\x00garbage\xff" * 20 + data[second + 220:]
    results = list(articles_from_warc(corrupt, "crawl.warc.gz"))
    assert results[0][0] == "https://news.example.org/one" and results[0][1].title == "Dam opens"
    error = results[-1][1]
    assert isinstance(error, NewsprobeError) and error.code is Code.BAD_WARC
    assert error.source.startswith("crawl.warc.gz@")


def test_not_a_warc_is_np412() -> None:
    [(_, error)] = list(articles_from_warc(b"WARC/1.0\r\nnonsense\r\n\r\n" * 3, "x.warc"))
    assert error.code is Code.BAD_WARC


def test_read_one_and_folders_find_warcs(tmp_path: Path) -> None:
    (tmp_path / "a.warc.gz").write_bytes(warc(RECORDS, gzip=True))
    (tmp_path / "b.warc").write_bytes(warc(RECORDS[:1], gzip=False))
    (tmp_path / "c.bin").write_bytes(b"ignored")
    assert list(expand([str(tmp_path)])) == [str(tmp_path / "a.warc.gz"), str(tmp_path / "b.warc")]
    assert len(list(read_one(str(tmp_path / "a.warc.gz"), Options()))) == 2
    (tmp_path / "sniffed").write_bytes(warc(RECORDS[:1], gzip=False))
    [(_, article)] = list(read_one(str(tmp_path / "sniffed"), Options()))
    assert article.title == "Dam opens"


@pytest.mark.parametrize("gzip", [False, True])
@pytest.mark.parametrize("cut", [300, -100])
def test_an_archive_cut_short_is_np412_not_silence(gzip: bool, cut: int) -> None:
    """A download cut at 300 bytes used to read as an empty archive; a cut in the last record as a whole one."""
    data = warc(RECORDS, gzip)
    results = list(articles_from_warc(data[:cut], "cut.warc"))
    error = results[-1][1]
    assert isinstance(error, NewsprobeError) and error.code is Code.BAD_WARC, results
    if cut < 0:  # the records before the cut still stand
        assert results[0][1].title == "Dam opens"


def test_an_empty_gzip_member_stream_is_np412() -> None:
    import gzip as gz

    [(_, error)] = list(articles_from_warc(gz.compress(b""), "empty.warc.gz"))
    assert error.code is Code.BAD_WARC


def test_an_unforeseen_error_on_one_record_fails_that_record_only(monkeypatch) -> None:
    import newsprobe.ingest.warc as warc_module

    real = warc_module.article_from_html

    def buggy(body, url):
        if url.endswith("/one"):
            raise IndexError("an extractor bug")
        return real(body, url=url)

    monkeypatch.setattr(warc_module, "article_from_html", buggy)
    (one, error), (two, article) = list(articles_from_warc(warc(RECORDS, gzip=True), "crawl.warc.gz"))
    assert error.code is Code.READ_FAILED and "IndexError: an extractor bug" in error.reason and error.source == one
    assert article.title == "Bridge closes"
