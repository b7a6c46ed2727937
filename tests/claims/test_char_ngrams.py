from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from newsprobe.claims import char_ngrams
from newsprobe.claims.char_ngrams import CharNgramCounter
from newsprobe.claims.scorer import default_model

TEXTS = [
    "The minister said taxes rose by 5% in 2021.",
    "",
    "   ",
    "a I x",
    "Tabs\tand\n\nnewlines  and   runs of  spaces\u00a0here.",
    "ÉLAN über İstanbul straße — “quoted” words, don't, won’t!",
    "repeat repeat repeat Repeat REPEAT",
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
]


def _reference(vocabulary: list[str], ngram_range: tuple[int, int], texts: list[str]):
    return CountVectorizer(analyzer="char_wb", ngram_range=ngram_range, lowercase=True,
                           vocabulary=vocabulary, dtype=np.float64).transform(texts)


def _assert_same(ours, theirs):
    assert type(ours) is type(theirs) and ours.shape == theirs.shape and ours.dtype == theirs.dtype
    assert ours.has_sorted_indices and theirs.has_sorted_indices
    assert np.array_equal(ours.indptr, theirs.indptr) and np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)


@pytest.mark.parametrize("ngram_range", [(2, 5), (1, 3), (3, 3)])
def test_counts_are_the_vectorizers(ngram_range):
    vocabulary = sorted({g for t in TEXTS for w in t.lower().split()
                         for g in char_ngrams.word_ngrams(w, ngram_range)})[::2]  # some n-grams unknown
    counter = CharNgramCounter(vocabulary, ngram_range)
    for _ in range(2):  # the second pass reads the kept words
        _assert_same(counter.transform(TEXTS), _reference(vocabulary, ngram_range, TEXTS))


def test_committed_model_block(reference_text):
    block = next(b for b in default_model().blocks if b.analyzer == "char_wb")
    sentences = reference_text.split(". ") + TEXTS
    ours = CharNgramCounter(block.vocabulary, block.ngram_range).transform(sentences)
    _assert_same(ours, _reference(block.vocabulary, block.ngram_range, sentences))


def test_word_store_is_bounded(monkeypatch):
    monkeypatch.setattr(char_ngrams, "MAX_WORDS", 3)
    counter = CharNgramCounter(["ab", "bc", " a"], (2, 2))
    counter.transform(["ab bc cd de ef fg"])
    assert len(counter._words) <= 3
    _assert_same(counter.transform(["ab bc ab"]), _reference(["ab", "bc", " a"], (2, 2), ["ab bc ab"]))
