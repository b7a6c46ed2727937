"""Rank fact-checks for a claim: MiniLM cosine fused with a TF-IDF cosine (a weighted sum of the two).

Why both: the embedding finds paraphrases ("jab" for "vaccine"), the words find the rare names and
numbers a claim turns on. The weight and the fields are chosen on dev (see the README's figures).
With query dates (a debate's day), a fact-check loses score with the log of its distance in days and
more when it was stated after the query (factchecks/dates.py says why); off unless the settings ask.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from newsprobe.embeddings import SentenceEncoder, embed_cached
from newsprobe.factchecks.data import FactCheck
from newsprobe.factchecks.dates import stated_on


@dataclass(frozen=True)
class MatchSettings:
    embedding_weight: float = 0.4  # the rest goes to the TF-IDF cosine
    fields: tuple[str, ...] = ("title", "subtitle")  # fields added to vclaim for the words (not the embedding)
    recency: float = 0.0  # times log(1 + days apart / 30), taken off when both dates are known
    later: float = 0.0  # taken off when the fact-check was stated more than a day after the query


@dataclass(frozen=True)
class Ranked:
    vclaim_id: str
    rank: int
    score: float


def lexical_text(factcheck: FactCheck, fields: Sequence[str]) -> str:
    extra = [factcheck.title if name == "title" else factcheck.extra.get(name) for name in fields]
    return "\n".join([factcheck.vclaim, *(value for value in extra if isinstance(value, str) and value)])


class Matcher:
    def __init__(self, factchecks: Sequence[FactCheck], encoder: SentenceEncoder,
                 settings: MatchSettings = MatchSettings(), cache: bool = False) -> None:
        self.ids = [factcheck.vclaim_id for factcheck in factchecks]
        self.settings = settings
        self.encoder, self.cache = encoder, cache
        self.vectors = self.embed([factcheck.vclaim for factcheck in factchecks])
        self.tfidf = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1, strip_accents="unicode")
        self.words = self.tfidf.fit_transform([lexical_text(f, settings.fields) for f in factchecks])
        stated = [stated_on(factcheck.extra.get("date")) for factcheck in factchecks]
        self.days = np.array([day.toordinal() if day else np.nan for day in stated])

    def embed(self, texts: list[str]) -> np.ndarray:
        return embed_cached(self.encoder, texts) if self.cache else self.encoder.embed(texts)

    def scores(self, queries: Sequence[str], vectors: np.ndarray | None = None,
               dates: Sequence[date | None] | None = None) -> np.ndarray:
        """queries x fact-checks fused similarity (`vectors`: the queries' embeddings, when known;
        `dates`: the day each query was said, None where unknown)."""
        weight = self.settings.embedding_weight
        dense = (self.embed(list(queries)) if vectors is None else vectors) @ self.vectors.T
        lexical = (self.tfidf.transform(queries) @ self.words.T).toarray()
        fused = weight * dense + (1.0 - weight) * lexical
        return fused if dates is None else fused - self.time_penalty(dates)

    def time_penalty(self, dates: Sequence[date | None]) -> np.ndarray:
        """queries x fact-checks: what the dates take off (0 where either date is unknown)."""
        said = np.array([day.toordinal() if day else np.nan for day in dates])
        gap = self.days[None, :] - said[:, None]  # > 0: the fact-check's claim came after the query
        penalty = self.settings.recency * np.log1p(np.abs(gap) / 30.0) + self.settings.later * (gap > 1)
        return np.nan_to_num(penalty, nan=0.0)

    def top(self, row: np.ndarray, top: int) -> list[str]:
        return [ranked.vclaim_id for ranked in self.best(row, top)]

    def best(self, row: np.ndarray, top: int) -> list[Ranked]:
        """The `top` best fact-checks for one row of scores; ties broken by id, so every run agrees."""
        top = min(top, len(row))
        if top <= 0:
            return []
        candidates = np.argpartition(-row, top - 1)[:top]
        ordered = sorted(candidates, key=lambda j: (-row[j], self.ids[j]))
        return [Ranked(self.ids[j], rank, float(row[j])) for rank, j in enumerate(ordered, 1)]

    def rank(self, queries: Sequence[str], top: int = 5) -> list[list[Ranked]]:
        return [self.best(row, top) for row in self.scores(queries)]
