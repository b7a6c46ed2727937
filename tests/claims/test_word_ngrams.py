"""Word n-gram counts without scikit-learn: the same matrix as CountVectorizer's, and the same
L2-normalised TF-IDF rows as scikit-learn's normalize, bit for bit."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize

from newsprobe.claims.scorer import TOKEN_PATTERN, default_model, normalize_rows
from newsprobe.claims.word_ngrams import WordNgramCounter, word_ngrams

TEXTS = [
    "The minister said taxes rose by 5% in 2021.",
    "",
    "   ",
    "a I x",
    "Why? Because 95% of them said so!! $5 bn",
    "ÉLAN über İstanbul straße — “quoted” words, don't, won’t!",
    "repeat repeat repeat Repeat REPEAT",
]


def _reference(vocabulary: list[str], ngram_range: tuple[int, int], texts: list[str]):
    return CountVectorizer(analyzer="word", ngram_range=ngram_range, lowercase=True, token_pattern=TOKEN_PATTERN,
                           vocabulary=vocabulary, dtype=np.float64).transform(texts)


def _assert_same(ours, theirs):
    assert type(ours) is type(theirs) and ours.shape == theirs.shape and ours.dtype == theirs.dtype
    assert ours.has_sorted_indices and theirs.has_sorted_indices
    assert np.array_equal(ours.indptr, theirs.indptr) and np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)


def _vocabulary(texts: list[str], ngram_range: tuple[int, int]) -> list[str]:
    import re

    pattern = re.compile(TOKEN_PATTERN)
    grams = {g for t in texts for g in word_ngrams(pattern.findall(t.lower()), ngram_range)}
    return sorted(grams)[::2]  # some n-grams unknown


@pytest.mark.parametrize("ngram_range", [(1, 2), (1, 1), (2, 3), (3, 3)])
def test_counts_are_the_vectorizers(ngram_range):
    vocabulary = _vocabulary(TEXTS, ngram_range)
    _assert_same(WordNgramCounter(vocabulary, ngram_range, TOKEN_PATTERN).transform(TEXTS),
                 _reference(vocabulary, ngram_range, TEXTS))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab cA?$%.\n\u00e9\u0130"), max_size=30), max_size=5))
def test_counts_on_any_text(texts):
    vocabulary = _vocabulary(TEXTS + texts, (1, 2)) or ["a"]
    _assert_same(WordNgramCounter(vocabulary, (1, 2), TOKEN_PATTERN).transform(texts),
                 _reference(vocabulary, (1, 2), texts))


def test_committed_model_block(reference_text):
    block = next(b for b in default_model().blocks if b.analyzer == "word")
    sentences = reference_text.split(". ") + TEXTS
    ours = WordNgramCounter(block.vocabulary, block.ngram_range, TOKEN_PATTERN).transform(sentences)
    _assert_same(ours, _reference(block.vocabulary, block.ngram_range, sentences))


def test_capturing_group_is_refused():
    with pytest.raises(ValueError):
        WordNgramCounter(["a"], (1, 1), r"(\w+)")


def test_normalize_rows_is_sklearns_bit_for_bit(reference_text):
    block = next(b for b in default_model().blocks if b.analyzer == "word")
    sentences = reference_text.split(". ") + TEXTS
    counts = WordNgramCounter(block.vocabulary, block.ngram_range, TOKEN_PATTERN).transform(sentences)
    counts.data = 1.0 + np.log(counts.data)
    weighted = (counts @ sp.diags(block.idf)).tocsr()
    theirs = normalize(weighted.copy(), copy=False)
    ours = normalize_rows(weighted.copy())
    assert np.array_equal(ours.indptr, theirs.indptr) and np.array_equal(ours.indices, theirs.indices)
    assert ours.data.tobytes() == theirs.data.tobytes()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.floats(0.5, 1e3), min_size=0, max_size=40), min_size=1, max_size=6))
def test_normalize_rows_on_any_rows(rows):
    data = np.array([v for row in rows for v in row], dtype=np.float64)
    indptr = np.cumsum([0] + [len(row) for row in rows]).astype(np.int32)
    indices = np.concatenate([np.arange(len(row), dtype=np.int32) for row in rows])
    matrix = sp.csr_matrix((data, indices, indptr), shape=(len(rows), 40))
    assert normalize_rows(matrix.copy()).data.tobytes() == normalize(matrix.copy(), copy=False).data.tobytes()


def test_normalize_rows_leaves_empty_and_zero_rows():
    matrix = sp.csr_matrix(np.array([[0.0, 0.0], [3.0, 4.0], [0.0, 0.0]]))
    with_zero = sp.csr_matrix((np.array([0.0, 3.0, 4.0]), np.array([0, 0, 1]), np.array([0, 1, 3])), shape=(2, 2))
    assert normalize_rows(matrix).toarray().tolist() == [[0.0, 0.0], [0.6, 0.8], [0.0, 0.0]]
    assert normalize_rows(with_zero).toarray().tolist() == [[0.0, 0.0], [0.6, 0.8]]
