"""Character n-gram counts inside words, as scikit-learn's CountVectorizer(analyzer="char_wb").

The same matrix as `CountVectorizer(analyzer="char_wb", lowercase=True, vocabulary=...).transform`,
built faster: a char_wb n-gram never crosses a word, so each distinct word's n-grams are looked up
once and kept, and news text repeats its words (the vectorizer looks up every n-gram of every word).
"""
from __future__ import annotations

import re
from itertools import chain

import numpy as np
import scipy.sparse as sp

# as scikit-learn's _VectorizerMixin._white_spaces
_WHITE_SPACES = re.compile(r"\s\s+")
# Words whose n-grams are kept; past this the store starts afresh (bounded memory in a server).
MAX_WORDS = 50_000


def count_matrix(lengths: list[int], columns: list[int], width: int) -> sp.csr_matrix:
    """Counts as a CSR matrix: row i holds the next `lengths[i]` entries of `columns`, repeats summed
    (the layout scikit-learn's CountVectorizer gives: columns sorted within a row)."""
    # one key per (row, column): sorting the keys sorts rows, then columns within a row
    rows = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    keys, counts = np.unique(rows * width + np.asarray(columns, dtype=np.int64), return_counts=True)
    indptr = np.zeros(len(lengths) + 1, dtype=np.int32)
    np.cumsum(np.bincount(keys // width, minlength=len(lengths)), out=indptr[1:])
    return sp.csr_matrix((counts.astype(np.float64), (keys % width).astype(np.int32), indptr),
                         shape=(len(lengths), width))


class CharNgramCounter:
    def __init__(self, vocabulary: list[str], ngram_range: tuple[int, int]) -> None:
        self.index = {term: i for i, term in enumerate(vocabulary)}
        self.ngram_range = ngram_range
        self._words: dict[str, tuple[int, ...]] = {}

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        """Counts per text (rows) and vocabulary term (columns), indices sorted within each row."""
        lengths, columns = [], []
        for text in texts:
            words = _WHITE_SPACES.sub(" ", text.lower()).split()
            row = list(chain.from_iterable(map(self._columns, words)))
            lengths.append(len(row))
            columns += row
        return count_matrix(lengths, columns, len(self.index))

    def _columns(self, word: str) -> tuple[int, ...]:
        """Vocabulary columns of the word's n-grams, once per occurrence of each n-gram."""
        columns = self._words.get(word)
        if columns is None:
            index = self.index
            columns = tuple(index[g] for g in word_ngrams(word, self.ngram_range) if g in index)
            if len(self._words) >= MAX_WORDS:
                self._words.clear()
            self._words[word] = columns
        return columns


def word_ngrams(word: str, ngram_range: tuple[int, int]) -> list[str]:
    """The n-grams of one space-padded word, as scikit-learn's _char_wb_ngrams makes them."""
    padded = f" {word} "
    min_n, max_n = ngram_range
    grams = []
    for n in range(min_n, max_n + 1):
        grams += [padded[i:i + n] for i in range(max(len(padded) - n + 1, 1))]
        if len(padded) <= n:  # a word shorter than n gives one n-gram, the whole padded word
            break
    return grams
