"""Shard planning and reading: byte ranges cover every JSONL line once; ids are stable; bad shards are NP1003."""
from __future__ import annotations

import pytest

from newsprobe.config import load_options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.model import Article
from newsprobe.scale.shards import Shard, plan_shards, read_shard, shard_bytes
from tests.scale.batch_fixtures import SHARD_SIZE, make_corpus


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"))


def test_plan_covers_every_input_once_in_stable_shards(inputs):
    shards = plan_shards(inputs, SHARD_SIZE)
    assert [s.kind for s in shards] == ["jsonl"] * 3 + ["files", "warc", "jsonl"]
    assert plan_shards(inputs, SHARD_SIZE) == shards  # a rerun finds the same ids
    assert len({s.id for s in shards}) == len(shards)
    other = {s.id: s for s in plan_shards(inputs, 3)}  # an id names what its shard covers
    assert all((s.id in other) == (s.kind != "jsonl") for s in shards)
    assert [Shard.from_json(s.to_json()) for s in shards] == shards


def test_jsonl_shards_read_each_line_once_with_its_number(inputs):
    options = load_options()
    jsonl = [s for s in plan_shards(inputs[:1], SHARD_SIZE)]
    sources = [source for shard in jsonl for source, _ in read_shard(shard, options)]
    assert sources == [f"{inputs[0]}#{n}" for n in range(1, 7)]
    results = [result for shard in jsonl for _, result in read_shard(shard, options)]
    assert isinstance(results[3], NewsprobeError) and results[3].code is Code.BAD_JSONL
    assert sum(isinstance(r, Article) for r in results) == 5


def test_folder_and_warc_shards_yield_articles(inputs):
    options = load_options()
    folder, warc = plan_shards(inputs[1:3], SHARD_SIZE)
    assert [type(r) for _, r in read_shard(folder, options)] == [Article, Article]
    (source, article), = read_shard(warc, options)
    assert source == "https://news.example.org/flood" and "Forecasters" in article.text


def test_unreadable_shard_is_a_coded_error(inputs, tmp_path):
    options = load_options()
    (broken,) = plan_shards(inputs[3:], SHARD_SIZE)
    with pytest.raises(NewsprobeError) as caught:
        read_shard(broken, options)
    assert caught.value.code is Code.SHARD_UNREADABLE
    missing = Shard("gone", "warc", (str(tmp_path / "gone.warc.gz"),))
    with pytest.raises(NewsprobeError, match="NP1003"):
        read_shard(missing, options)


def test_missing_input_and_bad_shard_size_are_refused(tmp_path):
    with pytest.raises(NewsprobeError, match="NP101"):
        plan_shards([str(tmp_path / "nothing.jsonl")], 10)
    with pytest.raises(NewsprobeError, match="NP302"):
        plan_shards([str(tmp_path)], 0)


def test_shard_bytes_measure_what_a_shard_covers(tmp_path):
    lines = ['{"id": "a", "text": "short"}\n', '{"id": "b", "text": "' + "long " * 50 + '"}\n']
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(lines), encoding="utf-8")
    assert [shard_bytes(s) for s in plan_shards([str(corpus)], 1)] == [len(line.encode()) for line in lines]
    (tmp_path / "one.txt").write_text("x" * 10, encoding="utf-8")
    (tmp_path / "two.txt").write_text("y" * 5, encoding="utf-8")
    files = Shard("f", "files", (str(tmp_path / "one.txt"), str(tmp_path / "two.txt"), str(tmp_path / "gone.txt")))
    assert shard_bytes(files) == 15
