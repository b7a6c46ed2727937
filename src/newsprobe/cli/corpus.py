"""Commands on the store: ingest, failures, search, stats, export."""
from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.text import Text

from newsprobe.cli.errors import coded, err
from newsprobe.cli.options import (MAX_LIMIT, MAX_OFFSET, ConfigOption, DbOption, QueryArg, TextOrJson, TextOrJsonl,
                                   query_text, with_filters)
from newsprobe.errors import Code, NewsprobeError
from newsprobe.query import AGGREGATES, Aggregate, ExportFormat, Filters
from newsprobe.terminal import plain, printable

if TYPE_CHECKING:
    from newsprobe.config import Options


def open_store(db: str | None, read_only: bool = False):  # noqa: ANN201 - newsprobe.store.Store
    from newsprobe.store import Store

    return Store(db, read_only=read_only)


def highlighted(passage: str) -> Text:
    """A search passage on one line, its matches (between \x02 and \x03) in bold yellow."""
    text = Text()
    for i, part in enumerate(" ".join(passage.split()).split("\x02")):
        match, _, rest = part.partition("\x03") if i else ("", "", part)
        text.append(printable(match), "bold yellow")
        text.append(printable(rest))
    return text


def ingest_batch(folder: Path, db: str | None, with_inputs: bool, options: Options) -> None:
    """`ingest --from-batch`: bulk-load a batch output folder (analysed already) into the store, each article
    with its story and fact-check links as `ingest` gives them."""
    from newsprobe.scale.load import load_batch
    from newsprobe.store.across import AcrossArticles

    if with_inputs:
        raise NewsprobeError(Code.BAD_CONFIG, "--from-batch loads a batch folder; pass no other inputs")
    store = open_store(db)
    try:
        report = load_batch(folder, store, across=AcrossArticles(store, options))
    finally:
        store.close()
    err.print(f"{report.added} stored, {report.skipped} already stored, {report.failures} failures recorded "
              f"from {report.shards} shards", highlight=False)


@coded
def ingest(
    inputs: Annotated[list[str] | None, typer.Argument(
        help="Files, folders, globs, URLs: text, HTML, JSONL, RSS/Atom, WARC.")] = None,
    db: DbOption = None,
    from_batch: Annotated[Path | None, typer.Option(
        "--from-batch", help="Load the shards of a `newsprobe batch` output folder, in bulk.")] = None,
    fetch: Annotated[bool, typer.Option(
        "--fetch", help="Fetch each feed item's page (guarded) instead of using its summary.")] = False,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for every article.")] = None,
    config: ConfigOption = None,
) -> None:
    """Analyse articles into the store; already stored articles are skipped, failures recorded."""
    from newsprobe.config import load_options
    from newsprobe.store.loader import ingest as run_ingest

    if from_batch is not None:
        return ingest_batch(from_batch, db, bool(inputs), load_options(config))
    if not inputs:
        raise NewsprobeError(Code.BAD_CONFIG, "pass inputs to analyse, or --from-batch DIR")
    store = open_store(db)
    try:
        report = run_ingest(inputs, store, load_options(config), fetch_items=fetch, published=published, console=err)
    finally:
        store.close()
    err.print(f"{report.added} stored, {report.skipped} already stored, {report.failed} failed "
              f"in {report.seconds:.1f} s" + (" (see `newsprobe failures`)" if report.failed else ""), highlight=False)
    if report.failed:
        raise typer.Exit(1)


@coded
def failures(db: DbOption = None,
             fmt: Annotated[TextOrJsonl, typer.Option("--format", "-f", help="text or jsonl")] = TextOrJsonl.text,
             ) -> None:
    """List the inputs that failed to ingest, with their error code and reason."""
    store = open_store(db)
    rows = store.failures()
    store.close()
    if fmt.value == "jsonl":
        for row in rows:
            print(json.dumps(row, default=str, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table("code", "input", "reason", "times", "last")
    for row in rows:  # inputs and reasons are user text: never markup, never control codes
        table.add_row(plain(row["code"]), plain(row["source"]), plain(row["reason"]), str(row["count"]),
                      f"{row['last_at']:%Y-%m-%d %H:%M}")
    Console(soft_wrap=False).print(table if rows else "no failures")


@coded
@with_filters
def search(
    query: QueryArg = None, db: DbOption = None, selected: Filters = Filters(),
    limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help="Results to show.")] = 20,
    offset: Annotated[int, typer.Option(min=0, max=MAX_OFFSET, help="Results to pass over.")] = 0,
    fmt: Annotated[TextOrJsonl, typer.Option("--format", "-f", help="text or jsonl")] = TextOrJsonl.text,
) -> None:
    """Full-text search with filters; each result shows its matching passage highlighted."""
    from dataclasses import asdict

    from newsprobe.store.search import search as run_search

    store = open_store(db, read_only=True)
    try:
        hits = run_search(store, replace(selected, text=query_text(query)), limit=limit, offset=offset,
                          mark=("\x02", "\x03"))
    finally:
        store.close()
    if fmt.value == "jsonl":
        for hit in hits:
            row = asdict(hit)
            row["passage"] = row["passage"].replace("\x02", "<mark>").replace("\x03", "</mark>")
            print(json.dumps(row, ensure_ascii=False))
        return
    out = Console(highlight=False)
    for hit in hits:
        out.print(Text.assemble(plain(hit.title or "(no title)", "bold"), "  ",
                                plain(f"{hit.id} · {hit.outlet or '?'} · {hit.published or 'undated'}", "dim")))
        out.print(Text.assemble("  ", highlighted(hit.passage)))
        if hit.url:
            out.print(Text.assemble("  ", plain(hit.url, "dim")))
    if not hits:
        out.print("no matches")


@coded
@with_filters
def stats(
    db: DbOption = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Limit to a full-text match.")] = None,
    selected: Filters = Filters(),
    only: Annotated[list[Aggregate] | None, typer.Option(
        "--only", help="techniques, speakers, quotes, comentions, voice or voices (repeatable).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help="Rows of each top list.")] = 20,
    fmt: Annotated[TextOrJson, typer.Option("--format", "-f", help="text or json")] = TextOrJson.text,
) -> None:
    """Technique use per outlet per month, top speakers, who quotes whom, entity co-mentions, own-voice share,
    claims per outlet and voice."""
    from newsprobe.store import stats as store_stats

    which = tuple(name.value for name in only) if only else AGGREGATES
    store = open_store(db, read_only=True)
    try:
        results = store_stats.all_stats(store, replace(selected, text=query_text(query)), limit, which)
    finally:
        store.close()
    if fmt.value == "json":
        print(json.dumps(results, default=str, indent=2, ensure_ascii=False))
    else:
        print_tables(results)


def print_tables(results: dict[str, list[dict]]) -> None:
    """Each aggregate as a Rich table titled by its name (or "NAME: no rows")."""
    from rich.table import Table

    out = Console()
    for name, rows in results.items():
        if not rows:
            out.print(f"{name}: no rows")
            continue
        table = Table(*rows[0].keys(), title=name)
        for row in rows:  # outlet, speaker and entity names are article text
            table.add_row(*(f"{v:.3f}" if isinstance(v, float) else plain(v) for v in row.values()))
        out.print(table)


@coded
@with_filters
def export(
    query: QueryArg = None, db: DbOption = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl, csv, parquet, brat or doccano")]
    = ExportFormat.jsonl,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="File (or folder for brat); stdout if absent.")] = None,
    table: Annotated[str, typer.Option(help="For csv/parquet: articles, entities, mentions, attributions, "
                                            "timexes, events, claims or techniques.")] = "articles",
    selected: Filters = Filters(),
) -> None:
    """Export every matching article (streamed, never capped)."""
    from newsprobe.store.export import export as run_export

    store = open_store(db, read_only=True)
    try:
        count = run_export(store, replace(selected, text=query_text(query)), fmt, out, sys.stdout, table)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python exits
        raise typer.Exit(0) from None
    finally:
        store.close()
    unit = "rows" if fmt.value in {"csv", "parquet"} else "articles"
    err.print(f"exported {count} {unit}", highlight=False)
