"""`newsprobe batch`: a corpus analysed in shards, locally or on Ray."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from newsprobe.cli.errors import coded, err, error_line
from newsprobe.cli.options import ConfigOption


class Engine(str, Enum):
    """newsprobe.scale.run.ENGINES (not imported: it loads pyarrow); tests/cli/test_options.py compares them."""

    local = "local"
    ray = "ray"


@coded
def batch(
    inputs: Annotated[list[str], typer.Argument(help="JSONL files, WARC/WARC.gz files, folders of .txt/.html files.")],
    out: Annotated[Path, typer.Option("--out", help="Output folder: Parquet shards, failures, done-markers.")],
    engine: Annotated[Engine, typer.Option(help="local (processes on this machine) or ray (Ray Data).")]
    = Engine.local,
    address: Annotated[str | None, typer.Option(help="Ray cluster, e.g. ray://head:10001 (default: start one here).")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes or Ray actors, each loading the pipeline once.")] = 1,
    shard_size: Annotated[int, typer.Option(min=1, help="Records (JSONL lines, files) per shard.")] = 200,
    limit: Annotated[int | None, typer.Option(help="Run at most this many pending shards, then stop.")] = None,
    config: ConfigOption = None,
) -> None:
    """Analyse a corpus in shards; a rerun resumes where a killed run stopped."""
    from newsprobe.config import load_options
    from newsprobe.scale import run_batch

    with progress_bar() as tick:
        report = run_batch(inputs, out, load_options(config), engine=engine.value, workers=workers,
                           address=address, shard_size=shard_size, limit=limit,
                           tick=lambda report: tick(report, limit is None))
    summarise(report)
    if report.failures or report.failed_shards:
        raise typer.Exit(1)


@contextmanager
def progress_bar() -> Iterator[Callable[..., None]]:
    """A transient progress bar on standard error; yields the tick that updates it from a batch report
    (with a total only when the whole run is planned, not a --limit part of it)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("[bold]shards"), BarColumn(bar_width=None), MofNCompleteColumn(),
               TextColumn("{task.fields[articles]} articles"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("batch", total=None, articles=0)

        def tick(report, whole_run: bool) -> None:  # noqa: ANN001 - newsprobe.scale.run.BatchReport
            progress.update(task, completed=len(report.summaries), articles=report.articles,
                            total=report.planned - report.already_done if whole_run else None)

        yield tick


def summarise(report) -> None:  # noqa: ANN001 - newsprobe.scale.run.BatchReport
    """The run's totals on one line, then each failed shard's coded error."""
    rate = report.words / report.seconds if report.seconds else 0.0
    err.print(f"{report.done} shards written ({report.articles} articles, {report.failures} failed inputs), "
              f"{report.already_done} already done, {len(report.failed_shards)} shards failed; "
              f"{report.seconds:.1f} s, {rate:,.0f} words/s, peak worker memory {report.peak_rss_mb:.0f} MB",
              highlight=False)
    for summary in report.failed_shards:
        err.print(error_line(f"[{summary['code']}] {summary['shard']}: {summary['reason']}"), highlight=False)
