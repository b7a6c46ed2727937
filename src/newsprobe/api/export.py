"""`GET /export`: every matching row, streamed, as datasette shapes its JSON (`_shape`, `_nl`), CSV or JSONL."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from newsprobe.api.auth import holds_token, require_read, shown_source
from newsprobe.api.params import filters
from newsprobe.store.search import Filters

router = APIRouter()
ROWS_PER_CHUNK = 200


Format = StrEnum("Format", ["json", "csv", "jsonl"])
Shape = StrEnum("Shape", ["objects", "arrays", "array"])


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_plain)


def _chunked(pieces: Iterable[str]) -> Iterator[str]:
    """Join small pieces so the response goes out in a few larger writes, never held whole."""
    held: list[str] = []
    for piece in pieces:
        held.append(piece)
        if len(held) >= ROWS_PER_CHUNK:
            yield "".join(held)
            held = []
    if held:
        yield "".join(held)


def analysis_lines(store, selected: Filters, full_source: bool) -> Iterator[str]:  # noqa: ANN001
    """Each matching Analysis as one JSON line, its source shown as `auth.shown_source` says."""
    import sqlalchemy as sa

    from newsprobe.store.export import A, _scope, _stream
    from newsprobe.store.rows import analysis_data

    query = sa.select(A.c.analysis, A.c.text).where(_scope(store, selected)).order_by(A.c.pk)
    for row in _stream(store, query):
        data = analysis_data(row.analysis, row.text)
        data["source"] = shown_source(data.get("source"), full_source)
        yield json.dumps(data, ensure_ascii=False)


def _shown(columns: list[str], rows: Iterable, full_source: bool) -> Iterator[tuple]:
    """Rows as tuples, the `source` column (articles table) cut as `auth.shown_source` says."""
    at = columns.index("source") if "source" in columns and not full_source else None
    for row in rows:
        row = tuple(row)
        yield row if at is None else (*row[:at], shown_source(row[at], False), *row[at + 1:])


def json_pieces(columns: list[str], rows: Iterable[tuple], shape: Shape, newline_delimited: bool) -> Iterator[str]:
    if shape is Shape.array and newline_delimited:
        yield from (_dumps(dict(zip(columns, row))) + "\n" for row in rows)
        return
    head, tail = ("[", "]\n") if shape is Shape.array else ('{"columns": ' + _dumps(columns) + ', "rows": [', "]}\n")
    yield head
    for i, row in enumerate(rows):
        item = list(row) if shape is Shape.arrays else dict(zip(columns, row))
        yield ("," if i else "") + "\n" + _dumps(item)
    yield tail


def csv_pieces(columns: list[str], rows: Iterable[tuple]) -> Iterator[str]:
    from newsprobe.store.export import csv_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


@router.get("/export", tags=["corpus"], dependencies=[Depends(require_read)],
            summary="Every matching row, streamed and never capped. json (datasette's `_shape=objects|arrays|array`, "
                    "`_nl=on` for newline-delimited objects), csv, or jsonl (one whole Analysis per line).")
def export(request: Request, selected: Annotated[Filters, Depends(filters)],
           format_: Annotated[Format, Query(alias="format")] = Format.json,
           table: Annotated[str, Query(description="articles, entities, mentions, attributions, timexes, events, "
                                                   "claims or techniques (json and csv)")] = "articles",
           shape: Annotated[Shape, Query(alias="_shape")] = Shape.objects,
           nl: Annotated[str | None, Query(alias="_nl", description="'on': one JSON object per line")] = None,
           ) -> StreamingResponse:
    from newsprobe.store.export import _stream, table_query
    from newsprobe.store.integrity import check
    from newsprobe.store.search import restrictions

    store = request.app.state.service.store()
    check(store.engine)  # a damaged store answers 503 now, not a 200 whose stream breaks off half way
    full_source = holds_token(request)
    name = f"newsprobe-{table}"
    restrictions(store, selected)  # a bad query or date is refused now, as JSON, not half way through the stream
    if format_ is Format.jsonl:
        pieces = _chunked(line + "\n" for line in analysis_lines(store, selected, full_source))
        return StreamingResponse(pieces, media_type="application/x-ndjson",
                                 headers={"Content-Disposition": 'inline; filename="newsprobe.jsonl"'})
    query = table_query(store, selected, table)  # checks the table and filters before the first byte goes out
    columns = [c.name for c in query.selected_columns]
    rows = _shown(columns, _stream(store, query), full_source)
    if format_ is Format.csv:
        return StreamingResponse(_chunked(csv_pieces(columns, rows)), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    newline_delimited = nl in {"on", "1", "true"}
    media = "application/x-ndjson" if shape is Shape.array and newline_delimited else "application/json"
    return StreamingResponse(_chunked(json_pieces(columns, rows, shape, newline_delimited)), media_type=media)
