from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsprobe.cli import app
from tests.conftest import REFERENCE, require_data

runner = CliRunner()
DEMO_TEXT = "VELMORA – Foreign Minister Lucan Ostrava met farmers in Dorn on Saturday. He praised the harvest.\n"


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(DEMO_TEXT, encoding="utf-8")
    return path


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_analyze_json_keeps_the_text_exactly(article_file):
    result = run("analyze", str(article_file), "--published", "2024-09-15")
    assert result.exit_code == 0, result.output
    analysis = json.loads(result.stdout)
    assert analysis["source"] == str(article_file)
    assert analysis["article"]["text"] == DEMO_TEXT
    assert analysis["article"]["published"] == "2024-09-15"
    assert analysis["article"]["dateline"]["text"] == "VELMORA"


def test_analyze_jsonl_streams_one_object_per_input(article_file, tmp_path):
    second = tmp_path / "second.txt"
    second.write_text("The council of Eastport met on Monday.", encoding="utf-8")
    result = run("analyze", str(article_file), str(second), "--format", "jsonl")
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert [json.loads(line)["source"] for line in lines] == [str(article_file), str(second)]


def test_json_with_several_inputs_is_one_array(article_file):
    result = run("analyze", str(article_file), str(article_file))
    assert len(json.loads(result.stdout)) == 2


def test_standard_input():
    result = run("analyze", "-", "--format", "jsonl", input=DEMO_TEXT)
    assert json.loads(result.stdout)["article"]["text"] == DEMO_TEXT


def test_text_and_html_reports(article_file):
    text = run("analyze", str(article_file), "--format", "text")
    assert text.exit_code == 0 and "Lucan Ostrava" in text.stdout and "Entities" in text.stdout
    html = run("analyze", str(article_file), "--format", "html").stdout
    assert html.startswith("<!doctype html>") and "Content-Security-Policy" in html
    assert '<mark class="entity" title="Lucan Ostrava (PERSON)">Foreign Minister Lucan Ostrava</mark>' in html


def test_html_escapes_article_content(tmp_path):
    path = tmp_path / "xss.txt"
    path.write_text("Mayor Ana Ruiz wrote <script>alert(1)</script> on the city site.", encoding="utf-8")
    html = run("analyze", str(path), "--format", "html").stdout
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_bad_inputs_are_listed_and_the_rest_still_comes_out(article_file, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    nav_only = tmp_path / "nav.html"
    nav_only.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    result = run("analyze", str(empty), str(article_file), str(binary), str(nav_only), "nope.txt",
                 "ftp://example.org/x", "--format", "jsonl")
    assert result.exit_code == 1
    assert [json.loads(line)["source"] for line in result.stdout.strip().splitlines()] == [str(article_file)]
    for code, name in (("NP102", empty), ("NP103", binary), ("NP105", nav_only), ("NP101", "nope.txt"),
                       ("NP201", "ftp://example.org/x")):
        assert f"[{code}] {name}:" in result.stderr
    assert "5 input(s) failed" in result.stderr


def test_bad_published_date(article_file):
    result = run("analyze", str(article_file), "--published", "last tuesday")
    assert result.exit_code == 2 and "[NP107]" in result.stderr


def test_folder_input(tmp_path, article_file):
    (tmp_path / "notes.bin").write_bytes(b"\x00")
    result = run("analyze", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 0 and len(result.stdout.strip().splitlines()) == 1


def test_schema_lists_every_layer():
    schema = json.loads(run("schema").stdout)
    assert set(schema["properties"]) >= {"source", "article", "entities", "attributions", "timexes", "events",
                                         "claims", "techniques"}


def test_demo_analyses_every_sample_article():
    result = run("demo", "--format", "jsonl")
    assert result.exit_code == 0
    outlets = {json.loads(line)["article"]["outlet"] for line in result.stdout.strip().splitlines()}
    assert outlets == {"The Harbour Ledger", "Northfield Daily Courier", "Radio Kestrel"}


def test_reference_article_from_the_command_line():
    path = require_data(REFERENCE)
    analysis = json.loads(run("analyze", str(path), "--published", "2022-01-02").stdout)
    article = analysis["article"]
    assert article["text"] == path.read_text(encoding="utf-8")
    assert article["outlet"] == "Mehr News Agency" and article["dateline"]["text"] == "TEHRAN"
    assert article["licence"]["id"] == "CC-BY-4.0"
    assert article["licence"]["notice"]["text"].startswith("All Content by Mehr News Agency")


def test_error_details_with_brackets_are_printed_verbatim(capsys):
    import typer

    from newsprobe.cli import fail
    from newsprobe.errors import Code, NewsprobeError

    with pytest.raises(typer.Exit):
        fail(NewsprobeError(Code.TECH_TRAIN_DEPS, "torch"))
    assert "pip install -e '.[train]'" in capsys.readouterr().err
