"""`newsprobe ingest` with the real pipeline: stored once, resumable, failures recorded, crashes contained."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

from newsprobe.analysis import run_pipeline
from newsprobe.cli import app
from newsprobe.config import load_options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest import read_inputs
from newsprobe.pipeline import load_pipeline
from newsprobe.store import Store, schema
from newsprobe.store.loader import Ingester

pytestmark = pytest.mark.slow  # the ingest command end to end

STORIES = {
    "a.txt": "TEHRAN – Officials in Tehran met on Saturday. The Leader said the sanctions had failed.",
    "b.txt": "PARIS – Emmanuel Macron visited Berlin on Monday, his office said.",
    "c.txt": "Markets in London fell sharply on Tuesday as oil prices rose.",
    "d.html": "<html><head><title>Dam opens</title></head><body><article><p>"
              + " ".join(["The new dam in Ethiopia opened on Friday, officials said."] * 6)
              + "</p></article></body></html>",
}
CALLS = {"docs": 0}


@Language.component("count_docs_for_test")
def count_docs(doc: Doc) -> Doc:
    CALLS["docs"] += 1
    if "BOOM" in doc.text:
        raise RuntimeError("component bug")
    return doc


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = load_pipeline(load_options())
    pipeline.add_pipe("count_docs_for_test", last=True)
    return pipeline


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    lines = [json.dumps({"text": "Rain fell over Lisbon on Sunday.", "outlet": "Wire", "published": "2022-03-01"}),
             "{not json", json.dumps({"text": "Snow fell over Oslo.", "url": "https://example.org/snow"})]
    (folder / "e.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "f.rss").write_text("this is not a feed", encoding="utf-8")
    return folder


def ingest(store: Store, nlp: Language, specs: list[str], **kwargs: object):
    options = load_options(batch_size=2)
    return Ingester(store, options, nlp).run(read_inputs(specs, options), **kwargs)


def test_each_article_stored_once_and_failures_recorded(db_url: str, nlp: Language, inputs: Path) -> None:
    with Store(db_url) as store:
        report = ingest(store, nlp, [str(inputs)])
        assert (report.added, report.skipped, report.failed) == (6, 0, 2)
        codes = {(Path(f["source"]).name, f["code"]) for f in store.failures()}
        assert codes == {("e.jsonl#2", "NP106"), ("f.rss", "NP411")}
        CALLS["docs"] = 0
        again = ingest(store, nlp, [str(inputs)])
        assert (again.added, again.skipped, again.failed) == (0, 6, 2)
        assert CALLS["docs"] == 0  # stored ids are skipped before analysis
        assert store.count() == 6
        assert {f["count"] for f in store.failures()} == {2}


def test_stored_analysis_equals_the_pipeline_output(tmp_path: Path, nlp: Language, inputs: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        ingest(store, nlp, [str(inputs / "b.txt"), str(inputs / "d.html")])
        for source, article in read_inputs([str(inputs / "b.txt"), str(inputs / "d.html")], load_options()):
            [expected] = list(run_pipeline(nlp, [(article, source)]))
            assert store.get(article.id) == expected


def test_a_killed_run_resumes_without_duplicates(tmp_path: Path, nlp: Language, inputs: Path) -> None:
    def stop_after_two(report) -> None:
        if report.added == 2:
            raise KeyboardInterrupt

    with Store(f"sqlite:///{tmp_path / 'k.db'}") as store:
        with pytest.raises(KeyboardInterrupt):
            ingest(store, nlp, [str(inputs)], tick=stop_after_two)
        assert store.count() == 2
        CALLS["docs"] = 0
        report = ingest(store, nlp, [str(inputs)])
        assert (report.added, report.skipped) == (4, 2)
        assert CALLS["docs"] == 4
        with store.engine.connect() as connection:
            ids = connection.scalars(sa.select(schema.articles.c.id)).all()
        assert len(ids) == len(set(ids)) == 6


def test_a_pipeline_crash_fails_only_its_article(tmp_path: Path, nlp: Language, inputs: Path) -> None:
    (inputs / "boom.txt").write_text("This text makes the component go BOOM.", encoding="utf-8")
    with Store(f"sqlite:///{tmp_path / 'b.db'}") as store:
        report = ingest(store, nlp, [str(inputs)])
        assert (report.added, report.failed) == (6, 3)
        boom = [f for f in store.failures() if f["source"].endswith("boom.txt")]
        assert boom[0]["code"] == "NP408" and "RuntimeError: component bug" in boom[0]["reason"]


def test_cli_ingest_search_failures(tmp_path: Path, inputs: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(inputs / "a.txt"), str(inputs / "f.rss"), "--db", db])
    assert result.exit_code == 1
    assert "1 stored, 0 already stored, 1 failed" in result.output
    result = runner.invoke(app, ["failures", "--db", db, "--format", "jsonl"])
    assert json.loads(result.output)["code"] == "NP411"
    result = runner.invoke(app, ["search", "sanctions", "--db", db, "--format", "jsonl"])
    assert "<mark>sanctions</mark>" in json.loads(result.output)["passage"]
    result = runner.invoke(app, ["search", "--db", "mysql://x/y"])
    assert result.exit_code == 2 and "NP401" in result.output


@pytest.mark.slow  # 45 s on the shared machine
def test_a_full_disk_ends_the_run_with_np403_keeping_what_was_stored(tmp_path: Path, nlp: Language,
                                                                     inputs: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'full.db'}")
    ingest(store, nlp, [str(inputs / "a.txt")])
    with store.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    # SQLite's max_page_count makes the database "full" exactly as a full disk would.
    sa.event.listen(store.engine, "connect", lambda dbapi, _r: dbapi.execute(f"PRAGMA max_page_count={pages + 1}"))
    store.engine.dispose()
    (inputs / "long.txt").write_text("Officials met in Vienna. " * 5000, encoding="utf-8")
    with pytest.raises(NewsprobeError) as caught:
        ingest(store, nlp, [str(inputs / "long.txt")])
    assert caught.value.code is Code.DB_WRITE
    assert store.count() == 1
    [(_, kept)] = list(read_inputs([str(inputs / "a.txt")], load_options()))
    assert store.get(kept.id).article.text == STORIES["a.txt"]


def test_cli_ingest_stores_99_of_100_when_a_component_fails_on_one(tmp_path: Path, monkeypatch) -> None:
    from tests.conftest import fragile_pipeline, tiny_texts

    monkeypatch.setattr("newsprobe.store.loader.load_pipeline", lambda options=None: fragile_pipeline())
    lines = [json.dumps({"text": text}) for text in tiny_texts(100, bad=42)]
    lines.insert(10, json.dumps({"text": "The mayor spoke on Monday.", "authors": "a string"}))
    lines.insert(20, "[" * 5000 + "]" * 5000)
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'many.db'}"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "many.jsonl"), "--db", db])
    assert result.exit_code == 1 and "99 stored, 0 already stored, 3 failed" in result.output
    with Store(db) as store:
        assert store.count() == 99
        failures = {Path(f["source"]).name: f for f in store.failures()}
    assert {name: f["code"] for name, f in failures.items()} == {
        "many.jsonl#11": "NP110", "many.jsonl#21": "NP111", "many.jsonl#45": "NP408"}
    assert "stage analyse, ZeroDivisionError" in failures["many.jsonl#45"]["reason"]
