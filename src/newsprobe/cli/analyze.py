"""Commands on articles given as files, URLs or stdin: analyze, schema, demo, timeline."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsprobe.cli.errors import coded, err
from newsprobe.cli.options import ConfigOption, TableOrJson
from newsprobe.output import OutputFormat

Inputs = Annotated[list[str], typer.Argument(help="Files, folders, globs, URLs, or - for stdin.")]
Published = Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD.")]
DEMO = Path(__file__).parents[1] / "demo"  # the string is each demo analysis's source: keep it unresolved


@coded
def analyze(
    inputs: Inputs,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.json,
    published: Published = None,
    config: ConfigOption = None,
) -> None:
    """Analyse articles and print the findings."""
    from newsprobe.config import load_options
    from newsprobe.runner import analyze_inputs

    if analyze_inputs(inputs, fmt, published, load_options(config), sys.stdout, err):
        raise typer.Exit(1)


def schema() -> None:
    """Print the JSON Schema of the analysis output."""
    from newsprobe.model import json_schema

    print(json.dumps(json_schema(), indent=2))


@coded
def demo(
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text,
) -> None:
    """Analyse the team's sample articles (fictional outlets and people) and print the report."""
    from newsprobe.config import load_options
    from newsprobe.runner import analyze_inputs

    if analyze_inputs([str(DEMO)], fmt, None, load_options(), sys.stdout, err):
        raise typer.Exit(1)


@coded
def timeline(
    inputs: Inputs,
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="table or json")] = TableOrJson.table,
    published: Published = None,
    config: ConfigOption = None,
) -> None:
    """Print the events of one or many articles ordered by time."""
    from newsprobe.config import load_options
    from newsprobe.timeline import timeline_for_inputs

    if timeline_for_inputs(inputs, fmt.value, published, load_options(config), sys.stdout, err):
        raise typer.Exit(1)
