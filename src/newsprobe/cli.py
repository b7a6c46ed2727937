"""The `newsprobe` command line (Typer with Rich)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from newsprobe.config import load_options
from newsprobe.errors import Code, NewsprobeError
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


# --- attributions commands ---
@eval_app.command("attributions")
def eval_attributions(
    folder: Annotated[Path, typer.Argument(help="folder of brat .ann files (texts beside them or in index.tsv)")],
    data: Annotated[Path, typer.Option(help="data folder that index.tsv paths are relative to")] = Path("../shared/data"),
    limit: Annotated[Optional[int], typer.Option(help="Only the first N documents.")] = None,
) -> None:
    """Attributions: exact and partial-overlap P/R/F1 per role (Source, Cue, Content)."""
    from newsprobe.evaluate.attributions import evaluate, report

    try:
        print(report(evaluate(folder, data, limit=limit)))
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
    split: Annotated[str, typer.Option(help="dev, test or all (splits/timex.json)")] = "dev",
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


@eval_app.command("events")
def eval_events(
    folder: Annotated[Path, typer.Argument(help="universal-petrarch-cameo-validation folder")],
    split: Annotated[str, typer.Option(help="dev, test or all (splits/cameo.json)")] = "dev",
    lexicon: Annotated[str, typer.Option(help="cameo (newsprobe's CAMEO 2.0 lexicon) or records "
                                              "(the records' own verb dictionary)")] = "cameo",
    config: ConfigOption = None,
) -> None:
    """CAMEO event coding: share of records whose gold root code, full code, source and target are found."""
    import spacy

    from newsprobe.evaluate.events import evaluate_events

    try:
        nlp = spacy.load(load_options(config).spacy_model)
        score = evaluate_events(folder, nlp, split, lexicon=lexicon)
    except NewsprobeError as error:
        fail(error)
    except OSError as error:
        fail(NewsprobeError(Code.MODEL_MISSING, error))
    print(f"records {score.records}  events {score.events}  split {split}  lexicon {lexicon}")
    for name in ("root", "code", "source", "target", "source_country", "target_country", "main_root"):
        print(f"{name:15} {score.share(getattr(score, name)):.4f}")
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


def main() -> None:
    app()


# --- claims commands ---
claims_app = typer.Typer(help="Check-worthiness of sentences.", no_args_is_help=True)
app.add_typer(claims_app, name="claims")
ClaimsData = Annotated[Path, typer.Option("--data", help="claimbuster-2class folder.")]


@claims_app.command("score")
def claims_score(
    file: Annotated[str, typer.Argument(help="One sentence per line, or - for stdin.")],
) -> None:
    """Print one check-worthiness score (0..1) per input line; empty lines score 0."""
    from newsprobe.claims.cli import score_lines

    try:
        score_lines(file, sys.stdin, sys.stdout)
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


@train_app.command("claims")
def train_claims(data: ClaimsData = Path("../shared/data/claimbuster-2class")) -> None:
    """Train the check-worthiness model; writes src/newsprobe/models/claims/ and its MODEL_CARD.md."""
    from newsprobe.train.claims import train_claims as train

    try:
        train(data, log=lambda line: err.print(line, highlight=False))
    except NewsprobeError as error:
        fail(error)
