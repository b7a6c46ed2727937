"""PolNeAR's boundary conventions applied to the head's spans, one rule per test, on team-written sentences."""
from __future__ import annotations

import numpy as np

from newsprobe.attribution.boundaries import (
    Layout,
    RoleSpan,
    adjust,
    settle,
    to_chunks,
    to_quotes,
    to_sentence_end,
    trim_content,
)


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _words(text: str) -> list[tuple[int, int]]:
    """Words and punctuation marks as the head's word ranges."""
    import re

    return [m.span() for m in re.finditer(r"\w+|[^\w\s]", text)]


def _content_probs(text: str, words: list[tuple[int, int]], high: str, value: float) -> np.ndarray:
    """Content probability 0.9 on words before `high`, `value` from it on."""
    cut = text.index(high)
    return np.array([0.9 if s < cut else value for s, _ in words])


TEXT = "The mayor said taxes will rise next spring. Critics disagree."


def test_a_content_runs_on_to_its_sentence_end_when_the_rest_looks_like_content():
    words = _words(TEXT)
    spans = [RoleSpan("Content", *_at(TEXT, "taxes will rise"))]
    sentences = (0, TEXT.index("Critics"))
    longer = to_sentence_end(spans, words, _content_probs(TEXT, words, "next", 0.3), TEXT, sentences, 0.2)
    assert longer == [RoleSpan("Content", *_at(TEXT, "taxes will rise next spring"))]  # the period stays out
    kept = to_sentence_end(spans, words, _content_probs(TEXT, words, "next", 0.1), TEXT, sentences, 0.2)
    assert kept == spans
    assert to_sentence_end(spans, words, _content_probs(TEXT, words, "next", 0.3), TEXT, sentences, 2.0) == spans


def test_a_content_does_not_run_over_a_cue():
    text = "Taxes will rise, the mayor said on Monday."
    words = _words(text)
    spans = [RoleSpan("Content", *_at(text, "Taxes will rise")), RoleSpan("Cue", *_at(text, "said"))]
    content = np.full(len(words), 0.5)
    assert to_sentence_end(spans, words, content, text, (0,), 0.2) == spans


def test_a_content_grows_over_the_quotation_it_touches():
    text = "She said “we will build it, and soon” at the rally."
    quote = _at(text, "“we will build it, and soon”")
    spans = [RoleSpan("Content", *_at(text, "will build it")), RoleSpan("Cue", *_at(text, "said"))]
    assert to_quotes(spans, (quote,))[0] == RoleSpan("Content", *quote)
    assert to_quotes(spans, (quote,))[1] == spans[1]  # other roles are left alone


def test_a_content_leaves_out_the_final_period_and_joining_commas():
    text = "Officials said the bridge is safe, adding nothing."
    spans = [RoleSpan("Content", *_at(text, "the bridge is safe,")), RoleSpan("Content", *_at(text, ", adding nothing."))]
    assert trim_content(spans, text) == [RoleSpan("Content", *_at(text, "the bridge is safe")),
                                         RoleSpan("Content", *_at(text, "adding nothing"))]
    quoted = "He said: “It is over.”"
    whole = [RoleSpan("Content", *_at(quoted, "“It is over.”"))]
    assert trim_content(whole, quoted) == whole  # the closing mark ends it, the period inside stays


def test_a_source_grows_to_the_noun_chunk_it_touches():
    text = "Senator Ann Lee said the vote failed."
    chunk = _at(text, "Senator Ann Lee")
    spans = [RoleSpan("Source", *_at(text, "Lee")), RoleSpan("Cue", *_at(text, "said"))]
    assert to_chunks(spans, (chunk, _at(text, "the vote"))) == [RoleSpan("Source", *chunk), spans[1]]


def test_settling_drops_spans_inside_a_content_and_joins_overlapping_contents():
    text = "“We will win, I promise, and soon,” she said."
    spans = [RoleSpan("Content", *_at(text, "“We will win,")), RoleSpan("Cue", *_at(text, "promise")),
             RoleSpan("Content", *_at(text, "We will win, I promise, and soon,”")), RoleSpan("Cue", *_at(text, "said"))]
    assert settle(spans) == [RoleSpan("Content", *_at(text, "“We will win, I promise, and soon,”")),
                             RoleSpan("Cue", *_at(text, "said"))]


def test_adjust_applies_every_convention():
    text = "Senator Ann Lee said that the “new plan” fails badly. Nobody agreed."
    words = _words(text)
    spans = [RoleSpan("Source", *_at(text, "Lee")), RoleSpan("Cue", *_at(text, "said")),
             RoleSpan("Content", *_at(text, "that the “new"))]
    layout = Layout((0, text.index("Nobody")), (_at(text, "“new plan”"),), (_at(text, "Senator Ann Lee"),))
    content = _content_probs(text, words, "fails", 0.4)
    assert adjust(spans, words, content, text, layout, 0.3, True) == [
        RoleSpan("Source", *_at(text, "Senator Ann Lee")), RoleSpan("Cue", *_at(text, "said")),
        RoleSpan("Content", *_at(text, "that the “new plan” fails badly"))]
