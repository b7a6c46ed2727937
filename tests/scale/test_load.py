"""`newsprobe ingest --from-batch`: the done shards of a batch folder go into the store once, in bulk, each
article with the story and fact-check links `newsprobe ingest` gives it (a killed load's too, when resumed)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsprobe.cli import app
from newsprobe.config import load_options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.scale import run_batch
from newsprobe.scale.load import load_batch
from newsprobe.scale.manifest import manifest_for, open_output
from newsprobe.scale.output import write_shard
from newsprobe.store import Store
from newsprobe.store.across import AcrossArticles
from newsprobe.store.factchecks import load_factchecks
from tests.scale.batch_fixtures import SHARD_SIZE, batch_analyses, make_corpus
from tests.store.links_fixtures import (QUAKE_CHECK, Ingested, WordEncoder, ingest_events, links_by_id,
                                        stories_by_id)
from tests.store.store_fixtures import database

pytestmark = pytest.mark.slow  # spawns worker processes


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory):
    inputs = make_corpus(tmp_path_factory.mktemp("corpus"))
    out = tmp_path_factory.mktemp("batch") / "out"
    run_batch([inputs[0], inputs[3]], out, load_options(), shard_size=SHARD_SIZE)  # 5 articles, 1 bad line
    return out


def test_load_stores_each_analysis_once_with_the_failures(batch_dir, tmp_path):
    db = f"sqlite:///{tmp_path / 'corpus.db'}"
    with Store(db) as store:
        first = load_batch(batch_dir, store, bulk_size=2)
        again = load_batch(batch_dir, store)
        assert (first.shards, first.read, first.added, first.failures) == (3, 5, 5, 1)
        assert (again.added, again.skipped) == (0, 5)
        assert store.count() == 5
        stored = {a["article"]["id"]: a for a in batch_analyses(batch_dir)}
        some = next(iter(stored))
        assert store.get(some).model_dump(mode="json") == stored[some]
        assert [f["code"] for f in store.failures()] == [Code.BAD_JSONL.value]


def test_cli_from_batch_and_a_folder_that_is_not_a_batch(batch_dir, tmp_path):
    db = f"sqlite:///{tmp_path / 'corpus.db'}"
    result = CliRunner().invoke(app, ["ingest", "--from-batch", str(batch_dir), "--db", db])
    assert result.exit_code == 0, result.output
    assert "5 stored, 0 already stored, 1 failures recorded from 3 shards" in result.output
    result = CliRunner().invoke(app, ["ingest", "--from-batch", str(tmp_path), "--db", db])
    assert result.exit_code == 2 and "NP1007" in result.output
    with pytest.raises(NewsprobeError, match="NP1007"), Store(db) as store:
        load_batch(tmp_path, store)


OPTIONS = load_options()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, nlp) -> Ingested:
    """The event articles through plain `ingest`: what --from-batch must give as well."""
    return ingest_events(tmp_path_factory.mktemp("ingest"), nlp, OPTIONS)


def event_batch(out, ingested: Ingested):
    """A batch folder of the ingested analyses, two a shard, as `newsprobe batch` writes them."""
    open_output(out, manifest_for(OPTIONS, 2))
    found = [a.model_dump(mode="json") for a in ingested.analyses]
    for i in range(0, len(found), 2):
        write_shard(out, f"{i // 2:05d}", found[i:i + 2], [], {"shard": f"{i // 2:05d}"})
    return out


def fresh_store(db: str, ingested: Ingested, tmp_path) -> Store:
    store = Store(db)
    (tmp_path / "checks.jsonl").write_text(json.dumps(QUAKE_CHECK) + "\n", encoding="utf-8")
    load_factchecks(store, tmp_path / "checks.jsonl", WordEncoder(), OPTIONS, lambda error: None)
    return store


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_from_batch_gives_the_stories_and_links_ingest_gives(ingested, backend, tmp_path):
    out = event_batch(tmp_path / "out", ingested)
    with database(backend, tmp_path) as db, fresh_store(db, ingested, tmp_path) as store:
        report = load_batch(out, store, bulk_size=4, across=AcrossArticles(store, OPTIONS, WordEncoder()))
        assert (report.shards, report.added) == (3, 6)
        assert stories_by_id(store) == ingested.stories and links_by_id(store) == ingested.links
    by_title = {a.article.title: ingested.stories[a.article.id] for a in ingested.analyses}
    assert by_title["q1"] == by_title["q2"] == by_title["q3"] != by_title["e1"] == by_title["e2"]
    assert by_title["fr1"] >= 1  # French: no English pipeline, still a story
    linked = {aid for aid, _idx, check in ingested.links if check == QUAKE_CHECK["id"]}
    assert {a.article.title for a in ingested.analyses if a.article.id in linked} >= {"q1", "q2", "q3"}


def test_a_killed_load_resumes_without_duplicates_or_articles_left_without_stories(ingested, tmp_path):
    out = event_batch(tmp_path / "out", ingested)
    with fresh_store(f"sqlite:///{tmp_path / 'c.db'}", ingested, tmp_path) as store:
        killed = AcrossArticles(store, OPTIONS, WordEncoder())
        steps = []

        def dies_on_the_second_batch(analyses) -> None:
            if steps:
                raise KeyboardInterrupt  # killed after storing the second batch, before its stories
            steps.append(AcrossArticles._add(killed, analyses))

        killed._add = dies_on_the_second_batch  # type: ignore[method-assign]
        with pytest.raises(KeyboardInterrupt):
            load_batch(out, store, bulk_size=2, across=killed)
        assert store.count() == 4 and len(stories_by_id(store)) == 2
        again = load_batch(out, store, bulk_size=2, across=AcrossArticles(store, OPTIONS, WordEncoder()))
        assert (again.added, store.count()) == (2, 6)
        assert stories_by_id(store) == ingested.stories and links_by_id(store) == ingested.links


def test_cli_from_batch_gives_every_article_a_story(ingested, tmp_path):
    out = event_batch(tmp_path / "out", ingested)
    db = f"sqlite:///{tmp_path / 'corpus.db'}"
    result = CliRunner().invoke(app, ["ingest", "--from-batch", str(out), "--db", db])  # the real encoder
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert set(stories_by_id(store)) == {a.article.id for a in ingested.analyses}
