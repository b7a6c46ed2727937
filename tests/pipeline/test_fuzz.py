"""Property: any Unicode text gives an Analysis whose every span is `text[start:end]`, in range, no exception."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from tests.fuzz_cases import pipeline_text, span_errors

from newsprobe.analysis import run_pipeline
from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest.text import article_from_text, utf8_safe
from newsprobe.model import Article

pytestmark = pytest.mark.slow  # Hypothesis through the pipeline


def analyse(nlp: Language, text: str) -> None:
    try:
        article = article_from_text(text)
    except NewsprobeError as error:
        assert error.code is Code.EMPTY and not text.strip()
        return
    analysis = next(run_pipeline(nlp, [(article, "fuzz")], batch_size=1))
    assert analysis.article.text == utf8_safe(text)  # the text as given (lone surrogates become U+FFFD)
    assert span_errors(analysis) == []


@pytest.mark.slow
@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(pipeline_text, st.text(max_size=200)))
def test_any_text_gives_spans_that_quote_it(nlp: Language, text: str) -> None:
    analyse(nlp, text)


def test_hostile_texts(nlp: Language) -> None:
    for text in ["\ud800 said \udfff", "\x00" * 50 + " said", "“" * 300, "TEHRAN –", "\u202e\u200b" * 100,
                 "a\r\nb\rc\u2028d \"quoted,\" he said", "Mr." * 200, "🙂" * 100 + " on Saturday"]:
        analyse(nlp, text)


def test_a_span_that_does_not_quote_the_text_is_caught() -> None:
    """The property can fail: a span whose text is not text[start:end]."""
    from newsprobe.model import Analysis, Timex

    article = Article(id="x", text="on Saturday")
    wrong = Analysis(source="x", article=article, timexes=[Timex(start=3, end=8, text="Sunday", type="DATE", value="x")])
    assert span_errors(wrong)
