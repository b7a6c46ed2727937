"""A readable terminal report of one analysis (Rich)."""
from __future__ import annotations

from typing import TextIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsprobe.model import Analysis
from newsprobe.terminal import plain


def _header(analysis: Analysis) -> Text:
    """Title, facts and size; every value is article text, so it is never read as markup."""
    a = analysis.article
    facts = [("outlet", a.outlet), ("published", a.published), ("dateline", a.dateline and a.dateline.text),
             ("authors", ", ".join(a.authors)), ("language", a.language), ("licence", a.licence and a.licence.id)]
    header = Text.assemble(plain(a.title or analysis.source, "bold"), "\n")
    for i, (key, value) in enumerate((k, v) for k, v in facts if v):
        header.append_text(Text.assemble("  " if i else "", (key, "dim"), " ", plain(value)))
    header.append(f"\n{len(a.text.split())} words · id {a.id}", "dim")
    return header


def _entities(analysis: Analysis) -> Table:
    table = Table(title="Entities", title_justify="left", expand=True)
    for column in ("name", "type", "mentions", "also called", "roles"):
        table.add_column(column)
    ranked = sorted(analysis.entities, key=lambda e: -len(e.mentions))
    for e in ranked:
        table.add_row(plain(e.name), e.type, str(len(e.mentions)), plain("; ".join(e.aliases)),
                      plain("; ".join(e.roles)))
    return table


def _layer_table(title: str, rows: list[tuple[str, ...]], columns: tuple[str, ...]) -> Table:
    table = Table(title=title, title_justify="left", expand=True)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(plain(cell) for cell in row))
    return table


def _layers(analysis: Analysis) -> list[Table]:
    names = {e.id: e.name for e in analysis.entities}
    tables = []
    rows: list[tuple[str, ...]]  # one table's cells, a row per finding
    if analysis.attributions:
        rows = [(names.get(a.speaker or "", a.source.text if a.source else "?"), a.kind,
                 a.content.text[:160], a.channel.text if a.channel else "") for a in analysis.attributions]
        tables.append(_layer_table("Who said what", rows, ("speaker", "kind", "content", "channel")))
    if analysis.timexes:
        rows = [(t.text, t.type, t.value) for t in analysis.timexes]
        tables.append(_layer_table("Time expressions", rows, ("text", "type", "value")))
    if analysis.events:
        rows = [(e.trigger.text, e.code, names.get(e.actor or "", ""), names.get(e.target or "", ""))
                for e in analysis.events]
        tables.append(_layer_table("Events", rows, ("trigger", "CAMEO", "actor", "target")))
    if analysis.claims:
        ranked = sorted(analysis.claims, key=lambda c: -c.checkworthiness)
        rows = [(f"{c.checkworthiness:.2f}", c.voice, c.text[:160]) for c in ranked]
        tables.append(_layer_table("Claims", rows, ("score", "voice", "text")))
    if analysis.techniques:
        rows = [(t.technique, f"{t.confidence:.2f}", t.text[:120]) for t in analysis.techniques]
        tables.append(_layer_table("Persuasion techniques", rows, ("technique", "confidence", "text")))
    return tables


def print_report(analysis: Analysis, out: TextIO) -> None:
    console = Console(file=out, width=110, force_terminal=None)
    body = Group(_header(analysis), _entities(analysis), *_layers(analysis))
    console.print(Panel(body, title="newsprobe", title_align="left"))
