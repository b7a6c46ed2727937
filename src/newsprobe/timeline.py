"""A timeline: the events of one or many analysed articles, ordered by their time expressions."""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO
from dataclasses import asdict, dataclass

from rich.table import Table

from newsprobe.model import Analysis
from newsprobe.rules import load_rules
from newsprobe.terminal import plain

if TYPE_CHECKING:
    from rich.console import Console

    from newsprobe.config import Options

_DATE = re.compile(r"^(\d{4})(?:-(\d\d))?(?:-(\d\d))?")


@dataclass
class TimelineRow:
    source: str
    when: str | None  # the TIMEX3 value of the event's time, None when the text gives none
    when_text: str | None
    code: str
    category: str
    actor: str | None
    trigger: str
    target: str | None
    place: str | None
    start: int
    negated: bool = False


def category(code: str) -> str:
    return load_rules("events")["roots"].get(code[:2], "")


def sort_key(value: str | None) -> tuple:
    """Dated events first, by year, month and day (a coarser date before the finer ones in it)."""
    match = _DATE.match(value or "")
    if not match:
        return (1, 0, 0, 0)
    return (0, int(match[1]), int(match[2] or 0), int(match[3] or 0))


def rows_for(analysis: Analysis) -> list[TimelineRow]:
    names = {e.id: e.name for e in analysis.entities}
    rows = []
    for event in analysis.events:
        timex = analysis.timexes[event.time] if event.time is not None else None
        actor = names.get(event.actor or "") or (event.actor_span.text if event.actor_span else None)
        target = names.get(event.target or "") or (event.target_span.text if event.target_span else None)
        rows.append(TimelineRow(
            source=analysis.source, when=timex.value if timex else None, when_text=timex.text if timex else None,
            code=event.code, category=category(event.code), actor=actor, trigger=event.trigger.text,
            target=target, place=names.get(event.place or ""), start=event.trigger.start,
            negated=event.negated))
    return rows


def timeline(analyses: Iterable[Analysis]) -> list[TimelineRow]:
    """Every event of every analysis, ordered by time; undated events last, in text order."""
    rows = [row for analysis in analyses for row in rows_for(analysis)]
    return sorted(rows, key=lambda r: (sort_key(r.when), r.source, r.start))


def as_json(rows: list[TimelineRow]) -> list[dict]:
    return [asdict(row) for row in rows]


def as_table(rows: list[TimelineRow]) -> Table:
    table = Table(title="Timeline", show_lines=False)
    for column in ("when", "actor", "action", "target", "place", "source"):
        table.add_column(column)
    for row in rows:
        when = f"{row.when} ({row.when_text})" if row.when else "?"
        action = ("not " if row.negated else "") + f"{row.trigger} [{row.code} {row.category}]"
        source = row.source.rsplit("/", 1)[-1]
        cells = (when, row.actor or "", action, row.target or "", row.place or "", source)
        table.add_row(*(plain(cell) for cell in cells))  # article text: never markup
    return table


def timeline_for_inputs(specs: list[str], fmt: str, published: str | None, options: Options, out: TextIO,
                        err: Console) -> list:
    """Analyse `specs` and print their timeline as a Rich table or JSON; returns the failures."""
    import json

    from rich.console import Console
    from rich.text import Text

    from newsprobe.analysis import run_pipeline
    from newsprobe.ingest import read_inputs
    from newsprobe.ingest.text import check_published
    from newsprobe.pipeline import load_pipeline
    from newsprobe.runner import _articles
    from newsprobe.terminal import printable

    failures: list = []
    nlp = load_pipeline(options)
    articles = _articles(read_inputs(specs, options, check_published(published)), failures)
    rows = timeline(run_pipeline(nlp, articles, batch_size=options.batch_size,
                                 on_error=lambda _article, _source, error: failures.append(error)))
    if fmt == "json":
        out.write(json.dumps(as_json(rows), indent=2, ensure_ascii=False) + "\n")
    else:
        Console(file=out, soft_wrap=False, width=160).print(as_table(rows))
    for failure in failures:
        err.print(Text.assemble(("error", "red"), " ", printable(str(failure))), highlight=False)
    return failures
