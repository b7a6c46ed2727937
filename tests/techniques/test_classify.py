"""`newsprobe techniques classify ARTICLES_DIR SPANS_FILE`: the TC format in and out."""
import pytest
from typer.testing import CliRunner

from newsprobe.cli import app
from newsprobe.techniques.labels import LABELS

TEXT = ("Biden's Disastrous Border Policy\n\n"
        "The radical left keeps lying to you. They are traitors, traitors, traitors! "
        "Make America Great Again.\n")


@pytest.fixture()
def folder(tmp_path):
    (tmp_path / "article42.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def spans_file(folder, lines):
    path = folder / "spans.txt"
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def test_prints_each_line_with_a_technique(folder):
    start = TEXT.index("traitors, traitors, traitors")
    lines = [f"42\t?\t{start}\t{start + 28}", f"42\t?\t{TEXT.index('Make')}\t{TEXT.index('Again.') + 5}",
             f"42\t?\t{start}\t{start + 28}"]
    result = CliRunner().invoke(app, ["techniques", "classify", str(folder), str(spans_file(folder, lines))])
    assert result.exit_code == 0, result.output
    out = result.output.splitlines()
    assert len(out) == 3
    for given, got in zip(lines, out):
        article, label, start_s, end_s = got.split("\t")
        assert [article, start_s, end_s] == [given.split("\t")[k] for k in (0, 2, 3)]
        assert label in LABELS
    assert out[0].split("\t")[1] != out[2].split("\t")[1], "a repeated span gets its next-best label"


@pytest.mark.parametrize("line, code", [("42\t?\tx\t5", "NP502"), ("42\t?\t9\t3", "NP502"),
                                        ("43\t?\t0\t5", "NP504"), ("42\t?\t0\t9999", "NP502")])
def test_bad_span_lines_get_a_coded_error(folder, line, code):
    result = CliRunner().invoke(app, ["techniques", "classify", str(folder), str(spans_file(folder, [line]))])
    assert result.exit_code == 2
    assert code in result.output
