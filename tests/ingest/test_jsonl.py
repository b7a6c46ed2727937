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
