"""`newsprobe ingest --from-batch`: the done shards of a batch folder go into the store once, in bulk."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from newsprobe.cli import app
from newsprobe.config import load_options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.scale import run_batch
from newsprobe.scale.load import load_batch
from newsprobe.store import Store
from tests.scale.batch_fixtures import SHARD_SIZE, batch_analyses, make_corpus

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
