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


# --- techniques commands ---
techniques_app = typer.Typer(help="Persuasion techniques (SemEval-2020 Task 11 labels).", no_args_is_help=True)
app.add_typer(techniques_app, name="techniques")


@train_app.command("techniques")
def train_techniques(
    data: Annotated[Optional[Path], typer.Option(help="PTC train folder (default: ../shared/data/ptc-datathon-v5/tasks-2-3/train).")] = None,
    out: Annotated[Optional[Path], typer.Option(help="Artefact folder (default: the packaged model).")] = None,
) -> None:
    """Train the span tagger and technique classifier; write the artefact and MODEL_CARD.md."""
    from newsprobe.train.techniques import train_and_document

    try:
        train_and_document(out, data)
    except NewsprobeError as error:
        fail(error)


@eval_app.command("techniques")
def eval_techniques(
    folder: Annotated[Path, typer.Argument(help="PTC-format folder: article<ID>.txt + .task3.labels/.labels")],
    split: Annotated[str, typer.Option(help="all, or dev/train of the PTC train folder (committed split).")] = "all",
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
    """Print each span line with its predicted technique in place of the second column."""
    from newsprobe.techniques.classify import classify_file

    try:
        lines = classify_file(articles_dir, spans_file)
    except NewsprobeError as error:
        fail(error)
    for line in lines:
        print(line)
