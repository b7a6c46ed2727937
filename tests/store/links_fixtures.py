"""A stand-in sentence encoder for the store's across-articles tests: hashed words, unit length.

Texts sharing words get a high cosine and texts sharing none a cosine of 0, so links and stories are
predictable without loading MiniLM (the real encoder is exercised by tests/factchecks and tests/stories).
Also the event articles every path that stores articles is checked with (ingest, --from-batch, POST /articles)."""
from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sqlalchemy as sa
from spacy.language import Language

from newsprobe.config import Options
from newsprobe.ingest import read_inputs
from newsprobe.model import Analysis
from newsprobe.store import Store
from newsprobe.store.factchecks import load_factchecks
from newsprobe.store.links_schema import article_stories, claim_factchecks, factchecks
from newsprobe.store.loader import IngestReport, Ingester
from newsprobe.store.schema import articles


class WordEncoder:
    def embed(self, texts: list[str], batch: int = 32) -> np.ndarray:  # `batch`: as Embedder.embed; unused
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                if len(word) > 3:  # short function words would tie everything together
                    out[i, zlib.crc32(word.encode()) % 384] += 1.0
            norm = np.linalg.norm(out[i])
            if norm:
                out[i] /= norm
        return out


# Team-written fictional articles about two made-up events: an earthquake (q) and an election (e).
QUAKE = "An earthquake of magnitude {m} struck {place} in {year}, killing {n} people and damaging homes."
ELECTION = "Voters in {place} elected a new parliament in {year}; turnout was {n} percent, officials said."
EVENTS = [("q1", QUAKE.format(m=6.1, place="Chile", year=2010, n=12), "Tasnim", "2010-03-01"),
          ("e1", ELECTION.format(place="Peru", year=2011, n=71), "Mehr", "2011-04-10"),
          ("q2", QUAKE.format(m=6.1, place="Chile", year=2010, n=14), "Mehr", "2010-03-02"),
          ("e2", ELECTION.format(place="Peru", year=2011, n=72), "Tasnim", "2011-04-11"),
          ("q3", QUAKE.format(m=6.1, place="Chile", year=2010, n=15) + " The earthquake was a disaster, a "
           "terrible disaster.", "Tasnim", "2010-03-03")]
# The earthquake told in French: the English layers are skipped for it, yet it gets a story.
FRENCH = ("fr1", "Un séisme de magnitude 6,1 a frappé le Chili en 2010 et fait 13 morts, selon les autorités "
          "chiliennes.", "Le Monde", "2010-03-02")
# A fact-check the earthquake's claim matches (the stand-in encoder ignores the short words and numbers).
QUAKE_CHECK = {"id": "fc-quake", "claim": "An earthquake of magnitude 6.1 struck Chile, killing people", "rating": "False"}


def event_records() -> list[dict]:
    """EVENTS and FRENCH, in that order, as JSONL records (and `POST /articles` bodies)."""
    return [{"text": text, "title": aid, "outlet": outlet, "published": day}
            for aid, text, outlet, day in [*EVENTS, FRENCH]]


def write_inputs(folder: Path) -> tuple[list[str], Path]:
    """The event records as a JSONL input, and QUAKE_CHECK as a fact-check file to load."""
    folder.mkdir(parents=True, exist_ok=True)
    inputs, checks = folder / "events.jsonl", folder / "checks.jsonl"
    inputs.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in event_records()), encoding="utf-8")
    checks.write_text(json.dumps(QUAKE_CHECK) + "\n", encoding="utf-8")
    return [str(inputs)], checks


def ingest(store: Store, options: Options, nlp: Language, inputs: list[str]) -> IngestReport:
    """`newsprobe ingest` of `inputs` with the stand-in encoder."""
    ingester = Ingester(store, options, nlp)
    ingester.across._encoder = WordEncoder()
    return ingester.run(read_inputs(inputs, options))


def stories_by_id(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return dict(connection.execute(sa.select(articles.c.id, article_stories.c.story_pk)
                                       .join(article_stories, article_stories.c.article_pk == articles.c.pk)).all())


def links_by_id(store: Store) -> set[tuple[str, int, str]]:
    """(article id, claim index, fact-check id) of every stored link."""
    query = (sa.select(articles.c.id, claim_factchecks.c.claim_idx, factchecks.c.id)
             .join(claim_factchecks, claim_factchecks.c.article_pk == articles.c.pk)
             .join(factchecks, factchecks.c.pk == claim_factchecks.c.factcheck_pk))
    with store.engine.connect() as connection:
        return {tuple(row) for row in connection.execute(query)}  # type: ignore[misc]


@dataclass
class Ingested:
    analyses: list[Analysis]  # in arrival order
    stories: dict[str, int]
    links: set[tuple[str, int, str]]


def ingest_events(folder: Path, nlp: Language, options: Options) -> Ingested:
    """The event records through `newsprobe ingest` into a fresh SQLite store that holds QUAKE_CHECK."""
    inputs, checks = write_inputs(folder)
    with Store(f"sqlite:///{folder / 'ingested.db'}") as store:
        load_factchecks(store, checks, WordEncoder(), options, lambda error: None)
        assert ingest(store, options, nlp, inputs).added == len(event_records())
        return Ingested(list(store.analyses()), stories_by_id(store), links_by_id(store))
