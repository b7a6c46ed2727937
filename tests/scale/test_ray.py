"""Ray Data engine on a local 2-CPU Ray cluster: identical analyses to local processes, resume without
duplicates, an actor that dies replaced and its shard retried. Select with `-m ray`, leave out with
`-m "not ray"`."""
from __future__ import annotations

import pytest

from newsprobe.config import load_options
from newsprobe.scale import run_batch
from tests.scale.batch_fixtures import (ARTICLES, READABLE_SHARDS, SHARD_SIZE, batch_analyses, kill_workers,
                                        make_corpus)

ray = pytest.importorskip("ray")
pytestmark = [pytest.mark.ray, pytest.mark.slow]


@pytest.fixture(scope="module")
def ray_cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"))[:3]  # the readable inputs: 5 shards, 8 articles


def by_id(analyses: list[dict]) -> dict[str, dict]:
    return {a["article"]["id"]: a for a in analyses}


def test_ray_resumes_and_matches_local_processes(ray_cluster, inputs, tmp_path):
    options = load_options()
    local, on_ray = tmp_path / "local", tmp_path / "ray"
    run_batch(inputs, local, options, workers=2, shard_size=SHARD_SIZE)
    first = run_batch(inputs, on_ray, options, engine="ray", workers=2, shard_size=SHARD_SIZE, limit=2)
    assert first.done == 2
    killed = kill_workers(on_ray)  # Ray restarts the actor and retries the shard it was running
    second = run_batch(inputs, on_ray, options, engine="ray", workers=2, shard_size=SHARD_SIZE)
    assert killed, "no actor was killed"
    assert (second.already_done, second.done, second.failed_shards) == (2, READABLE_SHARDS - 2, [])
    analyses = batch_analyses(on_ray)
    assert len(analyses) == ARTICLES == len(by_id(analyses))
    assert by_id(analyses) == by_id(batch_analyses(local))
