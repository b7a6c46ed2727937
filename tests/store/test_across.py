"""`newsprobe ingest` fills the across-articles tables: every stored article gets a story, every check-worthy
claim its vector and its fact-check links; a second run over the same inputs adds nothing."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import sqlalchemy as sa
from tests.store.links_fixtures import WordEncoder

from newsprobe.config import load_options
from newsprobe.ingest import read_inputs
from newsprobe.pipeline import load_pipeline
from newsprobe.store import Store
from newsprobe.store.factchecks import load_factchecks
from newsprobe.store.links_schema import article_stories, claim_factchecks, claim_vectors
from newsprobe.store.loader import Ingester

TEXTS = {"a.txt": "The minister said that unemployment fell to 3 percent last year, the lowest rate since 1970.",
         "b.txt": "Officials said the new bridge cost 40 million dollars and will open in March.",
         "c.txt": "Unemployment fell to 3 percent last year, the minister told parliament on Monday."}


def run(store: Store, options, folder: Path):
    ingester = Ingester(store, options, load_pipeline(options))
    ingester.across._encoder = WordEncoder()
    return ingester.run(read_inputs([str(folder)], options))


def test_ingest_assigns_stories_and_links_claims(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    checks = tmp_path / "checks.jsonl"
    checks.write_text(json.dumps({"id": "f1", "claim": "Unemployment fell to 3 percent last year"}) + "\n",
                      encoding="utf-8")
    options = replace(load_options(batch_size=2), corpus_factcheck_threshold=0.5)
    with Store(str(tmp_path / "c.db")) as store:
        load_factchecks(store, checks, WordEncoder(), options, lambda error: None)
        assert run(store, options, folder).added == 3
        with store.engine.connect() as connection:
            stories = connection.execute(sa.select(article_stories.c.story_pk)).scalars().all()
            vectors = connection.scalar(sa.select(sa.func.count()).select_from(claim_vectors))
            links = connection.scalar(sa.select(sa.func.count()).select_from(claim_factchecks))
        claims = sum(len(analysis.claims) for analysis in store.analyses())
        assert len(stories) == 3 and vectors == claims
        assert claims >= 2 and links >= 2  # both unemployment claims match the fact-check
        assert run(store, options, folder).added == 0
        with store.engine.connect() as connection:
            assert connection.scalar(sa.select(sa.func.count()).select_from(article_stories)) == 3
