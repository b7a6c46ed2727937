"""Options several commands share, and the store filters built from `newsprobe.query.Filters`.

Choices are Enums and numbers have ranges, so that Typer itself refuses a bad value (exit status 2,
"Invalid value for '--voice' ...") before any work starts."""
from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import Field, fields
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from newsprobe.query import Filters, Voice


# Output choices (StrEnum's functional form: each value is its member's name).
TextOrJsonl = StrEnum("TextOrJsonl", ["text", "jsonl"])
TextOrJson = StrEnum("TextOrJson", ["text", "json"])
TableOrJson = StrEnum("TableOrJson", ["table", "json"])

ConfigOption = Annotated[Path | None, typer.Option("--config", help="TOML config (see default.toml).")]
DbOption = Annotated[str | None, typer.Option(
    "--db", help="sqlite:///path.db (default ./newsprobe.db or $NEWSPROBE_DB) or postgresql+psycopg://...")]
# The query text is the one filter whose form differs per command (words here, --query for stats); in a
# shell the phrase needs its own quotes, hence the help text differs from the API's.
QueryArg = Annotated[list[str] | None, typer.Argument(help='Words (all must match), \'"a phrase"\', OR, -exclude.')]

# Typer refuses values outside these with a clear message (SQLite integers stop at 2**63).
MAX_LIMIT = 10_000
MAX_OFFSET = 1_000_000_000

CLI_TYPES: dict[str, Any] = {"many": list[str], "number": float, "voice": Voice}
FILTERS = [spec for spec in fields(Filters) if spec.name != "text"]  # the text is each command's own


def _option(spec: Field) -> inspect.Parameter:
    meta = spec.metadata
    bounds = {"min": meta["bounds"]["ge"], "max": meta["bounds"]["le"]} if meta["bounds"] else {}
    option = typer.Option(meta["flag"] or "--" + spec.name.replace("_", "-"), help=meta["help"], **bounds)
    annotation: Any = Annotated[CLI_TYPES.get(meta["kind"], str) | None, option]
    return inspect.Parameter(spec.name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)


FILTER_OPTIONS = [_option(spec) for spec in FILTERS]


def with_filters(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give `command` the filter options in place of its `selected: Filters` parameter, and call it with
    the Filters they make (the text left to the command)."""
    signature = inspect.signature(command, eval_str=True)
    parameters: list[inspect.Parameter] = []
    for parameter in signature.parameters.values():
        if parameter.name == "selected":
            parameters.extend(FILTER_OPTIONS)
        else:
            parameters.append(parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY))

    @functools.wraps(command)
    def run(**given: Any) -> Any:
        values = {spec.name: given.pop(spec.name) for spec in FILTERS}
        voice = values["voice"]
        selected = Filters(**{**values, "outlet": values["outlet"] or [],
                              "voice": voice.value if voice is not None else None})
        return command(selected=selected, **given)

    # Typer reads the options from the signature and the annotations.
    run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in parameters}
    return run


def query_text(query: list[str] | str | None) -> str | None:
    """The query words as one string (None when there are none)."""
    if isinstance(query, list):
        return " ".join(query) or None
    return query
