from __future__ import annotations

import json

from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest.jsonl import records_from_lines
from tests.ingest.test_html import page


def test_records_of_every_kind_and_bad_lines_do_not_stop_the_rest():
    lines = [
        json.dumps({"text": "The mayor of Eastport spoke on Monday.", "url": "https://e.example/1",
                    "published": "2023-03-01", "outlet": "Eastport Ledger"}),
        "not json",
        json.dumps({"html": page()}),
        "",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Bad date.", "published": "yesterday"}),
    ]
    results = list(records_from_lines(lines, "feed.jsonl"))
    assert [source for source, _ in results] == [f"feed.jsonl#{n}" for n in (1, 2, 3, 5, 6)]
    first, bad, html, missing, date = (result for _, result in results)
    assert first.outlet == "Eastport Ledger" and first.published == "2023-03-01"
    assert "harbour plan" in html.text
    assert isinstance(bad, NewsprobeError) and bad.code is Code.BAD_JSONL and bad.source == "feed.jsonl#2"
    assert isinstance(missing, NewsprobeError) and missing.code is Code.BAD_JSONL
    assert isinstance(date, NewsprobeError) and date.code is Code.BAD_DATE


def test_a_bad_field_or_a_deep_nesting_fails_its_line_only():
    good = json.dumps({"text": "The council met on Monday.", "authors": ["Ana Ruiz"]})
    lines = [json.dumps({"text": "The mayor spoke.", "authors": "a string"}), good,
             "[" * 5000 + "]" * 5000, json.dumps({"text": "Rain fell.", "title": 7}), good,
             json.dumps({"text": "Snow fell.", "published": "0001-01-01"})]
    results = dict(records_from_lines(lines, "f.jsonl"))
    assert results["f.jsonl#1"].code is Code.BAD_JSONL_FIELD
    assert str(results["f.jsonl#1"]) == ("[NP110] f.jsonl#1: line 1: field 'authors' must be a list of strings, "
                                         "not str; fix or remove that line")
    assert results["f.jsonl#3"].code is Code.JSONL_TOO_DEEP and results["f.jsonl#3"].source == "f.jsonl#3"
    assert results["f.jsonl#4"].code is Code.BAD_JSONL_FIELD and "'title'" in results["f.jsonl#4"].reason
    assert results["f.jsonl#2"].authors == ["Ana Ruiz"] and results["f.jsonl#5"].text == "The council met on Monday."
    assert results["f.jsonl#6"].published is None  # implausible: ignored with a note, the line still read
