"""What the story assigner reads from one article: an embedding, its words, the years it names, its date.

No spaCy here: a word regex works in any language, so an article without an English pipeline still
gets a story (its embedding is weaker outside English, its words and dates still count).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsprobe.factchecks.dates import ISO_DATE, ymd_day

WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]{2,}|\d+(?:[.,]\d+)*", re.UNICODE)
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
NAME = re.compile(r"\b[A-Z][\w'’-]*[^\W_]|\d+(?:[.,]\d+)*")  # capitalised words and numbers


@dataclass
class ArticleFeatures:
    embedding: np.ndarray  # unit vector (MiniLM, title + text)
    words: Counter  # lower-cased content words
    years: Counter  # years named in the text or the date field
    published: date | None
    names: Counter = field(default_factory=Counter)  # capitalised words and numbers, lower-cased
    multilingual: np.ndarray | None = None  # unit vector (stories/multilingual.py); None: stored before it
    english: bool = True  # the language class the multilingual vector is compared across


def article_text(title: str | None, text: str | None) -> str:
    return "\n".join(part for part in (title, text) if part).strip()


def words(text: str) -> Counter:
    """Lower-cased words of two or more letters and numbers (a toll, a magnitude, a score tell two
    events of one topic apart), English stop words left out."""
    found = (word.lower() for word in WORD.findall(text))
    return Counter(word for word in found if word not in ENGLISH_STOP_WORDS)


def names(text: str) -> Counter:
    """Capitalised words and numbers (names, places, amounts, tolls): what tells two events of one topic
    apart more than their shared vocabulary. Sentence-initial words come along; the IDF weighs them down."""
    found = (word.lower() for word in NAME.findall(text))
    return Counter(word for word in found if word not in ENGLISH_STOP_WORDS)


def years(text: str) -> Counter:
    return Counter(int(year) for year in YEAR.findall(text))


def published(value: str | None) -> date | None:
    """The publication date when it is given as YYYY-MM-DD (at the start of the value); else None."""
    return ymd_day(ISO_DATE.search(value or ""))
