"""`newsprobe techniques classify ARTICLES_DIR SPANS_FILE`: the TC format in and out."""
import pytest
from typer.testing import CliRunner

from newsprobe.cli import app
from newsprobe.techniques.labels import LABELS

pytestmark = pytest.mark.slow  # the classify command end to end (15 s in all on the shared machine)

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


@pytest.mark.parametrize("line, code", [("42\t?\tx\t5", "NP502"), ("43\t?\t0\t5", "NP504"),
                                        ("42\t?\t0\t9999", "NP506"), ("42\t?\t-3\t5", "NP506"),
                                        ("42\t?\t9\t3", "NP508"), ("42\t?\t9\t9", "NP508"),
                                        ("42\t?\t32\t34", "NP508")])
def test_a_bad_span_line_gets_a_coded_error_and_the_rest_are_classified(folder, line, code):
    good = f"42\t?\t{TEXT.index('traitors')}\t{TEXT.index('traitors') + 8}"
    result = CliRunner().invoke(app, ["techniques", "classify", str(folder), str(spans_file(folder, [good, line, good]))])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    out = result.stdout.splitlines()
    assert [o.split("\t")[2:] for o in out] == [good.split("\t")[2:]] * 2
    assert all(o.split("\t")[1] in LABELS for o in out)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 1 and code in errors[0] and "line 2" in errors[0]


def test_overlapping_spans_are_refused_but_a_repeated_span_is_not(folder):
    start = TEXT.index("radical left")
    lines = [f"42\t?\t{start}\t{start + 12}", f"42\t?\t{start + 8}\t{start + 20}",
             f"42\t?\t{start}\t{start + 12}"]
    result = CliRunner().invoke(app, ["techniques", "classify", str(folder), str(spans_file(folder, lines))])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 2
    assert "NP507" in result.stderr and "line 2" in result.stderr
