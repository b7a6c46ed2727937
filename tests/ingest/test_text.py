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


# --- encodings: UTF-8 first, a sane fallback, UTF-16 with a BOM (issue 15) ---
def test_latin1_and_cp1252_text_is_not_read_as_a_cjk_or_cyrillic_codepage():
    text = "He paid 50 € for the Soléimani book, a naïve café résumé. " * 40  # charset_normalizer: cp1125
    assert decode_text(text.encode("cp1252")) == text
    assert decode_text("Qassem Soléimani said on Monday.".encode("latin-1")) == "Qassem Soléimani said on Monday."
    assert decode_text(b"Caf\xe9 \x81 bar.") == "Caf\xe9 \x81 bar."  # a byte cp1252 leaves undefined: Latin-1


def test_utf8_with_a_broken_byte_stays_utf8():
    data = "Qassem Soléimani said – on Monday. ".encode() + b"\xff" + " Café.".encode()
    assert decode_text(data) == "Qassem Soléimani said – on Monday. \ufffd Café."


def test_real_cyrillic_and_japanese_text_keep_their_encodings():
    russian = "Москва заявила, что переговоры продолжатся. " * 5
    assert decode_text(russian.encode("cp1251")) == russian
    japanese = "東京で会議が開かれた。" * 5
    assert decode_text(japanese.encode("shift_jis")) == japanese


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_text(codec):
    text = "Soléimani said on Monday that talks – not war – would go on.\n"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    assert decode_text(data) == text


def test_implausible_publication_dates():
    from newsprobe.ingest.text import check_published

    assert article_from_text("Text.", published="0001-01-01").published is None
    assert article_from_text("Text.", published="2999-01-01").published is None
    assert article_from_text("Text.", published="1999-12-31").published == "1999-12-31"
    assert raises(Code.IMPLAUSIBLE_DATE, check_published, "1899-12-31").detail == "1899-12-31"
    assert check_published(None) is None and check_published("1900-01-01") == "1900-01-01"
