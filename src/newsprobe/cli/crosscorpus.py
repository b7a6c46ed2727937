"""Across articles: stories (assign on files; list and show in the store), fact-checks (match on files;
load into the store) and stored claims that say the same thing."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from newsprobe.cli.errors import coded
from newsprobe.cli.options import ConfigOption, DbOption


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


@coded
def stories_list(db: DbOption = None,
                 limit: Annotated[int, typer.Option(min=1, help="Stories to print, largest first.")] = 50) -> None:
    """Stored stories: id, article count, date span, outlets."""
    from newsprobe.stories.cli import list_stories

    list_stories(db, sys.stdout, limit)


@coded
def stories_show(story: Annotated[int, typer.Argument(help="A story id (`newsprobe stories list`).")],
                 db: DbOption = None) -> None:
    """A stored story's articles in time order, and its outlets side by side."""
    from newsprobe.stories.cli import show_story

    show_story(db, story, sys.stdout)


@coded
def factchecks_load(
    file: Annotated[Path, typer.Argument(help="JSON lines (id, claim, ...) or ClaimReview JSON-LD (.json).")],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Load fact-checks into the store (streamed; stored ids are kept as they are) and link stored claims."""
    from newsprobe.factchecks.cli import load_file

    if load_file(db, file, sys.stderr, str(config) if config else None):
        raise typer.Exit(1)


@coded
def claims_similar(
    claim: Annotated[str, typer.Argument(help="A stored claim as ARTICLE_ID:CLAIM_INDEX, or any claim text.")],
    db: DbOption = None,
    top: Annotated[int, typer.Option(min=1, max=10000, help="Nearest claims looked at.")] = 50,
    min_score: Annotated[float, typer.Option(min=-1.0, max=1.0, help="Least cosine (MiniLM) of a paraphrase.")] = 0.75,
) -> None:
    """Stored claims that say the same thing, in time order: date, outlet, voice (speaker), score, claim, text."""
    from newsprobe.store.similar import print_similar

    print_similar(db, claim, sys.stdout, top, min_score)
