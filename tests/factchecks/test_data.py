"""Fact-check, query and relevance files: bad lines become coded errors and every good line is kept."""
from __future__ import annotations

import json

import pytest

from newsprobe.errors import Code, NewsprobeError
from newsprobe.factchecks.data import read_factchecks, read_qrels, read_queries


def write_lines(path, lines: list[bytes]) -> None:
    path.write_bytes(b"\n".join(lines) + b"\n")


def good(vclaim_id: str, vclaim: str, **extra) -> bytes:
    return json.dumps({"vclaim_id": vclaim_id, "vclaim": vclaim, **extra}).encode()


def test_bad_factcheck_lines_are_coded_and_good_ones_kept(tmp_path):
    path = tmp_path / "vclaims.jsonl"
    write_lines(path, [
        good("v1", "Bridges in Kessa were closed for a week.", title="Were Kessa's bridges closed?"),
        b'{"vclaim_id": "v2"}',  # no vclaim
        b'{"vclaim": "no id here"}',
        good("v1", "A second text under the first id."),  # duplicate id
        "caf\u00e9 ".encode("latin-1") + b'{"vclaim_id": "v5", "vclaim": "x"}',  # not UTF-8
        b"[1, 2]",
        b"{not json",
        b"",
        good("v3", "Tavros has no harbour.", speaker="a blog"),
    ])
    read = read_factchecks(path)
    assert [f.vclaim_id for f in read.items] == ["v1", "v3"]
    assert read.items[0].vclaim == "Bridges in Kessa were closed for a week."  # the first of a duplicate is kept
    assert read.items[0].title == "Were Kessa's bridges closed?"
    assert read.items[1].extra == {"speaker": "a blog"}
    codes = [(e.code, e.source.rsplit(":", 1)[1]) for e in read.errors]
    assert codes == [(Code.FACTCHECK_BAD_LINE, "2"), (Code.FACTCHECK_BAD_LINE, "3"), (Code.FACTCHECK_DUPLICATE, "4"),
                     (Code.FACTCHECK_ENCODING, "5"), (Code.FACTCHECK_BAD_LINE, "6"), (Code.FACTCHECK_BAD_LINE, "7")]
    assert all(str(e).startswith(f"[{e.code.value}]") for e in read.errors)


def test_queries_need_an_id_a_tab_and_text(tmp_path):
    path = tmp_path / "queries.tsv"
    write_lines(path, [b"q1\tThe harbour was closed.", b"no tab here", b"q2\tTabs\tinside text", b"\xff\xfe\tbad"])
    read = read_queries(path)
    assert read.items == [("q1", "The harbour was closed."), ("q2", "Tabs\tinside text")]
    assert [e.code for e in read.errors] == [Code.QUERY_BAD_LINE, Code.QUERY_BAD_LINE]


def test_qrels_and_missing_files(tmp_path):
    path = tmp_path / "qrels.tsv"
    write_lines(path, [b"q1\t0\tv1\t1", b"q1\t0\tv2\t1", b"q2\t0\tv3\t0"])
    assert read_qrels(path) == {"q1": {"v1", "v2"}}
    write_lines(path, [b"q1 0 v1 1"])
    with pytest.raises(NewsprobeError) as bad:
        read_qrels(path)
    assert bad.value.code == Code.BAD_QRELS
    with pytest.raises(NewsprobeError) as missing:
        read_factchecks(tmp_path / "none.jsonl")
    assert missing.value.code == Code.NOT_FOUND
