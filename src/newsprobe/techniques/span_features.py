"""Features of one character span for the technique classifier: its words, its sentence, its context.

Repetition (the span's words elsewhere in the article), the span's length and shape, the punctuation
around it and cue words in its sentence separate the classes that share vocabulary.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter

from spacy.tokens import Doc

from newsprobe.pipeline.extensions import doc_text, token_starts
from newsprobe.techniques.lexicon import Lexicon

_WORD = re.compile(r"\w+")


class ArticleIndex:
    """Per-article lookups shared by all spans of one Doc (built once per article)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lower = self.text.lower()
        self.word_counts = Counter(_WORD.findall(self.lower))
        self.first_line_end = self.text.find("\n") if "\n" in self.text else len(self.text)
        # token index of each character start, for char -> token lookups
        self.starts = token_starts(doc)
        self._sent_text: dict[int, str] = {}

    def sentence_text(self, sent) -> str:  # noqa: ANN001 (a spaCy Span)
        """The sentence's text, cached: spans of one sentence share it."""
        if sent.start not in self._sent_text:
            self._sent_text[sent.start] = self.text[sent.start_char:sent.end_char]
        return self._sent_text[sent.start]

    def tokens(self, start: int, end: int) -> tuple[int, int]:
        """[first, last) token indices overlapping the char span."""
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        if first < len(self.doc) and self.doc[first].idx + len(self.doc[first]) <= start:
            first += 1
        last = bisect.bisect_left(self.starts, end)
        return first, max(first + 1, last)


def _bucket(value: float, edges: tuple[float, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return str(edge)
    return f">{edges[-1]}"


def span_features(index: ArticleIndex, start: int, end: int, lexicon: Lexicon) -> dict[str, float]:
    """A sparse feature dict for the span [start, end)."""
    doc = index.doc
    first, last = index.tokens(start, end)
    last = min(last, len(doc))
    first = min(first, max(0, last - 1))
    tokens = doc[first:last]
    sent = tokens[0].sent if len(tokens) else doc[:0]
    text = index.text[start:end]
    lower = text.lower()
    f: dict[str, float] = {"bias": 1.0}
    words = [t.lower_ for t in tokens if not t.is_space]
    lemmas = [t.lemma_.lower() for t in tokens if not t.is_space]
    for w in set(words):
        f[f"w={w}"] = 1.0
    for lemma in set(lemmas):
        f[f"l={lemma}"] = 1.0
    for a, b in zip(words, words[1:]):
        f[f"b={a}|{b}"] = 1.0
    for p in {t.pos_ for t in tokens}:
        f[f"p={p}"] = 1.0
    for e in {t.ent_type_ for t in tokens if t.ent_type_}:
        f[f"e={e}"] = 1.0
    if words:
        f[f"first={words[0]}"] = 1.0
        f[f"last={words[-1]}"] = 1.0
    n = len(words)
    f[f"len={_bucket(n, (1, 2, 3, 5, 8, 13, 21, 34))}"] = 1.0
    f["loglen"] = min(1.0, len(text) / 300)
    sent_text = index.sentence_text(sent) if len(tokens) else ""
    sent_len = max(1, len(sent_text.strip()))
    share = len(text.strip()) / sent_len
    f[f"sentshare={_bucket(share, (0.2, 0.5, 0.8, 1.1))}"] = 1.0
    # the sentence around the span, and the words just before and after it
    for w in {t.lower_ for t in sent if not (t.is_space or t.is_punct)} - set(words):
        f[f"s={w}"] = 0.5
    before = [t.lower_ for t in doc[max(0, first - 3):first] if not t.is_space]
    after = [t.lower_ for t in doc[last:last + 3] if not t.is_space]
    for k, w in enumerate(reversed(before)):
        f[f"pre{k}={w}"] = 1.0
    for k, w in enumerate(after):
        f[f"post{k}={w}"] = 1.0
    # repetition inside the article: the span text, and its content words
    repeats = index.lower.count(lower) if lower.strip() else 0
    f[f"rep={_bucket(repeats, (1, 2, 3, 5))}"] = 1.0
    content = [w for w, t in zip(words, (t for t in tokens if not t.is_space)) if t.is_alpha and not t.is_stop]
    if content:
        most = max(index.word_counts[w] for w in content)
        f[f"reptok={_bucket(most, (1, 2, 3, 5, 8))}"] = 1.0
    # shape and punctuation
    f["quoted"] = float(any(q in index.text[max(0, start - 2):start] for q in "\"“'‘"))
    f["excl"] = float("!" in text or "!" in sent_text)
    f["quest"] = float("?" in text or "?" in sent_text)
    f["caps"] = float(any(t.is_upper and len(t) > 1 for t in tokens))
    f["title_line"] = float(start < index.first_line_end)
    priors = [lexicon.get(lemma, (0.0, 0))[0] for lemma in lemmas]
    f["prior"] = max(priors) if priors else 0.0
    return f
