"""Word n-gram counts over a fixed vocabulary, as scikit-learn's CountVectorizer(analyzer="word").

The same matrix as `CountVectorizer(analyzer="word", token_pattern=..., lowercase=True,
vocabulary=..., dtype=np.float64).transform`, without importing scikit-learn: scoring sentences at
analysis time needs only these counts, and importing scikit-learn (with SciPy's stats and pandas
behind it) was the largest part of a cold `newsprobe analyze`. Training still fits the vocabulary
with CountVectorizer (claims/scorer.py).
"""
from __future__ import annotations

import re

import scipy.sparse as sp

from newsprobe.claims.char_ngrams import count_matrix


class WordNgramCounter:
    def __init__(self, vocabulary: list[str], ngram_range: tuple[int, int], token_pattern: str) -> None:
        self.index = {term: i for i, term in enumerate(vocabulary)}
        self.ngram_range = ngram_range
        self.tokens = re.compile(token_pattern)
        if self.tokens.groups:  # the vectorizer reads a group's text instead; not needed here
            raise ValueError("token_pattern must have no capturing group")

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        """Counts per text (rows) and vocabulary term (columns), indices sorted within each row."""
        index = self.index
        lengths, columns = [], []
        for text in texts:
            row = [index[g] for g in word_ngrams(self.tokens.findall(text.lower()), self.ngram_range)
                   if g in index]
            lengths.append(len(row))
            columns += row
        return count_matrix(lengths, columns, len(index))


def word_ngrams(tokens: list[str], ngram_range: tuple[int, int]) -> list[str]:
    """The n-grams of a token list, space-joined, as scikit-learn's _VectorizerMixin._word_ngrams."""
    min_n, max_n = ngram_range
    grams = list(tokens) if min_n == 1 else []
    for n in range(max(min_n, 2), min(max_n, len(tokens)) + 1):
        grams += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
    return grams
