"""Property: every ingest format turns any bytes into Articles or coded errors, never another exception."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from tests.fuzz_cases import STRATEGIES, ingest

from newsprobe.errors import NewsprobeError
from newsprobe.model import Article

pytestmark = pytest.mark.slow  # Hypothesis over every reader

FUZZ = settings(max_examples=120, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check(data: bytes, kind: str) -> None:
    for result in ingest(data, kind):
        if isinstance(result, Article):
            assert result.text.strip(), "an article without text"
            result.model_dump_json().encode("utf-8")  # storable and printable: no lone surrogates
        else:
            assert isinstance(result, NewsprobeError) and str(result).startswith("[NP")


@pytest.mark.parametrize("kind", sorted(STRATEGIES))
def test_any_input_gives_articles_or_coded_errors(kind: str) -> None:
    @FUZZ
    @given(STRATEGIES[kind])
    def run(data: bytes) -> None:
        check(data, kind)

    run()


@pytest.mark.parametrize("kind", sorted(STRATEGIES))
@pytest.mark.parametrize("data", [b"", b"\x00" * 64, b"\xff\xfe", "é".encode("utf-16"), b"<", b"WARC/1.0\r\n\r\n",
                                  b"<rss><channel><item></item></channel></rss>", b'{"text": 1}\n[]\nnull'])
def test_known_hostile_inputs(kind: str, data: bytes) -> None:
    check(data, kind)
