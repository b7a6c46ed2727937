"""Across articles, on plain files (the store's layer is elsewhere): stories assign, factchecks match."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from newsprobe.cli.errors import coded


@coded
def stories_assign(
    file: Annotated[Path, typer.Argument(help="JSON lines: id, text, optionally title, date (YYYY-MM-DD), url.")],
) -> None:
    """Print {"id", "story"} per article, in input order; the articles arrive in file order."""
    from newsprobe.stories.cli import assign_file

    if assign_file(file, sys.stdout, sys.stderr):
        raise typer.Exit(1)


@coded
def factchecks_match(
    factchecks: Annotated[Path, typer.Argument(help="JSON lines with vclaim_id and vclaim (title optional).")],
    queries: Annotated[Path, typer.Argument(help="id<TAB>text, one claim a line.")],
    top: Annotated[int, typer.Option(min=1, help="Fact-checks per claim.")] = 5,
) -> None:
    """Print query_id, Q0, vclaim_id, rank, score, newsprobe (tab-separated; the CheckThat! run format)."""
    from newsprobe.factchecks.cli import match_files

    if match_files(factchecks, queries, sys.stdout, sys.stderr, top):
        raise typer.Exit(1)
