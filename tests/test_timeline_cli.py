"""`newsprobe timeline` and the eval commands of the time and event layers, through the CLI."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsprobe.cli import app

pytestmark = pytest.mark.slow  # the timeline command end to end

runner = CliRunner()


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_timeline_json_orders_events_across_files(tmp_path):
    a = _write(tmp_path, "a.txt", "Rebels attacked the town on Saturday.\n")
    b = _write(tmp_path, "b.txt", "The army killed two rebels on January 3, 2020.\n")
    result = runner.invoke(app, ["timeline", str(a), str(b), "--format", "json", "--published", "2022-01-02"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    dated = [(r["when"], r["trigger"], r["code"][:2]) for r in rows if r["when"]]
    assert dated == [("2020-01-03", "killed", "19"), ("2022-01-01", "attacked", "19")]


def test_timeline_table(tmp_path):
    a = _write(tmp_path, "a.txt", "Rebels attacked the town on Saturday.\n")
    result = runner.invoke(app, ["timeline", str(a), "--published", "2022-01-02"])
    assert result.exit_code == 0, result.output
    assert "2022-01-01" in result.stdout and "attacked" in result.stdout


def test_timeline_bad_format_and_missing_data(tmp_path):
    assert runner.invoke(app, ["timeline", "x.txt", "--format", "xml"]).exit_code == 2
    result = runner.invoke(app, ["eval", "timex", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "NP303" in result.output
    result = runner.invoke(app, ["eval", "events", str(tmp_path)])
    assert result.exit_code == 2 and "NP703" in result.output
