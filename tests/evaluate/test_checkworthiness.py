"""CheckThat! 2019 check-worthiness: leave-one-debate-out MAP of the committed recipe, and the CLI."""
import json

import pytest
from typer.testing import CliRunner

from newsprobe.cli import app
from newsprobe.evaluate.checkthat import load_debates
from newsprobe.evaluate.checkworthiness import lodo_figures
from tests.conftest import DATA, require_data
from tests.floors import floor

pytestmark = pytest.mark.slow  # quality floor over CheckThat

DEBATES = DATA / "clef2019-checkthat-t1-train"


@pytest.mark.data
def test_debates_load_as_the_source_describes():
    debates = load_debates(require_data(DEBATES))
    assert len(debates) == 19
    assert sum(len(d.lines) for d in debates) == 16421
    assert sum(sum(d.labels) for d in debates) == 440


@pytest.mark.data
@pytest.mark.slow
def test_lodo_map_holds_the_floor():
    figures = lodo_figures(require_data(DEBATES), require_data(DATA / "claimbuster-2class"))
    assert len(figures.per_debate) == 19
    assert figures.map >= floor("claims_checkthat", "lodo_map")


@pytest.mark.data
def test_committed_mode_says_it_is_not_held_out():
    result = CliRunner().invoke(app, ["eval", "checkworthiness", str(require_data(DEBATES)), "--committed"])
    assert result.exit_code == 0, result.output
    assert "NOT held out" in result.output and "20160926_1pres.tsv" in result.output
    as_json = CliRunner().invoke(app, ["eval", "checkworthiness", str(DEBATES), "--committed", "--json"])
    figures = json.loads(as_json.output)
    assert figures["mode"] == "committed" and len(figures["per_debate_ap"]) == 19


def test_missing_debates_are_coded(tmp_path):
    result = CliRunner().invoke(app, ["eval", "checkworthiness", str(tmp_path), "--committed"])
    assert result.exit_code == 2 and "NP303" in result.output
    (tmp_path / "train.csv").write_text("line_number,speaker\n1,A\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "checkworthiness", str(tmp_path), "--committed"])
    assert result.exit_code == 2 and "NP604" in result.output
