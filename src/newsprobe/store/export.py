"""Export the whole result set of a search, streamed (constant memory, never capped).

jsonl: one Analysis per line, exactly as stored. csv / parquet: one row per article (or per finding of
`table`), with stable column names: id, url, outlet, published, language, title, then the table's own.
brat: a folder of <id>.txt / <id>.ann standoff files plus annotation.conf. doccano: JSONL with
{"id", "text", "label": [[start, end, label]], ...metadata} for sequence-labelling projects.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import sqlalchemy as sa

from newsprobe.errors import Code, NewsprobeError
from newsprobe.query import ExportFormat
from newsprobe.store import schema
from newsprobe.store.corpus import Store
from newsprobe.store.rows import analysis_data
from newsprobe.store.search import Filters, restrictions

A = schema.articles
CHUNK = 1000
META = ("id", "url", "outlet", "published", "language", "title")
ARTICLE_COLUMNS = (*META, "authors", "licence", "dateline_start", "dateline_end", "dateline_text", "word_count",
                   "source", "text")
TABLES = {t.name: t for t in schema.FINDING_TABLES}


def _stream(store: Store, query: sa.Select) -> Iterator[sa.Row]:
    with store.engine.connect().execution_options(stream_results=True, yield_per=CHUNK) as connection:
        yield from connection.execute(query)


def _scope(store: Store, filters: Filters) -> sa.ColumnElement:
    return sa.and_(sa.true(), *restrictions(store, filters))


def table_query(store: Store, filters: Filters, table: str = "articles") -> sa.Select:
    """Rows of `table` for the matching articles, with the article's metadata first."""
    if table == "articles":
        return sa.select(*(A.c[name] for name in ARTICLE_COLUMNS)).where(_scope(store, filters)).order_by(A.c.pk)
    if table not in TABLES:
        raise NewsprobeError(Code.EXPORT, f"no table '{table}'; choose articles or {', '.join(TABLES)}")
    findings = TABLES[table]
    own = [c for c in findings.c if c.name != "article_pk"]
    return (sa.select(*(A.c[name] for name in META), *own)
            .select_from(findings.join(A, A.c.pk == findings.c.article_pk))
            .where(_scope(store, filters)).order_by(A.c.pk, findings.c.idx))


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def analysis_lines(store: Store, filters: Filters) -> Iterator[str]:
    """Each matching Analysis as one JSON line, the text back in its place after article.id."""
    query = sa.select(A.c.analysis, A.c.text).where(_scope(store, filters)).order_by(A.c.pk)
    for row in _stream(store, query):
        yield json.dumps(analysis_data(row.analysis, row.text), ensure_ascii=False)


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: text that a spreadsheet would run as a formula gets a leading ' (OWASP's advice),
    so `=HYPERLINK(...)` in an article shows as text. Numbers are written as they are."""
    value = _plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(store: Store, filters: Filters, out: TextIO, table: str = "articles") -> int:
    query = table_query(store, filters, table)
    writer = csv.writer(out)
    writer.writerow([c.name for c in query.selected_columns])
    count = 0
    for row in _stream(store, query):
        writer.writerow([csv_cell(v) for v in row])
        count += 1
    return count


def _arrow_schema(query: sa.Select):  # noqa: ANN202 - pyarrow is imported lazily
    import pyarrow as pa

    def arrow_type(column: sa.ColumnElement) -> pa.DataType:
        kind = column.type
        if isinstance(kind, sa.Boolean):
            return pa.bool_()
        if isinstance(kind, sa.Integer):
            return pa.int64()
        if isinstance(kind, sa.Float):
            return pa.float64()
        if isinstance(kind, sa.DateTime):
            return pa.timestamp("us")
        if isinstance(kind, sa.Date):
            return pa.date32()
        return pa.string()

    return pa.schema([(c.name, arrow_type(c)) for c in query.selected_columns])


def write_parquet(store: Store, filters: Filters, path: Path, table: str = "articles") -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    query = table_query(store, filters, table)
    arrow_schema, names = _arrow_schema(query), [c.name for c in query.selected_columns]
    count, batch = 0, []
    with pq.ParquetWriter(path, arrow_schema, compression="zstd") as writer:
        for row in _stream(store, query):
            batch.append(row)
            if len(batch) == CHUNK:
                writer.write_table(pa.Table.from_pylist([dict(zip(names, r)) for r in batch], schema=arrow_schema))
                count, batch = count + len(batch), []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist([dict(zip(names, r)) for r in batch], schema=arrow_schema))
            count += len(batch)
    return count


def labelled_spans(data: dict) -> Iterator[tuple[int, int, str, str | None]]:
    """(start, end, label, note) for every span finding of one Analysis dict."""
    for entity in data.get("entities", []):
        for mention in entity.get("mentions", []):
            yield mention["start"], mention["end"], entity["type"], f"{entity['id']} {entity['name']}"
    for i, attribution in enumerate(data.get("attributions", [])):
        for part in ("source", "cue", "content", "channel"):
            if span := attribution.get(part):
                yield span["start"], span["end"], f"Attribution_{part}", f"attribution {i} {attribution['kind']}"
    for timex in data.get("timexes", []):
        yield timex["start"], timex["end"], f"TIMEX_{timex['type']}", timex["value"]
    for event in data.get("events", []):
        yield event["trigger"]["start"], event["trigger"]["end"], "Event", f"CAMEO {event['code']}"
    for claim in data.get("claims", []):
        yield claim["start"], claim["end"], f"Claim_{claim['voice']}", f"checkworthiness {claim['checkworthiness']}"
    for technique in data.get("techniques", []):
        yield technique["start"], technique["end"], technique["technique"], None


def _analysis_rows(store: Store, filters: Filters) -> Iterator[dict]:
    query = sa.select(A.c.analysis, A.c.text).where(_scope(store, filters)).order_by(A.c.pk)
    for row in _stream(store, query):
        yield analysis_data(row.analysis, row.text)


def doccano_lines(store: Store, filters: Filters) -> Iterator[str]:
    for data in _analysis_rows(store, filters):
        article = data["article"]
        labels = [[start, end, label] for start, end, label, _ in labelled_spans(data)]
        record = {"id": article["id"], "text": article["text"], "label": labels,
                  **{k: article.get(k) for k in META if k != "id"}}
        yield json.dumps(record, ensure_ascii=False)


def _fragments(text: str, start: int, end: int) -> str:
    """brat offsets for [start, end), split at line breaks (a brat fragment cannot span lines)."""
    pieces, at = [], start
    for line in text[start:end].split("\n"):
        if line.strip():
            left = at + len(line) - len(line.lstrip())
            pieces.append(f"{left} {at + len(line.rstrip())}")
        at += len(line) + 1
    return ";".join(pieces)


def brat_annotations(data: dict) -> tuple[str, set[str]]:
    """The .ann text of one Analysis and the labels it uses."""
    text, lines, labels, number = data["article"]["text"], [], set(), 0
    for start, end, label, note in labelled_spans(data):
        offsets = _fragments(text, start, end)
        if not offsets:
            continue
        number += 1
        covered = " ".join(text[int(a):int(b)] for a, b in (p.split() for p in offsets.split(";")))
        lines.append(f"T{number}\t{label} {offsets}\t{covered}")
        if note:
            lines.append(f"#{number}\tAnnotatorNotes T{number}\t{note}")
        labels.add(label)
    return "\n".join(lines) + ("\n" if lines else ""), labels


def write_brat(store: Store, filters: Filters, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    labels: set[str] = set()
    count = 0
    for data in _analysis_rows(store, filters):
        aid = data["article"]["id"]
        (folder / f"{aid}.txt").write_text(data["article"]["text"], encoding="utf-8", newline="")
        annotations, used = brat_annotations(data)
        (folder / f"{aid}.ann").write_text(annotations, encoding="utf-8")
        labels |= used
        count += 1
    conf = "[entities]\n" + "".join(f"{label}\n" for label in sorted(labels))
    (folder / "annotation.conf").write_text(conf + "[relations]\n[events]\n[attributes]\n", encoding="utf-8")
    return count


def export(store: Store, filters: Filters, fmt: ExportFormat, out: Path | None, stdout: TextIO,
           table: str = "articles") -> int:
    """Write every match in `fmt` to `out` (stdout when None, for the line formats); return the count."""
    if fmt in {ExportFormat.parquet, ExportFormat.brat} and out is None:
        target = "a folder" if fmt is ExportFormat.brat else "a file"
        raise NewsprobeError(Code.EXPORT, f"{fmt.value} needs --out ({target})")
    try:
        if fmt is ExportFormat.parquet:
            return write_parquet(store, filters, out, table)  # type: ignore[arg-type]
        if fmt is ExportFormat.brat:
            return write_brat(store, filters, out)  # type: ignore[arg-type]
        with (out.open("w", encoding="utf-8", newline="") if out else _Borrowed(stdout)) as stream:
            if fmt is ExportFormat.csv:
                return write_csv(store, filters, stream, table)
            lines = analysis_lines(store, filters) if fmt is ExportFormat.jsonl else doccano_lines(store, filters)
            count = 0
            for line in lines:
                stream.write(line + "\n")
                count += 1
            return count
    except BrokenPipeError:
        raise  # the reader (e.g. `head`) has had enough: the CLI ends quietly
    except OSError as exc:
        raise NewsprobeError(Code.EXPORT, f"{out or 'stdout'}: {exc.strerror}") from exc


class _Borrowed:
    """stdout as a context manager that does not close it."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __enter__(self) -> TextIO:
        return self.stream

    def __exit__(self, *_exc: object) -> None:
        self.stream.flush()
