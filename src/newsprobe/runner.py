"""Analyse many inputs for the CLI: stream through the pipeline, show progress, collect failures."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from rich.console import Console
from rich.text import Text
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsprobe.analysis import run_pipeline
from newsprobe.config import Options
from newsprobe.errors import NewsprobeError
from newsprobe.ingest import expand, read_inputs
from newsprobe.ingest.text import check_published
from newsprobe.model import Article
from newsprobe.output import OutputFormat, Writer
from newsprobe.pipeline import load_pipeline
from newsprobe.terminal import printable


def _articles(results: Iterator, failures: list[NewsprobeError]) -> Iterator[tuple[Article, str]]:
    for source, result in results:
        if isinstance(result, NewsprobeError):
            failures.append(result)
        else:
            yield result, source


def analyze_inputs(specs: list[str], fmt: OutputFormat, published: str | None, options: Options,
                   out: TextIO, err: Console) -> list[NewsprobeError]:
    """Write the analysis of every article in `specs` to `out`; return (and report) the failures."""
    published = check_published(published)
    nlp = load_pipeline(options)
    failures: list[NewsprobeError] = []
    articles = _articles(read_inputs(specs, options, published), failures)
    expected = sum(1 for _ in expand(specs))
    writer = Writer(fmt, out)
    with Progress(TextColumn("[bold]analysing"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(),
                  console=err, transient=True, disable=expected < 2) as progress:
        task = progress.add_task("analyse", total=None, failed=0)
        analyses = run_pipeline(nlp, articles, batch_size=options.batch_size,
                                on_error=lambda _article, _source, error: failures.append(error))
        for analysis in analyses:
            writer.write(analysis)
            progress.update(task, advance=1, failed=len(failures))
    writer.close()
    for failure in failures:
        err.print(Text.assemble(("error", "red"), " ", printable(str(failure))), highlight=False)
    if failures:
        err.print(f"{len(failures)} input(s) failed", highlight=False)
    return failures
