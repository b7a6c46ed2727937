"""Batch runs on local processes: same analyses as in one process, resume without duplicates, a dead
worker's shard retried, unreadable shards recorded, a folder of another configuration refused."""
from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsprobe.analysis import run_pipeline
from newsprobe.cli import app
from newsprobe.config import load_options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest import read_inputs
from newsprobe.model import Article
from newsprobe.scale import run_batch
from newsprobe.scale.engines import MAX_ATTEMPTS
from newsprobe.scale.manifest import MANIFEST, manifest_for, open_output
from newsprobe.scale.output import paths, read_failures
from newsprobe.scale.shards import plan_shards
from tests.scale.batch_fixtures import (ARTICLES, READABLE_SHARDS, SHARD_SIZE, batch_analyses, kill_workers,
                                        make_corpus)

pytestmark = pytest.mark.slow  # spawns batch worker processes


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def expected(inputs, nlp) -> dict[str, dict]:
    """The analyses of the same inputs in this process, without shards: article id -> analysis."""
    items = [(r, s) for s, r in read_inputs(inputs, load_options()) if isinstance(r, Article)]
    return {a.article.id: a.model_dump(mode="json") for a in run_pipeline(nlp, items)}


def by_id(analyses: list[dict]) -> dict[str, dict]:
    return {a["article"]["id"]: a for a in analyses}


def test_interrupted_run_resumes_to_the_same_result_without_duplicates(inputs, expected, tmp_path):
    out, options = tmp_path / "out", load_options()
    first = run_batch(inputs, out, options, shard_size=SHARD_SIZE, limit=2)
    assert first.done == 2 and len(batch_analyses(out)) > 0
    # a worker killed mid-shard: its Parquet file was written but not its done-marker
    left = [s for s in plan_shards(inputs, SHARD_SIZE) if not paths(out, s.id)["done"].exists()]
    pq.write_table(pq.read_table(paths(out, first.summaries[0]["shard"])["parquet"]), paths(out, left[0].id)["parquet"])

    second = run_batch(inputs, out, options, workers=2, shard_size=SHARD_SIZE)
    assert second.already_done == 2 and second.done == READABLE_SHARDS - 2
    analyses = batch_analyses(out)
    assert len(analyses) == ARTICLES == len(by_id(analyses))  # each article once
    assert by_id(analyses) == expected
    assert second.peak_rss_mb > 0

    (failed,) = second.failed_shards  # broken.jsonl: recorded, skipped, retried by the next run
    assert failed["status"] == "unreadable" and failed["code"] == Code.SHARD_UNREADABLE.value
    assert read_failures(out, failed["shard"])[0]["input"].endswith("broken.jsonl")
    assert not paths(out, failed["shard"])["done"].exists()
    bad_lines = [f for s in plan_shards(inputs[:1], SHARD_SIZE) for f in read_failures(out, s.id)]
    assert [f["code"] for f in bad_lines] == [Code.BAD_JSONL.value]

    third = run_batch(inputs, out, options, shard_size=SHARD_SIZE)
    assert (third.done, third.already_done, len(third.failed_shards)) == (0, READABLE_SHARDS, 1)
    assert len(batch_analyses(out)) == ARTICLES


@pytest.mark.slow
def test_a_killed_worker_is_replaced_and_its_shard_retried(inputs, expected, tmp_path):
    out = tmp_path / "out"
    killed = kill_workers(out)
    report = run_batch(inputs[:1], out, load_options(), shard_size=SHARD_SIZE)
    assert killed and killed[0] not in {s["pid"] for s in report.summaries}
    assert report.done == 3 and not report.failed_shards
    analyses = by_id(batch_analyses(out))
    assert len(analyses) == 5 and analyses == {k: v for k, v in expected.items() if k in analyses}


@pytest.mark.slow
def test_a_shard_that_keeps_killing_its_worker_is_given_up_and_the_rest_goes_on(inputs, tmp_path):
    out = tmp_path / "out"
    first, *rest = plan_shards(inputs[:1], SHARD_SIZE)
    killed = kill_workers(out, times=MAX_ATTEMPTS, shard=first.id)
    report = run_batch(inputs[:1], out, load_options(), shard_size=SHARD_SIZE)
    assert len(killed) == MAX_ATTEMPTS
    assert [(s["shard"], s["code"]) for s in report.failed_shards] == [(first.id, Code.WORKER_DIED.value)]
    assert read_failures(out, first.id)[0]["code"] == Code.WORKER_DIED.value
    assert report.done == len(rest) and all(paths(out, s.id)["done"].exists() for s in rest)
    assert not paths(out, first.id)["done"].exists()


def test_a_folder_of_another_configuration_is_refused(inputs, tmp_path):
    out = tmp_path / "out"
    open_output(out, manifest_for(load_options(), SHARD_SIZE))  # as a first run leaves it
    with pytest.raises(NewsprobeError) as caught:
        run_batch(inputs[3:], out, load_options(components=("newsprobe_metadata",)), shard_size=SHARD_SIZE)
    assert caught.value.code is Code.BATCH_MISMATCH and "components" in caught.value.reason
    manifest = json.loads((out / MANIFEST).read_text())
    (out / MANIFEST).write_text(json.dumps({**manifest, "newsprobe": "0.0.1"}))
    result = CliRunner().invoke(app, ["batch", inputs[3], "--out", str(out), "--shard-size", str(SHARD_SIZE)])
    assert result.exit_code == 2
    assert "NP1001" in result.output and "0.0.1" in result.output
    assert not list((out / "shards").iterdir())  # refused before any work


def test_cli_reports_and_exits_1_when_something_failed(inputs, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", *inputs[1:], "--out", str(out), "--shard-size", "2"])
    assert result.exit_code == 1, result.output
    assert "2 shards written (3 articles" in result.output and "NP1003" in result.output
    assert not (tmp_path / "file").exists()
    (tmp_path / "file").write_text("x")
    result = CliRunner().invoke(app, ["batch", inputs[2], "--out", str(tmp_path / "file")])
    assert result.exit_code == 2 and "NP1002" in result.output


def test_shards_are_handed_out_largest_first(tmp_path):
    texts = ["Short note.", "A much longer article. " * 40, "Middle sized text. " * 10]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": str(k), "text": t}) + "\n" for k, t in enumerate(texts)),
                      encoding="utf-8")
    report = run_batch([str(corpus)], tmp_path / "out", load_options(components=("newsprobe_metadata",)),
                       shard_size=1)
    ids = [shard.id for shard in plan_shards([str(corpus)], 1)]
    assert [summary["shard"] for summary in report.summaries] == [ids[1], ids[2], ids[0]]


def test_a_component_crash_in_a_worker_fails_one_record_of_100(tmp_path, monkeypatch):
    """The local engine's worker (ShardWorker, run here in this process so that the fragile test
    component can stand in for the pipeline): 99 analyses and one coded failure in the shard's files."""
    from newsprobe.scale.output import read_analyses
    from newsprobe.scale.worker import ShardWorker
    from tests.conftest import fragile_pipeline, tiny_texts

    monkeypatch.setattr("newsprobe.scale.worker.load_pipeline", lambda options=None: fragile_pipeline())
    corpus = tmp_path / "many.jsonl"
    lines = [json.dumps({"text": text}) for text in tiny_texts(100, bad=42)]
    lines.insert(50, json.dumps({"text": "The mayor spoke.", "authors": "a string"}))
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [shard] = plan_shards([str(corpus)], 200)
    out = tmp_path / "out"
    open_output(out, manifest_for(load_options(), 200))
    summary = ShardWorker(str(out), load_options(batch_size=8)).run(shard)
    assert (summary["status"], summary["articles"], summary["failures"]) == ("done", 99, 2)
    assert len(list(read_analyses(out, shard.id))) == 99
    failures = {f["input"].rsplit("/", 1)[-1]: f for f in read_failures(out, shard.id)}
    assert {name: f["code"] for name, f in failures.items()} == {"many.jsonl#43": "NP408", "many.jsonl#51": "NP110"}
    assert "stage analyse, ZeroDivisionError" in failures["many.jsonl#43"]["reason"]
