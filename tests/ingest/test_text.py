from __future__ import annotations

import pytest

from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest.text import article_from_text, article_id, decode_text, parse_published


def raises(code: Code, func, *args):
    with pytest.raises(NewsprobeError) as caught:
        func(*args)
    assert caught.value.code is code
    return caught.value


def test_utf8_text_is_kept_exactly():
    raw = "  TEHRAN –  Two  spaces\r\nand a trailing line\u00a0 \n"
    assert decode_text(raw.encode("utf-8")) == raw


def test_other_encoding_is_recognised():
    text = "Le président a déclaré à la presse que la réunion était terminée, après une longue journée."
    assert decode_text(text.encode("cp1252")) == text


def test_empty_and_blank_input():
    raises(Code.EMPTY, decode_text, b"")
    raises(Code.EMPTY, decode_text, b" \n\t ")
    raises(Code.EMPTY, article_from_text, "   ")


def test_binary_input():
    raises(Code.BINARY, decode_text, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    raises(Code.BINARY, decode_text, bytes(range(1, 32)) * 20)


def test_unknown_encoding():
    noise = bytes([0x81, 0xfe, 0x9d, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x82, 0xff, 0x8f, 0x90]) * 8
    raises(Code.ENCODING, decode_text, noise)


def test_error_line_names_input_and_remedy():
    error = raises(Code.EMPTY, decode_text, b"").with_source("notes.txt")
    assert str(error) == "[NP102] notes.txt: the input is empty; pass a file that contains article text"


def test_published_dates():
    assert parse_published("2022-01-02") == "2022-01-02"
    assert parse_published("2022-01-02T10:00:00Z") == "2022-01-02"
    assert parse_published(None) is None
    raises(Code.BAD_DATE, parse_published, "02/01/22")
    raises(Code.BAD_DATE, parse_published, "2022-02-30")


def test_article_id_is_stable_and_depends_on_url():
    assert article_id("text") == article_id("text")
    assert article_id("text", "https://a.example/1") != article_id("text")
    article = article_from_text("Some text.", url="https://a.example/1", published="2020-01-01")
    assert article.id == article_id("Some text.", "https://a.example/1") and article.published == "2020-01-01"
