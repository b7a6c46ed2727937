"""Exports on both back ends: exact JSONL, stable columns, Parquet, brat and doccano, never capped."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from tests.store.store_fixtures import full_analysis, small_corpus

from newsprobe.errors import Code, NewsprobeError
from newsprobe.model import Analysis, Technique
from newsprobe.store import Store
from newsprobe.store.export import CHUNK, ExportFormat, export
from newsprobe.store.search import Filters


@pytest.fixture
def corpus(store: Store) -> Store:
    store.add_many(small_corpus())
    return store


def run(store: Store, fmt: ExportFormat, filters: Filters | None = None, **kwargs: object) -> tuple[int, str]:
    out = io.StringIO()
    count = export(store, filters or Filters(), fmt, kwargs.pop("out", None), out, **kwargs)
    return count, out.getvalue()


def test_jsonl_gives_back_each_analysis_exactly(corpus: Store) -> None:
    count, text = run(corpus, ExportFormat.jsonl)
    lines = text.splitlines()
    assert count == len(lines) == 4
    originals = {a.article.id: a for a in small_corpus()}
    for line in lines:
        analysis = Analysis.model_validate_json(line)
        assert analysis == originals[analysis.article.id]
        assert line == json.dumps(originals[analysis.article.id].model_dump(mode="json"), ensure_ascii=False)


def test_csv_has_stable_columns_and_follows_filters(corpus: Store) -> None:
    count, text = run(corpus, ExportFormat.csv, Filters(outlet=["Mehr"]))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert count == 2
    assert list(rows[0])[:6] == ["id", "url", "outlet", "published", "language", "title"]
    assert {r["id"] for r in rows} == {"a1", "m2"}
    assert rows[0]["published"] == "2022-01-02" and rows[0]["text"] == full_analysis().article.text


def test_csv_of_a_findings_table(corpus: Store) -> None:
    count, text = run(corpus, ExportFormat.csv, Filters(technique="Loaded_Language"), table="techniques")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert count == 3 and {r["technique"] for r in rows} == {"Loaded_Language"}
    assert list(rows[0])[:8] == ["id", "url", "outlet", "published", "language", "title", "idx", "start"]


def test_parquet(corpus: Store, tmp_path: Path) -> None:
    path = tmp_path / "claims.parquet"
    assert run(corpus, ExportFormat.parquet, out=path, table="claims")[0] == 4
    table = pq.read_table(path)
    assert table.num_rows == 4
    assert table.schema.field("checkworthiness").type == "double"
    assert str(table.schema.field("published").type) == "date32[day]"
    empty = tmp_path / "none.parquet"
    assert run(corpus, ExportFormat.parquet, Filters(outlet=["nobody"]), out=empty)[0] == 0
    assert pq.read_table(empty).column_names[:3] == ["id", "url", "outlet"]


def test_brat_standoff_spans_match_the_text(corpus: Store, tmp_path: Path) -> None:
    assert run(corpus, ExportFormat.brat, out=tmp_path / "brat")[0] == 4
    text = (tmp_path / "brat" / "a1.txt").read_text(encoding="utf-8")
    assert text == full_analysis().article.text
    spans = [line.split("\t") for line in (tmp_path / "brat" / "a1.ann").read_text().splitlines()
             if line.startswith("T")]
    assert len(spans) == 3 + 7 + 2 + 1 + 2 + 1  # mentions, attribution parts, timexes, event, claims, technique
    for _, label_offsets, covered in spans:
        _label, start, end = label_offsets.split(" ")
        assert text[int(start):int(end)] == covered
    conf = (tmp_path / "brat" / "annotation.conf").read_text()
    assert "Loaded_Language" in conf and "Claim_outlet" in conf


def test_brat_splits_spans_at_line_breaks(store: Store, tmp_path: Path) -> None:
    text = "First line about Paris\nand a second line. Done."
    analysis = full_analysis(aid="nl").model_copy(update={"entities": [], "attributions": [], "timexes": [],
                                                          "events": [], "claims": [], "techniques": []})
    analysis.article.text = text
    analysis.article.dateline = analysis.article.licence = None
    analysis.techniques = [Technique(start=6, end=29, text=text[6:29], technique="Doubt", confidence=1.0)]
    store.add(analysis)
    run(store, ExportFormat.brat, out=tmp_path / "b")
    # Split at the line break, the space at either end left out.
    assert (tmp_path / "b" / "nl.ann").read_text().splitlines()[0] == "T1\tDoubt 6 22;23 28\tline about Paris and a"


def test_doccano(corpus: Store) -> None:
    records = [json.loads(line) for line in run(corpus, ExportFormat.doccano)[1].splitlines()]
    first = next(r for r in records if r["id"] == "t1")
    assert first["outlet"] == "Tasnim" and first["text"].startswith("Ali Rezaei said")
    labels = {tuple(label) for label in first["label"]}
    assert (0, 10, "PERSON") in labels and (54, 62, "Exaggeration,Minimisation") in labels
    assert all(first["text"][s:e] for s, e, _ in first["label"])


@pytest.mark.slow  # 6 s on the shared machine
def test_export_is_never_capped(store: Store) -> None:
    total = CHUNK * 2 + 7
    store.add_many(full_analysis(aid=f"n{i}") for i in range(total))
    assert run(store, ExportFormat.jsonl)[0] == total
    assert run(store, ExportFormat.csv, table="claims")[0] == total * 2


def test_parquet_and_brat_need_out(corpus: Store) -> None:
    for fmt in (ExportFormat.parquet, ExportFormat.brat):
        with pytest.raises(NewsprobeError) as caught:
            run(corpus, fmt)
        assert caught.value.code is Code.EXPORT


def test_unknown_table_is_np406(corpus: Store) -> None:
    with pytest.raises(NewsprobeError) as caught:
        run(corpus, ExportFormat.csv, table="people")
    assert caught.value.code is Code.EXPORT


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_a_spreadsheet_would_run_get_a_quote(store: Store, start: str) -> None:
    from newsprobe.model import Article

    text = f"{start}HYPERLINK(\"http://evil.example\",\"x\") and then the port closed."
    store.add(Analysis(source="x", article=Article(id="f1", text=text, title=f"{start}SUM(A1:A9)", outlet="Ledger")))
    _, exported = run(store, ExportFormat.csv)
    [row] = list(csv.DictReader(io.StringIO(exported, newline="")))
    assert row["text"] == "'" + text and row["title"] == f"'{start}SUM(A1:A9)"
    assert row["outlet"] == "Ledger" and row["word_count"] == str(len(text.split()))  # others unchanged
