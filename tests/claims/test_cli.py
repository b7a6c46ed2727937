import io

import pytest
from typer.testing import CliRunner

from newsprobe.claims.cli import score_lines
from newsprobe.cli import app
from newsprobe.errors import Code, NewsprobeError


def test_one_score_per_line_from_stdin():
    lines = "The deficit doubled to 1.4 trillion dollars in 2009.\n\nThank you.\nTAXES\n"
    out = io.StringIO()
    assert score_lines("-", io.StringIO(lines), out) == 4
    scores = [float(s) for s in out.getvalue().split()]
    assert len(scores) == 4 and scores[1] == 0.0
    assert scores[0] > max(scores[1:])


def test_command_reads_a_file(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("Crime fell by 20 percent last year.\nHello\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["claims", "score", str(path)])
    assert result.exit_code == 0
    assert len(result.stdout.split()) == 2


def test_missing_file_is_coded(tmp_path):
    with pytest.raises(NewsprobeError) as error:
        score_lines(str(tmp_path / "absent.txt"), io.StringIO(), io.StringIO())
    assert error.value.code == Code.NOT_FOUND
    result = CliRunner().invoke(app, ["claims", "score", str(tmp_path / "absent.txt")])
    assert result.exit_code == 2
