"""`newsprobe factchecks match`: the CheckThat! run format, sensible ranks on a small fictional collection,
and bad lines reported per line while every good line is used."""
from __future__ import annotations

import io
import json

import pytest
from typer.testing import CliRunner

from newsprobe.cli import app
from newsprobe.errors import Code, NewsprobeError
from newsprobe.factchecks.cli import match_files

FACTCHECKS = [
    {"vclaim_id": "fc-bridge", "vclaim": "The Kessa bridge was closed for repairs for a whole year.",
     "title": "Was the Kessa Bridge Closed for a Year?"},
    {"vclaim_id": "fc-vaccine", "vclaim": "The Tavros flu vaccine contains microchips.",
     "title": "Does a Flu Vaccine Contain Microchips?"},
    {"vclaim_id": "fc-mayor", "vclaim": "Mayor Ilse Kantor doubled the Brellin water tax in 2019.",
     "title": "Did Brellin's Mayor Double the Water Tax?"},
]
QUERIES = ("q-chips\tBREAKING: they are putting microchips in the flu jab on Tavros!! #wakeup\n"
           "q-tax\tKantor raised our water tax twice over, Brellin pays double since 2019\n")


def write(tmp_path, factcheck_lines: list[bytes]):
    factchecks, queries = tmp_path / "vclaims.jsonl", tmp_path / "queries.tsv"
    factchecks.write_bytes(b"\n".join(factcheck_lines) + b"\n")
    queries.write_text(QUERIES, encoding="utf-8")
    return factchecks, queries


def test_run_format_and_ranks(tmp_path):
    paths = write(tmp_path, [json.dumps(f).encode() for f in FACTCHECKS])
    out, err = io.StringIO(), io.StringIO()
    assert match_files(*paths, out, err, top=2) == 0
    rows = [line.split("\t") for line in out.getvalue().splitlines()]
    assert [row[0] for row in rows] == ["q-chips", "q-chips", "q-tax", "q-tax"]
    assert all(len(row) == 6 and row[1] == "Q0" and row[5] == "newsprobe" for row in rows)
    assert [row[3] for row in rows] == ["1", "2", "1", "2"]
    assert rows[0][2] == "fc-vaccine" and rows[2][2] == "fc-mayor"
    assert float(rows[0][4]) >= float(rows[1][4])
    assert err.getvalue() == ""


def test_bad_lines_are_reported_and_the_good_ones_all_used(tmp_path):
    lines = [json.dumps(FACTCHECKS[0]).encode(), b'{"vclaim_id": "no-text"}',
             b'{"vclaim_id": "fc-bridge", "vclaim": "duplicate"}', b"\xff not utf-8",
             json.dumps(FACTCHECKS[1]).encode(), json.dumps(FACTCHECKS[2]).encode()]
    paths = write(tmp_path, lines)
    out, err = io.StringIO(), io.StringIO()
    assert match_files(*paths, out, err, top=5) == 3
    assert [line.split("] ")[0] for line in err.getvalue().splitlines()] == [
        "error [NP1104", "error [NP1105", "error [NP1106"]
    ranked = {line.split("\t")[2] for line in out.getvalue().splitlines()}
    assert ranked == {"fc-bridge", "fc-vaccine", "fc-mayor"}  # top 5 of 3: all good ones, each once a query


def test_command_exit_codes(tmp_path):
    paths = write(tmp_path, [json.dumps(f).encode() for f in FACTCHECKS] + [b"{}"])
    result = CliRunner().invoke(app, ["factchecks", "match", *map(str, paths), "--top", "1"])
    assert result.exit_code == 1  # one bad line: reported, the run still printed
    assert len(result.stdout.splitlines()) == 2
    empty = write(tmp_path, [b"{}"])
    with pytest.raises(NewsprobeError) as none:
        match_files(*empty, io.StringIO(), io.StringIO())
    assert none.value.code == Code.NO_FACTCHECKS
