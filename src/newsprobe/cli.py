"""The `newsprobe` command line (Typer with Rich)."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.text import Text

from newsprobe.config import load_options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.model import json_schema
from newsprobe.output import OutputFormat
from newsprobe.terminal import plain, printable

app = typer.Typer(help="Evidence-linked analysis of news articles.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
eval_app = typer.Typer(help="Evaluate a layer on public data; prints the figures.", no_args_is_help=True)
train_app = typer.Typer(help="Train a model from ../shared/data and write its artefact and card.",
                        no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

err = Console(stderr=True, soft_wrap=True)
ConfigOption = Annotated[Optional[Path], typer.Option("--config", help="TOML config (see default.toml).")]


class NoteHandler(logging.Handler):
    """newsprobe's log notes (an implausible date ignored, ...) as one plain line each on standard error."""

    def emit(self, record: logging.LogRecord) -> None:
        err.print(Text(printable(record.getMessage()), style="yellow"), highlight=False)


logging.getLogger("newsprobe").addHandler(NoteHandler(logging.WARNING))


def error_line(message: str) -> Text:
    """"error <message>": the message printed as written (it may hold [brackets] or control codes)."""
    return Text.assemble(("error", "red"), " ", printable(message))


def fail(error: NewsprobeError) -> None:
    err.print(error_line(str(error)), highlight=False)
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


# --- attributions commands ---
@eval_app.command("attributions")
def eval_attributions(
    folder: Annotated[Path, typer.Argument(help="folder of brat .ann files (texts beside them or in index.tsv)")],
    data: Annotated[Path, typer.Option(help="data folder that index.tsv paths are relative to")] = Path("../shared/data"),
    limit: Annotated[Optional[int], typer.Option(help="Only the first N documents.")] = None,
    mode: Annotated[Optional[str], typer.Option(
        help="the attributions layer's mode for this run: rules, learned (the PolNeAR head), or the head merged "
             "with the rules: rules_first, direct, union (default: the config's [attributions] mode)")] = None,
) -> None:
    """Attributions: exact and partial-overlap P/R/F1 per role (Source, Cue, Content)."""
    from newsprobe.evaluate.attributions import evaluate, report

    try:
        print(report(evaluate(folder, data, limit=limit, mode=mode)))
    except NewsprobeError as error:
        fail(error)


@eval_app.command("convert-meantime")
def convert_meantime(
    out: Annotated[Path, typer.Argument(help="output folder for NAME.txt + NAME.ann (keep it outside the repo)")],
    meantime: Annotated[Path, typer.Option(help="meantime-english folder")] = Path("../shared/data/meantime-english"),
) -> None:
    """Convert MEANTIME speech-cognitive events (cue), Arg0 (source) and SLINKs (content) to brat."""
    from newsprobe.evaluate.meantime import convert_folder

    try:
        print(f"{convert_folder(meantime, out)} documents written to {out}")
    except NewsprobeError as error:
        fail(error)

# --- timex commands ---


@app.command("timeline")
def timeline_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs, URLs, or - for stdin.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
    published: Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD.")] = None,
    config: ConfigOption = None,
) -> None:
    """Print the events of one or many articles ordered by time."""
    from newsprobe.timeline import timeline_for_inputs

    if fmt not in ("table", "json"):
        fail(NewsprobeError(Code.BAD_CONFIG, f"--format {fmt} (use table or json)"))
    try:
        failures = timeline_for_inputs(inputs, fmt, published, load_options(config), sys.stdout, err)
    except NewsprobeError as error:
        fail(error)
    if failures:
        raise typer.Exit(1)


@eval_app.command("timex")
def eval_timex(
    folder: Annotated[Path, typer.Argument(help="folder of TimeML .tml or NewsReader CAT .xml files")],
    split: Annotated[str, typer.Option(help="dev, test or all (splits/timex.json, splits/tbaq.json)")] = "dev",
    config: ConfigOption = None,
) -> None:
    """Time expressions: strict and relaxed extent P/R/F1, value accuracy and value F1 (TempEval-3)."""
    import spacy

    from newsprobe.evaluate.timex import evaluate_timex

    try:
        nlp = spacy.load(load_options(config).spacy_model, disable=["ner"])
        score = evaluate_timex(folder, nlp, split)
    except NewsprobeError as error:
        fail(error)
    except OSError as error:
        fail(NewsprobeError(Code.MODEL_MISSING, error))
    print(f"documents {score.documents}  gold {score.gold}  predicted {score.predicted}  split {split}")
    for name, (p, r, f) in (("strict", score.strict_prf), ("relaxed", score.relaxed_prf)):
        print(f"{name:8} precision {p:.4f}  recall {r:.4f}  F1 {f:.4f}")
    print(f"value accuracy {score.value_accuracy:.4f}  value F1 {score.value_f1:.4f}  "
          f"type accuracy {score.type_accuracy:.4f}")


@eval_app.command("entities")
def eval_entities(
    folder: Annotated[Path, typer.Argument(help="gum-entities folder (dev/ or train/) of WebAnno TSV 3.2 files")],
    split: Annotated[str, typer.Option(help="dev, test, train or all (splits/gum.json)")] = "dev",
    config: ConfigOption = None,
) -> None:
    """Entities on GUM: named mentions typed, mention detection P/R, pronouns resolved to named entities."""
    import dataclasses

    from newsprobe.evaluate.entities import COMPONENTS, evaluate_entities, report
    from newsprobe.pipeline import load_pipeline

    try:
        options = dataclasses.replace(load_options(config), components=COMPONENTS)
        score = evaluate_entities(folder, load_pipeline(options), split)
    except NewsprobeError as error:
        fail(error)
    print(report(score, split))


@eval_app.command("events")
def eval_events(
    folder: Annotated[Path, typer.Argument(help="universal-petrarch-cameo-validation folder")],
    split: Annotated[str, typer.Option(help="dev, test or all (splits/cameo.json: families of "
                                            "near-identical records, each on one side)")] = "dev",
    lexicon: Annotated[str, typer.Option(help="cameo (newsprobe's CAMEO 2.0 lexicon) or records "
                                              "(the records' own verb dictionary)")] = "cameo",
    config: ConfigOption = None,
) -> None:
    """CAMEO event coding: share of records whose gold root code, full code, source and target are found,
    and the precision of the emitted events' roots."""
    import spacy

    from newsprobe.evaluate.events import evaluate_events

    try:
        nlp = spacy.load(load_options(config).spacy_model)
        score = evaluate_events(folder, nlp, split, lexicon=lexicon)
    except NewsprobeError as error:
        fail(error)
    except OSError as error:
        fail(NewsprobeError(Code.MODEL_MISSING, error))
    print(f"records {score.records} coded + {score.noevent_records} no-event  events {score.emitted}  "
          f"split {split}  lexicon {lexicon}")
    for name in ("root", "code", "source", "target", "source_country", "target_country", "main_root"):
        print(f"{name:17} {score.share(getattr(score, name)):.4f}")
    print(f"{'precision':17} {score.precision:.4f}  (events whose root is a gold root / events)")
    print(f"{'events per record':17} {score.events_per_record:.4f}")
    print(f"{'exact records':17} {score.exact_share:.4f}  (no wrong root emitted, gold root found when coded)")
    if score.noevent_records:
        print(f"no-event records with no event found {score.noevent_empty}/{score.noevent_records}")


@train_app.command("cameo-lexicon")
def train_cameo_lexicon(
    source: Annotated[Path, typer.Argument(help="PETRARCH verb dictionary, e.g. ../shared/data/"
                                                "universal-petrarch-cameo-validation/master/CAMEO.2.0.txt")],
    output: Annotated[Optional[Path], typer.Option(help="Where to write (default: the packaged "
                                                        "rules/cameo_verbs.json).")] = None,
) -> None:
    """Rebuild the CAMEO verb lexicon (rules/cameo_verbs.json) from the PETRARCH dictionary."""
    from newsprobe.events.lexicon_build import write_lexicon
    from newsprobe.rules import HERE

    try:
        lexicon = write_lexicon(source, output or HERE / "cameo_verbs.json")
    except NewsprobeError as error:
        fail(error)
    print(f"verbs {len(lexicon['verbs'])}  blocks {len(lexicon['blocks'])}  synsets {len(lexicon['synsets'])}")




# --- store commands ---
import os  # noqa: E402 - kept in this section so merges stay simple

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


# Typer refuses values outside these with a clear message (SQLite integers stop at 2**63).
MAX_LIMIT = 10_000
MAX_OFFSET = 1_000_000_000


def highlighted(passage: str) -> Text:
    """A search passage on one line, its matches (between \x02 and \x03) in bold yellow."""
    text = Text()
    for i, part in enumerate(" ".join(passage.split()).split("\x02")):
        match, _, rest = part.partition("\x03") if i else ("", "", part)
        text.append(printable(match), "bold yellow")
        text.append(printable(rest))
    return text


def _filters(query, outlet, date_from, date_to, entity, speaker, technique, voice,  # noqa: ANN001, ANN202
             worth, language):
    from newsprobe.store.search import Filters

    if isinstance(query, list):
        query = " ".join(query) or None
    return Filters(text=query, outlet=outlet or [], date_from=date_from, date_to=date_to, language=language,
                   entity=entity, speaker=speaker, technique=technique, voice=voice, min_checkworthiness=worth)


def _open_store(db: Optional[str], read_only: bool = False):  # noqa: ANN202
    from newsprobe.store import Store

    try:
        return Store(db, read_only=read_only)
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
    for row in rows:  # inputs and reasons are user text: never markup, never control codes
        table.add_row(plain(row["code"]), plain(row["source"]), plain(row["reason"]), str(row["count"]),
                      f"{row['last_at']:%Y-%m-%d %H:%M}")
    Console(soft_wrap=False).print(table if rows else "no failures")


@app.command()
def search(
    query: QueryArg = None, db: DbOption = None, outlet: OutletOption = None, date_from: FromOption = None,
    date_to: ToOption = None, entity: EntityOption = None, speaker: SpeakerOption = None,
    technique: TechniqueOption = None, voice: VoiceOption = None, min_checkworthiness: WorthOption = None,
    language: LanguageOption = None,
    limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help="Results to show.")] = 20,
    offset: Annotated[int, typer.Option(min=0, max=MAX_OFFSET, help="Results to pass over.")] = 0,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or jsonl")] = "text",
) -> None:
    """Full-text search with filters; each result shows its matching passage highlighted."""
    from dataclasses import asdict

    from newsprobe.store.search import search as run_search

    filters = _filters(query, outlet, date_from, date_to, entity, speaker, technique, voice, min_checkworthiness,
                       language)
    store = _open_store(db, read_only=True)
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
        out.print(Text.assemble(plain(hit.title or "(no title)", "bold"), "  ",
                                plain(f"{hit.id} · {hit.outlet or '?'} · {hit.published or 'undated'}", "dim")))
        out.print(Text.assemble("  ", highlighted(hit.passage)))
        if hit.url:
            out.print(Text.assemble("  ", plain(hit.url, "dim")))
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
    limit: Annotated[int, typer.Option(min=1, max=MAX_LIMIT, help="Rows of each top list.")] = 20,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
) -> None:
    """Technique use per outlet per month, top speakers, who quotes whom, entity co-mentions, own-voice share."""
    from newsprobe.store.stats import AGGREGATES, all_stats

    which = tuple(only or AGGREGATES)
    if unknown := set(which) - set(AGGREGATES):
        fail(NewsprobeError(Code.BAD_QUERY, f"unknown aggregate {', '.join(sorted(unknown))}"))
    filters = _filters(query, outlet, date_from, date_to, entity, speaker, technique, voice, min_checkworthiness,
                       language)
    store = _open_store(db, read_only=True)
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
        for row in rows:  # outlet, speaker and entity names are article text
            table.add_row(*(f"{v:.3f}" if isinstance(v, float) else plain(v) for v in row.values()))
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
    store = _open_store(db, read_only=True)
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


# --- web commands ---
token_app = typer.Typer(help="API tokens: writes to the API need one (stored hashed in the store).",
                        no_args_is_help=True)
app.add_typer(token_app, name="token")
DEMO_DB = "newsprobe-demo.db"


@token_app.command("create")
def token_create(db: DbOption = None,
                 name: Annotated[str, typer.Option(help="A label to tell tokens apart.")] = "default") -> None:
    """Create a token and print it (the only time it is shown; only its hash is kept)."""
    from newsprobe.api.tokens import create_token

    store = _open_store(db)
    try:
        print(create_token(store.engine, name))
    finally:
        store.close()


@token_app.command("list")
def token_list(db: DbOption = None) -> None:
    """List tokens (number, name, created, revoked); the tokens themselves are not kept."""
    from newsprobe.api.tokens import list_tokens

    store = _open_store(db)
    try:
        for row in list_tokens(store.engine):
            state = "revoked" if row["revoked"] else "active"
            print(f"{row['pk']}\t{printable(row['name'])}\t{row['created_at']:%Y-%m-%d %H:%M}\t{state}")
    finally:
        store.close()


@token_app.command("revoke")
def token_revoke(number: Annotated[int, typer.Argument(help="The token's number from `token list`.")],
                 db: DbOption = None) -> None:
    """Revoke a token: requests with it are refused from now on."""
    from newsprobe.api.tokens import revoke_token

    store = _open_store(db)
    try:
        if not revoke_token(store.engine, number):
            fail(NewsprobeError(Code.NO_TOKEN, number))
    finally:
        store.close()


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[bool, typer.Option("--demo", help=f"First store the demo articles (in {DEMO_DB} "
                                                      "unless --db is given).")] = False,
    reads_need_token: Annotated[Optional[bool], typer.Option(
        "--reads-need-token/--open-reads", help="Require a token for reads too (default: api_reads_need_token).")] = None,
    config: ConfigOption = None,
) -> None:
    """Serve the REST API and the web pages with uvicorn; prints the address."""
    from newsprobe.web.serve import run

    db = db or (DEMO_DB if demo else None)
    try:
        options = load_options(config, api_reads_need_token=reads_need_token)
        run(options, db, host, port, demo, err)
    except NewsprobeError as error:
        fail(error)


# --- claims commands ---
claims_app = typer.Typer(help="Check-worthiness of sentences.", no_args_is_help=True)
app.add_typer(claims_app, name="claims")
ClaimsData = Annotated[Path, typer.Option("--data", help="claimbuster-2class folder.")]


@claims_app.command("score")
def claims_score(
    file: Annotated[str, typer.Argument(help="One sentence per line, or - for stdin.")],
) -> None:
    """Print one check-worthiness score (0..1) per input line; empty lines score 0, and a line too
    long to be a sentence gets a damped score and a coded warning on standard error."""
    from newsprobe.claims.cli import score_lines

    def warn(error: NewsprobeError) -> None:
        err.print(Text.assemble(("warning", "yellow"), " ", printable(str(error))), highlight=False)

    try:
        score_lines(file, sys.stdin, sys.stdout, warn)
    except NewsprobeError as error:
        fail(error)


@eval_app.command("claims")
def eval_claims(data: ClaimsData = Path("../shared/data/claimbuster-2class")) -> None:
    """Check-worthiness on ClaimBuster: P/R/F1 of the check-worthy class, AP and MAP; dev and test."""
    from newsprobe.evaluate.claims import describe_rankings, evaluate_claims

    try:
        scores = evaluate_claims(data)
    except NewsprobeError as error:
        fail(error)
    print(describe_rankings())
    for name, score in scores.items():
        print(score.line(name))


@eval_app.command("checkworthiness")
def eval_checkworthiness(
    folder: Annotated[Path, typer.Argument(help="clef2019-checkthat-t1-train folder (train.csv).")],
    data: ClaimsData = Path("../shared/data/claimbuster-2class"),
    committed: Annotated[bool, typer.Option(
        "--committed", help="Score the committed model as it is (trained on these debates: not held out).")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """CheckThat! MAP (each debate ranks its own sentences) by leave-one-debate-out: the committed
    model's recipe is refitted without each debate in turn; prints per-debate AP and MAP."""
    from newsprobe.evaluate.checkworthiness import committed_figures, lodo_figures

    try:
        figures = committed_figures(folder) if committed else lodo_figures(folder, data)
    except NewsprobeError as error:
        fail(error)
    print(json.dumps(figures.as_dict(), indent=1) if json_out else "\n".join(figures.lines()))


DebatesData = Annotated[Path, typer.Option("--debates", help="clef2019-checkthat-t1-train folder.")]


@train_app.command("claims")
def train_claims(data: ClaimsData = Path("../shared/data/claimbuster-2class"),
                 debates: DebatesData = Path("../shared/data/clef2019-checkthat-t1-train")) -> None:
    """Train the check-worthiness model (recipe chosen by leave-one-debate-out MAP); writes
    src/newsprobe/models/claims/ and its MODEL_CARD.md."""
    from newsprobe.train.claims import train_claims as train

    try:
        train(data, debates, log=lambda line: err.print(line, highlight=False))
    except NewsprobeError as error:
        fail(error)




# --- techniques commands ---
techniques_app = typer.Typer(help="Persuasion techniques (SemEval-2020 Task 11 labels).", no_args_is_help=True)
app.add_typer(techniques_app, name="techniques")


@train_app.command("techniques")
def train_techniques(
    data: Annotated[Optional[Path], typer.Option(help="PTC train folder (default: ../shared/data/ptc-datathon-v5/tasks-2-3/train).")] = None,
    out: Annotated[Optional[Path], typer.Option(help="Artefact folder (default: the packaged model).")] = None,
    head_only: Annotated[bool, typer.Option("--head-only", help="Keep the span encoder; refit only the technique head (and the parse classifier it reads) from the encoder's hidden states, cached in .cache/. Minutes, no PyTorch.")] = False,
) -> None:
    """Train the span encoder and technique classifier; write the artefact and MODEL_CARD.md."""
    if head_only:
        from newsprobe.train.technique_head import head_and_document

        try:
            head_and_document(out, data)
        except NewsprobeError as error:
            fail(error)
        return
    try:
        from newsprobe.train.techniques import train_and_document
    except ImportError as missing:  # the `train` extra (PyTorch, transformers, onnx) is not installed
        fail(NewsprobeError(Code.TECH_TRAIN_DEPS, missing.name or str(missing)))
    try:
        train_and_document(out, data)
    except NewsprobeError as error:
        fail(error)


@eval_app.command("techniques")
def eval_techniques(
    folder: Annotated[Path, typer.Argument(help="PTC-format folder: article<ID>.txt + .task3.labels/.labels")],
    split: Annotated[str, typer.Option(help="dev (default), test, train or all of the PTC train folder (committed splits).")] = "dev",
    json_out: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """SI (partial overlap), TC micro-F1 on gold spans, and span+label F1, also per technique."""
    from newsprobe.evaluate.techniques import evaluate_folder, format_scores

    try:
        scores = evaluate_folder(folder, split)
    except NewsprobeError as error:
        fail(error)
    print(json.dumps(scores, indent=1) if json_out else format_scores(scores))


@techniques_app.command("classify")
def techniques_classify(
    articles_dir: Annotated[Path, typer.Argument(help="Folder with article<ID>.txt")],
    spans_file: Annotated[Path, typer.Argument(help="Lines id<TAB>?<TAB>start<TAB>end")],
) -> None:
    """Print each span line with its predicted technique in place of the second column. A bad line
    (unreadable, unknown article, outside the text, overlapping, empty) gets one coded error on
    standard error and the others are classified; the exit status is then 1."""
    from newsprobe.techniques.classify import classify_file

    try:
        result = classify_file(articles_dir, spans_file)
    except NewsprobeError as error:
        fail(error)
    for line in result.lines:
        print(line)
    for error in result.errors:
        err.print(error_line(str(error)), highlight=False)
    if result.errors:
        raise typer.Exit(1)


@techniques_app.command("card")
def techniques_card(
    dev: Annotated[Optional[Path], typer.Option(help="JSON of `eval techniques --split dev --json` (default: the training run's dev figures).")] = None,
    test: Annotated[Optional[Path], typer.Option(help="JSON of `eval techniques --split test --json`.")] = None,
    folder: Annotated[Optional[Path], typer.Option(help="Model folder (default: the packaged model).")] = None,
) -> None:
    """Render MODEL_CARD.md from the model's training record and the eval JSON given."""
    from newsprobe.techniques.card import write_card
    from newsprobe.techniques.predictor import MODEL_DIR

    try:
        print(write_card(folder or MODEL_DIR, dev, test))
    except (OSError, ValueError, KeyError) as error:
        fail(NewsprobeError(Code.TECH_MODEL_MISSING, error))


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
        err.print(error_line(f"[{summary['code']}] {summary['shard']}: {summary['reason']}"), highlight=False)
    if report.failures or report.failed_shards:
        raise typer.Exit(1)


# --- stories and fact-checks (file commands; the store's layer comes later) ---
stories_app = typer.Typer(help="Stories: articles about one real-world event.", no_args_is_help=True)
factchecks_app = typer.Typer(help="Claims matched to fact-checks.", no_args_is_help=True)
app.add_typer(stories_app, name="stories")
app.add_typer(factchecks_app, name="factchecks")
ClaimRetrievalData = Annotated[Path, typer.Option("--data", help="checkthat2022-claim-retrieval folder.")]


@stories_app.command("assign")
def stories_assign(
    file: Annotated[Path, typer.Argument(help="JSON lines: id, text, optionally title, date (YYYY-MM-DD), url.")],
) -> None:
    """Print {"id", "story"} per article, in input order; the articles arrive in file order."""
    from newsprobe.stories.cli import assign_file

    try:
        bad = assign_file(file, sys.stdout, sys.stderr)
    except NewsprobeError as error:
        fail(error)
    if bad:
        raise typer.Exit(1)


@stories_app.command("list")
def stories_list(db: DbOption = None,
                 limit: Annotated[int, typer.Option(min=1, help="Stories to print, largest first.")] = 50) -> None:
    """Stored stories: id, article count, date span, outlets."""
    from newsprobe.stories.cli import list_stories

    try:
        list_stories(db, sys.stdout, limit)
    except NewsprobeError as error:
        fail(error)


@stories_app.command("show")
def stories_show(story: Annotated[int, typer.Argument(help="A story id (`newsprobe stories list`).")],
                 db: DbOption = None) -> None:
    """A stored story's articles in time order, and its outlets side by side."""
    from newsprobe.stories.cli import show_story

    try:
        show_story(db, story, sys.stdout)
    except NewsprobeError as error:
        fail(error)


@eval_app.command("stories")
def eval_stories(
    file: Annotated[Path, typer.Argument(help="ecbplus-stories/dev.jsonl (or articles with story and topic).")]
    = Path("../shared/data/ecbplus-stories/dev.jsonl"),
    split: Annotated[str, typer.Option(help="dev or test half of the topics (stories/split.toml), or all.")] = "dev",
    order: Annotated[str, typer.Option(help="Arrival order: date (then id), reverse, shuffle1, shuffle2.")] = "date",
) -> None:
    """B-cubed P/R/F1 and V-measure of the online story assignment, against stories and topics."""
    from newsprobe.evaluate.stories import ORDERS, evaluate_stories

    if order not in ORDERS:
        fail(NewsprobeError(Code.BAD_CONFIG, f"order '{order}' (use {', '.join(ORDERS)})"))
    try:
        scores = evaluate_stories(file, split, order)
    except NewsprobeError as error:
        fail(error)
    print(f"split {split}, order {order}")
    for name, score in scores.items():
        print(score.line(name))


@factchecks_app.command("match")
def factchecks_match(
    factchecks: Annotated[Path, typer.Argument(help="JSON lines with vclaim_id and vclaim (title optional).")],
    queries: Annotated[Path, typer.Argument(help="id<TAB>text, one claim a line.")],
    top: Annotated[int, typer.Option(min=1, help="Fact-checks per claim.")] = 5,
) -> None:
    """Print query_id, Q0, vclaim_id, rank, score, newsprobe (tab-separated; the CheckThat! run format)."""
    from newsprobe.factchecks.cli import match_files

    try:
        bad = match_files(factchecks, queries, sys.stdout, sys.stderr, top)
    except NewsprobeError as error:
        fail(error)
    if bad:
        raise typer.Exit(1)


@factchecks_app.command("load")
def factchecks_load(
    file: Annotated[Path, typer.Argument(help="JSON lines (id, claim, ...) or ClaimReview JSON-LD (.json).")],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Load fact-checks into the store (streamed; stored ids are kept as they are) and link stored claims."""
    from newsprobe.factchecks.cli import load_file

    try:
        bad = load_file(db, file, sys.stderr, config)
    except NewsprobeError as error:
        fail(error)
    if bad:
        raise typer.Exit(1)


@claims_app.command("similar")
def claims_similar(
    claim: Annotated[str, typer.Argument(help="A stored claim as ARTICLE_ID:CLAIM_INDEX, or any claim text.")],
    db: DbOption = None,
    top: Annotated[int, typer.Option(min=1, max=10000, help="Nearest claims looked at.")] = 50,
    min_score: Annotated[float, typer.Option(min=-1.0, max=1.0, help="Least cosine (MiniLM) of a paraphrase.")] = 0.75,
) -> None:
    """Stored claims that say the same thing, in time order: date, outlet, voice (speaker), score, claim, text."""
    from newsprobe.store.similar import print_similar

    try:
        print_similar(db, claim, sys.stdout, top, min_score)
    except NewsprobeError as error:
        fail(error)


@eval_app.command("claim-retrieval")
def eval_claim_retrieval(
    subtask: Annotated[str, typer.Option(help="tweets (2A, Snopes) or debates (2B, PolitiFact).")] = "tweets",
    qrels: Annotated[str, typer.Option(help="Relevance file in the subtask folder, or a path.")] = "dev-qrels.tsv",
    data: ClaimRetrievalData = Path("../shared/data/checkthat2022-claim-retrieval"),
) -> None:
    """MAP@1, MAP@5, Recall@5 and MRR (over the top 100) of `factchecks match` on CheckThat! 2022 Task 2."""
    from newsprobe.evaluate.claim_retrieval import evaluate_claim_retrieval

    try:
        scores = evaluate_claim_retrieval(data, subtask, qrels)
    except NewsprobeError as error:
        fail(error)
    print(f"{subtask} {qrels}: " + "  ".join(
        f"{name} {value:.4f}" if name != "queries" else f"{name} {value}" for name, value in scores.items()))


@train_app.command("sentence-encoder")
def train_sentence_encoder() -> None:
    """Export all-MiniLM-L6-v2 to ONNX int8 (models/sentences/minilm.onnx) and write its card."""
    try:
        from newsprobe.train.sentence_encoder import export
    except ImportError as missing:  # the `train` extra (PyTorch, transformers, onnx) is not installed
        fail(NewsprobeError(Code.TECH_TRAIN_DEPS, missing.name or str(missing)))
    print(export())


def main() -> None:
    app()
