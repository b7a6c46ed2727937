"""One layer on plain files, without a store: claims score, techniques classify, techniques card."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from newsprobe.cli.errors import coded, err, error_line, recode, warning_line
from newsprobe.errors import Code, NewsprobeError


@coded
def claims_score(
    file: Annotated[str, typer.Argument(help="One sentence per line, or - for stdin.")],
) -> None:
    """Print one check-worthiness score (0..1) per input line; empty lines score 0, and a line too
    long to be a sentence gets a damped score and a coded warning on standard error."""
    from newsprobe.claims.cli import score_lines

    def warn(error: NewsprobeError) -> None:
        err.print(warning_line(str(error)), highlight=False)

    score_lines(file, sys.stdin, sys.stdout, warn)


@coded
def techniques_classify(
    articles_dir: Annotated[Path, typer.Argument(help="Folder with article<ID>.txt")],
    spans_file: Annotated[Path, typer.Argument(help="Lines id<TAB>?<TAB>start<TAB>end")],
) -> None:
    """Print each span line with its predicted technique in place of the second column. A bad line
    (unreadable, unknown article, outside the text, overlapping, empty) gets one coded error on
    standard error and the others are classified; the exit status is then 1."""
    from newsprobe.techniques.classify import classify_file

    result = classify_file(articles_dir, spans_file)
    for line in result.lines:
        print(line)
    for error in result.errors:
        err.print(error_line(str(error)), highlight=False)
    if result.errors:
        raise typer.Exit(1)


@coded
def techniques_card(
    dev: Annotated[Path | None, typer.Option(help="JSON of `eval techniques --split dev --json` (default: the training run's dev figures).")] = None,
    test: Annotated[Path | None, typer.Option(help="JSON of `eval techniques --split test --json`.")] = None,
    folder: Annotated[Path | None, typer.Option(help="Model folder (default: the packaged model).")] = None,
) -> None:
    """Render MODEL_CARD.md from the model's training record and the eval JSON given."""
    from newsprobe.techniques.card import write_card
    from newsprobe.techniques.predictor import MODEL_DIR

    with recode((OSError, ValueError, KeyError), Code.TECH_MODEL_MISSING):
        print(write_card(folder or MODEL_DIR, dev, test))
