"""`newsprobe stories list` and `stories show` over a store whose stories were assigned as articles arrived."""
from __future__ import annotations

from tests.store.links_fixtures import WordEncoder
from tests.store.test_stories import articles
from typer.testing import CliRunner

from newsprobe.cli import app
from newsprobe.store import Store
from newsprobe.store.stories import assign_articles


def test_list_and_show(tmp_path) -> None:
    db = str(tmp_path / "corpus.db")
    with Store(db) as store:
        store.add_many(articles())
        stories = assign_articles(store, articles(), WordEncoder())
    listed = CliRunner().invoke(app, ["stories", "list", "--db", db])
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines() == [
        f"{stories['q1']}\t3 articles\t2010-03-01..2010-03-03\tMehr, Tasnim",
        f"{stories['e1']}\t2 articles\t2011-04-10..2011-04-11\tMehr, Tasnim"]
    shown = CliRunner().invoke(app, ["stories", "show", str(stories["e1"]), "--db", db])
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert lines[0] == f"story {stories['e1']}: 2 articles"
    assert lines[1].split("\t")[:3] == ["  2011-04-10", "Mehr", "e1"]
    assert any(line.startswith("Tasnim: 1 articles") for line in lines)
    missing = CliRunner().invoke(app, ["stories", "show", "99", "--db", db])
    assert missing.exit_code != 0 and "NP831" in missing.output
