"""The `newsprobe` command line (Typer with Rich)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from newsprobe.config import load_options
from newsprobe.errors import NewsprobeError
from newsprobe.model import json_schema
from newsprobe.output import OutputFormat

app = typer.Typer(help="Evidence-linked analysis of news articles.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
eval_app = typer.Typer(help="Evaluate a layer on public data; prints the figures.", no_args_is_help=True)
train_app = typer.Typer(help="Train a model from ../shared/data and write its artefact and card.",
                        no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

err = Console(stderr=True, soft_wrap=True)
ConfigOption = Annotated[Optional[Path], typer.Option("--config", help="TOML config (see default.toml).")]


def fail(error: NewsprobeError) -> None:
    err.print(f"[red]error[/red] {error}", highlight=False)
    raise typer.Exit(2)


@app.command()
def analyze(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs, URLs, or - for stdin.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.json,
    published: Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD.")] = None,
    config: ConfigOption = None,
) -> None:
    """Analyse articles and print the findings."""
    from newsprobe.runner import analyze_inputs

    try:
        failures = analyze_inputs(inputs, fmt, published, load_options(config), sys.stdout, err)
    except NewsprobeError as error:
        fail(error)
    if failures:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the analysis output."""
    print(json.dumps(json_schema(), indent=2))


@app.command()
def demo(
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text,
) -> None:
    """Analyse the team's sample articles (fictional outlets and people) and print the report."""
    from newsprobe.runner import analyze_inputs

    folder = Path(__file__).with_name("demo")
    failures = analyze_inputs([str(folder)], fmt, None, load_options(), sys.stdout, err)
    if failures:
        raise typer.Exit(1)


@eval_app.command("extraction")
def eval_extraction(
    folder: Annotated[Path, typer.Argument(help="article-extraction-benchmark folder")],
    limit: Annotated[Optional[int], typer.Option(help="Only the first N documents.")] = None,
) -> None:
    """Main-text extraction: word 4-gram shingle precision, recall and F1 averaged per document."""
    from newsprobe.evaluate.extraction import evaluate_extraction

    try:
        score = evaluate_extraction(folder, limit)
    except NewsprobeError as error:
        fail(error)
    print(f"documents {score.documents}  failures {score.failures}")
    print(f"precision {score.precision:.4f}  recall {score.recall:.4f}  F1 {score.f1:.4f}  "
          f"exact {score.accuracy:.4f}")


def main() -> None:
    app()


# --- store commands ---
import os  # noqa: E402 - kept in this section so merges stay simple

from newsprobe.errors import Code  # noqa: E402

DbOption = Annotated[Optional[str], typer.Option(
    "--db", help="sqlite:///path.db (default ./newsprobe.db or $NEWSPROBE_DB) or postgresql+psycopg://...")]
QueryArg = Annotated[Optional[list[str]], typer.Argument(help='Words (all must match), \'"a phrase"\', OR, -exclude.')]
OutletOption = Annotated[Optional[list[str]], typer.Option("--outlet", help="Outlet name (repeatable).")]
FromOption = Annotated[Optional[str], typer.Option("--from", help="Published on or after YYYY-MM-DD.")]
ToOption = Annotated[Optional[str], typer.Option("--to", help="Published on or before YYYY-MM-DD.")]
EntityOption = Annotated[Optional[str], typer.Option(help="An entity's name (any case).")]
SpeakerOption = Annotated[Optional[str], typer.Option(help="A quoted speaker's name (any case).")]
TechniqueOption = Annotated[Optional[str], typer.Option(help="A technique label, e.g. Loaded_Language.")]
VoiceOption = Annotated[Optional[str], typer.Option(help="A claim voice: outlet, attributed or vague.")]
WorthOption = Annotated[Optional[float], typer.Option("--min-checkworthiness",
                                                      help="A claim at least this check-worthy (0..1).")]
LanguageOption = Annotated[Optional[str], typer.Option(help="Article language code.")]


def _filters(query, outlet, date_from, date_to, entity, speaker, technique, voice,  # noqa: ANN001, ANN202
             worth, language):
    from newsprobe.store.search import Filters

    if isinstance(query, list):
        query = " ".join(query) or None
    return Filters(text=query, outlet=outlet or [], date_from=date_from, date_to=date_to, language=language,
                   entity=entity, speaker=speaker, technique=technique, voice=voice, min_checkworthiness=worth)


def _open_store(db: Optional[str]):  # noqa: ANN202
    from newsprobe.store import Store

    try:
        return Store(db)
    except NewsprobeError as error:
        fail(error)


@app.command()
def ingest(
    inputs: Annotated[Optional[list[str]], typer.Argument(
        help="Files, folders, globs, URLs: text, HTML, JSONL, RSS/Atom, WARC.")] = None,
    db: DbOption = None,
    from_batch: Annotated[Optional[Path], typer.Option(
        "--from-batch", help="Load the shards of a `newsprobe batch` output folder, in bulk.")] = None,
    fetch: Annotated[bool, typer.Option(
        "--fetch", help="Fetch each feed item's page (guarded) instead of using its summary.")] = False,
    published: Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD for every article.")] = None,
    config: ConfigOption = None,
) -> None:
    """Analyse articles into the store; already stored articles are skipped, failures recorded."""
    from newsprobe.store.loader import ingest as run_ingest

    if from_batch is not None:
        return ingest_batch(from_batch, db, bool(inputs))
    if not inputs:
        fail(NewsprobeError(Code.BAD_CONFIG, "pass inputs to analyse, or --from-batch DIR"))
    store = _open_store(db)
    try:
        report = run_ingest(inputs, store, load_options(config), fetch_items=fetch, published=published, console=err)
    except NewsprobeError as error:
        fail(error)
    finally:
        store.close()
    err.print(f"{report.added} stored, {report.skipped} already stored, {report.failed} failed "
              f"in {report.seconds:.1f} s" + (" (see `newsprobe failures`)" if report.failed else ""), highlight=False)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def failures(db: DbOption = None,
             fmt: Annotated[str, typer.Option("--format", "-f", help="text or jsonl")] = "text") -> None:
    """List the inputs that failed to ingest, with their error code and reason."""
    store = _open_store(db)
    rows = store.failures()
    store.close()
    if fmt == "jsonl":
        for row in rows:
            print(json.dumps(row, default=str, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table("code", "input", "reason", "times", "last")
    for row in rows:
        table.add_row(row["code"], row["source"], row["reason"], str(row["count"]), f"{row['last_at']:%Y-%m-%d %H:%M}")
    Console(soft_wrap=False).print(table if rows else "no failures")


@app.command()
def search(
    query: QueryArg = None, db: DbOption = None, outlet: OutletOption = None, date_from: FromOption = None,
    date_to: ToOption = None, entity: EntityOption = None, speaker: SpeakerOption = None,
    technique: TechniqueOption = None, voice: VoiceOption = None, min_checkworthiness: WorthOption = None,
    language: LanguageOption = None,
    limit: Annotated[int, typer.Option(help="Results to show.")] = 20,
    offset: Annotated[int, typer.Option(help="Results to pass over.")] = 0,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or jsonl")] = "text",
) -> None:
    """Full-text search with filters; each result shows its matching passage highlighted."""
    from dataclasses import asdict

    from rich.markup import escape

    from newsprobe.store.search import search as run_search

    filters = _filters(query, outlet, date_from, date_to, entity, speaker, technique, voice, min_checkworthiness,
                       language)
    store = _open_store(db)
    try:
        hits = run_search(store, filters, limit=limit, offset=offset, mark=("\x02", "\x03"))
    except NewsprobeError as error:
        fail(error)
    finally:
        store.close()
    if fmt == "jsonl":
        for hit in hits:
            row = asdict(hit)
            row["passage"] = row["passage"].replace("\x02", "<mark>").replace("\x03", "</mark>")
            print(json.dumps(row, ensure_ascii=False))
        return
    out = Console(highlight=False)
    for hit in hits:
        out.print(f"[bold]{escape(hit.title or '(no title)')}[/bold]  [dim]{hit.id} · {escape(hit.outlet or '?')} · "
                  f"{hit.published or 'undated'}[/dim]")
        passage = escape(" ".join(hit.passage.split()))
        passage = passage.replace("\x02", "[bold yellow]").replace("\x03", "[/bold yellow]")
        out.print(f"  {passage}")
        if hit.url:
            out.print(f"  [dim]{escape(hit.url)}[/dim]")
    if not hits:
        out.print("no matches")


@app.command()
def stats(
    db: DbOption = None,
    query: Annotated[Optional[str], typer.Option("--query", "-q", help="Limit to a full-text match.")] = None,
    outlet: OutletOption = None, date_from: FromOption = None, date_to: ToOption = None,
    entity: EntityOption = None, speaker: SpeakerOption = None, technique: TechniqueOption = None,
    voice: VoiceOption = None, min_checkworthiness: WorthOption = None, language: LanguageOption = None,
    only: Annotated[Optional[list[str]], typer.Option(
        "--only", help="techniques, speakers, quotes, comentions or voice (repeatable).")] = None,
    limit: Annotated[int, typer.Option(help="Rows of each top list.")] = 20,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
) -> None:
    """Technique use per outlet per month, top speakers, who quotes whom, entity co-mentions, own-voice share."""
    from newsprobe.store.stats import AGGREGATES, all_stats

    which = tuple(only or AGGREGATES)
    if unknown := set(which) - set(AGGREGATES):
        fail(NewsprobeError(Code.BAD_QUERY, f"unknown aggregate {', '.join(sorted(unknown))}"))
    filters = _filters(query, outlet, date_from, date_to, entity, speaker, technique, voice, min_checkworthiness,
                       language)
    store = _open_store(db)
    try:
        results = all_stats(store, filters, limit, which)
    except NewsprobeError as error:
        fail(error)
    finally:
        store.close()
    if fmt == "json":
        print(json.dumps(results, default=str, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    out = Console()
    for name, rows in results.items():
        if not rows:
            out.print(f"{name}: no rows")
            continue
        table = Table(*rows[0].keys(), title=name)
        for row in rows:
            table.add_row(*(f"{v:.3f}" if isinstance(v, float) else str(v) for v in row.values()))
        out.print(table)


@app.command()
def export(
    query: QueryArg = None, db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv, parquet, brat or doccano")] = "jsonl",
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="File (or folder for brat); stdout if absent.")] = None,
    table: Annotated[str, typer.Option(help="For csv/parquet: articles, entities, mentions, attributions, "
                                            "timexes, events, claims or techniques.")] = "articles",
    outlet: OutletOption = None, date_from: FromOption = None, date_to: ToOption = None,
    entity: EntityOption = None, speaker: SpeakerOption = None, technique: TechniqueOption = None,
    voice: VoiceOption = None, min_checkworthiness: WorthOption = None, language: LanguageOption = None,
) -> None:
    """Export every matching article (streamed, never capped)."""
    from newsprobe.store.export import ExportFormat
    from newsprobe.store.export import export as run_export

    try:
        export_format = ExportFormat(fmt)
    except ValueError:
        fail(NewsprobeError(Code.EXPORT, f"unknown format '{fmt}'; use {', '.join(f.value for f in ExportFormat)}"))
    filters = _filters(query, outlet, date_from, date_to, entity, speaker, technique, voice, min_checkworthiness,
                       language)
    store = _open_store(db)
    try:
        count = run_export(store, filters, export_format, out, sys.stdout, table)
    except NewsprobeError as error:
        fail(error)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python exits
        raise typer.Exit(0) from None
    finally:
        store.close()
    unit = "rows" if export_format.value in {"csv", "parquet"} else "articles"
    err.print(f"exported {count} {unit}", highlight=False)


# --- scale commands ---


def ingest_batch(folder: Path, db: Optional[str], with_inputs: bool) -> None:
    """`ingest --from-batch`: bulk-load a batch output folder (analysed already) into the store."""
    from newsprobe.scale.load import load_batch

    if with_inputs:
        fail(NewsprobeError(Code.BAD_CONFIG, "--from-batch loads a batch folder; pass no other inputs"))
    store = _open_store(db)
    try:
        report = load_batch(folder, store)
    except NewsprobeError as error:
        fail(error)
    finally:
        store.close()
    err.print(f"{report.added} stored, {report.skipped} already stored, {report.failures} failures recorded "
              f"from {report.shards} shards", highlight=False)


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="JSONL files, WARC/WARC.gz files, folders of .txt/.html files.")],
    out: Annotated[Path, typer.Option("--out", help="Output folder: Parquet shards, failures, done-markers.")],
    engine: Annotated[str, typer.Option(help="local (processes on this machine) or ray (Ray Data).")] = "local",
    address: Annotated[Optional[str], typer.Option(help="Ray cluster, e.g. ray://head:10001 (default: start one here).")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes or Ray actors, each loading the pipeline once.")] = 1,
    shard_size: Annotated[int, typer.Option(help="Records (JSONL lines, files) per shard.")] = 200,
    limit: Annotated[Optional[int], typer.Option(help="Run at most this many pending shards, then stop.")] = None,
    config: ConfigOption = None,
) -> None:
    """Analyse a corpus in shards; a rerun resumes where a killed run stopped."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from newsprobe.scale import run_batch

    columns = (TextColumn("[bold]shards"), BarColumn(bar_width=None), MofNCompleteColumn(),
               TextColumn("{task.fields[articles]} articles"), TimeElapsedColumn())
    try:
        with Progress(*columns, console=err, transient=True) as progress:
            task = progress.add_task("batch", total=None, articles=0)

            def tick(report) -> None:  # noqa: ANN001
                progress.update(task, completed=len(report.summaries), articles=report.articles,
                                total=report.planned - report.already_done if limit is None else None)

            report = run_batch(inputs, out, load_options(config), engine=engine, workers=workers,
                               address=address, shard_size=shard_size, limit=limit, tick=tick)
    except NewsprobeError as error:
        fail(error)
    rate = report.words / report.seconds if report.seconds else 0.0
    err.print(f"{report.done} shards written ({report.articles} articles, {report.failures} failed inputs), "
              f"{report.already_done} already done, {len(report.failed_shards)} shards failed; "
              f"{report.seconds:.1f} s, {rate:,.0f} words/s, peak worker memory {report.peak_rss_mb:.0f} MB",
              highlight=False)
    for summary in report.failed_shards:
        err.print(f"[red]error[/red] [{summary['code']}] {summary['shard']}: {summary['reason']}", highlight=False)
    if report.failures or report.failed_shards:
        raise typer.Exit(1)
