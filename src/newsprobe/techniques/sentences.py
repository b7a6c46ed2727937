"""A sentence-level prior: how likely a sentence is to hold any technique, from its words alone.

It gives the token tagger context that a few-token window cannot see (long Doubt or Causal
Oversimplification spans), and is cheap: word and bigram indicators into a logistic regression.
"""
from __future__ import annotations

from spacy.tokens import Span


def sentence_rows(sents: list[Span]) -> list[dict[str, float]]:
    """Lowercase words, bigrams and mood marks of each sentence, as indicator features."""
    rows = []
    for sent in sents:
        words = [t.lower_ for t in sent if not t.is_space]
        row = {f"w={w}": 1.0 for w in words}
        row.update({f"b={a}|{b}": 1.0 for a, b in zip(words, words[1:])})
        row[f"n={min(len(words) // 10, 5)}"] = 1.0
        rows.append(row)
    return rows


def sentence_labels(sents: list[Span], spans: list[tuple[int, int]]) -> list[int]:
    """1 where a sentence overlaps a gold span."""
    return [int(any(s < sent.end_char and e > sent.start_char for s, e in spans)) for sent in sents]
