"""Bad choices and out-of-range numbers are refused by Typer itself: exit status 2, a message naming the
option and the allowed values, nothing run."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from newsprobe.cli import app
from newsprobe.cli.batch import Engine
from newsprobe.cli.eval import StoryOrder, Subtask
from newsprobe.cli.options import with_filters
from newsprobe.query import AGGREGATES, VOICES, Filters

runner = CliRunner()


@pytest.mark.parametrize(("args", "option", "allowed"), [
    (["search", "x", "--voice", "loud"], "--voice", "outlet"),
    (["stats", "--voice", "loud"], "--voice", "attributed"),
    (["export", "--voice", "Outlet"], "--voice", "vague"),
    (["search", "x", "--min-checkworthiness", "1.5"], "--min-checkworthiness", "less than or equal to 1"),
    (["stats", "--min-checkworthiness", "-0.1"], "--min-checkworthiness", "greater than or equal to 0"),
    (["search", "x", "--format", "json"], "--format", "text"),
    (["failures", "--format", "csv"], "--format", "jsonl"),
    (["stats", "--format", "jsonl"], "--format", "json"),
    (["stats", "--only", "voicez"], "--only", "voices"),
    (["export", "--format", "xml"], "--format", "doccano"),
    (["analyze", "a.txt", "--format", "yaml"], "--format", "html"),
    (["timeline", "a.txt", "--format", "xml"], "--format", "table"),
    (["batch", "in.jsonl", "--out", "o", "--engine", "spark"], "--engine", "ray"),
    (["batch", "in.jsonl", "--out", "o", "--workers", "0"], "--workers", "greater than or equal to 1"),
    (["eval", "timex", ".", "--split", "train"], "--split", "dev"),
    (["eval", "events", ".", "--lexicon", "wordnet"], "--lexicon", "records"),
    (["eval", "stories", "--order", "random"], "--order", "shuffle1"),
    (["eval", "claim-retrieval", "--subtask", "news"], "--subtask", "debates"),
])
def test_bad_values_are_refused_with_a_clear_message(tmp_path, monkeypatch, args, option, allowed) -> None:
    monkeypatch.chdir(tmp_path)  # nothing may be created: a refused value runs nothing
    result = runner.invoke(app, args, env={"COLUMNS": "200", "NEWSPROBE_DB": f"sqlite:///{tmp_path / 'x.db'}"})
    assert result.exit_code == 2, result.output
    assert "Invalid value" in result.output and option in result.output and allowed in result.output
    assert "Traceback" not in result.output and list(tmp_path.iterdir()) == []


def test_the_cli_choices_are_the_library_ones() -> None:
    """The CLI spells some choices out (importing them would load heavy modules at `newsprobe --help`)."""
    from newsprobe.evaluate.claim_retrieval import SUBTASKS
    from newsprobe.evaluate.stories import ORDERS
    from newsprobe.scale.run import ENGINES

    assert tuple(e.value for e in Engine) == ENGINES
    assert tuple(o.value for o in StoryOrder) == ORDERS
    assert {s.value for s in Subtask} == set(SUBTASKS)


def test_with_filters_gives_the_command_one_filters_object() -> None:
    seen = []

    @with_filters
    def command(query: str = "", selected: Filters = Filters(), limit: int = 1) -> None:
        seen.append((query, selected, limit))

    names = list(__import__("inspect").signature(command).parameters)
    assert names[0] == "query" and names[-1] == "limit" and set(names[1:-1]) == {
        "outlet", "date_from", "date_to", "entity", "speaker", "technique", "voice", "min_checkworthiness",
        "language"}
    voice = command.__annotations__["voice"].__origin__.__args__[0]  # Optional[Voice]
    command(query="q", outlet=None, date_from="2024-01-01", date_to=None, entity="Ana", speaker=None,
            technique=None, voice=voice("vague"), min_checkworthiness=0.5, language=None, limit=3)
    assert seen == [("q", Filters(date_from="2024-01-01", entity="Ana", voice="vague", min_checkworthiness=0.5), 3)]
    assert type(seen[0][1].voice) is str and tuple(v.value for v in voice) == VOICES


def test_stats_offers_every_aggregate_the_api_offers(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    result = runner.invoke(app, ["stats", "--db", db, "--format", "json", "--only", "voices", "--only", "voice"])
    assert result.exit_code == 0, result.output
    assert list(__import__("json").loads(result.stdout)) == ["voices", "voice"]
    everything = runner.invoke(app, ["stats", "--db", db, "--format", "json"])
    assert tuple(__import__("json").loads(everything.stdout)) == AGGREGATES
