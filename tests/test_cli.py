from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsprobe.cli import app
from tests.conftest import REFERENCE, require_data

pytestmark = pytest.mark.slow  # the pipeline end to end through the command line (34 s in all on the shared machine)

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


# --- nothing stops a run (issue 15) ---
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"


def tiny_jsonl(path, texts: list[str], **fields) -> str:
    path.write_text("".join(json.dumps({"text": t, **fields}) + "\n" for t in texts), encoding="utf-8")
    return str(path)


@pytest.fixture
def fragile_cli(monkeypatch):
    """Every CLI command gets the tiny fragile pipeline instead of loading the real one."""
    from tests.conftest import fragile_pipeline

    nlp = fragile_pipeline()
    for module in ("newsprobe.runner", "newsprobe.store.loader"):
        monkeypatch.setattr(f"{module}.load_pipeline", lambda options=None: nlp)
    return nlp


def test_analyze_a_component_crash_fails_one_document_of_100(fragile_cli, tmp_path):
    from tests.conftest import tiny_texts

    result = run("analyze", tiny_jsonl(tmp_path / "many.jsonl", tiny_texts(100, bad=42)), "--format", "jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 99
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert errors == [f"error [NP408] {tmp_path / 'many.jsonl'}#43: the pipeline failed on this article (stage "
                      "analyse, ZeroDivisionError: fragile component); report it with the input; the other "
                      "articles were analysed"]


def test_analyze_run_enders_become_coded_lines(fragile_cli, tmp_path):
    (tmp_path / "odd[").mkdir()
    markup_name = tmp_path / "odd[" / "]name.txt"  # the path holds "[/]"
    markup_name.write_text("   ", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "The mayor spoke.", "authors": "a string"}) + "\n" + "[" * 5000 + "]" * 5000
                   + "\n" + json.dumps({"text": "The council met on Monday."}) + "\n", encoding="utf-8")
    long = tmp_path / "long.txt"
    long.write_text("The council met on Monday. " * 100, encoding="utf-8")
    config = tmp_path / "small.toml"
    config.write_text("[limits]\nmax_chars = 1000\n", encoding="utf-8")
    fragile_cli.max_length = 1000  # what load_pipeline does with that config
    result = run("analyze", str(markup_name), str(bad), str(long), "http://[/]/", "--format", "jsonl",
                 "--config", str(config))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [f"{bad}#3"]
    assert f"[NP102] {markup_name}:" in result.stderr
    assert f"[NP110] {bad}#1: line 1: field 'authors'" in result.stderr
    assert f"[NP111] {bad}#2:" in result.stderr
    assert f"[NP109] {long}: the text is 2,700 characters long, over the limit of 1,000" in result.stderr
    assert "[NP203] http://[/]/: the URL could not be fetched (not a valid address" in result.stderr


def test_a_bad_limit_in_the_config_is_np304(tmp_path, article_file):
    config = tmp_path / "bad.toml"
    config.write_text("[limits]\nmax_chars = 10\n", encoding="utf-8")
    result = run("analyze", str(article_file), "--config", str(config))
    assert result.exit_code == 2 and "[NP304]" in result.stderr


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31"])
def test_an_implausible_published_option_is_np708(fragile_cli, article_file, day):
    result = run("analyze", str(article_file), "--published", day)
    assert result.exit_code == 2 and f"[NP708] {day} is not a plausible publication date" in result.stderr


def test_a_page_dated_0001_01_01_with_relative_dates_is_analysed(tmp_path):
    """The reported run-ender: a JSON-LD date of 0001-01-01 became the anchor of "on Saturday"."""
    from tests.ingest.test_html import JSON_LD, page

    body = "The ministers met on Saturday, two years ago the talks began, and they resume next month. " * 2
    path = tmp_path / "page.html"
    path.write_text(page({**JSON_LD, "datePublished": "0001-01-01"}, body=body), encoding="utf-8")
    result = run("analyze", str(path))
    assert result.exit_code == 0, result.output
    analysis = json.loads(result.stdout)
    assert analysis["article"]["published"] == "2020-01-01"  # the page's next date source
    assert {t["text"]: t["value"] for t in analysis["timexes"]}["Saturday"] == "2019-12-28"
    assert f"note: {path}: JSON-LD datePublished: publication date 0001-01-01 ignored" in result.stderr


def test_text_reports_strip_terminal_escapes_but_json_keeps_them(fragile_cli, tmp_path):
    text = f"The council {ESCAPES}met [/] on Monday."
    path = tiny_jsonl(tmp_path / "esc.jsonl", [text], title=f"Title {ESCAPES}[/]")
    report = run("analyze", path, "--format", "text")
    assert report.exit_code == 0, report.output
    assert "\x1b]0" not in report.stdout and "\x07" not in report.stdout and "Title [/]" in report.stdout
    exact = json.loads(run("analyze", path, "--format", "json").stdout)
    assert exact["article"]["text"] == text and exact["article"]["title"] == f"Title {ESCAPES}[/]"


def test_store_commands_print_user_text_verbatim_and_safely(fragile_cli, tmp_path, monkeypatch):
    db = f"sqlite:///{tmp_path / 's.db'}"
    (tmp_path / "odd[").mkdir()
    broken = tmp_path / "odd[" / f"]x{ESCAPES}.txt"  # the path holds "[/]" and escapes
    broken.write_text(" ", encoding="utf-8")
    good = tiny_jsonl(tmp_path / "g.jsonl", [f"The harbour council met {ESCAPES}[/] on Monday."],
                      title=f"Harbour [/] {ESCAPES}news", outlet=f"Ledger [bold]{ESCAPES}",
                      url="http://example.org/[/]")
    assert run("ingest", good, str(broken), "--db", db).exit_code == 1
    wide = {"COLUMNS": "400"}  # no table cell wrapped
    for command in (["failures"], ["search", "harbour"], ["stats"]):
        result = runner.invoke(app, [*command, "--db", db], env=wide)
        assert result.exit_code == 0 and "Traceback" not in result.output, (command, result.output)
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout, command
    assert "odd[/]x.txt" in runner.invoke(app, ["failures", "--db", db], env=wide).stdout
    shown = runner.invoke(app, ["search", "council", "--db", db], env=wide).stdout
    assert "Harbour [/] news" in shown and "http://example.org/[/]" in shown and "met [/] on Monday" in shown

    def rows(*_args):  # what the store gives for an outlet named in markup and escapes
        return {"speakers": [{"speaker": f"Ana [/] {ESCAPES}Ruiz", "outlet": "Ledger [bold]", "share": 0.5}]}

    monkeypatch.setattr("newsprobe.store.stats.all_stats", rows)
    stats = runner.invoke(app, ["stats", "--db", db], env=wide)
    assert stats.exit_code == 0 and "Ana [/] Ruiz" in stats.stdout and "Ledger [bold]" in stats.stdout
    assert "\x1b" not in stats.stdout
    raw = json.loads(run("search", "harbour", "--db", db, "--format", "jsonl").stdout)
    assert raw["title"] == f"Harbour [/] {ESCAPES}news"


@pytest.mark.parametrize("args", [["--limit", "99999999999999999999"], ["--limit", "0"], ["--limit", "-5"],
                                  ["--offset", "-1"], ["--offset", "99999999999999999999"]])
def test_search_limits_are_checked_by_typer(tmp_path, args):
    result = run("search", "x", "--db", f"sqlite:///{tmp_path / 'l.db'}", *args)
    assert result.exit_code == 2 and "Invalid value" in result.output and "Traceback" not in result.output


def test_stats_limit_is_checked_by_typer(tmp_path):
    result = run("stats", "--db", f"sqlite:///{tmp_path / 'l.db'}", "--limit", "-1")
    assert result.exit_code == 2 and "Invalid value" in result.output
