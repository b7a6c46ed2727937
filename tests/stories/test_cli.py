"""`newsprobe stories assign` on team-written fictional articles: two floods of one town four years apart
are two stories, an earthquake is a third; output in input order; bad lines reported, the rest assigned."""
from __future__ import annotations

import io
import json
from pathlib import Path

from typer.testing import CliRunner

from newsprobe.cli import app
from newsprobe.stories.cli import assign_file

MINI = Path(__file__).parents[1] / "data" / "stories" / "mini.jsonl"


def stories_of(out: str) -> dict[str, str]:
    return {row["id"]: row["story"] for row in map(json.loads, out.splitlines())}


def test_events_of_one_topic_are_told_apart():
    out, err = io.StringIO(), io.StringIO()
    assert assign_file(MINI, out, err) == 0
    ids = [json.loads(line)["id"] for line in out.getvalue().splitlines()]
    assert ids == ["flood-2019-a", "quake-a", "flood-2023-a", "flood-2019-b", "quake-b", "flood-2023-b"]
    story = stories_of(out.getvalue())
    assert story["flood-2019-a"] == story["flood-2019-b"] == "s1"
    assert story["quake-a"] == story["quake-b"] == "s2"
    assert story["flood-2023-a"] == story["flood-2023-b"] == "s3"


def test_bad_lines_and_a_non_english_article(tmp_path):
    lines = MINI.read_text(encoding="utf-8").splitlines()
    german = json.dumps({"id": "de-1", "title": "Erdbeben auf Tavros", "date": "2021-07-05",
                         "text": "Ein Erdbeben der Stärke 6,2 hat am Montag den Hafen von Kessa auf Tavros beschädigt."},
                        ensure_ascii=False)
    path = tmp_path / "articles.jsonl"
    path.write_bytes("\n".join([lines[0], "{broken", lines[1], '{"id": "x"}', german]).encode() + b"\n\xff\n")
    result = CliRunner().invoke(app, ["stories", "assign", str(path)])
    assert result.exit_code == 1
    assert [row["id"] for row in map(json.loads, result.stdout.splitlines())] == ["flood-2019-a", "quake-a", "de-1"]
    assert "[NP1102]" in result.stderr and result.stderr.count("[NP1102]") == 3
    assert stories_of(result.stdout)["de-1"] in {"s1", "s2", "s3"}
