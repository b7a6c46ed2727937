"""run_pipeline with on_error: a failing batch is analysed again one by one, so only the bad article fails."""
from __future__ import annotations

from newsprobe.analysis import run_pipeline
from newsprobe.errors import Code
from newsprobe.ingest.text import article_from_text
from tests.conftest import BOOM, tiny_texts


def items(texts: list[str]):
    return [(article_from_text(text), f"doc{i}") for i, text in enumerate(texts)]


def test_a_raising_component_fails_only_its_article(fragile_nlp):
    failed = []
    analyses = list(run_pipeline(fragile_nlp, items(tiny_texts(100, bad=42)), batch_size=8,
                                 on_error=lambda _article, source, error: failed.append((source, error))))
    assert len(analyses) == 99
    assert [a.source for a in analyses] == [f"doc{i}" for i in range(100) if i != 42]
    [(source, error)] = failed
    assert source == "doc42" and error.code is Code.ANALYSIS_FAILED and error.source == "doc42"
    assert "stage analyse, ZeroDivisionError" in error.reason


def test_several_bad_articles_in_one_batch(fragile_nlp):
    texts = tiny_texts(20, bad=-1)
    texts[3] = texts[5] = f"It went {BOOM} twice."
    failed = []
    analyses = list(run_pipeline(fragile_nlp, items(texts), batch_size=32,
                                 on_error=lambda _a, source, _e: failed.append(source)))
    assert len(analyses) == 18 and failed == ["doc3", "doc5"]


def test_a_text_over_the_limit_fails_alone_with_np109(fragile_nlp):
    fragile_nlp.max_length = 2000
    texts = ["The council met on Monday.", "word " * 500, "The mayor spoke."]
    failed = []
    analyses = list(run_pipeline(fragile_nlp, items(texts), on_error=lambda _a, _s, error: failed.append(error)))
    assert len(analyses) == 2
    assert failed[0].code is Code.TOO_LONG and "2,500 characters" in failed[0].reason and "2,000" in failed[0].reason


def test_an_error_of_on_error_itself_is_raised_not_taken_for_a_bad_document(fragile_nlp):
    fragile_nlp.max_length = 2000

    def full_disk(_article, _source, _error):
        raise OSError("no space left on device")

    texts = ["The council met on Monday.", "word " * 500, "The mayor spoke."]
    results = run_pipeline(fragile_nlp, items(texts), on_error=full_disk)
    import pytest

    with pytest.raises(OSError, match="no space"):
        list(results)
