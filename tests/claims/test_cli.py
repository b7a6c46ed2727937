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


def test_empty_and_ten_thousand_word_lines_get_scores_not_tracebacks(tmp_path):
    words = ("the minister said that prices rose by 40 percent in 2021 while wages fell " * 700).split()[:10000]
    path = tmp_path / "bad.txt"
    path.write_text("\n" + " ".join(words) + "\nPrices rose 5 percent in 2021.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["claims", "score", str(path)])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    scores = [float(s) for s in result.stdout.split()]
    assert len(scores) == 3
    assert scores[0] == 0.0, "an empty line scores 0"
    assert scores[1] < scores[2], "a 10,000-word line is not a sentence: its score is damped"
    assert "NP605" in result.stderr and "line 2" in result.stderr
