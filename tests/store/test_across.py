"""`newsprobe ingest` fills the across-articles tables: every stored article gets a story, every check-worthy
claim its vector and its fact-check links; a second run over the same inputs adds nothing, except what a
killed run stored without them. An article in a language without a pipeline gets its story too."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import sqlalchemy as sa
from tests.store.links_fixtures import (QUAKE_CHECK, WordEncoder, ingest, links_by_id, stories_by_id,
                                        write_inputs)
from tests.store.test_stories import articles

from newsprobe.config import load_options
from newsprobe.ingest import read_inputs
from newsprobe.pipeline import load_pipeline
from newsprobe.store import Store
from newsprobe.store.factchecks import load_factchecks
from newsprobe.store.links_schema import article_stories, claim_factchecks, claim_vectors
from newsprobe.store.across import AcrossArticles
from newsprobe.store.loader import Ingester
from newsprobe.store.stories import features, without_story
from newsprobe.stories.pipeline import assign

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


def test_every_path_shares_one_step_that_leaves_articles_with_a_story_alone(store: Store) -> None:
    found = articles()
    store.add_many(found)
    assert without_story(store, [a.article.id for a in found] + ["not-stored"]) == {a.article.id for a in found}
    across = AcrossArticles(store, load_options(), WordEncoder())
    across.add([a.model_dump(mode="json") for a in found[:2]])  # as a batch shard holds them
    across.add_stored([a.article.id for a in found])  # read back; the first two keep their stories
    assert stories_by_id(store) == {a.article.id: s + 1 for a, s in zip(found, assign(features(found, WordEncoder())))}
    assert without_story(store, [a.article.id for a in found]) == set()


def test_an_ingest_killed_before_the_stories_gives_them_when_resumed(tmp_path: Path, nlp) -> None:
    inputs, checks = write_inputs(tmp_path / "in")
    options = load_options(batch_size=2)
    with Store(str(tmp_path / "c.db")) as store:
        load_factchecks(store, checks, WordEncoder(), options, lambda error: None)
        # Stored without the step across articles: what a run killed between the two leaves.
        assert ingest(store, replace(options, corpus_link_at_ingest=False), nlp, inputs).added == 6
        assert stories_by_id(store) == {} and links_by_id(store) == set()
        assert ingest(store, options, nlp, inputs).added == 0
        found = list(store.analyses())
        stories = stories_by_id(store)
        assert stories == {a.article.id: s + 1 for a, s in zip(found, assign(features(found, WordEncoder())))}
        by_title = {a.article.title: stories[a.article.id] for a in found}
        assert by_title["q1"] == by_title["q2"] == by_title["q3"] != by_title["e1"] == by_title["e2"]
        french = next(a for a in found if a.article.title == "fr1")
        assert french.article.language != "en" and by_title["fr1"] >= 1  # no English pipeline, still a story
        linked = {(aid, found_id) for aid, _idx, found_id in links_by_id(store)}
        quakes = {a.article.id for a in found if a.article.title in {"q1", "q2", "q3"}}
        assert quakes <= {aid for aid, found_id in linked if found_id == QUAKE_CHECK["id"]}
