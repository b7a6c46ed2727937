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
